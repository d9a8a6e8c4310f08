#include <gtest/gtest.h>

#include <string>

#include "html/page_metadata.h"
#include "storyloom/html.h"

namespace storyloom {
namespace {

// A news page as sites build them: chrome above and below, the article in
// the middle with a share bar, a related-stories rail and comments.
constexpr char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Flood barrier opens early | The Riverside Courier</title>
<meta property="og:title" content="Flood barrier opens early">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="article:published_time" content="2019-11-19T08:30:00Z">
<meta name="author" content="Ana Pereira">
<link rel="canonical" href="https://courier.example/news/flood-barrier">
<script>var tracking = "<p>not text</p>";</script>
</head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div id="page">
<article class="story">
<h1>Flood barrier opens early</h1>
<div class="byline">By Ana Pereira, environment reporter</div>
<div class="story-body">
<p>The river authority closed the new flood barrier for the first time on Monday night, three weeks before it was due to open, after forecasters warned of a surge.</p>
<p>Engineers said the gates, which took four years to build, held back water that would otherwise have reached the high street, the station and about 300 homes.</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
<h2>Questions about cost</h2>
<p>Councillors asked why the project had cost twice the first estimate, and the authority promised a full account at its December meeting, including the contractor's claims.</p>
<ul><li>Gates: 12 steel sections, each 20 metres wide</li><li>Cost: 48 million, up from 24 million</li></ul>
<p>Residents who were moved out on Monday evening were allowed home by Tuesday lunchtime, the council said, and schools reopened as normal.</p>
</div>
<div class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">River levels to stay high all week, forecasters say in new warning</a></li>
<li><a href="/b">Council approves new budget for road repairs and bridges this winter</a></li></ul></div>
</article>
<section id="comments" class="comments-area"><h3>3 comments</h3>
<div class="comment"><p>Finally, after all these years of waiting, the barrier works, and it only cost us twice as much as promised.</p></div>
<div class="comment"><p>My street flooded in 2012 and I still remember the smell, so I am glad to see this, whatever it cost, honestly.</p></div>
</section>
</div>
<footer class="site-footer"><p>Copyright 2019 The Riverside Courier. All rights reserved. Contact us, advertise with us, privacy policy.</p></footer>
</body></html>)";

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

bool RemovedFor(const HtmlArticle& a, std::string_view reason, std::string_view text) {
  for (const RemovedSpan& r : a.removed) {
    if (r.reason == reason && Contains(r.text, text)) return true;
  }
  return false;
}

TEST(ExtractArticle, KeepsArticleParagraphsInOrder) {
  HtmlArticle a = ExtractArticle(kNewsPage);
  const std::string& body = a.body.text();
  size_t first = body.find("The river authority closed");
  size_t second = body.find("Engineers said the gates");
  size_t heading = body.find("Questions about cost");
  size_t third = body.find("Councillors asked why");
  size_t list = body.find("Gates: 12 steel sections");
  size_t last = body.find("Residents who were moved out");
  ASSERT_NE(first, std::string::npos) << body;
  EXPECT_LT(first, second);
  EXPECT_LT(second, heading);
  EXPECT_LT(heading, third);
  EXPECT_LT(third, list);
  EXPECT_LT(list, last);
  EXPECT_NE(last, std::string::npos) << body;
  // Paragraphs are separated by a blank line.
  EXPECT_TRUE(Contains(body, "of a surge.\n\nEngineers said")) << body;
  EXPECT_TRUE(body.ends_with("schools reopened as normal.")) << body;
}

TEST(ExtractArticle, LeavesOutChromeAndReportsIt) {
  HtmlArticle a = ExtractArticle(kNewsPage);
  const std::string& body = a.body.text();
  EXPECT_FALSE(Contains(body, "Weather")) << body;
  EXPECT_FALSE(Contains(body, "Share on Facebook")) << body;
  EXPECT_FALSE(Contains(body, "River levels to stay high")) << body;
  EXPECT_FALSE(Contains(body, "My street flooded")) << body;
  EXPECT_FALSE(Contains(body, "All rights reserved")) << body;
  EXPECT_FALSE(Contains(body, "not text")) << body;
  EXPECT_FALSE(Contains(body, "Flood barrier opens early")) << "the headline is the title, not the body";
  EXPECT_TRUE(RemovedFor(a, "navigation", "Weather"));
  EXPECT_TRUE(RemovedFor(a, "share", "Share on Facebook"));
  EXPECT_TRUE(RemovedFor(a, "related", "River levels to stay high"));
  EXPECT_TRUE(RemovedFor(a, "comments", "My street flooded"));
  EXPECT_TRUE(RemovedFor(a, "footer", "All rights reserved"));
  // One entry per block, not one per node.
  EXPECT_LT(a.removed.size(), 12u);
  // A removed span covers its block in the html.
  std::string_view html(kNewsPage);
  for (const RemovedSpan& r : a.removed) {
    ASSERT_LE(r.span.end, html.size());
    if (r.reason == "comments") {
      EXPECT_TRUE(html.substr(r.span.start, r.span.size()).starts_with("<section"));
    }
  }
}

TEST(ExtractArticle, ReadsMetadata) {
  HtmlArticle a = ExtractArticle(kNewsPage);
  EXPECT_EQ(a.title, "Flood barrier opens early");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(*a.published, "2019-11-19");
  EXPECT_EQ(a.site, "The Riverside Courier");
  EXPECT_EQ(a.byline, "Ana Pereira");
  EXPECT_EQ(a.lang, "en-gb");
  EXPECT_EQ(a.url, "https://courier.example/news/flood-barrier");
}

TEST(ExtractArticle, DateFromJsonLdOrTimeElement) {
  HtmlArticle ld = ExtractArticle(R"(<html><head><script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Port strike ends",
     "datePublished":"2020-03-04T10:00:00+01:00","publisher":{"@type":"Organization","name":"Harbour News"}}]}
    </script></head><body><p>Dockers voted to return to work.</p></body></html>)");
  ASSERT_TRUE(ld.published.has_value());
  EXPECT_EQ(*ld.published, "2020-03-04");
  EXPECT_EQ(ld.title, "Port strike ends");
  EXPECT_EQ(ld.site, "Harbour News");

  HtmlArticle time = ExtractArticle(
      "<html><body><time datetime=\"2018-07-02\">2 July</time><p>Text.</p></body></html>");
  ASSERT_TRUE(time.published.has_value());
  EXPECT_EQ(*time.published, "2018-07-02");

  HtmlArticle none = ExtractArticle("<html><body><p>No date here.</p></body></html>");
  EXPECT_FALSE(none.published.has_value());
}

