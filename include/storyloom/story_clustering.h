// Stories without a store: articles in hand placed into stories and events
// as ingest places a stream, for evaluations and experiments that compare
// story options on the same prepared articles. A story is one affair over
// weeks or months; an event one happening of a few days inside it. Copies
// and translations of a report are found on the way (duplicates).
//
//   auto clusterer = StoryClusterer::Load(resources);
//   (*clusterer)->Prepare(articles, /*threads=*/0);
//   StoryClustering c = (*clusterer)->Cluster(all, StoryOptions{});
//   ... c.stories[i], c.events[i] ...
//
// IngestWithStories is the stored counterpart: a stream into a store with
// the story stage on.
#ifndef STORYLOOM_STORY_CLUSTERING_H_
#define STORYLOOM_STORY_CLUSTERING_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storyloom/article.h"
#include "storyloom/ingest.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"
#include "storyloom/story.h"
#include "storyloom/story_features.h"
#include "storyloom/store.h"

namespace storyloom {

// StoryOptions: the story index's knobs, in storyloom/story.h.



// The knobs of the event level: each story's documents grouped again into
// happenings of a few days.
StoryOptions EventOptions();

// One clustering of prepared articles.
struct StoryClustering {
  std::vector<int64_t> stories;  // per article of the subset, in its order: the story it ends in (after merges)
  std::vector<int64_t> events;   // per article: its story * 100000 + its event's number within the story
  size_t exact = 0, near = 0, translations = 0;  // articles found to copy or translate an earlier one
  size_t merges = 0;             // stories merged into others
  std::set<std::string> langs;   // the articles' languages ("" when unknown)
  double seconds = 0;            // placing and grouping alone
};

class StoryPlacer;

// The annotation tables and the prepared articles' features.
class StoryClusterer {
 public:
  // Tables for `languages` (ISO 639-1; empty: every language storyloom has,
  // which changes the lexicon pivots). `resources` must outlive the
  // clusterer. Fails naming a missing file.
  static Result<std::unique_ptr<StoryClusterer>> Load(const Resources& resources,
                                                      const std::vector<std::string>& languages = {});
  ~StoryClusterer();
  StoryClusterer(const StoryClusterer&) = delete;
  StoryClusterer& operator=(const StoryClusterer&) = delete;

  // Each article through the per-document pipeline and annotation, as
  // ingest takes it, on `threads` threads (0: every core); article i is
  // document i + 1, read as its longest document when the cleaner splits it.
  // Replaces the articles held before.
  void Prepare(const std::vector<Article>& articles, int threads);
  size_t size() const;
  // The features article i was prepared into, as ingest computes them.
  const DocFeatures& features(size_t i) const;

  // A placer into the stories `store` holds, with this clusterer's tables
  // (restored from what the store saved). The clusterer and the store must
  // outlive it.
  Result<std::unique_ptr<StoryPlacer>> OpenPlacer(Store& store, const StoryOptions& options) const;

  // The prepared articles `subset` (indices into Prepare's list) through one
  // story index in publication order (undated ones keep their order); then
  // each story's articles grouped into events with `events`.
  StoryClustering Cluster(const std::vector<size_t>& subset, const StoryOptions& stories,
                          const StoryOptions& events = EventOptions()) const;

 private:
  struct Rep;
  explicit StoryClusterer(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Ready-made features placed into a store's stories and events, as ingest
// places a stream: for tools that build streams of their own from real
// features (the latency bench). Writes inside the caller's transaction.
class StoryPlacer {
 public:
  ~StoryPlacer();
  StoryPlacer(const StoryPlacer&) = delete;
  StoryPlacer& operator=(const StoryPlacer&) = delete;

  // Each document must already be stored (DocFeatures::doc is its id); its
  // features are saved and it is placed, in the order given.
  Status Place(std::vector<DocFeatures> docs);

 private:
  friend class StoryClusterer;
  struct Rep;
  explicit StoryPlacer(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Ingest of inputs in memory with the story stage on, placing documents
// with `stories` into the stories `store` already holds. The same reading,
// pipeline and transactions as Ingest.
Result<IngestReport> IngestWithStories(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                       const StoryOptions& stories, const Resources& resources, Store& store,
                                       const IssueSink& on_issue, const ProgressSink& on_progress);

}  // namespace storyloom

#endif  // STORYLOOM_STORY_CLUSTERING_H_
