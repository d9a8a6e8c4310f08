#include "eval/timeline_metrics.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace storyloom {
namespace {

constexpr double kEps = 1e-12;

using Tokens = std::vector<std::string>;

class TimelineMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = RougeTokenizer::Load(STORYLOOM_SOURCE_DIR "/resources");
    ASSERT_TRUE(loaded) << loaded.error().message();
    rouge_ = std::move(*loaded);
  }
  std::unique_ptr<RougeTokenizer> rouge_;
};

TEST_F(TimelineMetricsTest, StopwordListIsRouges) {
  // smart_common_words.txt: 614 lines, 591 distinct words (the SMART list
  // with ROUGE's additions: "reuters", month abbreviations, split clitics).
  EXPECT_EQ(rouge_->stopword_count(), 591u);
}

TEST_F(TimelineMetricsTest, TokensLowerSplitStopStem) {
  // the (stop) | u (stop) . s (stop) . - led (3 letters: not stemmed) |
  // forces -> force -> forc | ' | attacks -> attack
  EXPECT_EQ(rouge_->Tokens("The U.S.-led forces' attacks"), (Tokens{"led", "forc", "attack"}));
  // bp | ' s (stop) | oil (short) | spill | was (stop) | stopped -> stopp -> stop |
  // , | officials -> official -> offici | said (stop) | .
  EXPECT_EQ(rouge_->Tokens("BP's oil spill was stopped, officials said."),
            (Tokens{"bp", "oil", "spill", "stop", "offici"}));
  // Non-ASCII bytes separate words, as in ROUGE-1.5.5; "jan" and "reuters"
  // are on ROUGE's list.
  EXPECT_EQ(rouge_->Tokens("Reuters, 3 Jan: café 2011"), (Tokens{"3", "caf", "2011"}));
  EXPECT_TRUE(rouge_->Tokens("").empty());
  EXPECT_TRUE(rouge_->Tokens(" -- , . ").empty());
}

TEST_F(TimelineMetricsTest, RougeCountsOnTokens) {
  // predicted a b a c, reference a a b d.
  // unigrams: predicted {a:2, b:1, c:1} = 4, reference {a:2, b:1, d:1} = 4;
  //   hits min(2,2) + min(1,1) = 3.
  // bigrams: predicted {ab, ba, ac} = 3, reference {aa, ab, bd} = 3; hits 1 (ab).
  const Tokens pred = {"a", "b", "a", "c"}, ref = {"a", "a", "b", "d"};
  RougeCounts r1 = RougeN(pred, ref, 1);
  EXPECT_DOUBLE_EQ(r1.hits, 3);
  EXPECT_EQ(r1.predicted, 4u);
  EXPECT_EQ(r1.reference, 4u);
  RougeCounts r2 = RougeN(pred, ref, 2);
  EXPECT_DOUBLE_EQ(r2.hits, 1);
  EXPECT_EQ(r2.predicted, 3u);
  EXPECT_EQ(r2.reference, 3u);
  // Clipping: a a a against a -> 1 hit of 3.
  EXPECT_DOUBLE_EQ(RougeN(Tokens{"a", "a", "a"}, Tokens{"a"}, 1).hits, 1);
  // Too short for a bigram.
  RougeCounts none = RougeN(Tokens{"a"}, Tokens{"a"}, 2);
  EXPECT_EQ(none.predicted, 0u);
  EXPECT_DOUBLE_EQ(none.hits, 0);
}

TEST_F(TimelineMetricsTest, RougeCountsOnText) {
  // predicted: troop kill protest cairo   ("in" is a stopword)
  // reference: protest kill cairo         ("were", "in" are stopwords)
  // ROUGE-1: hits 3 (protest, kill, cairo), predicted 4, reference 3.
  // ROUGE-2: {troop kill, kill protest, protest cairo} vs {protest kill, kill cairo}: 0 hits.
  RougeCounts r1 = RougeN(*rouge_, "Troops killed protesters in Cairo", "Protesters were killed in Cairo.", 1);
  EXPECT_DOUBLE_EQ(r1.hits, 3);
  EXPECT_EQ(r1.predicted, 4u);
  EXPECT_EQ(r1.reference, 3u);
  RougeCounts r2 = RougeN(*rouge_, "Troops killed protesters in Cairo", "Protesters were killed in Cairo.", 2);
  EXPECT_DOUBLE_EQ(r2.hits, 0);
  EXPECT_EQ(r2.predicted, 3u);
  EXPECT_EQ(r2.reference, 2u);
}

