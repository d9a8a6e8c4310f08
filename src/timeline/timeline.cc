// The timeline stage's entry: a story's documents prepared on threads, their
// years settled, and the builder's timeline of them; which duplicates are read.
#include "timeline/timeline.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "text/segment.h"
#include "timeline/timeline_internal.h"

namespace storyloom {

using namespace timeline_internal;  // NOLINT: the timeline's own builder and helpers

bool IsCopy(int64_t duplicate_of, const std::string& kind) {
  return duplicate_of != 0 && (kind == "exact" || kind == "near");
}

Timeline BuildTimeline(std::vector<TimelineDocument> docs, const StoryResources& resources,
                       const TimelineOptions& options, int64_t story) {
  std::vector<Prepared> prepared(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) prepared[i].in = std::move(docs[i]);
  auto copy = [](const Prepared& p) { return IsCopy(p.in.duplicate_of, p.in.duplicate_kind); };
  // Each document is prepared on its own (segmentation, annotation, term
  // vectors), on as many threads as there are cores.
  const size_t cores = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t threads = std::clamp<size_t>(prepared.size() / 32, 1, cores);
  std::atomic<size_t> next{0};
  auto work = [&] {
    Segmenter segmenter;
    for (size_t i; (i = next++) < prepared.size();) {
      if (!copy(prepared[i])) Prepare(&prepared[i], resources, segmenter);
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  SettleYears(&prepared);
  return BuildFromPrepared(std::move(prepared), options, story);
}

}  // namespace storyloom
