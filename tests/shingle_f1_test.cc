#include "eval/shingle_f1.h"

#include <gtest/gtest.h>

namespace storyloom {
namespace {

TEST(WordTokens, SplitsAtEverythingButLettersDigitsAndUnderscore) {
  std::vector<std::string_view> words = WordTokens("Don't stop—café 42_x, 3½!");
  std::vector<std::string_view> expected = {"Don", "t", "stop", "café", "42_x", "3½"};
  EXPECT_EQ(words, expected);
}

TEST(WordTokens, CombiningMarksSplitWordsAsTheBenchmarkDoes) {
  // "e" + U+0301 COMBINING ACUTE + "t": the mark is not a word character.
  std::vector<std::string_view> words = WordTokens("e\xCC\x81t");
  std::vector<std::string_view> expected = {"e", "t"};
  EXPECT_EQ(words, expected);
}

TEST(MatchShingles, OneWordDifferenceAtTheEnd) {
  // Gold shingles: (a b c d) (b c d e); predicted: (a b c d) (b c d x).
  ShingleMatch m = MatchShingles("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(m.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fn, 1.0 / 3);
}

TEST(MatchShingles, RepeatedShinglesCountEachTime) {
  // Gold has five shingles, (a b c d) twice; the prediction has it once.
  ShingleMatch m = MatchShingles("a b c d a b c d", "a b c d");
  EXPECT_DOUBLE_EQ(m.tp, 1.0 / 5);
  EXPECT_DOUBLE_EQ(m.fp, 0);
  EXPECT_DOUBLE_EQ(m.fn, 4.0 / 5);
}

TEST(MatchShingles, CaseMatters) {
  ShingleMatch m = MatchShingles("The cat sat down", "the cat sat down");
  EXPECT_DOUBLE_EQ(m.tp, 0);
}

TEST(MatchShingles, ShortTextIsOneShingle) {
  ShingleMatch m = MatchShingles("two words", "two words");
  EXPECT_DOUBLE_EQ(m.tp, 1);
  m = MatchShingles("", "   ");
  EXPECT_DOUBLE_EQ(m.tp + m.fp + m.fn, 0);
}

TEST(AverageShingleScore, EmptyPredictionCountsForRecallOnly) {
  std::vector<ShingleMatch> pages = {
      MatchShingles("a b c d e", "a b c d x"),  // precision 1/2, recall 1/2
      MatchShingles("one two three", ""),       // no precision; recall 0
  };
  ShingleScore s = AverageShingleScore(pages);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.25);
  EXPECT_NEAR(s.f1, 1.0 / 3, 1e-12);
}

TEST(AverageShingleScore, PerfectPages) {
  ShingleScore s = AverageShingleScore({MatchShingles("x y z w v", "x y z w v")});
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  EXPECT_DOUBLE_EQ(s.f1, 1);
}

}  // namespace
}  // namespace storyloom
