#include "eval/cluster_metrics.h"

#include <string_view>
#include <unordered_map>

namespace storyloom {
namespace {

double Pairs(uint64_t size) { return static_cast<double>(size) * static_cast<double>(size - 1) / 2; }

double HarmonicMean(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

// agreed / total, with the empty-denominator convention of the header.
double PairRatio(double agreed, double total, bool neither_has_pairs) {
  if (total > 0) return agreed / total;
  return neither_has_pairs ? 1 : 0;
}

}  // namespace

ClusterScores ScoreClusters(const std::vector<std::string>& gold, const std::vector<int64_t>& predicted) {
  ClusterScores scores;
  if (gold.size() != predicted.size() || gold.empty()) return scores;

  // Dense ids for both labelings, then the contingency table keyed by the
  // (gold id, predicted id) pair packed in 64 bits: ids are < n < 2^32 for any
  // input that fits in memory.
  std::unordered_map<std::string_view, uint32_t> gold_ids;
  std::unordered_map<int64_t, uint32_t> predicted_ids;
  std::vector<uint64_t> gold_sizes, predicted_sizes;
  std::unordered_map<uint64_t, uint64_t> cells;
  gold_ids.reserve(gold.size());
  predicted_ids.reserve(gold.size());
  cells.reserve(gold.size());
  for (size_t i = 0; i < gold.size(); ++i) {
    auto [g, g_new] = gold_ids.try_emplace(gold[i], static_cast<uint32_t>(gold_sizes.size()));
    if (g_new) gold_sizes.push_back(0);
    auto [p, p_new] = predicted_ids.try_emplace(predicted[i], static_cast<uint32_t>(predicted_sizes.size()));
    if (p_new) predicted_sizes.push_back(0);
    ++gold_sizes[g->second];
    ++predicted_sizes[p->second];
    ++cells[(static_cast<uint64_t>(g->second) << 32) | p->second];
  }

  // Every item of a cell (g, p) has BCubed precision c / |p| and recall
  // c / |g|, so a cell adds c^2 / |p| and c^2 / |g| to the sums over items.
  double precision_sum = 0, recall_sum = 0, agreed_pairs = 0;
  for (const auto& [key, count] : cells) {
    const double c = static_cast<double>(count);
    precision_sum += c * c / static_cast<double>(predicted_sizes[key & 0xffffffffu]);
    recall_sum += c * c / static_cast<double>(gold_sizes[key >> 32]);
    agreed_pairs += Pairs(count);
  }
  double gold_pairs = 0, predicted_pairs = 0;
  for (uint64_t s : gold_sizes) gold_pairs += Pairs(s);
  for (uint64_t s : predicted_sizes) predicted_pairs += Pairs(s);

  const double n = static_cast<double>(gold.size());
  scores.items = gold.size();
  scores.gold_clusters = gold_sizes.size();
  scores.predicted_clusters = predicted_sizes.size();
  scores.bcubed_precision = precision_sum / n;
  scores.bcubed_recall = recall_sum / n;
  scores.bcubed_f1 = HarmonicMean(scores.bcubed_precision, scores.bcubed_recall);
  const bool neither_has_pairs = gold_pairs == 0 && predicted_pairs == 0;
  scores.pair_precision = PairRatio(agreed_pairs, predicted_pairs, neither_has_pairs);
  scores.pair_recall = PairRatio(agreed_pairs, gold_pairs, neither_has_pairs);
  scores.pair_f1 = HarmonicMean(scores.pair_precision, scores.pair_recall);
  return scores;
}

std::map<std::string, JoinedShare> JoinedToOriginal(const std::vector<std::string>& gold,
                                                    const std::vector<std::string>& lang,
                                                    const std::vector<int64_t>& predicted,
                                                    const std::string& original_lang) {
  std::map<std::string, JoinedShare> out;
  if (gold.size() != lang.size() || gold.size() != predicted.size()) return out;
  std::map<std::string, int64_t> original;  // gold group -> its original's cluster
  for (size_t i = 0; i < gold.size(); ++i)
    if (lang[i] == original_lang) original.emplace(gold[i], predicted[i]);
  for (size_t i = 0; i < gold.size(); ++i) {
    if (lang[i] == original_lang) continue;
    auto it = original.find(gold[i]);
    if (it == original.end()) continue;
    JoinedShare& s = out[lang[i]];
    ++s.items;
    if (predicted[i] == it->second) ++s.joined;
  }
  return out;
}

}  // namespace storyloom
