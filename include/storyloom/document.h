// Document: the one value that flows through storyloom's stages. Each stage
// reads what earlier stages wrote and fills its own fields; none reaches back.
#ifndef STORYLOOM_DOCUMENT_H_
#define STORYLOOM_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyloom/mapped_text.h"

namespace storyloom {

// What the cleaner took out of a document, and why. `span` is in original
// input bytes, so nothing removed is lost: `show` prints it back.
struct RemovedSpan {
  Span span;
  std::string reason;  // "advert", "navigation", "related", "caption", ...
  std::string text;
};

struct Paragraph {
  Span span;             // in Document::body
  std::string lang;      // ISO 639-1 where one exists ("vi", "id", "ar")
  float confidence = 0;  // of the language guess
};

struct Sentence {
  Span span;  // in Document::body
};

// A word token. Vietnamese yields one token a syllable and, where the source
// joined syllables with '_', one more token for the whole word (is_word).
struct Token {
  Span span;          // in Document::body
  std::string norm;   // lower-cased; Arabic folded for matching
  std::string stem;   // Snowball stem where Snowball has the language, else norm
  bool is_word = false;
  uint32_t sentence = 0;
};

// The input format a document was read as. kFeed: RSS, RDF, Atom or a news
// sitemap; kWarc: a web archive's fetched pages.
enum class Format { kAuto, kText, kLines, kJsonl, kHtml, kFeed, kWarc };
const char* FormatName(Format f);
bool ParseFormat(const std::string& name, Format* f);

struct Document {
  int64_t id = 0;  // assigned by the store

  // Where it came from.
  std::string path;        // file path, or "-" for standard input
  uint32_t line = 0;       // 1-based line for lines/jsonl input, else 0
  uint32_t part = 0;       // index among articles split from one input text
  Format format = Format::kText;
  bool is_list = false;    // a list of one-line leads kept as one document
  Span raw_span;           // bytes of the decoded input this document spans
  std::string encoding;    // detected encoding of the input ("UTF-8", ...)
  uint32_t invalid_bytes = 0;

  // Header metadata.
  std::string title;
  std::string url;
  std::string source;      // publisher ("Công Luận")
  std::string site;        // the site that carried it ("Vietnam.vn")
  std::string byline;
  std::optional<std::string> published;  // ISO date "2023-12-05"
  std::string published_from;            // "metadata", "header", "text"
  std::string metadata_json;             // other JSONL fields, verbatim JSON object

  // Cleaned, normalised body with its map back to the decoded input.
  MappedText body;
  std::vector<RemovedSpan> removed;

  // Language.
  std::string lang;
  float lang_confidence = 0;
  bool mixed_lang = false;
  std::vector<Paragraph> paragraphs;

  // Segmentation.
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;

  std::string content_hash;  // of the normalised body, hex
};

}  // namespace storyloom

#endif  // STORYLOOM_DOCUMENT_H_
