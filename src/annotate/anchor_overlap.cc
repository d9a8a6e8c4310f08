#include "annotate/anchor_overlap.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

namespace storyloom {

AnchorSet ToAnchorSet(const std::vector<Anchor>& anchors) {
  AnchorSet set;
  for (const Anchor& a : anchors) {
    auto [it, inserted] = set.emplace(a.key, a.weight);
    if (!inserted) it->second = std::max(it->second, a.weight);
  }
  return set;
}

double Jaccard(const AnchorSet& a, const AnchorSet& b) {
  size_t common = 0;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end() && ib != b.end();) {
    if (ia->first < ib->first)
      ++ia;
    else if (ib->first < ia->first)
      ++ib;
    else
      ++common, ++ia, ++ib;
  }
  size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

double WeightedJaccard(const AnchorSet& a, const AnchorSet& b) {
  double lo = 0, hi = 0;
  auto ia = a.begin(), ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first))
      hi += (ia++)->second;
    else if (ia == a.end() || ib->first < ia->first)
      hi += (ib++)->second;
    else {
      lo += std::min(ia->second, ib->second);
      hi += std::max(ia->second, ib->second);
      ++ia, ++ib;
    }
  }
  return hi == 0 ? 0.0 : lo / hi;
}

AnchorSet WithoutPrefix(const AnchorSet& set, const std::string& prefix) {
  AnchorSet out;
  for (const auto& [k, w] : set)
    if (!k.starts_with(prefix)) out.emplace_hint(out.end(), k, w);
  return out;
}

std::vector<std::string> SharedKeys(const AnchorSet& a, const AnchorSet& b) {
  std::vector<std::string> out;
  for (const auto& [k, w] : a)
    if (b.contains(k)) out.push_back(k);
  return out;
}

void KeyFrequencies::Add(const AnchorSet& set) {
  ++documents;
  for (const auto& [key, w] : set) ++df[key];
}

AnchorSet IdfWeighted(const AnchorSet& set, const KeyFrequencies& frequencies) {
  AnchorSet out;
  double n = static_cast<double>(std::max<size_t>(frequencies.documents, 1));
  for (const auto& [key, w] : set) {
    auto it = frequencies.df.find(key);
    double df = it == frequencies.df.end() ? 1.0 : static_cast<double>(it->second);
    out.emplace_hint(out.end(), key, static_cast<float>(w * std::log(n / df)));
  }
  return out;
}

namespace {

// The share of true scores above the 99th percentile (nearest rank) of the
// unrelated ones.
double ShareAboveP99(const std::vector<double>& true_scores, std::vector<double> unrelated) {
  if (true_scores.empty() || unrelated.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(0.99 * static_cast<double>(unrelated.size())));
  rank = std::clamp<size_t>(rank, 1, unrelated.size());
  std::nth_element(unrelated.begin(), unrelated.begin() + static_cast<std::ptrdiff_t>(rank - 1), unrelated.end());
  double p99 = unrelated[rank - 1];
  size_t above = std::count_if(true_scores.begin(), true_scores.end(), [p99](double s) { return s > p99; });
  return static_cast<double>(above) / static_cast<double>(true_scores.size());
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

std::optional<OverlapStats> NtrexOverlap(const std::string& dir, const std::string& code_a, const std::string& lang_a,
                                         const std::string& code_b, const std::string& lang_b,
                                         const AnchorResources& resources) {
  std::vector<std::string> ids = ReadLines(dir + "/DOCUMENT_IDS.tsv");
  // The references, or the source (English) where a language has no reference.
  auto side = [&dir](const std::string& code) {
    std::vector<std::string> lines = ReadLines(dir + "/newstest2019-ref." + code + ".txt");
    return lines.empty() ? ReadLines(dir + "/newstest2019-src." + code + ".txt") : lines;
  };
  std::vector<std::string> a = side(code_a);
  std::vector<std::string> b = side(code_b);
  if (ids.empty() || a.size() != ids.size() || b.size() != ids.size()) return std::nullopt;
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::string, std::string>> docs;
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string id = ids[i].substr(0, ids[i].find('\t'));
    if (!docs.contains(id)) order.push_back(id);
    auto& d = docs[id];
    d.first += a[i] + "\n";
    d.second += b[i] + "\n";
  }
  OverlapStats stats;
  auto start = std::chrono::steady_clock::now();
  std::vector<AnchorSet> sa, sb, ia, ib;
  for (const std::string& id : order) {
    const auto& [ta, tb] = docs[id];
    stats.bytes += ta.size() + tb.size();
    sa.push_back(ToAnchorSet(FindAnchors(ta, lang_a, resources)));
    sb.push_back(ToAnchorSet(FindAnchors(tb, lang_b, resources)));
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& s : sa) ia.push_back(WithoutPrefix(s, "lex:"));
  for (const auto& s : sb) ib.push_back(WithoutPrefix(s, "lex:"));
  KeyFrequencies frequencies;
  for (const auto& s : sa) frequencies.Add(s);
  for (const auto& s : sb) frequencies.Add(s);
  std::vector<AnchorSet> fa, fb;
  for (const auto& s : sa) fa.push_back(IdfWeighted(s, frequencies));
  for (const auto& s : sb) fb.push_back(IdfWeighted(s, frequencies));
  // Scores per measure: Jaccard, weighted, without lex:, IDF-weighted.
  std::vector<double> true_scores[4], unrelated_scores[4];
  for (size_t i = 0; i < sa.size(); ++i) {
    for (size_t j = 0; j < sb.size(); ++j) {
      double scores[4] = {Jaccard(sa[i], sb[j]), WeightedJaccard(sa[i], sb[j]), Jaccard(ia[i], ib[j]),
                          WeightedJaccard(fa[i], fb[j])};
      for (int m = 0; m < 4; ++m) (i == j ? true_scores : unrelated_scores)[m].push_back(scores[m]);
    }
  }
  auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
  };
  stats.true_pairs = true_scores[0].size();
  stats.unrelated_pairs = unrelated_scores[0].size();
  stats.true_mean = mean(true_scores[0]);
  stats.unrelated_mean = mean(unrelated_scores[0]);
  stats.true_weighted_mean = mean(true_scores[1]);
  stats.unrelated_weighted_mean = mean(unrelated_scores[1]);
  stats.true_identity_mean = mean(true_scores[2]);
  stats.unrelated_identity_mean = mean(unrelated_scores[2]);
  stats.true_idf_mean = mean(true_scores[3]);
  stats.unrelated_idf_mean = mean(unrelated_scores[3]);
  stats.true_above_p99 = ShareAboveP99(true_scores[0], unrelated_scores[0]);
  stats.weighted_above_p99 = ShareAboveP99(true_scores[1], unrelated_scores[1]);
  stats.identity_above_p99 = ShareAboveP99(true_scores[2], unrelated_scores[2]);
  stats.idf_above_p99 = ShareAboveP99(true_scores[3], unrelated_scores[3]);
  return stats;
}

std::string LongLines(const std::string& text) {
  std::stringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::stringstream words(line);
    std::string w;
    int n = 0;
    while (words >> w) ++n;
    if (n >= 12) out += line + "\n";
  }
  return out;
}

}  // namespace storyloom