TEST(ExtractArticle, DecodesEntitiesAndMapsOffsetsToTheHtml) {
  std::string html =
      "<html><body><div class=\"article-body\">"
      "<p>Caf&eacute; owners &amp; staff said&nbsp;no to the plan on Tuesday, "
      "according to minutes of the meeting, which ran late.</p>"
      "<p>The second   paragraph\n  keeps its words, and its own commas, and its place in line.</p>"
      "</div></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  ASSERT_TRUE(Contains(body, "Café owners & staff said no to the plan")) << body;
  ASSERT_TRUE(Contains(body, "The second paragraph keeps its words")) << body;

  auto original = [&](std::string_view part) {
    size_t at = body.find(part);
    Span s = a.body.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + part.size())});
    return html.substr(s.start, s.size());
  };
  EXPECT_EQ(original("é"), "&eacute;");
  EXPECT_EQ(original("&"), "&amp;");
  EXPECT_EQ(original("owners"), "owners");
  EXPECT_EQ(original("Café owners"), "Caf&eacute; owners");
  EXPECT_EQ(original("Tuesday"), "Tuesday");
  EXPECT_EQ(original("keeps its words"), "keeps its words");
}

TEST(ExtractArticle, OffsetsSurviveLargeScriptsBeforeTheText) {
  std::string html = "<html><head><script>";
  html += std::string(5000, 'x');
  html += "</script><style>p{color:red}</style></head><body><div class=\"content\">";
  html += "<p>Ministers met in Jakarta on Friday to agree the terms, officials said, after a week of talks.</p>";
  html += "</div><script>var after = 1;</script></body></html>";
  HtmlArticle a = ExtractArticle(html);
  const std::string& body = a.body.text();
  size_t at = body.find("Jakarta");
  ASSERT_NE(at, std::string::npos) << body;
  Span s = a.body.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)});
  EXPECT_EQ(html.substr(s.start, s.size()), "Jakarta");
}

