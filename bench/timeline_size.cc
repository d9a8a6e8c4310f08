// Time to build one story's timeline as the story grows.
//
//   storyloom_timeline_bench SHARED_DIR N [N...]
//
// The story is made of real reports: Timeline17's articles (all sixteen
// sets) go once through the per-document pipeline; a story of N documents
// takes the first N of them in publication order, repeating the list (as
// fresh, independent documents) when N is larger than the corpus. Documents
// enter without tokens, as the store gives them, so each build pays for
// what `storyloom timeline` pays for: segmentation, annotation, years,
// events, ranking and selection. Prints seconds per build (best of three
// below 10,000 documents, one run above), dates and candidate sentences.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "eval/stories_eval.h"
#include "eval/story_datasets.h"
#include "stories/story_resources.h"
#include "storyloom/resources.h"
#include "text/segment.h"
#include "timeline/timeline.h"

using namespace storyloom;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<Document> Corpus(const std::string& shared, const Resources& resources) {
  auto data = ReadStoryDataset(shared + "/data/timeline17");
  if (!data) {
    std::fprintf(stderr, "timeline bench: %s\n", data.error().message().c_str());
    return {};
  }
  std::vector<std::vector<Document>> per_item(data->items.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
    pool.emplace_back([&] {
      Segmenter segmenter;
      for (size_t i; (i = next++) < data->items.size();) {
        const StoryItem& item = data->items[i];
        // Without tokens, as the store gives documents back.
        per_item[i] = ProcessArticle(item.id, item.title, item.text, item.published, resources, segmenter,
                                     /*with_tokens=*/false);
      }
    });
  }
  for (auto& t : pool) t.join();
  std::vector<Document> out;
  for (auto& docs : per_item) {
    for (Document& d : docs) out.push_back(std::move(d));
  }
  return out;  // items come in publication order
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: storyloom_timeline_bench SHARED_DIR N [N...]\n");
    return 2;
  }
  auto resources = Resources::Load(FindResources("", ""));
  if (!resources) {
    std::fprintf(stderr, "timeline bench: %s\n", resources.error().message().c_str());
    return 2;
  }
  auto story_resources = StoryResources::Load((*resources)->paths());
  if (!story_resources) {
    std::fprintf(stderr, "timeline bench: %s\n", story_resources.error().message().c_str());
    return 2;
  }
  auto t0 = Clock::now();
  std::vector<Document> corpus = Corpus(argv[1], **resources);
  if (corpus.empty()) return 2;
  std::printf("corpus: %zu Timeline17 documents through the pipeline in %.1f s\n", corpus.size(), Since(t0));
  std::printf("%10s %10s %8s %12s %10s\n", "documents", "seconds", "dates", "candidates", "docs/s");
  for (int a = 2; a < argc; ++a) {
    size_t n = std::stoul(argv[a]);
    double best = 1e30;
    Timeline timeline;
    int runs = n >= 10000 ? 1 : 3;
    for (int r = 0; r < runs; ++r) {
      std::vector<TimelineDocument> docs(n);
      for (size_t i = 0; i < n; ++i) {
        docs[i].doc = corpus[i % corpus.size()];
        docs[i].doc.id = static_cast<int64_t>(i + 1);
      }
      TimelineOptions options;
      options.dates = 30;
      options.sentences = 2;
      auto start = Clock::now();
      timeline = BuildTimeline(std::move(docs), **story_resources, options, 1);
      best = std::min(best, Since(start));
    }
    std::printf("%10zu %10.2f %8zu %12zu %10.0f\n", n, best, timeline.entries.size(), timeline.candidates, n / best);
  }
  return 0;
}
