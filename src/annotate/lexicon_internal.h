// Private to the lexicon's files (lexicon*.cc): its limits, the stemmer
// that meets inflected forms with their headwords, and a file's language.
#ifndef STORYLOOM_ANNOTATE_LEXICON_INTERNAL_H_
#define STORYLOOM_ANNOTATE_LEXICON_INTERNAL_H_

#include <libstemmer.h>

#include <cstddef>
#include <string>

#include "text/segment.h"

namespace storyloom::lexicon_internal {

constexpr size_t kMaxPivots = 1;  // see lexicon.h
constexpr size_t kMaxPhrase = 3;
// Cognates (see lexicon.h): words of at least this many letters, skeletons
// of at least this many consonants.
constexpr size_t kCognateLetters = 6;
constexpr size_t kCognateConsonants = 4;

// Inflected forms meet their dictionary headword through the language's
// Snowball stemmer (on folded words, the same on both sides): `Regierungen`
// and `Regierung` -> `regier`. Languages without one (Polish) keep the first
// six letters of longer words, which is what a stem of theirs mostly is.
// Arabic has its own clitic variants (anchors_text.h); Vietnamese words
// do not inflect; uncased scripts (Japanese, Chinese) are matched by
// segments instead (see Lexicon::Find).
class LookupStemmer {
 public:
  explicit LookupStemmer(const std::string& lang) {
    if (lang == "ar" || lang == "vi") return;
    const char* algo = SnowballAlgorithm(lang);
    if (algo) stemmer_ = sb_stemmer_new(algo, "UTF_8");
    else prefix_ = 6;
  }
  ~LookupStemmer() {
    if (stemmer_) sb_stemmer_delete(stemmer_);
  }
  LookupStemmer(const LookupStemmer&) = delete;
  LookupStemmer& operator=(const LookupStemmer&) = delete;
  bool active() const { return stemmer_ != nullptr || prefix_ > 0; }
  // The stem key of a folded word ("" when the word is too short to stem).
  std::string Key(const std::string& folded) {
    if (folded.size() < 3 || folded.find(' ') != std::string::npos) return {};
    std::string stem;
    if (stemmer_) {
      const sb_symbol* r = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                           static_cast<int>(folded.size()));
      if (!r) return {};
      stem.assign(reinterpret_cast<const char*>(r), static_cast<size_t>(sb_stemmer_length(stemmer_)));
    } else if (prefix_ > 0) {
      size_t cps = 0, i = 0;
      for (; i < folded.size(); ++i)
        if ((static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80 && cps++ == prefix_) break;
      if (i >= folded.size()) return {};  // not longer than the prefix
      stem = folded.substr(0, i);
    }
    if (stem.size() < 3) return {};
    return std::string(1, '\x01') + stem;
  }

 private:
  sb_stemmer* stemmer_ = nullptr;
  size_t prefix_ = 0;
};

// One stemmer per language and thread: Find runs on many threads, and a
// Snowball stemmer keeps state.
LookupStemmer& ThreadStemmer(const std::string& lang);

// "ara" -> "ar", "deu" -> "de": CLDR's aliases, through ICU (language_codes.h).
std::string LangOf3(const std::string& code);

// The language of a lexicon file, from its name ("" when storyloom reads no
// such file): freedict-ara-eng -> ar (the non-English side decides),
// Indonesian-English_....tsv -> id.
std::string FileLanguage(const std::string& file);

}  // namespace storyloom::lexicon_internal

#endif  // STORYLOOM_ANNOTATE_LEXICON_INTERNAL_H_
