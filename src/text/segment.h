// Sentences and words with ICU break iterators, lower-cased tokens, Snowball
// stems where Snowball has the language, Vietnamese syllables plus the words
// a segmented source marked. ICU iterators and Snowball stemmers keep state,
// so each thread owns a Segmenter.
#ifndef STORYLOOM_TEXT_SEGMENT_H_
#define STORYLOOM_TEXT_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyloom/document.h"

struct sb_stemmer;

namespace storyloom {

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Fills doc->sentences and doc->tokens from doc->body, paragraph by
  // paragraph (doc->paragraphs), each in its own language. `joins` are the
  // body offsets of spaces that were word-joining underscores. Without
  // `with_tokens` only sentences are found.
  void Segment(Document* doc, const std::vector<uint32_t>& joins, bool with_tokens = true);

  // Lower-case form for matching: ICU case folding by language, Arabic folded.
  std::string Normalize(std::string_view word, const std::string& lang);
  // Snowball stem of a lower-cased word, or the word where there is none.
  std::string Stem(std::string_view lower, const std::string& lang);

 private:
  struct Iterators;
  Iterators& IteratorsFor(const std::string& lang);
  sb_stemmer* StemmerFor(const std::string& lang);

  std::unordered_map<std::string, std::unique_ptr<Iterators>> iterators_;
  std::unordered_map<std::string, sb_stemmer*> stemmers_;
};

// The Snowball algorithm for an ISO 639-1 code, or nullptr.
const char* SnowballAlgorithm(const std::string& lang);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_SEGMENT_H_
