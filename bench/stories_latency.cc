// Time to add one document to a store that already holds N: the story
// stage's cost as the store grows, measured the way a feed adds documents
// (one transaction each: the document row, its features, its placement).
//
//   storyloom_latency SHARED_DIR N [N...]
//
// The stream is synthetic but made of real features: every article of the
// shared corpora (Timeline17, vietnamese-mds, mmds, NTREX) goes once through
// the whole pipeline; documents are then drawn from those templates with a
// fifth of their terms and anchors replaced by another template's, fresh
// shingles and hashes (so they are not copies), and days spread over the
// years the stream covers. Prints p50 and p99 add latency, the time to
// reopen (restore) the store, and resident memory per stored document.
#include <filesystem>

#include "synthetic_stream.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"

using namespace storyloom;
using namespace storyloom::bench;

namespace {

DocFeatures Draw(const std::vector<Template>& templates, std::mt19937_64& rng, int32_t day) {
  const DocFeatures& a = templates[rng() % templates.size()].features;
  const DocFeatures& b = templates[rng() % templates.size()].features;
  return bench::Draw(a, b, rng, day);
}

Status AddOne(Store& store, StoryPlacer& placer, int64_t input, DocFeatures f) {
  Document d;
  d.path = "synthetic";
  d.lang = f.lang;
  d.title = f.title;
  d.body = MappedText::Identity("synthetic document");
  d.content_hash = f.content_hash;
  STORYLOOM_RETURN_IF_ERROR(store.AddDocument(&d, input));
  f.doc = d.id;
  return placer.Place({std::move(f)});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: storyloom_latency SHARED_DIR N [N...]\n");
    return 2;
  }
  std::string shared = argv[1];
  auto resources = Resources::Load(FindResources("", ""));
  if (!resources) {
    std::fprintf(stderr, "latency: %s\n", resources.error().message().c_str());
    return 2;
  }
  auto clusterer = StoryClusterer::Load(**resources);
  if (!clusterer) {
    std::fprintf(stderr, "latency: %s\n", clusterer.error().message().c_str());
    return 2;
  }
  auto t0 = Clock::now();
  std::vector<Template> templates = Templates(SharedArticles(shared), **clusterer);
  std::printf("templates: %zu real documents featurised in %.1f s\n", templates.size(), Since(t0));
  std::printf("%8s %10s %10s %10s %12s %14s\n", "stored", "p50 ms", "p99 ms", "adds", "reopen s", "KB/document");
  for (int a = 2; a < argc; ++a) {
    size_t n = std::stoul(argv[a]);
    std::string path = (std::filesystem::temp_directory_path() / ("storyloom-latency-" + std::to_string(getpid()) + ".db")).string();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
    std::mt19937_64 rng(n);
    // Days: about 150 documents a day, as a mid-sized feed.
    auto day_of = [](size_t i) { return static_cast<int32_t>(19000 + i / 150); };
    {
      auto store = Store::Open(path);
      if (!store) return 2;
      (*store)->Begin();
      auto input = (*store)->AddInput({0, "synthetic", "synthetic", "text", "UTF-8", 0}, "synthetic");
      (*store)->Commit();
      auto placer = (*clusterer)->OpenPlacer(**store, StoryOptions{});
      if (!input || !placer) return 2;
      for (size_t i = 0; i < n;) {
        (*store)->Begin();
        for (size_t j = 0; j < 1000 && i < n; ++j, ++i) {
          if (!AddOne(**store, **placer, *input, Draw(templates, rng, day_of(i))).ok()) return 1;
        }
        (*store)->Commit();
      }
    }
    long rss_before = RssKb();
    auto reopen = Clock::now();
    auto store = Store::Open(path);
    auto placer = (*clusterer)->OpenPlacer(**store, StoryOptions{});
    if (!store || !placer) return 2;
    double reopen_s = Since(reopen);
    long rss_after = RssKb();
    auto input = (*store)->AddInput({0, "synthetic2", "synthetic2", "text", "UTF-8", 0}, "synthetic2");
    std::vector<double> ms;
    for (size_t i = 0; i < 300; ++i) {
      DocFeatures f = Draw(templates, rng, day_of(n + i));
      auto t = Clock::now();
      (*store)->Begin();
      if (!AddOne(**store, **placer, *input, std::move(f)).ok()) return 1;
      (*store)->Commit();
      ms.push_back(Since(t) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%8zu %10.2f %10.2f %10zu %12.1f %14.2f\n", n, ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.size(),
                reopen_s, static_cast<double>(rss_after - rss_before) / static_cast<double>(n));
    store->reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
  }
  return 0;
}
