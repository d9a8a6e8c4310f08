#include "eval/word_f1.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "storyloom/eval.h"

namespace storyloom {
namespace {

TEST(LowerWordTokens, LowerCasesAndSplitsAsTheBenchmark) {
  std::vector<std::string> words = LowerWordTokens("The PORT reopened—on 3 May, at 06:00!");
  std::vector<std::string> expected = {"the", "port", "reopened", "on", "3", "may", "at", "06", "00"};
  EXPECT_EQ(words, expected);
}

TEST(LowerWordTokens, NonLatinScripts) {
  // Vietnamese keeps its precomposed letters in one word; Greek capital
  // sigma lower-cases to the final form at the end of a word.
  std::vector<std::string> vi = LowerWordTokens("Cảng ĐÀ NẴNG mở cửa");
  std::vector<std::string> vi_expected = {"cảng", "đà", "nẵng", "mở", "cửa"};
  EXPECT_EQ(vi, vi_expected);
  std::vector<std::string> el = LowerWordTokens("ΟΔΟΣ");
  ASSERT_EQ(el.size(), 1u);
  EXPECT_EQ(el[0], "οδος");
}

TEST(MatchWords, IdenticalTextScoresOne) {
  WordMatch m = MatchWords("Niamey, the capital.", "niamey the CAPITAL");
  EXPECT_EQ(m.gold, 3);
  EXPECT_EQ(m.predicted, 3);
  EXPECT_DOUBLE_EQ(m.F1(), 1.0);
}

TEST(MatchWords, BagsCountRepeatedWords) {
  // Gold has "a" twice, the extraction once, and one word the gold lacks.
  WordMatch m = MatchWords("a a b", "a b c");
  EXPECT_EQ(m.common, 2);
  EXPECT_DOUBLE_EQ(m.Precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.Recall(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.F1(), 2.0 / 3);
}

TEST(MatchWords, ExtraBoilerplateCostsPrecisionOnly) {
  WordMatch m = MatchWords("troops left the base", "troops left the base share this story");
  EXPECT_DOUBLE_EQ(m.Recall(), 1.0);
  EXPECT_DOUBLE_EQ(m.Precision(), 4.0 / 7);
}

TEST(MatchWords, ArabicWordsMatchWhateverThePunctuation) {
  // "The army announced, in Niamey" with an Arabic comma and without.
  WordMatch m = MatchWords("أعلن الجيش، في نيامي", "أعلن الجيش في نيامي");
  EXPECT_EQ(m.gold, 4);
  EXPECT_DOUBLE_EQ(m.F1(), 1.0);
  WordMatch half = MatchWords("أعلن الجيش في نيامي", "أعلن الجيش");
  EXPECT_DOUBLE_EQ(half.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(half.Recall(), 0.5);
}

TEST(MatchWords, EmptyPagesFollowTheBenchmarkConvention) {
  EXPECT_DOUBLE_EQ(MatchWords("", "").F1(), 1.0);
  EXPECT_DOUBLE_EQ(MatchWords("...", " - ").F1(), 1.0);  // no words on either side
  EXPECT_DOUBLE_EQ(MatchWords("some text", "").F1(), 0.0);
  EXPECT_DOUBLE_EQ(MatchWords("", "some text").F1(), 0.0);
}

TEST(AverageWordScore, MeanOfPerPageScores) {
  // A perfect page and an empty extraction: the mean is 0.5, not the F1 of
  // pooled counts.
  std::vector<WordMatch> pages = {MatchWords("one two three four", "one two three four"),
                                  MatchWords("five six", "")};
  WordScore s = AverageWordScore(pages);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
}

TEST(MetadataMatch, TitleExactAfterCaseAndSpaceFolding) {
  EXPECT_TRUE(FieldMatches("Port of  Cotonou\nreopens", "  port of cotonou REOPENS "));
  EXPECT_FALSE(FieldMatches("Port of Cotonou reopens", "Port of Cotonou reopens | The Daily"));
  EXPECT_TRUE(FieldMatchesLeniently("the port of cotonou reopens to niger cargo after a year",
                                    "The port of Cotonou reopens to Niger cargo after a year."));
  EXPECT_FALSE(FieldMatchesLeniently("Port of Cotonou reopens", "Port of Cotonou reopens | The Daily"));
}

TEST(MetadataMatch, SameCalendarDay) {
  EXPECT_TRUE(SameDay("2024-04-23", "2024-04-23"));
  EXPECT_TRUE(SameDay("2024-04-23", "2024-04-23T22:10:00+01:00"));
  EXPECT_FALSE(SameDay("2024-04-23", "2024-04-24"));
  EXPECT_FALSE(SameDay("2024-04-23", ""));
}

TEST(MetadataMatch, TallyCountsOnlyPagesWhoseGoldHasTheField) {
  FieldTally t;
  t.Add("Aïssata Tall", "aïssata tall", FieldMatches("Aïssata Tall", "aïssata tall"), false);
  t.Add("", "Somebody", false, false);  // no gold author: not counted
  t.Add("Moussa Diallo", "", false, false);
  EXPECT_EQ(t.gold_pages, 2);
  EXPECT_EQ(t.predicted, 1);
  EXPECT_DOUBLE_EQ(t.Accuracy(), 0.5);
}

TEST(ExtractEvalPart, StableSplitOfAboutOneFifthForTest) {
  EXPECT_EQ(ExtractEvalPart("0001"), ExtractEvalPart("0001"));
  int test = 0;
  for (int i = 1; i <= 1000; ++i) {
    char id[8];
    std::snprintf(id, sizeof(id), "%04d", i);
    test += ExtractEvalPart(id) == "test";
  }
  EXPECT_GT(test, 150);
  EXPECT_LT(test, 250);
}

}  // namespace
}  // namespace storyloom