TEST_F(TimelineMetricsTest, OneDayOffWeighsHalf) {
  // One date each, one day apart: matched both ways, weight 1 / (1 + 1) = 1/2.
  // Tokens mubarak resign on both sides.
  // AR-1: P = 1/2 * 2 hits / 2 = 1/2, R = 1/2 * 2 / 2 = 1/2, F1 = 1/2.
  // AR-2: 1 bigram, 1 hit: P = R = F1 = 1/2.  Dates share nothing: 0.
  DatedSummaries pred = {{"2011-02-12", {"Mubarak resigns"}}};
  DatedSummaries gold = {{"2011-02-11", {"Mubarak resigns ."}}};
  TimelineScores s = ScoreTimeline(pred, gold, *rouge_);
  EXPECT_NEAR(s.rouge1.precision, 0.5, kEps);
  EXPECT_NEAR(s.rouge1.recall, 0.5, kEps);
  EXPECT_NEAR(s.rouge1.f1, 0.5, kEps);
  EXPECT_NEAR(s.rouge2.f1, 0.5, kEps);
  EXPECT_NEAR(s.dates.f1, 0, kEps);
  // On the same day the weight is 1.
  TimelineScores same = ScoreTimeline(gold, gold, *rouge_);
  EXPECT_NEAR(same.rouge1.f1, 1, kEps);
  EXPECT_NEAR(same.rouge2.f1, 1, kEps);
  EXPECT_NEAR(same.dates.f1, 1, kEps);
}

TEST_F(TimelineMetricsTest, ManyToOne) {
  // gold:  01-10 "Army enters city"   01-20 "Talks begin"
  // pred:  01-10 "army enters city"   01-12 "army enters city"
  // Costs (date factor 1 - 1/(d+1)) x (1 - F1 of raw tokens, case kept):
  //   pred 01-10 -> gold 01-10: 0 x ... = 0                  -> gold 01-10
  //   pred 01-12 -> gold 01-10: (1 - 1/3) x (1 - 2/3) = 2/9  ("Army" != "army": 2 of 3 match)
  //              -> gold 01-20: (1 - 1/9) x (1 - 0)   = 8/9  -> gold 01-10
  //   gold 01-10 -> pred 01-10: 0                            -> pred 01-10
  //   gold 01-20 -> pred 01-10: 10/11, pred 01-12: 8/9       -> pred 01-12
  const DatedSummaries gold = {{"2011-01-10", {"Army enters city"}}, {"2011-01-20", {"Talks begin"}}};
  const DatedSummaries pred = {{"2011-01-10", {"army enters city"}}, {"2011-01-12", {"army enters city"}}};
  TimelineAlignment a = AlignManyToOne(pred, gold);
  EXPECT_EQ(a.predicted_to_reference, (std::vector<int>{0, 0}));
  EXPECT_EQ(a.reference_to_predicted, (std::vector<int>{0, 1}));

  // ROUGE tokens: armi enter citi (x2 predicted); gold armi enter citi | talk begin.
  // AR-1: P = (3 x 1 + 3 x 1/3) / 6 = 2/3; R = (3 x 1 + 0) / 5 = 3/5;
  //       F1 = 2 (2/3)(3/5) / (2/3 + 3/5) = (4/5) / (19/15) = 12/19.
  // AR-2: P = (2 x 1 + 2 x 1/3) / 4 = 2/3; R = (2 + 0) / 3 = 2/3; F1 = 2/3.
  // Dates: {10, 12} vs {10, 20}: P = R = F1 = 1/2.
  TimelineScores s = ScoreTimeline(pred, gold, *rouge_);
  EXPECT_NEAR(s.rouge1.precision, 2.0 / 3, kEps);
  EXPECT_NEAR(s.rouge1.recall, 3.0 / 5, kEps);
  EXPECT_NEAR(s.rouge1.f1, 12.0 / 19, kEps);
  EXPECT_NEAR(s.rouge2.precision, 2.0 / 3, kEps);
  EXPECT_NEAR(s.rouge2.recall, 2.0 / 3, kEps);
  EXPECT_NEAR(s.rouge2.f1, 2.0 / 3, kEps);
  EXPECT_NEAR(s.dates.precision, 0.5, kEps);
  EXPECT_NEAR(s.dates.recall, 0.5, kEps);
  EXPECT_NEAR(s.dates.f1, 0.5, kEps);
}

