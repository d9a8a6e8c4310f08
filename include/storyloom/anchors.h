// Anchors: the language-independent keys that let stories cross languages.
//
//   geo:RU, geo:NE:niamey   places
//   acr:ECOWAS, ent:tn       organisations and people
//   num:1500, num:18%        numbers with magnitude
//   lex:withdraw             content words through an English pivot (lexicons)
//
// The annotate stage finds them in every sentence; AnchorFinder finds them
// in any text, and the overlap measures below say how much two texts share.
//
//   AnchorOptions o;
//   o.resources_dir = FindResources("", "").dir;
//   o.lexicon_paths = DefaultLexiconPaths(o.resources_dir, {"en", "vi"});
//   auto finder = AnchorFinder::Load(o);
//   std::vector<Anchor> found = finder->Find("Niger's junta ...", "en");
#ifndef STORYLOOM_ANCHORS_H_
#define STORYLOOM_ANCHORS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/annotation.h"

namespace storyloom {

struct AnchorOptions {
  std::string resources_dir;               // holds anchors/places_extra.tsv and anchors/aliases.tsv
  std::vector<std::string> lexicon_paths;  // files or folders; missing ones are skipped
  // Whose English words English text meets the pivots through (Lexicon::Load);
  // none given: those of lexicon_paths.
  std::optional<std::vector<std::string>> english_lexicon_paths;
  std::vector<std::string> languages;      // lexicons to read (ISO 639-1); empty = all
  float lexicon_weight = 0.2f;
};

// The lexicons storyloom reads when none are given, as
// <resources_dir>/lexicons/lexicons.tsv lists them: FreeDict's dictionaries
// under /usr/share/dictd (Arabic, Indonesian, German, French, Italian,
// Spanish, Polish, Turkish, Portuguese, Russian, Japanese) and the
// Wiktionary extracts in <resources_dir>/../../shared/data/lexicons/wiktionary.
// For text in English alone (languages {"en"}), only the rows marked `en`.
std::vector<std::string> DefaultLexiconPaths(const std::string& resources_dir,
                                             const std::vector<std::string>& languages = {});
// The rows marked `en`: whose English words English text meets the pivots
// through, whatever other languages are read.
std::vector<std::string> DefaultEnglishLexiconPaths(const std::string& resources_dir);

// The anchor tables (places, aliases, names, lexicons), loaded once and
// immutable; Find is safe on many threads.
class AnchorFinder {
 public:
  // Missing lexicon files are skipped (fewer lex: pivots), never an error.
  static std::unique_ptr<AnchorFinder> Load(const AnchorOptions& options);
  ~AnchorFinder();
  AnchorFinder(const AnchorFinder&) = delete;
  AnchorFinder& operator=(const AnchorFinder&) = delete;

  // The anchors of a text (a sentence or a whole body) in lang (ISO 639-1),
  // in text order of their tokens; spans are byte offsets into text.
  std::vector<Anchor> Find(std::string_view text, const std::string& lang) const;

  // storyloom's own stages reach the tables through this.
  struct Rep;
  const Rep& rep() const { return *rep_; }

 private:
  explicit AnchorFinder(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// ---- Overlap between texts ----

// Key -> highest weight among a text's anchors.
using AnchorSet = std::map<std::string, float>;
AnchorSet ToAnchorSet(const std::vector<Anchor>& anchors);

// |A ∩ B| / |A ∪ B| over keys.
double Jaccard(const AnchorSet& a, const AnchorSet& b);
// Σ min(w) / Σ max(w) over the union of keys (a missing key weighs 0).
double WeightedJaccard(const AnchorSet& a, const AnchorSet& b);
// The set without the keys that start with prefix ("lex:").
AnchorSet WithoutPrefix(const AnchorSet& set, const std::string& prefix);
// The keys both sets hold, sorted.
std::vector<std::string> SharedKeys(const AnchorSet& a, const AnchorSet& b);

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
// for "eng"), annotated in lang_a and lang_b; true pairs are the same
// article, unrelated pairs every two different articles. nullopt when the
// files are absent or their lines differ in number.
std::optional<OverlapStats> NtrexOverlap(const std::string& dir, const std::string& code_a, const std::string& lang_a,
                                         const std::string& code_b, const std::string& lang_b,
                                         const AnchorFinder& finder);

}  // namespace storyloom

#endif  // STORYLOOM_ANCHORS_H_
