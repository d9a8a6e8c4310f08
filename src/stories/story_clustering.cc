// StoryClusterer (storyloom/story_clustering.h): prepared articles through
// one StoryIndex in publication order, then GroupEvents per story.
#include "storyloom/story_clustering.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>
#include <unordered_map>

#include "stories/article_features.h"
#include "stories/events.h"
#include "stories/story_index.h"
#include "stories/story_resources.h"
#include "stories/story_stage.h"

namespace storyloom {

struct StoryClusterer::Rep {
  const Resources* resources = nullptr;
  std::unique_ptr<StoryResources> story_resources;
  std::vector<DocFeatures> features;
};

StoryClusterer::StoryClusterer(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
StoryClusterer::~StoryClusterer() = default;

Result<std::unique_ptr<StoryClusterer>> StoryClusterer::Load(const Resources& resources,
                                                             const std::vector<std::string>& languages) {
  auto loaded = StoryResources::Load(resources.paths(), languages);
  if (!loaded) return Fail(loaded.error());
  auto rep = std::make_unique<Rep>();
  rep->resources = &resources;
  rep->story_resources = std::move(*loaded);
  return std::unique_ptr<StoryClusterer>(new StoryClusterer(std::move(rep)));
}

void StoryClusterer::Prepare(const std::vector<Article>& articles, int threads) {
  std::vector<DocFeatures> features(articles.size());
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      Segmenter segmenter;
      for (size_t i; (i = next++) < articles.size();) {
        features[i] = ArticleFeatures(articles[i], static_cast<int64_t>(i + 1), *rep_->resources,
                                      *rep_->story_resources, segmenter);
      }
    });
  }
  for (std::thread& t : pool) t.join();
  rep_->features = std::move(features);
}

size_t StoryClusterer::size() const { return rep_->features.size(); }

const DocFeatures& StoryClusterer::features(size_t i) const { return rep_->features.at(i); }

struct StoryPlacer::Rep {
  std::unique_ptr<StoryStage> stage;
};

StoryPlacer::StoryPlacer(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
StoryPlacer::~StoryPlacer() = default;

Status StoryPlacer::Place(std::vector<DocFeatures> docs) { return rep_->stage->Place(std::move(docs), nullptr); }

Result<std::unique_ptr<StoryPlacer>> StoryClusterer::OpenPlacer(Store& store, const StoryOptions& options) const {
  auto stage = StoryStage::Open(store, *rep_->story_resources, options);
  if (!stage) return Fail(stage.error());
  auto rep = std::make_unique<StoryPlacer::Rep>();
  rep->stage = std::move(*stage);
  return std::unique_ptr<StoryPlacer>(new StoryPlacer(std::move(rep)));
}

StoryClustering StoryClusterer::Cluster(const std::vector<size_t>& subset, const StoryOptions& stories,
                                        const StoryOptions& events) const {
  const std::vector<DocFeatures>& features = rep_->features;
  StoryClustering run;
  // Publication order; items without a date keep the given order.
  std::vector<size_t> order = subset;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return PublishedBefore(features[a], features[b]); });
  auto started = std::chrono::steady_clock::now();
  StoryIndex index(stories);
  index.KeepShingles(true);
  std::unordered_map<size_t, int64_t> story;
  for (size_t i : order) {
    Placement p = index.Add(features[i]);
    story[i] = p.story;
    run.merges += p.merged.size();
    if (p.duplicate) {
      if (p.duplicate->kind == "translation") ++run.translations;
      else if (p.duplicate->kind == "near") ++run.near;
      else ++run.exact;
    }
    run.langs.insert(features[i].lang);
  }
  run.stories.resize(subset.size());
  for (size_t k = 0; k < subset.size(); ++k) run.stories[k] = index.Resolve(story[subset[k]]);
  // The event level: each story's documents, in publication order, grouped
  // again; an event's label is its story's and its number within it.
  std::unordered_map<size_t, size_t> position;  // feature index -> its place in subset
  for (size_t k = 0; k < subset.size(); ++k) position[subset[k]] = k;
  std::map<int64_t, std::vector<size_t>> members;  // story -> feature indices in publication order
  for (size_t i : order) members[run.stories[position[i]]].push_back(i);
  run.events.resize(subset.size());
  for (const auto& [id, items] : members) {
    std::vector<DocFeatures> docs;
    for (size_t i : items) docs.push_back(features[i]);
    std::vector<int> event = GroupEvents(docs, events);
    for (size_t k = 0; k < items.size(); ++k) run.events[position[items[k]]] = id * 100000 + event[k];
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace storyloom
