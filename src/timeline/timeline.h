// The timeline stage: a story's dated events, ranked, each line traceable.
//
// Candidates are dated sentences: expressions the annotate stage resolved,
// the publication date as a weaker fallback. A year that one document could
// not fix (a list of leads: "ngày 3/12") is fixed from the story: the dates
// its other documents give and the order of the leads. Sentences about the
// same event on the same date, across documents and languages, form one
// event; an event weighs by its independent sources and languages, so a copy
// or a translation counts once. Dates are ranked by salience; each chosen
// date shows its most central sentences, in the reader's language where one
// exists, and cites every document that says the same.
//
//   TimelineOptions options;
//   options.lang = "vi";
//   Timeline t = BuildTimeline(std::move(documents), resources, options, story);
//
// Pure over its inputs: the builder holds no state between calls. It knows
// no store: engine/story_timeline.h reads a stored story's documents for it.
#ifndef STORYLOOM_TIMELINE_TIMELINE_H_
#define STORYLOOM_TIMELINE_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "annotate/annotation_codec.h"
#include "stories/story_resources.h"
#include "storyloom/document.h"
#include "storyloom/timeline.h"

namespace storyloom {

// Timeline, TimelineEntry, TimelineSentence and TimelineOptions are public:
// storyloom/timeline.h.

// A document of a story as the timeline reads it.
struct TimelineDocument {
  // Body, sentences and paragraphs; tokens are found when absent. A
  // document's head alone (Store::GetDocumentHeads: no text, no sentences)
  // with its stored annotation is read as well: its sentences are the
  // annotation's, and its quotes are left for FillQuote.
  Document doc;
  int64_t duplicate_of = 0;   // 0: canonical
  std::string duplicate_kind; // "exact", "near", "translation"
  // Its stored annotation, when the store has one: the document is then
  // neither segmented nor annotated again.
  std::optional<StoredAnnotation> stored;
};

Timeline BuildTimeline(std::vector<TimelineDocument> docs, const StoryResources& resources,
                       const TimelineOptions& options, int64_t story = 0);

// A quote's text and its spans in the body and the input bytes, from its
// whole document (s->doc, sentence s->sentence): what the timeline leaves
// out when it read a document's head. False, leaving it as it is, when the
// document has no such sentence.
bool FillQuote(TimelineSentence* s, const Document& doc);

// An exact or near copy says what its original says: it is cited, not read
// again (its text need not be loaded). Translations are read: they hold the
// reader's language.
bool IsCopy(int64_t duplicate_of, const std::string& kind);

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_H_
