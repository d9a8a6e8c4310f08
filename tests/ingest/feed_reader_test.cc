#include "ingest/feed_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"

namespace storyloom {
namespace {

std::string Meta(const InputUnit& u, const char* key) {
  auto j = nlohmann::json::parse(u.metadata_json, nullptr, false);
  if (!j.is_object() || !j.contains(key)) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

std::string Original(const std::string& bytes, const MappedText& text, uint32_t a, uint32_t b) {
  Span s = text.ToOriginal({a, b});
  return bytes.substr(s.start, s.size());
}

const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Tin Đồng Bằng</title>
  <language>vi-VN</language>
  <item>
    <title>Lũ lớn ở Tân Châu</title>
    <link>https://tin.example/lu-tan-chau</link>
    <pubDate>Tue, 05 Dec 2023 23:30:00 +0700</pubDate>
    <dc:creator>Trần Minh</dc:creator>
    <description>Tóm tắt ngắn.</description>
    <content:encoded><![CDATA[<div class="share">Chia sẻ Facebook Twitter</div>
<p>Nước sông dâng cao làm ngập hơn hai nghìn ngôi nhà ở huyện Tân Châu trong đêm thứ Ba, chính quyền địa phương cho biết.</p>
<p>Lực lượng cứu hộ đã sơ tán hàng trăm hộ dân đến các trường học gần đó và phát nước sạch cho người dân.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only &amp; short</title>
    <link>https://tin.example/ngan</link>
    <pubDate>Wed, 6 Dec 2023 08:00:00 GMT</pubDate>
    <author>toa.soan@tin.example (Lê Hoa)</author>
    <description>&lt;p&gt;Bản tin &lt;b&gt;ngắn&lt;/b&gt; về cứu trợ.&lt;/p&gt;</description>
  </item>
</channel>
</rss>)";

TEST(FeedReader, Rss2ItemsWithContentAndSummaries) {
  std::string bytes = kRss;
  ReadResult r = ReadInput("tin.xml", bytes, {});
  EXPECT_EQ(r.format, Format::kFeed);
  ASSERT_EQ(r.units.size(), 2u);
  const InputUnit& a = r.units[0];
  EXPECT_EQ(a.title, "Lũ lớn ở Tân Châu");
  EXPECT_EQ(a.url, "https://tin.example/lu-tan-chau");
  EXPECT_EQ(a.published, "2023-12-05");  // the day as the publisher wrote it
  EXPECT_EQ(a.byline, "Trần Minh");
  EXPECT_EQ(a.source, "Tin Đồng Bằng");
  EXPECT_EQ(a.lang, "vi-VN");
  EXPECT_EQ(a.line, 6u);
  EXPECT_NE(a.text.text().find("Nước sông dâng cao"), std::string::npos);
  EXPECT_EQ(a.text.text().find("Chia sẻ Facebook"), std::string::npos) << a.text.text();
  EXPECT_EQ(Meta(a, "summary_only"), "");
  // The article's words lead back to their bytes inside the CDATA section.
  size_t at = a.text.text().find("Lực lượng");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(Original(bytes, a.text, at, at + std::string("Lực lượng").size()), "Lực lượng");

  const InputUnit& b = r.units[1];
  EXPECT_EQ(b.title, "Summary only & short");
  EXPECT_EQ(b.byline, "Lê Hoa");
  EXPECT_EQ(b.published, "2023-12-06");
  EXPECT_EQ(b.text.text(), "Bản tin ngắn về cứu trợ.");
  EXPECT_EQ(Meta(b, "summary_only"), "true");
  // A summary maps to its item's bytes.
  std::string item = Original(bytes, b.text, 0, 3);
  EXPECT_TRUE(item.starts_with("<item>")) << item;
  EXPECT_NE(item.find("Summary only"), std::string::npos);
}

TEST(FeedReader, AtomEntriesHtmlXhtmlAndBase) {
  std::string bytes = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://news.example/world/">
  <title>World desk</title>
  <entry>
    <title type="html">&lt;b&gt;Ceasefire&lt;/b&gt; holds in Varenna</title>
    <link rel="alternate" href="ceasefire-holds"/>
    <id>tag:news.example,2024:1</id>
    <published>2024-03-02T06:15:00-05:00</published>
    <updated>2024-03-02T09:00:00Z</updated>
    <author><name>Ada Okafor</name></author>
    <content type="html">&lt;p&gt;The ceasefire between the two militias held for a third day on Saturday, monitors said, as aid convoys reached the northern districts.&lt;/p&gt;&lt;p&gt;Talks resume on Monday in the capital with both delegations.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="fr">
    <title>Trêve à Varenna</title>
    <link href="https://autre.example/treve"/>
    <id>tag:news.example,2024:2</id>
    <updated>2024-03-03T10:00:00+01:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>La trêve entre les deux milices a tenu pour le troisième jour samedi, selon les observateurs, et les convois d'aide sont arrivés dans le nord.</p></div></content>
  </entry>
  <entry>
    <title>Only a summary</title>
    <id>tag:news.example,2024:3</id>
    <updated>2024-03-04T10:00:00Z</updated>
    <summary>Short note on the talks.</summary>
  </entry>
</feed>)";
  ReadResult r = ReadInput("world.atom", bytes, {});
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].title, "Ceasefire holds in Varenna");
  EXPECT_EQ(r.units[0].url, "https://news.example/world/ceasefire-holds");
  EXPECT_EQ(r.units[0].published, "2024-03-02");
  EXPECT_EQ(r.units[0].byline, "Ada Okafor");
  EXPECT_EQ(r.units[0].lang, "en");
  EXPECT_EQ(r.units[0].source, "World desk");
  EXPECT_NE(r.units[0].text.text().find("Talks resume on Monday"), std::string::npos);
  EXPECT_EQ(r.units[1].lang, "fr");
  EXPECT_EQ(r.units[1].url, "https://autre.example/treve");
  EXPECT_EQ(r.units[1].published, "2024-03-03");
  EXPECT_NE(r.units[1].text.text().find("La trêve entre les deux milices"), std::string::npos);
  EXPECT_EQ(r.units[2].text.text(), "Short note on the talks.");
  EXPECT_EQ(Meta(r.units[2], "summary_only"), "true");
}

TEST(FeedReader, RdfAndNewsSitemap) {
  std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://berita.example/"><title>Berita Kita</title><dc:language>id</dc:language></channel>
  <item rdf:about="https://berita.example/banjir">
    <title>Banjir di Kalimaya</title>
    <link>https://berita.example/banjir</link>
    <description>Banjir merendam ratusan rumah di Kalimaya pada Selasa malam.</description>
    <dc:date>2023-12-05T20:00+07:00</dc:date>
    <dc:creator>Siti Rahma</dc:creator>
  </item>
</rdf:RDF>)";
  ReadResult r = ReadInput("berita.rdf", rdf, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].title, "Banjir di Kalimaya");
  EXPECT_EQ(r.units[0].published, "2023-12-05");
  EXPECT_EQ(r.units[0].byline, "Siti Rahma");
  EXPECT_EQ(r.units[0].lang, "id");
  EXPECT_EQ(r.units[0].source, "Berita Kita");

  std::string sitemap = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.org/a</loc></url>
  <url>
    <loc>https://example.org/news/aid</loc>
    <news:news>
      <news:publication><news:name>The Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2023-12-07T08:00:00+00:00</news:publication_date>
      <news:title>Aid reaches flooded district</news:title>
    </news:news>
  </url>
