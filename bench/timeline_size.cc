// Time to build one story's timeline as the story grows.
//
//   storyloom_timeline_bench SHARED_DIR N [N...] [--store-dir DIR | --store URL] [--stored-only]
//
// The story is made of real reports: Timeline17's articles (all sixteen
// sets) are ingested once (the per-document pipeline and annotation, stored
// as `storyloom ingest` stores them); a story of N documents takes the first
// N of them in publication order, repeating the list (as fresh, independent
// documents) when N is larger than the corpus. Two figures per size:
//   - stored: the story is written to a store (a fresh SQLite file in
//     --store-dir, default a temporary folder; or an empty PostgreSQL
//     database) with the annotations ingest stored, and a freshly opened
//     engine builds its timeline cold: what `storyloom timeline` and the
//     server pay (the timeline and what is shown beside it);
//   - annotating: the same documents without their annotations, as a store
//     from before stored annotations holds them: what segmenting and
//     annotating again costs.
// Prints seconds (best of three below 10,000 documents, one run above),
// dates and candidate sentences.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "storyloom/engine.h"
#include "storyloom/store.h"
#include "storyloom/timeline.h"

using namespace storyloom;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct CorpusDoc {
  Document doc;             // as the store gives documents back (no tokens)
  std::string annotations;  // what ingest stored for it
};

// Timeline17's articles through `storyloom ingest` into a store in `dir`,
// read back in publication order with their stored annotations.
std::vector<CorpusDoc> Corpus(const std::string& shared, const std::string& dir) {
  std::vector<std::string> inputs;
  for (const auto& e : std::filesystem::directory_iterator(shared + "/data/timeline17")) {
    if (std::filesystem::exists(e.path() / "articles.jsonl")) inputs.push_back((e.path() / "articles.jsonl").string());
  }
  std::sort(inputs.begin(), inputs.end());
  const std::string location = dir + "/corpus.db";
  std::filesystem::remove(location);
  {
    EngineOptions eopts;
    eopts.mode = Store::Mode::kCreate;
    auto engine = Engine::Open(location, eopts);
    if (!engine) {
      std::fprintf(stderr, "timeline bench: %s\n", engine.error().message().c_str());
      return {};
    }
    IngestOptions options;
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto report = (*engine)->Ingest(inputs, options);
    if (!report) {
      std::fprintf(stderr, "timeline bench: %s\n", report.error().message().c_str());
      return {};
    }
  }
  auto store = Store::Open(location, Store::Mode::kExisting);
  if (!store) return {};
  auto listed = (*store)->ListDocuments();
  if (!listed) return {};
  std::vector<int64_t> ids;
  for (const Document& d : *listed) ids.push_back(d.id);
  auto docs = (*store)->GetDocuments(ids);  // with their removed spans
  auto annotations = (*store)->LoadAnnotations(ids);
  if (!docs || !annotations) return {};
  std::vector<CorpusDoc> out;
  for (Document& d : *docs) {
    auto a = annotations->find(d.id);
    out.push_back({std::move(d), a != annotations->end() ? a->second : std::string()});
  }
  std::stable_sort(out.begin(), out.end(), [](const CorpusDoc& a, const CorpusDoc& b) {
    return a.doc.published.value_or("9999") < b.doc.published.value_or("9999");
  });
  return out;
}

