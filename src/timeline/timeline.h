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

namespace storyloom {

// One sentence quoted by a timeline, with where it stands.
struct TimelineSentence {
  std::string text;
  int64_t doc = 0;
  std::string lang;
  Span span;       // in the document's original input bytes (provenance)
  Span body_span;  // in Document::body (the cleaned text)
  std::string date_text;  // the expression that dated it ("4 Desember"), empty when the publication date did
};

struct TimelineEntry {
  std::string date;  // ISO day "2023-12-04", or month "2023-07" for an event only known to its month
  double salience = 0;
  std::vector<TimelineSentence> sentences;
  std::vector<int64_t> sources;    // every document saying the same, copies included, ascending
  std::vector<std::string> langs;  // languages among the sources, sorted
};

struct Timeline {
  int64_t story = 0;
  std::vector<TimelineEntry> entries;      // date order
  std::vector<TimelineSentence> summary;   // a few sentences covering the story
  size_t documents = 0;                    // documents read
  size_t candidates = 0;                   // dated sentences considered
};

// How dates are ranked: what a mention gives a date. Defaults are storyloom's;
// `eval timeline --loto` tunes them leaving one affair out.
struct TimelineWeights {
  double later_bonus = 0.5;         // a date named after it passed counts this much more
  double published_weight = 0.25;   // a source's undated lead, for its publication day
  double support_cap = 2.0;         // what one source can give a date
  double published_sentence = 0.8;  // a sentence dated only by its publication, as a quote
};

struct TimelineOptions {
  size_t dates = 0;      // dates to show; 0: as many as the story supports (at most 30)
  size_t sentences = 1;  // sentences per date
  size_t summary = 3;    // summary sentences
  std::string lang;      // the reader's language; empty: none preferred
  bool months = true;    // month-only events may be entries
  // Only dates in [from, to] (ISO days), and only documents published in it.
  std::optional<std::string> from, to;
  int threads = 0;       // documents are prepared on this many threads; 0: every core
  TimelineWeights weights;
};

// A document of a story as the timeline reads it.
struct TimelineDocument {
  Document doc;               // body, sentences and paragraphs; tokens are found when absent
  int64_t duplicate_of = 0;   // 0: canonical
  std::string duplicate_kind; // "exact", "near", "translation"
  // Its stored annotation, when the store has one: the document is then
  // neither segmented nor annotated again.
  std::optional<StoredAnnotation> stored;
};

Timeline BuildTimeline(std::vector<TimelineDocument> docs, const StoryResources& resources,
                       const TimelineOptions& options, int64_t story = 0);

// An exact or near copy says what its original says: it is cited, not read
// again (its text need not be loaded). Translations are read: they hold the
// reader's language.
bool IsCopy(int64_t duplicate_of, const std::string& kind);

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_H_