TEST(ExtractArticle, SurvivesSoupAndEmptyInput) {
  EXPECT_TRUE(ExtractArticle("").body.empty());
  EXPECT_TRUE(ExtractArticle("   ").body.empty());
  std::string soup_html =
      "<div><p>Unclosed paragraphs, <b>bold words, <i>and italics all run on here</div></p></b> &bogus; "
      "&#xZZ; <table><td>cell<p>in table</table><p>Another unclosed paragraph, with commas, follows it"
      "<script>unterminated";
  HtmlArticle soup = ExtractArticle(soup_html);
  EXPECT_TRUE(Contains(soup.body.text(), "bold words, and italics")) << soup.body.text();
  for (const OffsetRun& r : soup.body.runs()) EXPECT_LE(r.orig_start + r.orig_len, soup_html.size());

  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep text";
  ExtractArticle(deep);  // must not crash or overflow the stack

  std::string binary;
  for (int i = 0; i < 70000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  ExtractArticle(binary);

  std::string big = "<html><body>";
  for (int i = 0; i < 20000; ++i) big += "<p>Paragraph number " + std::to_string(i) + ", with a comma.</p>";
  HtmlArticle large = ExtractArticle(big);
  EXPECT_TRUE(Contains(large.body.text(), "Paragraph number 19999")) << large.body.text().substr(0, 200);
}

TEST(ExtractArticle, TextNestedVeryDeepIsStillFound) {
  // 600 and 5,000 levels of wrappers around a real article: beyond what is
  // kept as elements, the text must survive.
  for (int levels : {600, 5000}) {
    std::string page = "<html><head><title>Harbour strike ends</title></head><body>";
    for (int i = 0; i < levels; ++i) page += i % 2 ? "<span>" : "<div class=\"wrap\">";
    page += "<article><h1>Harbour strike ends</h1>"
            "<p>Dock workers in the port city voted on Monday to accept a new pay offer, ending a strike that had "
            "held up hundreds of ships for nine days, the union said.</p>"
            "<p>Shipping companies said the backlog would take about two weeks to clear, and the first ships were "
            "already being unloaded on Tuesday morning.</p></article>";
    for (int i = levels - 1; i >= 0; --i) page += i % 2 ? "</span>" : "</div>";
    page += "</body></html>";
    HtmlArticle a = ExtractArticle(page);
    EXPECT_TRUE(Contains(a.body.text(), "Dock workers in the port city voted")) << levels << ": " << a.body.text();
    EXPECT_TRUE(Contains(a.body.text(), "already being unloaded on Tuesday")) << levels << ": " << a.body.text();
  }
}

TEST(ExtractArticle, AuthorIsThePersonNotTheOrganisation) {
  HtmlArticle a = ExtractArticle(R"(<html><head>
    <meta property="og:site_name" content="Valley Health">
    <meta name="author" content="Valley Health">
    <script type="application/ld+json">{"@type":"Article","headline":"Sleep and the heart",
      "author":[{"@type":"Organization","name":"Valley Health"},{"@type":"Person","name":"Mara Lindqvist"}]}
    </script></head><body><h1>Sleep and the heart</h1><p>Short nights raise blood pressure.</p></body></html>)");
  EXPECT_EQ(a.byline, "Mara Lindqvist");

  // An author given only by @id is looked up among the graph's people.
  HtmlArticle ref = ExtractArticle(R"(<html><head><script type="application/ld+json">
    {"@graph":[{"@type":"BlogPosting","headline":"Pruning roses","author":{"@id":"#p1"}},
               {"@type":"Person","@id":"#p1","name":"Tomas Ek"}]}
    </script></head><body><h1>Pruning roses</h1><p>Cut above an outward bud.</p></body></html>)");
  EXPECT_EQ(ref.byline, "Tomas Ek");

  // Raw line breaks inside JSON-LD strings do not lose the block.
  HtmlArticle raw = ExtractArticle("<html><head><script type=\"application/ld+json\">"
                                   "{\"@type\":\"Article\",\"description\":\"two\nlines\","
                                   "\"author\":{\"@type\":\"Person\",\"name\":\"Ines Duarte\"}}"
                                   "</script></head><body><p>Text.</p></body></html>");
  EXPECT_EQ(raw.byline, "Ines Duarte");
}

TEST(ExtractArticle, BylineBesideTheHeadline) {
  HtmlArticle a = ExtractArticle(R"(<html><head>
    <meta name="author" content="page.head.extra.author"></head><body>
    <header><h1>Tide tables explained</h1>
    <div class="post-meta"><div class="author-wrap"><img class="author-avatar" src="a.png">
      <span class="author-name">Priya Raman</span></div></div></header>
    <p>Two high tides a day is the rule on most coasts, but not all of them.</p></body></html>)");
  EXPECT_EQ(a.byline, "Priya Raman");

  HtmlArticle label = ExtractArticle(R"(<html><body><h1>Tide tables explained</h1>
    <div><div>Written by</div><div>Priya Raman</div></div>
    <p>Two high tides a day is the rule on most coasts, but not all of them.</p></body></html>)");
  EXPECT_EQ(label.byline, "Priya Raman");
}

TEST(ExtractArticle, DateTheHeadlineShows) {
  // The page shows its date beside the headline in words; the related list
  // far below has older dates.
  std::string related;
  for (int i = 0; i < 20; ++i) {
    related += "<p>Another story about the coast and its tides, with more words to read.</p>";
  }
  HtmlArticle a = ExtractArticle(R"(<html><body><h1>Tide tables explained</h1>
    <div class="meta"><span>Published on</span> <span>March 3rd, 2024</span></div>)" +
                                 related + R"(<ul class="related"><li>Jan 2, 2019</li></ul></body></html>)");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(*a.published, "2024-03-03");

  // An update date shown by the headline gives way to the stated
  // publication date, but stands in when the page states none.
  const char* updated = R"(<h1>Tide tables explained</h1>
    <div class="meta"><span>Last updated:</span> <span>5 June 2025</span></div>
    <p>Two high tides a day is the rule on most coasts, but not all of them.</p></body></html>)";
  HtmlArticle with_meta = ExtractArticle(
      std::string("<html><head><meta property=\"article:published_time\" content=\"2023-01-10\"></head><body>") +
      updated);
  ASSERT_TRUE(with_meta.published.has_value());
  EXPECT_EQ(*with_meta.published, "2023-01-10");
  HtmlArticle alone = ExtractArticle(std::string("<html><body>") + updated);
  ASSERT_TRUE(alone.published.has_value());
  EXPECT_EQ(*alone.published, "2025-06-05");
}

