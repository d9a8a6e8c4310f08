// Time to build one story's timeline as the story grows.
//
//   storyloom_timeline_bench SHARED_DIR N [N...] [--store-dir DIR | --store URL] [--stored-only]
//                            [--existing] [--phases]
//
// The story is made of real reports: Timeline17's articles (all sixteen
// sets) go once through the per-document pipeline and annotation; a story
// of N documents takes the first N of them in publication order, repeating
// the list (as fresh, independent documents) when N is larger than the
// corpus. Two figures per size:
//   - stored: the story is written to a store (a fresh SQLite file in
//     --store-dir, default a temporary folder; or an empty PostgreSQL
//     database) with the annotations ingest stores, the store is closed
//     and opened again, and StoryTimeline reads it cold: what `storyloom
//     timeline` and the server pay;
//   - annotating: the same documents without tokens or annotations, built
//     in memory: what a store from before stored annotations costs
//     (segmentation and annotation again).
// Prints seconds (best of three below 10,000 documents, one run above),
// dates and candidate sentences.
//   --existing: the stories are already in the store (written by an earlier
//     run with the same --store or --store-dir): only read them, cold.
//   --phases: then, on another fresh connection, the stored timeline's read
//     in its steps, timed one by one (placements, documents, annotations,
//     decoding, building): where a backend's time goes.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <time.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/story_timeline.h"
#include "eval/stories_eval.h"
#include "eval/story_datasets.h"
#include "stories/story_resources.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"
#include "text/segment.h"
#include "timeline/timeline.h"

using namespace storyloom;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// This process's CPU seconds so far, every thread's.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct CorpusDoc {
  Document doc;             // without tokens, as the store gives documents back
  std::string annotations;  // what ingest stores for it
};

