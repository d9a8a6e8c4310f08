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
