// The per-document stages, composed: clean -> normalise -> language ->
// sentences and tokens. Pure: one input unit in, documents out; safe to run
// on many threads at once, each with its own Segmenter.
#ifndef STORYLOOM_PIPELINE_H_
#define STORYLOOM_PIPELINE_H_

#include <string>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/resources.h"

namespace storyloom {

struct InputUnit;
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
