#include "eval/cluster_metrics.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace storyloom {
namespace {

constexpr double kEps = 1e-12;

// The running example: gold {A A A B B}, predicted {1 1 2 2 2}.
//   cells: (A,1) = 2, (A,2) = 1, (B,2) = 2; |A| = 3, |B| = 2, |1| = 2, |2| = 3.
//   BCubed precision per item: 1, 1 | 1/3 | 2/3, 2/3  -> sum 11/3, mean 11/15
//   BCubed recall per item:  2/3, 2/3 | 1/3 | 1, 1    -> sum 11/3, mean 11/15
//   pairs: agreed = C(2,2) + C(1,2) + C(2,2) = 2; predicted = C(2,2) + C(3,2) = 4;
//   gold = C(3,2) + C(2,2) = 4  -> precision = recall = 1/2.
const std::vector<std::string> kGold = {"A", "A", "A", "B", "B"};

TEST(ClusterMetricsTest, FiveItemExampleByHand) {
  ClusterScores s = ScoreClusters(kGold, {1, 1, 2, 2, 2});
  EXPECT_NEAR(s.bcubed_precision, 11.0 / 15, kEps);
  EXPECT_NEAR(s.bcubed_recall, 11.0 / 15, kEps);
  EXPECT_NEAR(s.bcubed_f1, 11.0 / 15, kEps);
  EXPECT_NEAR(s.pair_precision, 0.5, kEps);
  EXPECT_NEAR(s.pair_recall, 0.5, kEps);
  EXPECT_NEAR(s.pair_f1, 0.5, kEps);
  EXPECT_EQ(s.items, 5u);
  EXPECT_EQ(s.gold_clusters, 2u);
  EXPECT_EQ(s.predicted_clusters, 2u);
}

// All singletons (Amigó et al.'s "one cluster per item" baseline): perfect
// BCubed precision, recall = (3 * 1/3 + 2 * 1/2) / 5 = 2/5; no predicted pair,
// while gold has 4, so pair precision is 0 by the convention.
TEST(ClusterMetricsTest, AllSingletons) {
  ClusterScores s = ScoreClusters(kGold, {10, 11, 12, 13, 14});
  EXPECT_NEAR(s.bcubed_precision, 1, kEps);
  EXPECT_NEAR(s.bcubed_recall, 0.4, kEps);
  EXPECT_NEAR(s.bcubed_f1, 2 * 0.4 / 1.4, kEps);
  EXPECT_EQ(s.pair_precision, 0);
  EXPECT_EQ(s.pair_recall, 0);
  EXPECT_EQ(s.pair_f1, 0);
  EXPECT_EQ(s.predicted_clusters, 5u);
}

// One cluster holding everything: recall 1, precision = (3 * 3/5 + 2 * 2/5) / 5
// = 13/25; pairs: all 10 predicted, the 4 gold ones among them.
TEST(ClusterMetricsTest, OneBigCluster) {
  ClusterScores s = ScoreClusters(kGold, {7, 7, 7, 7, 7});
  EXPECT_NEAR(s.bcubed_precision, 13.0 / 25, kEps);
  EXPECT_NEAR(s.bcubed_recall, 1, kEps);
  EXPECT_NEAR(s.bcubed_f1, 2 * 0.52 / 1.52, kEps);
  EXPECT_NEAR(s.pair_precision, 0.4, kEps);
  EXPECT_NEAR(s.pair_recall, 1, kEps);
  EXPECT_NEAR(s.pair_f1, 2 * 0.4 / 1.4, kEps);
  EXPECT_EQ(s.predicted_clusters, 1u);
}

TEST(ClusterMetricsTest, IdenticalPartitionsScoreOneWhateverTheLabels) {
  const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  ClusterScores s = ScoreClusters(kGold, {hi, hi, hi, lo, lo});
  EXPECT_EQ(s.bcubed_f1, 1);
  EXPECT_EQ(s.pair_f1, 1);
  // Singletons on both sides: no pairs anywhere, and the partitions agree.
  s = ScoreClusters({"x", "y", "z"}, {3, 2, 1});
  EXPECT_EQ(s.bcubed_f1, 1);
  EXPECT_EQ(s.pair_precision, 1);
  EXPECT_EQ(s.pair_recall, 1);
  EXPECT_EQ(s.pair_f1, 1);
}

TEST(ClusterMetricsTest, GoldSingletonsAgainstPredictedPairs) {
  // Gold has no pair and the prediction has one: nothing agreed, so 0.
  ClusterScores s = ScoreClusters({"x", "y", "z"}, {1, 1, 2});
  EXPECT_EQ(s.pair_precision, 0);
  EXPECT_EQ(s.pair_recall, 0);
  EXPECT_NEAR(s.bcubed_precision, (0.5 + 0.5 + 1) / 3, kEps);
  EXPECT_NEAR(s.bcubed_recall, 1, kEps);
}

TEST(ClusterMetricsTest, EmptyOrMismatchedInputScoresNothing) {
  ClusterScores s = ScoreClusters({}, {});
  EXPECT_EQ(s.items, 0u);
  EXPECT_EQ(s.bcubed_f1, 0);
  s = ScoreClusters({"a", "b"}, {1});
  EXPECT_EQ(s.items, 0u);
  EXPECT_EQ(s.pair_f1, 0);
}

// Pair counts beyond 32 bits: 200,000 items in one predicted cluster, gold two
// halves. Pair precision = 2 * C(100000, 2) / C(200000, 2).
TEST(ClusterMetricsTest, LargeClustersDoNotOverflow) {
  const size_t n = 200000;
  std::vector<std::string> gold(n);
  for (size_t i = 0; i < n; ++i) gold[i] = i < n / 2 ? "left" : "right";
  ClusterScores s = ScoreClusters(gold, std::vector<int64_t>(n, 0));
  const double half = n / 2.0, all = static_cast<double>(n);
  EXPECT_NEAR(s.pair_precision, 2 * half * (half - 1) / (all * (all - 1)), 1e-12);
  EXPECT_NEAR(s.pair_recall, 1, kEps);
  EXPECT_NEAR(s.bcubed_precision, 0.5, kEps);
}

// The obviously correct O(n^2) twin, straight from the definitions.
ClusterScores BruteForce(const std::vector<std::string>& gold, const std::vector<int64_t>& predicted) {
  const size_t n = gold.size();
  ClusterScores s;
  s.items = n;
  double precision_sum = 0, recall_sum = 0;
  double agreed = 0, predicted_pairs = 0, gold_pairs = 0;
  for (size_t i = 0; i < n; ++i) {
    double same_predicted = 0, same_gold = 0, same_both = 0;
    for (size_t j = 0; j < n; ++j) {
      const bool p = predicted[i] == predicted[j], g = gold[i] == gold[j];
      same_predicted += p;
      same_gold += g;
      same_both += p && g;
      if (j > i) {
        predicted_pairs += p;
        gold_pairs += g;
        agreed += p && g;
      }
    }
    precision_sum += same_both / same_predicted;
    recall_sum += same_both / same_gold;
  }
  auto f1 = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; };
  s.bcubed_precision = precision_sum / n;
  s.bcubed_recall = recall_sum / n;
  s.bcubed_f1 = f1(s.bcubed_precision, s.bcubed_recall);
  const double empty = predicted_pairs == 0 && gold_pairs == 0 ? 1 : 0;
  s.pair_precision = predicted_pairs > 0 ? agreed / predicted_pairs : empty;
  s.pair_recall = gold_pairs > 0 ? agreed / gold_pairs : empty;
  s.pair_f1 = f1(s.pair_precision, s.pair_recall);
  return s;
}

