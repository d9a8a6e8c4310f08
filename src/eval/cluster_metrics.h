// Scores of a story clustering against gold groups, as docs/EVALUATION.md
// defines them (so our figures sit beside the literature's):
//
// BCubed (Bagga & Baldwin 1998; Amigó et al. 2009). For item i, precision is
// the share of i's predicted cluster that shares i's gold group, recall the
// share of i's gold group inside i's predicted cluster (both count i itself).
// Precision and recall are averaged over items; F1 is the harmonic mean of
// the two averages (not the average of per-item F1s).
//
// Pairwise (Miranda et al. 2018 report both). Over unordered pairs of
// distinct items: a pair is predicted when both items share a predicted
// cluster, gold when they share a gold group. Precision = pairs both
// predicted and gold / predicted pairs; recall = the same / gold pairs.
//
// Convention for an empty denominator (no predicted pairs, or no gold pairs,
// e.g. everything a singleton): the ratio is 1 when neither side has a pair,
// because then the two partitions agree on every pair, and 0 otherwise. So
// pair F1 is 1 exactly when the partitions are equal, and all singletons
// against gold with any pair scores 0.
//
// Both scores come from the contingency table (gold group x predicted
// cluster counts): O(n) expected time however large the clusters are.
//
//   ClusterScores s = ScoreClusters({"a", "a", "b"}, {7, 7, 7});
//   // s.bcubed_precision == 5/9, s.bcubed_recall == 1, s.pair_precision == 1/3
#ifndef STORYLOOM_EVAL_CLUSTER_METRICS_H_
#define STORYLOOM_EVAL_CLUSTER_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace storyloom {

struct ClusterScores {
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;  // averages over items; F1 of the two averages
  double pair_precision = 0, pair_recall = 0, pair_f1 = 0;        // over unordered same-cluster pairs
  size_t items = 0, predicted_clusters = 0, gold_clusters = 0;
};

// gold[i] and predicted[i] label item i; labels are compared for equality
// only (their values and order mean nothing). The sizes must match: when they
// do not, or there are no items, every field is 0.
ClusterScores ScoreClusters(const std::vector<std::string>& gold, const std::vector<int64_t>& predicted);

// Translations: how many of each language's items share a predicted cluster
// with their original, the item of the same gold group in original_lang.
// Items whose group has no original are not counted; nor are the originals.
//
//   JoinedToOriginal({"a", "a", "b", "b"}, {"en", "de", "en", "de"}, {1, 1, 2, 3}, "en")
//   // {"de": {joined 1, items 2}}
struct JoinedShare {
  size_t joined = 0, items = 0;
  double share() const { return items ? static_cast<double>(joined) / static_cast<double>(items) : 0.0; }
};
std::map<std::string, JoinedShare> JoinedToOriginal(const std::vector<std::string>& gold,
                                                    const std::vector<std::string>& lang,
                                                    const std::vector<int64_t>& predicted,
                                                    const std::string& original_lang);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_CLUSTER_METRICS_H_
