// Annotations: what the annotate stage finds in a document's sentences.
// Time expressions resolved against the document date, and anchors: the
// language-independent keys (places, people, organisations, numbers, dates,
// pivot words) that let stories cross languages.
#ifndef STORYLOOM_ANNOTATION_H_
#define STORYLOOM_ANNOTATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyloom/mapped_text.h"

namespace storyloom {

// A temporal expression and its value at its own granularity:
// "2024-04-10" (day), "2023-07" (month), "2024" (year), "2024-W15" (week),
// ranges as "START/END". A year that the document alone cannot fix is
// written "XXXX" ("XXXX-04-10") and flagged.
struct TimeExpression {
  Span span;               // in Document::body
  std::string text;        // the expression as written
  std::string value;       // ISO value, see above
  bool year_unknown = false;
  // For a year-unknown date in a list of leads that runs newest first: its
  // year relative to the list's first dated lead (0 the same year, -1 the
  // year before), as the order of the leads tells. The story fills in the
  // year itself later.
  std::optional<int> relative_year;
  bool relative = false;   // resolved against the document date ("yesterday")
};

// When a document was written, and how storyloom knows.
struct DocumentDate {
  std::optional<std::string> value;  // ISO day
  std::string from;                  // "metadata", "header", "text", "inferred"
};

// A language-independent key found in text: "geo:NE", "ent:tchn",
// "acr:ECOWAS", "num:1500", "date:2023-12-04", "lex:withdraw".
struct Anchor {
  std::string key;
  Span span;           // in Document::body
  float weight = 1.0;  // lexicon pivots weigh less: they are many-to-many
};

// What the annotate stage finds in one sentence, and in one document.
struct SentenceAnnotation {
  uint32_t sentence = 0;                // index in Document::sentences
  Span span;                            // in Document::body
  std::vector<TimeExpression> dates;    // spans in Document::body
  std::vector<Anchor> anchors;          // spans in Document::body; dates as "date:" anchors
};

struct DocumentAnnotation {
  DocumentDate date;  // what the sentences' relative dates were resolved against
  std::vector<SentenceAnnotation> sentences;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATION_H_
