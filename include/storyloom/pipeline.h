// The per-document stages, composed: clean -> normalise -> language ->
// sentences and tokens. Pure: one input unit in, documents out; safe to run
// on many threads at once, each with its own Segmenter.
#ifndef STORYLOOM_PIPELINE_H_
#define STORYLOOM_PIPELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/mapped_text.h"
#include "storyloom/resources.h"

namespace storyloom {

// One piece of text that becomes one or more documents, as a reader cut it
// from its input: a whole text file, a line, a JSONL item, the article of a
// web page.
struct InputUnit {
  std::string path;
  uint32_t line = 0;          // 1-based for lines and JSONL
  uint32_t chunk = 0;         // part of an over-long text, counted from 0
  Format format = Format::kText;
  MappedText text;            // decoded; offsets into the decoded input
  Span raw_span;              // bytes of the decoded input this unit covers
  // Metadata the source carried (JSONL fields, HTML meta tags).
  std::string title, url, source, site, byline, lang;
  std::optional<std::string> published;
  std::string published_from;  // where `published` came from, when not "metadata"
  std::string metadata_json;
  std::vector<RemovedSpan> removed;  // what the HTML extractor left out
};

// The text stage's segmenter (sentences, words, stems): one a thread.
class Segmenter;

struct PipelineOptions {
  std::string forced_lang;  // --lang: every document is in this language
  // Tokens and stems are not stored; stages that need them ask for them.
  bool with_tokens = false;
};

// Documents of one unit, in order (several when articles were glued). A
// unit with no text left after cleaning yields none.
std::vector<Document> ProcessUnit(const InputUnit& unit, const Resources& resources, Segmenter& segmenter,
                                  const PipelineOptions& options);

// Language of a document from its paragraphs: the language holding most
// text; mixed when a second language holds at least a fifth of it.
void IdentifyLanguages(Document* doc, const LanguageIdentifier& langid);

// Hex XXH3-128 of bytes.
std::string ContentHash(std::string_view bytes);

}  // namespace storyloom

#endif  // STORYLOOM_PIPELINE_H_
