#include "ingest/reader.h"

#include <gtest/gtest.h>

#include "ingest/decode.h"

namespace storyloom {
namespace {

TEST(SniffFormat, ByNameThenByContent) {
  EXPECT_EQ(SniffFormat("feed.jsonl", "anything"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("feed.jsonl.gz", "anything"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("page.htm", "anything"), Format::kHtml);
  EXPECT_EQ(SniffFormat("x", "{\"text\": \"a\"}\n{\"text\": \"b\"}"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("x", "  <!DOCTYPE html><html><body>hi</body></html>"), Format::kHtml);
  EXPECT_EQ(SniffFormat("x", "{not json at all"), Format::kText);
  EXPECT_EQ(SniffFormat("x", "Plain news text."), Format::kText);
}

TEST(NormalizePublished, CommonShapes) {
  EXPECT_EQ(NormalizePublished("2025-03-14T11:20:00Z"), "2025-03-14");
  EXPECT_EQ(NormalizePublished("2025-03-14"), "2025-03-14");
  EXPECT_EQ(NormalizePublished("14/03/2025"), "2025-03-14");
  EXPECT_EQ(NormalizePublished("14.3.2025"), "2025-03-14");
  EXPECT_EQ(NormalizePublished("yesterday"), std::nullopt);
  EXPECT_EQ(NormalizePublished("2025-13-40"), std::nullopt);
}

TEST(ReadInput, LinesKeepTheirLineNumbersAndSpans) {
  std::string bytes = "First lead about the harbour.\n\nSecond lead about the bridge.\n";
  ReadOptions o;
  o.format = Format::kLines;
  ReadResult r = ReadInput("leads.txt", bytes, o);
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[1].line, 3u);
  EXPECT_EQ(bytes.substr(r.units[1].raw_span.start, r.units[1].raw_span.size()), "Second lead about the bridge.");
}

TEST(ReadInput, JsonlFieldsAndExactOffsets) {
  std::string bytes =
      "{\"title\": \"T\", \"text\": \"Body of the item.\", \"lang\": \"en\", \"extra\": 3}\n"
      "{\"text\": \"Escaped \\\"quote\\\" here.\"}\n";
  ReadResult r = ReadInput("f.jsonl", bytes, {});
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].title, "T");
  EXPECT_EQ(r.units[0].metadata_json, "{\"extra\":3}");
  Span s = r.units[0].text.ToOriginal({0, 4});
  EXPECT_EQ(bytes.substr(s.start, s.size()), "Body");
  EXPECT_EQ(r.units[1].text.text(), "Escaped \"quote\" here.");
}

TEST(Decode, LegacyEncodingIsConvertedAndMapped) {
  std::string latin1 = "Une r\xE9union \xE0 la mairie a eu lieu mardi soir avec les \xE9lus du quartier.";
  DecodedText d = DecodeToUtf8(latin1);
  EXPECT_EQ(d.invalid, 0u);
  EXPECT_NE(d.text.text().find("réunion à la mairie"), std::string::npos);
  EXPECT_NE(d.encoding, "UTF-8");
}

TEST(Decode, DeclaredCharsetsAreReadAsBrowsersReadThem) {
  // Windows-1252 bytes labelled ISO-8859-1, as most "Latin-1" pages are: the
  // apostrophe (0x92) and the euro sign (0x80) are characters, not controls.
  const std::string cp1252 = "C\x92" "est l\x92" "adjointe qui a vot\xE9 les 180 000 \x80 du budget.";
  DecodedText d = DecodeToUtf8(cp1252, "ISO-8859-1");
  EXPECT_EQ(d.text.text(), "C’est l’adjointe qui a voté les 180 000 € du budget.");
  EXPECT_EQ(d.invalid, 0u);
  // The same kind of bytes labelled UTF-8, which they are not: read as if
  // unlabelled, not turned into replacement characters.
  const std::string french = "Une r\xE9union \xE0 la mairie a eu lieu mardi soir avec les \xE9lus du quartier, "
                             "l\x92\xE9t\xE9 dernier, pr\xE8s de la f\xEAte.";
  DecodedText lied = DecodeToUtf8(french, "utf-8");
  EXPECT_NE(lied.text.text().find("réunion à la mairie"), std::string::npos) << lied.text.text();
  EXPECT_EQ(lied.text.text().find("\uFFFD"), std::string::npos) << lied.text.text();
  EXPECT_NE(lied.encoding, "UTF-8");
}

TEST(Addresses, TrackingParametersAreNotPartOfAnAddress) {
  EXPECT_EQ(WithoutTrackingParameters("https://a.example/news/1?utm_source=rss&utm_medium=feed"),
            "https://a.example/news/1");
  EXPECT_EQ(WithoutTrackingParameters("https://a.example/item?id=42&fbclid=XyZ&page=2#top"),
            "https://a.example/item?id=42&page=2#top");
  EXPECT_EQ(WithoutTrackingParameters("https://a.example/item?id=42"), "https://a.example/item?id=42");
  EXPECT_EQ(WithoutTrackingParameters("https://a.example/plain"), "https://a.example/plain");
  EXPECT_EQ(WithoutTrackingParameters(""), "");
  EXPECT_EQ(HostOf("https://WWW.News.example:8443/a?b"), "news.example");
  EXPECT_EQ(HostOf("notes/local.html"), "");
}

TEST(Decode, InvalidUtf8BytesAreReplacedAndCounted) {
  DecodedText d = DecodeToUtf8("Xin ch\xC3\xA0o \xFF th\xE1\xBA\xBF gi\xE1\xBB\x9Bi, hôm nay trời đẹp và mát mẻ.");
  EXPECT_EQ(d.invalid, 1u);
  size_t at = d.text.text().find("\xEF\xBF\xBD");
  ASSERT_NE(at, std::string::npos);
  Span s = d.text.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 3)});
  EXPECT_EQ(s, (Span{10, 11}));  // "Xin chào " is 10 bytes
}

}  // namespace
}  // namespace storyloom
