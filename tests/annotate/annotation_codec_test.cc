// Stored annotations: what the annotator found comes back from the store as
// it was, and damaged bytes are refused rather than read as something else.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "annotate/annotate_resources.h"
#include "annotate/annotation_codec.h"

namespace storyloom {
namespace {

Document Doc(const std::string& body, const std::string& lang, const std::string& day) {
  Document d;
  d.lang = lang;
  d.body = MappedText::Identity(body, 0);
  d.published = day;
  // One sentence per line.
  uint32_t start = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i == body.size() || body[i] == '\n') {
      if (i > start) d.sentences.push_back(Sentence{{start, static_cast<uint32_t>(i)}});
      start = static_cast<uint32_t>(i + 1);
    }
  }
  d.paragraphs.push_back({{0, static_cast<uint32_t>(body.size())}, lang, 1});
  return d;
}

void ExpectSame(const TimeExpression& a, const TimeExpression& b) {
  EXPECT_EQ(a.span, b.span);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.year_unknown, b.year_unknown);
  EXPECT_EQ(a.relative_year, b.relative_year);
  EXPECT_EQ(a.relative, b.relative);
}

TEST(AnnotationCodec, GivesBackWhatTheAnnotatorFound) {
  Document doc = Doc(
      "Niger's junta met ECOWAS envoys in Niamey on 4 December 2023.\n"
      "The next day, 1,500 Russian advisers arrived.\n"
      "Ngày 22/4, quân Mỹ bắt đầu rút khỏi Niger.",
      "en", "2023-12-05");
  StoredAnnotation stored;
  stored.annotation = testing::TestAnnotator().Annotate(doc);
  ASSERT_EQ(stored.annotation.sentences.size(), 3u);
  // What a timeline compares sentences by: whole and half counts, and one
  // weight that is neither.
  stored.sentences = {{9, true, {{17, 1.0f}, {3, 0.5f}, {1ull << 63, 2.5f}}}, {7, false, {{17, 1.0f}, {99, 0.3f}}}, {8, true, {}}};
  // A list's year-unknown day, a year before the list's first.
  TimeExpression listed;
  listed.span = {0, 5};
  listed.text = "Niger";
  listed.value = "XXXX-04-22";
  listed.year_unknown = true;
  listed.relative_year = -1;
  stored.annotation.sentences[2].dates.push_back(listed);

  std::string bytes = EncodeAnnotation(stored);
  auto back = DecodeAnnotation(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->annotation.date.value, stored.annotation.date.value);
  EXPECT_EQ(back->annotation.date.from, stored.annotation.date.from);
  ASSERT_EQ(back->annotation.sentences.size(), 3u);
  size_t dates = 0, kept = 0;
  for (size_t i = 0; i < 3; ++i) {
    const SentenceAnnotation& a = stored.annotation.sentences[i];
    const SentenceAnnotation& b = back->annotation.sentences[i];
    EXPECT_EQ(a.sentence, b.sentence);
    EXPECT_EQ(a.span, b.span);
    ASSERT_EQ(a.dates.size(), b.dates.size());
    for (size_t j = 0; j < a.dates.size(); ++j) ExpectSame(a.dates[j], b.dates[j]);
    dates += a.dates.size();
    // Pivot words and date anchors are not stored; every other anchor is,
    // in order, with its span and weight.
    std::vector<Anchor> expected;
    for (const Anchor& an : a.anchors) {
      if (!an.key.starts_with("lex:") && !an.key.starts_with("date:")) expected.push_back(an);
    }
    ASSERT_EQ(b.anchors.size(), expected.size()) << "sentence " << i;
    for (size_t j = 0; j < expected.size(); ++j) {
      EXPECT_EQ(b.anchors[j].key, expected[j].key);
      EXPECT_EQ(b.anchors[j].span, expected[j].span);
      EXPECT_EQ(b.anchors[j].weight, expected[j].weight);
    }
    kept += expected.size();
  }
  EXPECT_GE(dates, 3u) << "4 December 2023, the next day, 22/4";
  EXPECT_GE(kept, 3u) << "Niger, ECOWAS, Niamey, 1,500 ...";
  EXPECT_EQ(back->annotation.sentences[1].dates.at(0).value, "2023-12-05") << "the next day after 4 December";
  ASSERT_EQ(back->sentences.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->sentences[i].words, stored.sentences[i].words);
    EXPECT_EQ(back->sentences[i].informative, stored.sentences[i].informative);
    EXPECT_EQ(back->sentences[i].terms, stored.sentences[i].terms);
  }
}

TEST(AnnotationCodec, RefusesDamagedOrForeignBytes) {
  Document doc = Doc("Hôm qua, Nga điều chuyên gia đến Niger.\nNgày 4/12, ECOWAS họp.", "vi", "2023-12-05");
  StoredAnnotation stored;
  stored.annotation = testing::TestAnnotator().Annotate(doc);
  stored.sentences = {{8, true, {{5, 1.0f}}}, {4, false, {{5, 0.5f}}}};
  const std::string bytes = EncodeAnnotation(stored);
  ASSERT_TRUE(DecodeAnnotation(bytes).has_value());
  // Every cut short is refused, never read as less than was stored.
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(DecodeAnnotation(bytes.substr(0, n)).has_value()) << n;
  EXPECT_FALSE(DecodeAnnotation(bytes + "x").has_value());
  std::string later = bytes;
  later[0] = static_cast<char>(later[0] + 1);  // a version this storyloom does not know
  EXPECT_FALSE(DecodeAnnotation(later).has_value());
  // A count far beyond the bytes left asks for nothing huge.
  EXPECT_FALSE(DecodeAnnotation(std::string("\x01\x00\x00\xff\xff\xff\xff\x0f", 8)).has_value());
}

}  // namespace
}  // namespace storyloom
