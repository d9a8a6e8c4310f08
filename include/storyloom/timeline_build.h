// Timelines built from documents in hand: a story's dated events, ranked,
// each line traceable to the span of its source. Sentences about the same
// event on the same date, across documents and languages, form one entry;
// an entry weighs by its independent sources, so a copy counts once.
//
//   auto builder = TimelineBuilder::Load(resources, {"en"});
//   TimelineOptions options;
//   options.dates = 10;
//   Timeline t = (*builder)->Build(std::move(documents), options);
//
// The documents come from ProcessArticle (article.h) or from a store;
// BuildStored reads a stored story's documents itself.
#ifndef STORYLOOM_TIMELINE_BUILD_H_
#define STORYLOOM_TIMELINE_BUILD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/mapped_text.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"
#include "storyloom/store.h"
#include "storyloom/timeline.h"

namespace storyloom {

// Timeline, TimelineEntry, TimelineSentence, TimelineWeights and
// TimelineOptions: in storyloom/timeline.h.

// The annotation tables a timeline reads dates and anchors with, loaded
// once; Build and BuildStored are safe on many threads.
class TimelineBuilder {
 public:
  // Tables for `languages` (ISO 639-1; empty: every language storyloom
  // has), from `resources`' folder. Fails naming a missing file.
  static Result<std::unique_ptr<TimelineBuilder>> Load(const Resources& resources,
                                                       const std::vector<std::string>& languages = {});
  ~TimelineBuilder();
  TimelineBuilder(const TimelineBuilder&) = delete;
  TimelineBuilder& operator=(const TimelineBuilder&) = delete;

  // The timeline of `docs` (ids set, bodies segmented; tokens are found
  // when absent), every one read as a report of its own; `story` is only
  // copied into the result.
  Timeline Build(std::vector<Document> docs, const TimelineOptions& options, int64_t story = 0) const;

  // The timeline of stored story `story`: its documents, copies cited
  // rather than read. Fails when the store cannot be read.
  Result<Timeline> BuildStored(Store& store, int64_t story, const TimelineOptions& options) const;

  // storyloom's own stages reach the tables through this.
  struct Rep;
  const Rep& rep() const { return *rep_; }

 private:
  explicit TimelineBuilder(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_BUILD_H_
