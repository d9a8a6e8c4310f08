// Anchors: the language-independent keys that let stories cross languages.
//
//   geo:RU, geo:NE:niamey   places (places.h)
//   acr:ECOWAS, ent:tn       organisations and people (names.h)
//   num:1500, num:18%        numbers with magnitude (numbers.h)
//   lex:withdraw             content words through an English pivot (lexicon.h)
//
// AnchorResources is loaded once and is immutable (its transliteration cache
// is internal and thread-safe); FindAnchors is safe on many threads.
// Order of precedence on a token: aliases and places, then numbers, then
// names, then lexicon pivots; a token gives keys of one kind only.
#ifndef STORYLOOM_ANNOTATE_ANCHORS_H_
#define STORYLOOM_ANNOTATE_ANCHORS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "annotate/lexicon.h"
#include "annotate/names.h"
#include "annotate/places.h"
#include "storyloom/anchors.h"
#include "storyloom/annotation.h"

namespace storyloom {

// AnchorOptions, DefaultLexiconPaths and DefaultEnglishLexiconPaths are
// public: storyloom/anchors.h (AnchorFinder there wraps AnchorResources).

class AnchorResources {
 public:
  static std::unique_ptr<AnchorResources> Load(const AnchorOptions& options);

  const PlaceTable& places() const { return places_; }
  const Lexicon& lexicon() const { return lexicon_; }
  const Transliterations& transliterations() const { return translit_; }
  float lexicon_weight() const { return lexicon_weight_; }
  // Common words of a language: the lexicon's words and resources/anchors/stopwords.tsv.
  bool IsCommon(const std::string& lang, const std::string& folded) const;

 private:
  AnchorResources() = default;
  PlaceTable places_;
  Lexicon lexicon_;
  Transliterations translit_;
  std::unordered_map<std::string, std::unordered_set<std::string>> stopwords_;
  float lexicon_weight_ = 0.2f;
};

// The anchors of a text (a sentence or a whole body) in lang (ISO 639-1), in
// text order of their tokens; spans are byte offsets into text.
std::vector<Anchor> FindAnchors(std::string_view text, const std::string& lang, const AnchorResources& resources);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANCHORS_H_
