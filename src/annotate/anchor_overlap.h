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

// AnchorSet, ToAnchorSet, Jaccard, WeightedJaccard, WithoutPrefix,
// SharedKeys and OverlapStats are public: storyloom/anchors.h.

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