TEST(ClusterMetricsTest, AgreesWithBruteForceOnRandomLabelings) {
  std::mt19937_64 rng(20240611);
  for (int trial = 0; trial < 500; ++trial) {
    const size_t n = 1 + rng() % 80;
    // Few labels make big clusters, many make singletons; cover both.
    const uint64_t gold_labels = 1 + rng() % n, predicted_labels = 1 + rng() % n;
    std::vector<std::string> gold(n);
    std::vector<int64_t> predicted(n);
    for (size_t i = 0; i < n; ++i) {
      gold[i] = "g" + std::to_string(rng() % gold_labels);
      predicted[i] = static_cast<int64_t>(rng() % predicted_labels) - 40;
    }
    ClusterScores fast = ScoreClusters(gold, predicted), slow = BruteForce(gold, predicted);
    SCOPED_TRACE("trial " + std::to_string(trial) + ", n = " + std::to_string(n));
    EXPECT_NEAR(fast.bcubed_precision, slow.bcubed_precision, 1e-9);
    EXPECT_NEAR(fast.bcubed_recall, slow.bcubed_recall, 1e-9);
    EXPECT_NEAR(fast.bcubed_f1, slow.bcubed_f1, 1e-9);
    EXPECT_NEAR(fast.pair_precision, slow.pair_precision, 1e-9);
    EXPECT_NEAR(fast.pair_recall, slow.pair_recall, 1e-9);
    EXPECT_NEAR(fast.pair_f1, slow.pair_f1, 1e-9);
    EXPECT_EQ(fast.items, n);
  }
}

}  // namespace
}  // namespace storyloom

namespace storyloom {
namespace {

TEST(ClusterMetricsTest, JoinedToOriginalCountsEachLanguage) {
  // Two articles in en, de, fr: de joins both originals, fr only the first;
  // an article without an English original is not counted.
  std::vector<std::string> gold = {"a", "a", "a", "b", "b", "b", "c"};
  std::vector<std::string> lang = {"en", "de", "fr", "en", "de", "fr", "de"};
  std::vector<int64_t> predicted = {1, 1, 1, 2, 2, 5, 2};
  auto shares = JoinedToOriginal(gold, lang, predicted, "en");
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares["de"].joined, 2u);
  EXPECT_EQ(shares["de"].items, 2u);
  EXPECT_EQ(shares["fr"].joined, 1u);
  EXPECT_DOUBLE_EQ(shares["fr"].share(), 0.5);
  EXPECT_TRUE(JoinedToOriginal(gold, lang, {1, 2}, "en").empty());  // sizes differ
}

}  // namespace
}  // namespace storyloom