// Writes one story (id `story`) of the first n documents, each with its
// stored annotations unless `annotated` is false. A PostgreSQL database holds each size's story beside the
// others'. Empty: failed (said on stderr).
std::string WriteStory(const std::vector<CorpusDoc>& corpus, size_t n, int64_t story, bool annotated,
                       const std::string& location) {
  auto store = Store::Open(location);
  if (!store) {
    std::fprintf(stderr, "timeline bench: %s\n", store.error().message().c_str());
    return "";
  }
  Transaction txn(**store);
  Status st = txn.status();
  StoredInput input;
  input.path = "timeline-bench";
  input.content_hash = "timeline-bench-" + std::to_string(story);
  input.format = "jsonl";
  auto input_id = (*store)->AddInput(input, "");
  if (!input_id) st = input_id.error();
  for (size_t i = 0; st.ok() && i < n; ++i) {
    const CorpusDoc& c = corpus[i % corpus.size()];
    Document d = c.doc;
    st = (*store)->AddDocument(&d, *input_id);
    if (st.ok() && annotated && !c.annotations.empty()) st = (*store)->SaveAnnotations(d.id, c.annotations);
    StoredPlacement p;
    p.doc = d.id;
    p.story = story;
    if (st.ok()) st = (*store)->SavePlacement(p);
  }
  if (st.ok()) st = txn.Commit();
  if (!st.ok()) {
    std::fprintf(stderr, "timeline bench: writing %zu documents: %s\n", n, st.message().c_str());
    return "";
  }
  return location;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  std::string store_dir, store_url;
  bool stored_only = false;  // skip the annotating figure (for profiling the stored path)
  for (int a = 2; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "--store-dir" && a + 1 < argc) store_dir = argv[++a];
    else if (arg == "--store" && a + 1 < argc) store_url = argv[++a];
    else if (arg == "--stored-only") stored_only = true;
    else sizes.push_back(std::stoul(arg));
  }
  if (argc < 3 || sizes.empty()) {
    std::fprintf(stderr, "usage: storyloom_timeline_bench SHARED_DIR N [N...] [--store-dir DIR | --store URL] [--stored-only]\n");
    return 2;
  }
  std::string tmp;
  if (store_dir.empty() && store_url.empty()) {
    tmp = (std::filesystem::temp_directory_path() / ("storyloom-timeline-bench-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(tmp);
    store_dir = tmp;
  }
  auto t0 = Clock::now();
  std::string corpus_dir = tmp;
  if (corpus_dir.empty()) {
    corpus_dir = (std::filesystem::temp_directory_path() / ("storyloom-timeline-corpus-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(corpus_dir);
  }
  std::vector<CorpusDoc> corpus = Corpus(argv[1], corpus_dir);
  if (corpus_dir != tmp) std::filesystem::remove_all(corpus_dir);
  if (corpus.empty()) return 2;
  std::printf("corpus: %zu Timeline17 documents ingested (pipeline and annotation) in %.1f s\n", corpus.size(),
              Since(t0));
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
    if (store_url.empty()) std::filesystem::remove(location);
    const int64_t story = static_cast<int64_t>(n);
    if (WriteStory(corpus, n, story, /*annotated=*/true, location).empty()) return 1;
    double stored = 1e30;
    Timeline timeline;
    for (int r = 0; r < runs; ++r) {
      // A fresh engine each run: its store connection is cold.
      auto engine = Engine::Open(location, EngineOptions());
      if (!engine) {
        std::fprintf(stderr, "timeline bench: %s\n", engine.error().message().c_str());
        return 1;
      }
      if (Status s = (*engine)->Preload(/*stories=*/true); !s.ok()) {
        std::fprintf(stderr, "timeline bench: %s\n", s.message().c_str());
        return 2;
      }
      auto start = Clock::now();
      auto t = (*engine)->GetTimeline(story, options);
      if (!t) {
        std::fprintf(stderr, "timeline bench: %s\n", t.error().message().c_str());
        return 1;
      }
      stored = std::min(stored, Since(start));
      timeline = std::move(t->timeline);
    }
    double annotating = 0;
    if (!stored_only) {
      // The same story without annotations, under another id; one engine
      // for every run (the lexicons a language needs are read once).
      const int64_t bare = INT64_C(1000000000) + story;
      if (WriteStory(corpus, n, bare, /*annotated=*/false, location).empty()) return 1;
      auto engine = Engine::Open(location, EngineOptions());
      if (!engine) return 1;
      annotating = 1e30;
      for (int r = 0; r < runs; ++r) {
        auto start = Clock::now();
        auto t = (*engine)->GetTimeline(bare, options);
        if (!t) {
          std::fprintf(stderr, "timeline bench: %s\n", t.error().message().c_str());
          return 1;
        }
        annotating = std::min(annotating, Since(start));
      }
    }
    std::printf("%10zu %10.2f %12.2f %8zu %12zu %10.0f\n", n, stored, annotating, timeline.entries.size(),
                timeline.candidates, n / stored);
  }
  if (!tmp.empty()) std::filesystem::remove_all(tmp);
  return 0;
}