</urlset>)";
  r = ReadInput("sitemap.xml", sitemap, {});
  EXPECT_EQ(r.format, Format::kFeed);
  ASSERT_EQ(r.units.size(), 1u);  // the entry without news: markup is not news
  EXPECT_EQ(r.units[0].url, "https://example.org/news/aid");
  EXPECT_EQ(r.units[0].title, "Aid reaches flooded district");
  EXPECT_EQ(r.units[0].text.text(), "Aid reaches flooded district");
  EXPECT_EQ(r.units[0].source, "The Example");
  EXPECT_EQ(r.units[0].published, "2023-12-07");
  EXPECT_EQ(Meta(r.units[0], "summary_only"), "true");
}

TEST(FeedReader, BrokenXmlRecoversWhatItCanAndSaysWhere) {
  std::string bytes =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Broken & Co</title>\n"
      "<item><title>Caf&eacute; prices rise&nbsp;again</title><description>First item, fine.</description></item>\n"
      "<item><title>Second</title><description>A bare <br> and more text.</description></item>\n"
      "<item><title>Third, cut short</title><description>The file ends in the mid";
  ReadResult r = ReadInput("broken.xml", bytes, {});
  ASSERT_GE(r.units.size(), 2u);
  // HTML entities XML does not declare are read as HTML reads them.
  EXPECT_EQ(r.units[0].title, "Café prices rise\u00a0again");
  EXPECT_NE(r.units[1].text.text().find("more text"), std::string::npos);
  bool said = false;
  for (const InputIssue& i : r.issues) {
    if (i.message.find("broken XML") != std::string::npos && i.line > 0) said = true;
  }
  EXPECT_TRUE(said);
}