std::vector<CorpusDoc> Corpus(const std::string& shared, const Resources& resources,
                              const StoryResources& story_resources) {
  auto data = ReadStoryDataset(shared + "/data/timeline17");
  if (!data) {
    std::fprintf(stderr, "timeline bench: %s\n", data.error().message().c_str());
    return {};
  }
  std::vector<std::vector<CorpusDoc>> per_item(data->items.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
    pool.emplace_back([&] {
      Segmenter segmenter;
      for (size_t i; (i = next++) < data->items.size();) {
        const StoryItem& item = data->items[i];
        for (Document& d : ProcessArticle(item.id, item.title, item.text, item.published, resources, segmenter)) {
          std::string annotations = Featurize(d, story_resources, /*stored_annotations=*/true).annotations;
          d.tokens.clear();
          per_item[i].push_back({std::move(d), std::move(annotations)});
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  std::vector<CorpusDoc> out;
  for (auto& docs : per_item) {
    for (CorpusDoc& d : docs) out.push_back(std::move(d));
  }
  return out;  // items come in publication order
}

// Writes one story (id n) of the first n documents, each with its stored
// annotations. A PostgreSQL database holds each size's story beside the
// others'. Empty: failed (said on stderr).
std::string WriteStory(const std::vector<CorpusDoc>& corpus, size_t n, const std::string& location) {
  auto store = Store::Open(location);
  if (!store) {
    std::fprintf(stderr, "timeline bench: %s\n", store.error().message().c_str());
    return "";
  }
  Transaction txn(**store);
  Status st = txn.status();
  StoredInput input;
  input.path = "timeline-bench";
  input.content_hash = "timeline-bench-" + std::to_string(n);
  input.format = "jsonl";
  auto input_id = (*store)->AddInput(input, "");
  if (!input_id) st = input_id.error();
  for (size_t i = 0; st.ok() && i < n; ++i) {
    const CorpusDoc& c = corpus[i % corpus.size()];
    Document d = c.doc;
    st = (*store)->AddDocument(&d, *input_id);
    if (st.ok()) st = (*store)->SaveAnnotations(d.id, c.annotations);
    StoredPlacement p;
    p.doc = d.id;
    p.story = static_cast<int64_t>(n);
    if (st.ok()) st = (*store)->SavePlacement(p);
  }
  if (st.ok()) st = txn.Commit();
  if (!st.ok()) {
    std::fprintf(stderr, "timeline bench: writing %zu documents: %s\n", n, st.message().c_str());
    return "";
  }
  return location;
}

// The steps of StoryTimeline (engine/story_timeline.cc) one by one, each
// timed, on a fresh connection: placements, documents a thousand at a time,
// annotations, decoding them, building.
int Phases(const std::string& location, int64_t story, const StoryResources& resources,
           const TimelineOptions& options) {
  std::vector<std::pair<const char*, std::pair<double, double>>> times;  // step, (wall, CPU) seconds
  auto t = Clock::now();
  double cpu = CpuSeconds();
  auto step = [&](const char* name) {
    times.push_back({name, {Since(t), CpuSeconds() - cpu}});
    t = Clock::now();
    cpu = CpuSeconds();
  };
  auto store = Store::Open(location, Store::Mode::kExisting);
  if (!store) return 1;
  step("open");
  auto placements = (*store)->StoryPlacements(story);
  if (!placements) return 1;
  step("placements");
  std::vector<int64_t> ids;
  for (const StoredPlacement& p : *placements) {
    if (!IsCopy(p.duplicate_of, p.duplicate_kind)) ids.push_back(p.doc);
  }
  std::vector<TimelineDocument> docs;
  for (size_t i = 0; i < ids.size(); i += 1000) {
    std::vector<int64_t> chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 1000));
    auto got = (*store)->GetDocuments(chunk);
    if (!got) return 1;
    for (Document& d : *got) docs.push_back({std::move(d), 0, "", std::nullopt});
  }
  step("documents");
  auto stored = (*store)->LoadAnnotations(ids);
  if (!stored) return 1;
  step("annotations");
  for (TimelineDocument& d : docs) {
    auto it = stored->find(d.doc.id);
    if (it != stored->end()) d.stored = DecodeAnnotation(it->second);
  }
  step("decoding");
  BuildTimeline(std::move(docs), resources, options, story);
  step("building");
  std::printf("%10s", "phases:");
  for (const auto& [name, s] : times) std::printf(" %s %.3f (cpu %.3f)", name, s.first, s.second);
  std::printf(" s\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  std::string store_dir, store_url;
  bool stored_only = false;  // skip the annotating figure (for profiling the stored path)
  bool existing = false, phases = false;
  for (int a = 2; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "--store-dir" && a + 1 < argc) store_dir = argv[++a];
    else if (arg == "--store" && a + 1 < argc) store_url = argv[++a];
    else if (arg == "--stored-only") stored_only = true;
    else if (arg == "--existing") existing = stored_only = true;
    else if (arg == "--phases") phases = true;
    else sizes.push_back(std::stoul(arg));
  }
  if (argc < 3 || sizes.empty()) {
    std::fprintf(stderr, "usage: storyloom_timeline_bench SHARED_DIR N [N...] [--store-dir DIR | --store URL] [--stored-only]\n");
    return 2;
  }
  std::string tmp;
  if (existing && store_dir.empty() && store_url.empty()) {
    std::fprintf(stderr, "timeline bench: --existing needs --store-dir or --store\n");
    return 2;
  }
  if (store_dir.empty() && store_url.empty()) {
    tmp = (std::filesystem::temp_directory_path() / ("storyloom-timeline-bench-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(tmp);
    store_dir = tmp;
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
  std::vector<CorpusDoc> corpus;
  if (!existing) {
    corpus = Corpus(argv[1], **resources, **story_resources);
    if (corpus.empty()) return 2;
    std::printf("corpus: %zu Timeline17 documents through the pipeline and annotation in %.1f s\n", corpus.size(),
                Since(t0));
  }
  std::printf("store: %s\n", store_url.empty() ? "SQLite" : "PostgreSQL");
  std::printf("%10s %10s %12s %8s %12s %10s\n", "documents", "stored s", "annotating s", "dates", "candidates",
              "docs/s");
  TimelineOptions options;
  options.dates = 30;
  options.sentences = 2;
  for (size_t n : sizes) {
    int runs = n >= 10000 ? 1 : 3;
    // Stored: written once, then read cold (a fresh connection) each run.
    std::string location = store_url.empty() ? store_dir + "/story-" + std::to_string(n) + ".db" : store_url;
    if (!existing) {
      if (store_url.empty()) std::filesystem::remove(location);
      if (WriteStory(corpus, n, location).empty()) return 1;
    }
    double stored = 1e30;
    Timeline timeline;
    for (int r = 0; r < runs; ++r) {
      auto store = Store::Open(location, Store::Mode::kExisting);
      if (!store) {
        std::fprintf(stderr, "timeline bench: %s\n", store.error().message().c_str());
        return 1;
      }
      auto start = Clock::now();
      auto t = StoryTimeline(**store, static_cast<int64_t>(n), **story_resources, options);
      if (!t) {
        std::fprintf(stderr, "timeline bench: %s\n", t.error().message().c_str());
        return 1;
      }
      stored = std::min(stored, Since(start));
      timeline = std::move(*t);
    }
    double annotating = 0;
    for (int r = 0; r < runs && !stored_only; ++r) {
      if (r == 0) annotating = 1e30;
      std::vector<TimelineDocument> docs(n);
      for (size_t i = 0; i < n; ++i) {
        docs[i].doc = corpus[i % corpus.size()].doc;
        docs[i].doc.id = static_cast<int64_t>(i + 1);
      }
      auto start = Clock::now();
      BuildTimeline(std::move(docs), **story_resources, options, 1);
      annotating = std::min(annotating, Since(start));
    }
    std::printf("%10zu %10.2f %12.2f %8zu %12zu %10.0f\n", n, stored, annotating, timeline.entries.size(),
                timeline.candidates, n / stored);
    if (phases && Phases(location, static_cast<int64_t>(n), **story_resources, options) != 0) return 1;
  }
  if (!tmp.empty()) std::filesystem::remove_all(tmp);
  return 0;
}
