// The timeline stage's entry: a story's documents prepared on threads, their
// years settled, and the builder's timeline of them; which duplicates are read.
#include "timeline/timeline.h"

#include <algorithm>

#include "base/parallel_for.h"
#include "text/segment.h"
#include "timeline/timeline_internal.h"

namespace storyloom {

using namespace timeline_internal;  // NOLINT: the timeline's own builder and helpers

bool FillQuote(TimelineSentence* s, const Document& doc) {
  if (s->sentence >= doc.sentences.size()) return false;
  const Span span = doc.sentences[s->sentence].span;
  if (span.end > doc.body.size() || span.start > span.end) return false;
  s->body_span = span;
  s->text = doc.body.text().substr(span.start, span.size());
  s->span = doc.body.ToOriginal(span);
  return true;
}

bool IsCopy(int64_t duplicate_of, const std::string& kind) {
  return duplicate_of != 0 && (kind == "exact" || kind == "near");
}

Timeline BuildTimeline(std::vector<TimelineDocument> docs, const StoryResources& resources,
                       const TimelineOptions& options, int64_t story) {
  std::vector<Prepared> prepared(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) prepared[i].in = std::move(docs[i]);
  auto copy = [](const Prepared& p) { return IsCopy(p.in.duplicate_of, p.in.duplicate_kind); };
  // Each document is prepared on its own (segmentation, annotation, term
  // vectors), on as many threads as there are cores; a small story on one.
  const size_t threads = std::clamp<size_t>(prepared.size() / 32, 1, ThreadsFor(options.threads));
  ParallelForWith<Segmenter>(prepared.size(), threads, [&](Segmenter& segmenter, size_t i) {
    if (!copy(prepared[i])) Prepare(&prepared[i], resources, segmenter);
  });
  SettleYears(&prepared);
  Timeline timeline = BuildFromPrepared(&prepared, threads, options, story);
  // A large story's documents hold millions of small vectors: freed on the
  // threads too.
  ParallelFor(prepared.size(), threads, [&](size_t i) { prepared[i] = Prepared(); });
  return timeline;
}

}  // namespace storyloom
