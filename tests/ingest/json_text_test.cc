#include "ingest/json_text.h"

#include <gtest/gtest.h>

#include "ingest/reader.h"

namespace storyloom {
namespace {

TEST(JsonText, EscapesDecodeAndMapBackToTheirBytes) {
  std::string line = R"({"id": 1, "text": "Line one.\nSay \"hi\" \u00e9t\u00e9 \ud83d\ude00 end"})";
  MappedText map = MappedText::Identity(line);
  size_t q = FindJsonStringValue(line, "text");
  ASSERT_NE(q, std::string::npos);
  auto decoded = DecodeJsonStringMapped(map, q);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text(), "Line one.\nSay \"hi\" été 😀 end");
  // "Say" is copied verbatim: its bytes in the line are exactly its own.
  size_t say = decoded->text().find("Say");
  Span s = decoded->ToOriginal({static_cast<uint32_t>(say), static_cast<uint32_t>(say + 3)});
  EXPECT_EQ(line.substr(s.start, s.size()), "Say");
  // "end" after the escapes still lands on "end".
  size_t end = decoded->text().find("end");
  s = decoded->ToOriginal({static_cast<uint32_t>(end), static_cast<uint32_t>(end + 3)});
  EXPECT_EQ(line.substr(s.start, s.size()), "end");
}

TEST(JsonText, MalformedLiteralsAreRefused) {
  EXPECT_FALSE(DecodeJsonStringMapped(MappedText::Identity(R"("no end)"), 0).has_value());
  EXPECT_FALSE(DecodeJsonStringMapped(MappedText::Identity(R"("bad \q escape")"), 0).has_value());
  EXPECT_FALSE(DecodeJsonStringMapped(MappedText::Identity(R"("short \u12")"), 0).has_value());
}

TEST(JsonText, KeyInsideAnotherStringIsNotTaken) {
  std::string line = R"({"title": "the \"text\": trap", "text": "real"})";
  size_t q = FindJsonStringValue(line, "text");
  ASSERT_NE(q, std::string::npos);
  EXPECT_EQ(DecodeJsonStringMapped(MappedText::Identity(line), q)->text(), "real");
}

TEST(JsonText, QuoteEscapes) { EXPECT_EQ(JsonQuote("a\"b\\c\n"), R"("a\"b\\c\n")"); }

TEST(ReadInput, JsonlTextWithEscapesKeepsExactOffsets) {
  std::string bytes = "{\"text\": \"First sentence.\\nSecond \\\"quoted\\\" sentence.\", \"id\": \"7\"}\n";
  ReadResult r = ReadInput("f.jsonl", bytes, {});
  ASSERT_EQ(r.units.size(), 1u);
  const MappedText& t = r.units[0].text;
  EXPECT_EQ(t.text(), "First sentence.\nSecond \"quoted\" sentence.");
  size_t second = t.text().find("Second");
  Span s = t.ToOriginal({static_cast<uint32_t>(second), static_cast<uint32_t>(second + 6)});
  EXPECT_EQ(bytes.substr(s.start, s.size()), "Second");
  EXPECT_EQ(r.units[0].metadata_json, R"({"id":"7"})");
}

}  // namespace
}  // namespace storyloom
