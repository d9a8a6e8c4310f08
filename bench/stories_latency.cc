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
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "storyloom/article.h"
#include "storyloom/eval.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"
#include "storyloom/story_clustering.h"
#include "storyloom/story_features.h"

using namespace storyloom;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long RssKb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Every article of the shared corpora as ingest featurises it.
std::vector<DocFeatures> Templates(const std::string& shared, StoryClusterer& clusterer) {
  std::vector<Article> articles;
  for (const char* d : {"timeline17", "vietnamese-mds", "mmds/dev.json", "ntrex"}) {
    auto data = ReadStoryDataset(shared + "/data/" + d);
    if (!data) {
      std::fprintf(stderr, "latency: %s\n", data.error().message().c_str());
      continue;
    }
    for (const StoryItem& item : data->items) articles.push_back({item.id, item.title, item.text, item.published});
  }
  clusterer.Prepare(articles, /*threads=*/0);
  std::vector<DocFeatures> out;
  for (size_t i = 0; i < clusterer.size(); ++i) {
    if (!clusterer.features(i).terms.empty()) out.push_back(clusterer.features(i));
  }
  return out;
}

DocFeatures Draw(const std::vector<DocFeatures>& templates, std::mt19937_64& rng, int32_t day) {
  const DocFeatures& a = templates[rng() % templates.size()];
  const DocFeatures& b = templates[rng() % templates.size()];
  DocFeatures f;
  f.lang = a.lang;
  f.day = day;
  f.title = a.title;
  f.content_hash = std::to_string(rng());
  f.sentences = a.sentences;
  f.words = a.words;
  auto mix = [&](const std::vector<Feature>& x, const std::vector<Feature>& y) {
    std::vector<Feature> v;
    for (const Feature& e : x) {
      if (rng() % 5 != 0) v.push_back(e);
    }
    for (size_t i = 0; i < y.size() / 5; ++i) v.push_back(y[rng() % y.size()]);
    std::sort(v.begin(), v.end(), [](const Feature& p, const Feature& q) { return p.key < q.key; });
    v.erase(std::unique(v.begin(), v.end(), [](const Feature& p, const Feature& q) { return p.key == q.key; }), v.end());
    return v;
  };
  f.terms = mix(a.terms, b.lang == a.lang ? b.terms : a.terms);
  f.anchors = mix(a.anchors, b.anchors);
  f.pivots = mix(a.pivots, b.pivots);
  f.shingles.resize(std::max<size_t>(a.words, 20));
  for (uint64_t& s : f.shingles) s = rng();
  std::sort(f.shingles.begin(), f.shingles.end());
  f.bands = ShingleBands(f.shingles);  // as the workers compute them
  return f;
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
  std::vector<DocFeatures> templates = Templates(shared, **clusterer);
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
