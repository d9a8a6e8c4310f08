// The annotate stage's results, stored with each document so that no later
// reader (a timeline, `storyloom annotate`) segments or annotates it again:
// the document date, each sentence's dates and anchors, and what a timeline
// compares sentences by (their words and weighted terms). Bytes are
// little-endian LEB128 varints behind a version byte; anchor keys and terms
// are listed once per document and referred to by index. Pivot-word
// ("lex:") and date anchors are left out: pivots only feed the story
// features, computed at ingest, and date anchors repeat the dates.
#ifndef STORYLOOM_ANNOTATE_ANNOTATION_CODEC_H_
#define STORYLOOM_ANNOTATE_ANNOTATION_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annotate/annotator.h"

namespace storyloom {

// What a timeline reads of one sentence besides its dates and anchors.
struct SentenceTerms {
  uint32_t words = 0;                               // word tokens
  bool informative = true;                          // reports something (annotate/informative.h)
  std::vector<std::pair<uint64_t, float>> terms;    // term key -> weight, by key
};

struct StoredAnnotation {
  DocumentAnnotation annotation;
  std::vector<SentenceTerms> sentences;  // one per Document::sentences entry
  // Decoded by reference (AnchorDecoding::kReferences): the sentences'
  // anchors are left empty, and instead the document's anchor keys are
  // listed once and each annotated sentence names its anchors' keys by
  // index (anchor_refs[i] for annotation.sentences[i]). A story's timeline
  // reads tens of thousands of documents and needs only which keys a
  // sentence holds, not a string per anchor.
  std::vector<std::string> anchor_keys;
  std::vector<std::vector<uint32_t>> anchor_refs;
};

enum class AnchorDecoding { kWhole, kReferences };

std::string EncodeAnnotation(const StoredAnnotation& stored);
// Nothing for bytes that are not an encoding of this version (a store
// written by a later storyloom, or damaged): the reader annotates afresh.
std::optional<StoredAnnotation> DecodeAnnotation(std::string_view bytes,
                                                 AnchorDecoding anchors = AnchorDecoding::kWhole);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANNOTATION_CODEC_H_