TEST(FeedReader, ExternalEntitiesAreNeverRead) {
  std::string bytes =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>\n"
      "<rss version=\"2.0\"><channel><title>T</title><item><title>Leak &secret; here</title>"
      "<description>Body text of the item.</description></item></channel></rss>";
  ReadResult r = ReadInput("x.rss", bytes, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].title, "Leak here");
}

TEST(FeedReader, NotAFeedAndEmptyFeedAreSaid) {
  ReadResult r = ReadInput("other.rss", "<?xml version=\"1.0\"?><catalog><book>x</book></catalog>", {});
  EXPECT_TRUE(r.units.empty());
  ASSERT_FALSE(r.issues.empty());
  EXPECT_NE(r.issues.back().message.find("not a feed"), std::string::npos);
  r = ReadInput("empty.rss", "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>", {});
  EXPECT_TRUE(r.units.empty());
  ASSERT_FALSE(r.issues.empty());
  EXPECT_NE(r.issues.back().message.find("no items"), std::string::npos);
}

TEST(FeedReader, SniffAndDates) {
  EXPECT_EQ(SniffFormat("x.xml", "<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">"), Format::kFeed);
  EXPECT_EQ(SniffFormat("x", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Format::kFeed);
  EXPECT_EQ(SniffFormat("x", "<rdf:RDF xmlns:rdf=\"...\">"), Format::kFeed);
  // Other XML goes to the feed reader, which says it is not a feed.
  EXPECT_EQ(SniffFormat("x.xml", "<?xml version=\"1.0\"?><catalog/>"), Format::kFeed);
  EXPECT_EQ(SniffFormat("x.xml", "<?xml version=\"1.0\"?><html><body>x</body></html>"), Format::kHtml);
  EXPECT_EQ(SniffFormat("crawl.warc.gz", "x"), Format::kWarc);
  EXPECT_EQ(FeedDate("Tue, 05 Dec 2023 23:30:00 +0700"), "2023-12-05");
  EXPECT_EQ(FeedDate("5 Dec 23 08:00 EST"), "2023-12-05");
  EXPECT_EQ(FeedDate("2023-12-05T20:00+07:00"), "2023-12-05");
  EXPECT_EQ(FeedDate("Tue, 31 Feb 2023 10:00:00 GMT"), std::nullopt);
  EXPECT_EQ(FeedDate("soon"), std::nullopt);
  EXPECT_EQ(FeedDate("Thursday, May 16, 2024 10:00 AM"), "2024-05-16");
  EXPECT_EQ(FeedDate("March 3rd, 2024"), "2024-03-03");
}

// A relative item link is on the channel's site; an unreadable pubDate is
// backed by the item's dc:date, and said as a note.
TEST(FeedReader, RelativeLinksResolveOnTheChannelsSiteAndAnotherDateBacksABadOne) {
  std::string bytes = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Port desk</title>
<link>https://port.example/news/</link>
<item><title>Fee protest</title><link>/news/port-fee-protest</link><pubDate>yesterday</pubDate>
<dc:date>2024-05-19T10:00:00Z</dc:date><description>Dockers marched against the new fee.</description></item>
<item><title>Ferry</title><link>ferry-resumes?utm_source=rss</link><pubDate>soon</pubDate>
<description>The ferry sails again.</description></item>
<item><title>Elsewhere</title><link>https://other.example/a</link><description>Elsewhere.</description></item>
</channel></rss>)";
  ReadResult r = ReadInput("/var/feeds/port.xml", bytes, {});
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].url, "https://port.example/news/port-fee-protest");
  EXPECT_EQ(r.units[1].url, "https://port.example/news/ferry-resumes?utm_source=rss");
  EXPECT_EQ(r.units[2].url, "https://other.example/a");
  EXPECT_EQ(r.units[0].published, "2024-05-19");
  EXPECT_EQ(r.units[1].published, std::nullopt);
  size_t problems = 0, notes = 0;
  for (const InputIssue& i : r.issues) {
    if (i.message.find("unrecognised item date 'yesterday'; its other date") != std::string::npos) notes += i.note;
    if (i.message == "unrecognised item date 'soon'") problems += !i.note;
  }
  EXPECT_EQ(notes, 1u);
  EXPECT_EQ(problems, 1u);
}

}  // namespace
// An atom:link rel="self" before an item's own <link> is not its address.
TEST(FeedReader, AnItemsOwnLinkWinsOverAnAtomLinkBeforeIt) {
  std::string bytes = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Desk</title>
<item><atom:link rel="self" href="https://desk.example/feed/1"/><title>One</title>
<link>https://desk.example/news/1</link><description>The first report of the day.</description></item>
<item><title>Two</title><atom:link rel="alternate" href="https://desk.example/news/2"/>
<description>The second report, linked only the Atom way.</description></item>
</channel></rss>)";
  ReadResult r = ReadInput("desk.xml", bytes, {});
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].url, "https://desk.example/news/1");
  EXPECT_EQ(r.units[1].url, "https://desk.example/news/2");
}

