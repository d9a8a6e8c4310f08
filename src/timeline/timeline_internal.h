// Private to the timeline's files (timeline*.cc): a document as the builder
// reads it and its dated sentences, the years settled from the story, the
// preparing of a document, and the builder.
#ifndef STORYLOOM_TIMELINE_TIMELINE_INTERNAL_H_
#define STORYLOOM_TIMELINE_TIMELINE_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/sparse_vector.h"
#include "stories/story_resources.h"
#include "timeline/timeline.h"

namespace storyloom {

class Segmenter;

namespace timeline_internal {

// A sparse, L2-normalised term vector, sorted by key.
using Vec = SparseVector;

// A dated sentence: a candidate line of the timeline.
struct Candidate {
  size_t doc = 0;       // index into the prepared documents
  uint32_t sentence = 0;
  int32_t day = 0;      // first day of the date (a month's first day)
  bool month = false;   // the date is a month
  bool mentioned = true;  // an expression dates it; false: the publication date
  std::string date_text;
  bool relative = false;  // resolved against a document date that was itself inferred
};

struct SentenceInfo {
  Vec terms;                        // raw counts, then tf-idf, normalised
  std::vector<uint64_t> anchors;    // sorted, dates and pivots left out
  uint32_t words = 0;
  bool informative = true;          // reports something (InformativeSentence)
};

struct Prepared {
  TimelineDocument in;
  DocumentAnnotation annotation;
  std::vector<SentenceInfo> sentences;
  size_t group = 0;               // independent source: a document and its copies
  std::optional<int32_t> published;  // day
};

// timeline_years.cc: dates as the timeline writes them, and years.
// "2023-12-04" -> day; "2023-07" -> month; else nothing. Year-unknown
// values are settled before this is asked.
bool ParseDate(const std::string& value, int32_t* day, bool* month);
std::string DateString(int32_t day, bool month);
// Fills the year of every year-unknown date from the other documents of the
// story: a list of leads moves as one (its relative years are fixed by the
// order of its leads), any other expression on its own. The year chosen puts
// the days nearest the days the story already knows.
void SettleYears(std::vector<Prepared>* docs);

// timeline_prepare.cc: a document's annotation, its sentences' terms and
// anchors, and its publication day; segmented and annotated here only when
// the store kept no annotation for it.
void Prepare(Prepared* p, const StoryResources& resources, Segmenter& segmenter);

// timeline_builder.cc: the timeline of the prepared documents of one story
// (their years settled): sources grouped, dates ranked, entries and summary.
// Their term vectors are weighed in place, on `threads` threads.
Timeline BuildFromPrepared(std::vector<Prepared>* docs, size_t threads, const TimelineOptions& options,
                           int64_t story);

}  // namespace timeline_internal
}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_INTERNAL_H_
