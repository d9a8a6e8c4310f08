// Text: the per-document text stages one at a time, for tools that measure
// or reuse one of them (ProcessUnit in pipeline.h runs them all, in order):
//
//   bytes --DecodeToUtf8--> UTF-8 --CleanText--> articles --Normalize--> body
//         --Segmenter::Segment--> sentences and tokens
//
// Every text keeps its map back to the input bytes (MappedText), so what a
// later stage finds can be cited in the original. Language codes are ISO
// 639-1 where one exists, as IsoLanguage writes them.
//
//   Segmenter segmenter;  // one a thread
//   Document doc;
//   doc.body = MappedText::Identity("Ships may enter again. The port said so.");
//   doc.lang = "en";
//   segmenter.Segment(&doc, {});  // doc.sentences.size() == 2
#ifndef STORYLOOM_TEXT_H_
#define STORYLOOM_TEXT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/mapped_text.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

struct sb_stemmer;

namespace storyloom {

// ---- Bytes to UTF-8 ----
// Legacy encodings are detected (uchardet) and converted (ICU); invalid
// bytes become U+FFFD and are counted.

struct DecodedText {
  MappedText text;        // UTF-8; offsets map to the input bytes
  std::string encoding;   // "UTF-8", "windows-1252", ...
  uint32_t invalid = 0;   // bytes (or sequences) replaced by U+FFFD
  bool binary = false;    // looks like a binary file (NULs, control bytes)
};

// `hint` is a charset named by the source (HTTP header, <meta charset>), or
// empty. Valid UTF-8 is always taken as UTF-8, whatever the hint.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view hint = {});

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Reads a whole file; .gz files (by magic number) are inflated. A truncated
// .gz yields what could be read and an error message in *warning.
Result<std::string> ReadFileBytes(const std::string& path, std::string* warning);

// ---- Cleaning ----

// One article the cleaner found in a text, its chrome (menus, adverts,
// bylines, related links) taken out and kept in `removed`.
struct CleanArticle {
  MappedText title;                     // may be empty
  std::vector<MappedText> paragraphs;   // body, in order
  std::vector<RemovedSpan> removed;
  std::string site, source, byline;
  std::optional<std::string> published;  // from a dateline, ISO
  bool is_list = false;
  bool fragment = false;  // a teaser cut short by the page
};

// The articles of a plain text, cleaned as ingest cleans a text input with
// `resources`' chrome and dateline tables; none when nothing is left.
std::vector<CleanArticle> CleanPlainText(const MappedText& text, const Resources& resources);

// ---- Normalisation ----
// Unicode NFC, one space between words, one Vietnamese tone-mark
// convention, corpus word-segmentation underscores and tokenisation spaces
// undone; the map to the original bytes is kept.

struct NormalizeOptions {
  // Treat '_' between letters as a word-segmentation mark and tokenised
  // punctuation as corpus artefacts. Decide with LooksWordSegmented().
  bool segmented_corpus = false;
};

struct NormalizedText {
  MappedText text;
  // Byte offsets (in text) of spaces that were word-joining underscores.
  std::vector<uint32_t> joins;
};

NormalizedText Normalize(const MappedText& in, const NormalizeOptions& options);

// True when text looks like a word-segmented corpus line: many '_' joining
// letters, and punctuation standing apart as tokens.
bool LooksWordSegmented(std::string_view text);

// NFC alone (ICU), with the map kept.
MappedText ToNfc(const MappedText& in);

// ---- Sentences and tokens ----

// Sentences and words with ICU break iterators, lower-cased tokens, Snowball
// stems where Snowball has the language, Vietnamese syllables plus the words
// a segmented source marked. ICU iterators and Snowball stemmers keep state,
// so each thread owns a Segmenter.
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

// ---- Language codes ----
// From the codes and names files and datasets use ("deu", "arb", "zho-CN",
// "Indonesian"), through ICU's copy of the CLDR alias and display-name data.

// "deu" -> "de", "arb" -> "ar", "zho-CN" -> "zh", "en" -> "en"; a code ICU
// does not know comes back lower-cased as it is ("zlm").
std::string IsoLanguage(std::string_view code);

// An English language name -> its code: "Indonesian" -> "id",
// "Vietnamese" -> "vi"; "" when no language has that English name.
std::string LanguageFromEnglishName(std::string_view name);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_H_