TEST_F(TimelineMetricsTest, TiesGoToTheEarliestDate) {
  // pred 01-11 is one day from gold 01-10 and 01-12, no content shared with
  // either: cost 1/2 both ways; the first (earliest) wins, as numpy's argmin.
  const DatedSummaries gold = {{"2011-01-10", {"x"}}, {"2011-01-12", {"y"}}};
  const DatedSummaries pred = {{"2011-01-11", {"z"}}};
  TimelineAlignment a = AlignManyToOne(pred, gold);
  EXPECT_EQ(a.predicted_to_reference, (std::vector<int>{0}));
  EXPECT_EQ(a.reference_to_predicted, (std::vector<int>{0, 0}));
}

TEST_F(TimelineMetricsTest, EmptyPrediction) {
  const DatedSummaries gold = {{"2011-01-10", {"Army enters city"}}};
  TimelineAlignment a = AlignManyToOne({}, gold);
  EXPECT_EQ(a.reference_to_predicted, (std::vector<int>{-1}));
  TimelineScores s = ScoreTimeline({}, gold, *rouge_);
  EXPECT_EQ(s.rouge1.f1, 0);
  EXPECT_EQ(s.rouge2.f1, 0);
  EXPECT_EQ(s.dates.f1, 0);
}

TEST(TimelineDateScoresTest, DateF1) {
  // pred {1, 2, 3, 4}, gold {2, 4, 6}: shared 2; P = 2/4, R = 2/3,
  // F1 = 2 (1/2)(2/3) / (1/2 + 2/3) = (2/3) / (7/6) = 4/7.
  // "2011-02" (a month) is not a day and is ignored.
  const DatedSummaries pred = {
      {"2011-02-01", {}}, {"2011-02-02", {}}, {"2011-02-03", {}}, {"2011-02-04", {}}, {"2011-02", {}}};
  const DatedSummaries gold = {{"2011-02-02", {}}, {"2011-02-04", {}}, {"2011-02-06", {}}};
  PRF s = DateScores(pred, gold);
  EXPECT_NEAR(s.precision, 0.5, kEps);
  EXPECT_NEAR(s.recall, 2.0 / 3, kEps);
  EXPECT_NEAR(s.f1, 4.0 / 7, kEps);
}

TEST(TimelineDateScoresTest, MeanIsNewsTlsAverage) {
  // Mean P = (1/2 + 1) / 2 = 3/4, mean R = (1 + 0) / 2 = 1/2;
  // F1 of the means = 2 (3/4)(1/2) / (5/4) = 3/5 (not the mean of the F1s).
  PRF m = MeanPRF({{0.5, 1, 0}, {1, 0, 0}});
  EXPECT_NEAR(m.precision, 0.75, kEps);
  EXPECT_NEAR(m.recall, 0.5, kEps);
  EXPECT_NEAR(m.f1, 0.6, kEps);
  EXPECT_EQ(MeanPRF({}).f1, 0);
}

TEST(TimelineDateScoresTest, IsoDayNumber) {
  long day = 0;
  ASSERT_TRUE(IsoDayNumber("1970-01-02", &day));
  EXPECT_EQ(day, 1);
  long a = 0, b = 0;
  ASSERT_TRUE(IsoDayNumber("2012-02-28", &a));
  ASSERT_TRUE(IsoDayNumber("2012-03-01", &b));
  EXPECT_EQ(b - a, 2);  // a leap year
  EXPECT_FALSE(IsoDayNumber("2011-02-30", &day));
  EXPECT_FALSE(IsoDayNumber("2011-02", &day));
  EXPECT_FALSE(IsoDayNumber("11/02/2011", &day));
}

}  // namespace
}  // namespace storyloom