// An Atom type="text" title is text: an escaped '<' stays, an escaped
// '&amp;' stays one '&'. Relative links without an xml:base stay relative,
// never a path on this machine.
TEST(FeedReader, AtomTextTitlesAreTextAndRelativeLinksStayRelative) {
  std::string bytes = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Notes</title><id>urn:notes</id>
<updated>2024-02-01T00:00:00Z</updated>
<entry><title type="text">std::vector&lt;bool&gt; is not a container &amp;amp; other notes</title>
<link href="notes/vector-bool.html"/><id>urn:n1</id><updated>2024-02-01T00:00:00Z</updated>
<content type="text">A long note on why the specialisation surprises people who store flags in it.</content></entry>
</feed>)";
  ReadResult r = ReadInput("/var/feeds/notes.atom", bytes, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].title, "std::vector<bool> is not a container &amp; other notes");
  EXPECT_EQ(r.units[0].url, "notes/vector-bool.html");
}

// Lines past 65535 are told as they are.
TEST(FeedReader, LinesPastSixtyFiveThousandAreToldExactly) {
  std::string bytes = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Big</title>\n";
  for (int k = 0; k < 70000; ++k) bytes += "<!-- padding -->\n";
  size_t line = 3 + 70000;
  bytes += "<item><title>Late</title><link>https://big.example/late</link><pubDate>not a date</pubDate>"
           "<description>An item far down a large feed.</description></item>\n</channel></rss>\n";
  ReadResult r = ReadInput("big.xml", bytes, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].line, line);
  bool said = false;
  for (const InputIssue& i : r.issues) said |= i.line == line && i.message.find("not a date") != std::string::npos;
  EXPECT_TRUE(said);
}

// A feed in a legacy encoding is read by what its declaration says.
TEST(FeedReader, TheDeclaredEncodingReadsTheFeed) {
  // "Новости" and a sentence in windows-1251: short enough that a guess
  // could go wrong.
  std::string title = "\xcd\xee\xe2\xee\xf1\xf2\xe8";
  std::string bytes = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<rss version=\"2.0\"><channel><title>" +
                      title + "</title><item><title>" + title + "</title><link>https://ru.example/1</link>"
                      "<description>" + title + " " + title + "</description></item></channel></rss>";
  ReadResult r = ReadInput("ru.xml", bytes, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].title, "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8");
  EXPECT_EQ(r.units[0].source, r.units[0].title);
}

}  // namespace storyloom
