// People and organisations: acronyms, capitalised names and a cross-script
// consonant skeleton.
//
// - An all-capital Latin word of 2 to 8 letters is an acronym: `acr:ECOWAS`
//   (Roman numerals excepted). Aliases in other scripts (`إيكواس`) reach the
//   same key through resources/anchors/aliases.tsv.
// - In a cased script, a capitalised word not already taken by a place or an
//   alias, not a common word of the language (when a lexicon knows it), and
//   not a lone capitalised word at the start of a sentence, is a name word.
//   In Arabic, which has no capitals, a word of 3+ letters that the Arabic
//   lexicon does not know (under any clitic reading) is a name word; with no
//   Arabic lexicon loaded, only aliases find Arabic names. Such guessed
//   names weigh 0.5.
// - Each name word gives `ent:<skeleton>`; see NameSkeleton.
#ifndef STORYLOOM_ANNOTATE_NAMES_H_
#define STORYLOOM_ANNOTATE_NAMES_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annotate/anchors_text.h"
#include "storyloom/annotation.h"

namespace storyloom {

// The consonant skeleton of a lower-case ASCII word, so that spellings of
// one name in different scripts and transcription traditions meet:
//  1. keep a-z only;
//  2. rewrite letter groups, longest first: tsch tch tsh ts -> t (the
//     affricate heard after t: `Tchiani`, `tshyany` from `تشياني`); sch sh
//     ch -> s; ph -> f; th -> t; kh gh -> k; dh -> d; dj dzh zh -> j;
//     ck qu -> k; x -> ks;
//  3. drop vowels and the glides and h: a e i o u y w h;
//  4. merge similar consonants: c k q g -> k; b p -> b; f v -> f; s z -> s;
//  5. collapse doubled letters.
// `Tchiani`, `Tiani` and `تشياني` (tshyany) all give "tn"; `Bazoum` and
// `بازوم` (bazwm) give "bsm". Returns "" for skeletons shorter than 2.
std::string NameSkeleton(std::string_view ascii_lower);

// Latin-ASCII lower-case transliteration of a word in any script, cached.
// Thread-safe; logically const.
class Transliterations {
 public:
  Transliterations();
  ~Transliterations();
  std::string ToAscii(const std::string& word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a folded word of a language is a common (dictionary) word.
using IsCommonWord = std::function<bool(const std::string& lang, const std::string& folded)>;

void FindNames(const std::vector<AnchorToken>& tokens, std::string_view text, const std::string& lang,
               const IsCommonWord& is_common, const Transliterations& translit, std::vector<Anchor>* out,
               std::vector<bool>* used);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_NAMES_H_
