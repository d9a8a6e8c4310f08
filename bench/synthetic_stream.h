// A synthetic stream made of real features, shared by the story-latency and
// scale benchmarks: every article of the shared corpora (Timeline17,
// vietnamese-mds, mmds, NTREX) goes once through the whole pipeline; a
// stream document is then drawn from one of those templates with a fifth of
// its terms and anchors replaced by another template's, fresh shingles and a
// fresh hash (so it is no copy), on a day the caller gives.
#ifndef STORYLOOM_BENCH_SYNTHETIC_STREAM_H_
#define STORYLOOM_BENCH_SYNTHETIC_STREAM_H_

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "storyloom/article.h"
#include "storyloom/eval.h"
#include "storyloom/story_clustering.h"
#include "storyloom/story_features.h"

namespace storyloom::bench {

using Clock = std::chrono::steady_clock;

inline double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Resident memory of this process, in KB.
inline long RssKb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Every article of the shared corpora, in their order.
inline std::vector<Article> SharedArticles(const std::string& shared) {
  std::vector<Article> articles;
  for (const char* d : {"timeline17", "vietnamese-mds", "mmds/dev.json", "ntrex"}) {
    auto data = ReadStoryDataset(shared + "/data/" + d);
    if (!data) {
      std::fprintf(stderr, "synthetic stream: %s\n", data.error().message().c_str());
      continue;
    }
    for (const StoryItem& item : data->items) articles.push_back({item.id, item.title, item.text, item.published});
  }
  return articles;
}

// A template: an article's features as ingest computes them, and which
// article (index into the list given) it is.
struct Template {
  DocFeatures features;
  size_t article = 0;
};

// The articles through the pipeline; those with no terms are left out.
inline std::vector<Template> Templates(const std::vector<Article>& articles, StoryClusterer& clusterer) {
  clusterer.Prepare(articles, /*threads=*/0);
  std::vector<Template> out;
  for (size_t i = 0; i < clusterer.size(); ++i) {
    if (!clusterer.features(i).terms.empty()) out.push_back({clusterer.features(i), i});
  }
  return out;
}

// Template `a` with a fifth of its features replaced by `b`'s (terms only
// when b is in a's language), fresh shingles and hash, on `day`.
inline DocFeatures Draw(const DocFeatures& a, const DocFeatures& b, std::mt19937_64& rng, int32_t day) {
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

}  // namespace storyloom::bench

#endif  // STORYLOOM_BENCH_SYNTHETIC_STREAM_H_