TEST(PageMetadata, DateFromText) {
  EXPECT_EQ(html::DateFromText("Published on March 3, 2024").value_or(""), "2024-03-03");
  EXPECT_EQ(html::DateFromText("Updated: Sept. 21st, 2023 at 9:00").value_or(""), "2023-09-21");
  EXPECT_EQ(html::DateFromText("3 Mar 2024").value_or(""), "2024-03-03");
  EXPECT_EQ(html::DateFromText("the 4th of July 1999").value_or(""), "1999-07-04");
  EXPECT_EQ(html::DateFromText("23.07.2025").value_or(""), "2025-07-23");
  EXPECT_EQ(html::DateFromText("Last updated 2025-02-22").value_or(""), "2025-02-22");
  EXPECT_EQ(html::DateFromText("Oct 01, 2025T10:00:00+03:00").value_or(""), "2025-10-01");
  EXPECT_FALSE(html::DateFromText("May the best team win in 2024").has_value());
  EXPECT_FALSE(html::DateFromText("07/08/2024").has_value());
  EXPECT_FALSE(html::DateFromText("Order 20240115").has_value());
}

TEST(PageMetadata, CleanByline) {
  EXPECT_EQ(html::CleanByline("By Ana Pereira"), "Ana Pereira");
  EXPECT_EQ(html::CleanByline("Written by: Ana Pereira"), "Ana Pereira");
  EXPECT_EQ(html::CleanByline("Byron Hale"), "Byron Hale");
  EXPECT_EQ(html::CleanByline("https://example.org/staff/ana"), "");
  EXPECT_EQ(html::CleanByline("desk@example.org"), "");
  EXPECT_EQ(html::CleanByline("262588213843476"), "");
  EXPECT_EQ(html::CleanByline("page.head.extra.author"), "");
  EXPECT_EQ(html::CleanByline("{{ post.author }}"), "");
  EXPECT_EQ(html::CleanByline("By\xC2\xA0" "Ana Pereira -"), "Ana Pereira");
  EXPECT_EQ(html::CleanByline("Recipe by: Ana Pereira"), "Ana Pereira");
  EXPECT_EQ(html::CleanByline("Maria &amp; Katerina"), "Maria & Katerina");
}

TEST(ExtractArticle, BylineAnywhereButNotASentence) {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "<p>Two high tides a day is the rule on most coasts, but not all.</p>";
  HtmlArticle a = ExtractArticle("<html><body><h1>Tide tables</h1>" + filler +
                                 "<p>By clicking accept you agree to cookies.</p>"
                                 "<div class=\"author-box\"><a href=\"/author/priya\">Priya Raman</a></div></body></html>");
  EXPECT_EQ(a.byline, "Priya Raman");
}

TEST(ExtractArticle, DateFromASiteSpecificPublishedMeta) {
  HtmlArticle a = ExtractArticle(R"(<html><head><meta name="published" content="July 17, 2025"></head>
    <body><p>Text.</p></body></html>)");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(*a.published, "2025-07-17");
}

TEST(LooksLikeHtml, RecognisesPagesNotText) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html>"));
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF  <HTML lang=vi>"));
  EXPECT_TRUE(LooksLikeHtml("<meta charset=utf-8><title>x</title>"));
  EXPECT_FALSE(LooksLikeHtml("Plain text with a < sign and <b> in it"));
  EXPECT_FALSE(LooksLikeHtml(""));
}

}  // namespace
}  // namespace storyloom
