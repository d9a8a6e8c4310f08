// Anchor overlap between documents: how much two texts share in anchors,
// and the check that true translations share far more than unrelated
// articles (NTREX-128 newstest2019 references, line-aligned, with
// DOCUMENT_IDS.tsv naming each line's article).
#ifndef STORYLOOM_ANNOTATE_ANCHOR_OVERLAP_H_
#define STORYLOOM_ANNOTATE_ANCHOR_OVERLAP_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "annotate/anchors.h"

namespace storyloom {

// Key -> highest weight among a text's anchors.
using AnchorSet = std::map<std::string, float>;
AnchorSet ToAnchorSet(const std::vector<Anchor>& anchors);

// |A ∩ B| / |A ∪ B| over keys.
double Jaccard(const AnchorSet& a, const AnchorSet& b);
// Σ min(w) / Σ max(w) over the union of keys (a missing key weighs 0).
double WeightedJaccard(const AnchorSet& a, const AnchorSet& b);
// The set without the keys that start with prefix ("lex:").
AnchorSet WithoutPrefix(const AnchorSet& set, const std::string& prefix);
std::vector<std::string> SharedKeys(const AnchorSet& a, const AnchorSet& b);

// In how many of n documents each key occurs.
struct KeyFrequencies {
  size_t documents = 0;
  std::map<std::string, size_t> df;
  void Add(const AnchorSet& set);
};
// The set with each key's weight multiplied by log(N / df): a key in every
// document (a common lexicon pivot) weighs nothing, a key in one weighs
// most. A key the frequencies have not seen counts as seen once.
// WeightedJaccard over two such sets is the IDF-weighted Jaccard.
AnchorSet IdfWeighted(const AnchorSet& set, const KeyFrequencies& frequencies);

struct OverlapStats {
  size_t true_pairs = 0, unrelated_pairs = 0;
  double true_mean = 0, unrelated_mean = 0;                    // Jaccard
  double true_weighted_mean = 0, unrelated_weighted_mean = 0;  // weighted Jaccard
  double true_identity_mean = 0, unrelated_identity_mean = 0;  // Jaccard without lex: keys
  // Weighted Jaccard with IDF weights, df over the articles of both languages.
  double true_idf_mean = 0, unrelated_idf_mean = 0;
  // Separability: the share of true pairs scoring above the 99th percentile
  // of unrelated pairs, per measure.
  double true_above_p99 = 0, weighted_above_p99 = 0, identity_above_p99 = 0, idf_above_p99 = 0;
  double seconds = 0;
  size_t bytes = 0;  // text annotated
};

// NTREX: articles rebuilt from the line-aligned files `newstest2019-ref.<a>.txt`
// and `...<b>.txt` in dir (codes like "ind", "arb"; `newstest2019-src.eng.txt`
// for "eng"), annotated in lang_a and
// lang_b; true pairs are the same article, unrelated pairs every two
// different articles. Fails (returns nullopt) when the files are absent.
std::optional<OverlapStats> NtrexOverlap(const std::string& dir, const std::string& code_a, const std::string& lang_a,
                                         const std::string& code_b, const std::string& lang_b,
                                         const AnchorResources& resources);

// The body of a saved page, roughly: the lines of twelve words or more
// (menus, captions of one line, datelines and footers are shorter).
std::string LongLines(const std::string& text);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANCHOR_OVERLAP_H_
