#include "annotate/anchor_overlap.h"

#include <algorithm>
#include <chrono>
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

namespace {

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
  std::vector<std::string> a = ReadLines(dir + "/newstest2019-ref." + code_a + ".txt");
  std::vector<std::string> b = ReadLines(dir + "/newstest2019-ref." + code_b + ".txt");
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
  for (size_t i = 0; i < sa.size(); ++i) {
    for (size_t j = 0; j < sb.size(); ++j) {
      double jac = Jaccard(sa[i], sb[j]), wj = WeightedJaccard(sa[i], sb[j]), ij = Jaccard(ia[i], ib[j]);
      if (i == j) {
        ++stats.true_pairs;
        stats.true_identity_mean += ij;
        stats.true_mean += jac;
        stats.true_weighted_mean += wj;
      } else {
        ++stats.unrelated_pairs;
        stats.unrelated_identity_mean += ij;
        stats.unrelated_mean += jac;
        stats.unrelated_weighted_mean += wj;
      }
    }
  }
  if (stats.true_pairs) {
    stats.true_mean /= static_cast<double>(stats.true_pairs);
    stats.true_weighted_mean /= static_cast<double>(stats.true_pairs);
    stats.true_identity_mean /= static_cast<double>(stats.true_pairs);
  }
  if (stats.unrelated_pairs) {
    stats.unrelated_mean /= static_cast<double>(stats.unrelated_pairs);
    stats.unrelated_weighted_mean /= static_cast<double>(stats.unrelated_pairs);
    stats.unrelated_identity_mean /= static_cast<double>(stats.unrelated_pairs);
  }
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
