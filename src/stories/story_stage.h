// The stateful stages after the per-document pipeline, as ingest runs them:
// features are computed on the worker threads (pure) and saved with the
// documents, which wait on the store's placement queue; then the queue is
// placed, in its order (day, content hash), into the story index, and the
// placements saved. The queue's order does not depend on which process
// stored a document or when, so several ingest processes that only queue,
// followed by one that places, decide as one process would. Opening the stage on a store restores the index from what was
// saved, so ingesting a corpus in two runs continues where the first ended.
//
// Several writers (processes, or a server beside the command line) may share
// one store. Each holds its own copy of the index, so before placing it
// calls Sync inside its write transaction: when anyone else committed since
// this copy was brought up to date, it replays what they appended (the
// placements and merges after the last it holds), and story ids are handed
// out after the highest the store holds. The store's write lock makes
// the placing writers take turns, and each places against everything the
// others committed before it.
#ifndef STORYLOOM_STORIES_STORY_STAGE_H_
#define STORYLOOM_STORIES_STORY_STAGE_H_

#include <memory>
#include <vector>

#include "stories/story_index.h"
#include "stories/story_resources.h"
#include "storyloom/store.h"
#include "storyloom/text.h"

namespace storyloom {

struct PlaceReport {
  size_t placed = 0;
  size_t new_stories = 0;
  size_t duplicates = 0;
  size_t merges = 0;
};

class StoryStage {
 public:
  // Restores the index from the store's saved features and placements.
  static Result<std::unique_ptr<StoryStage>> Open(Store& store, const StoryResources& resources,
                                                  const StoryOptions& options);

  // For a process that only queues (ingest without placing): the index is
  // not restored until the first Sync needs it.
  static std::unique_ptr<StoryStage> OpenForQueueing(Store& store, const StoryResources& resources,
                                                     const StoryOptions& options);

  // Pure, any thread: the features of a document carrying tokens.
  DocFeatures Features(const Document& doc) const { return Featurize(doc, resources_, true); }

  // Inside the write transaction, before Place: brings the index up to
  // what the store holds when another connection committed since it was
  // built, or when Invalidate was called.
  Status Sync();
  // The index may hold what a rolled-back transaction did not keep: the
  // next Sync rebuilds it.
  void Invalidate() { stale_ = true; }

  // Saves stored documents' features and annotations (ids set) and puts
  // them on the store's placement queue. Call inside the store transaction
  // that added them. Needs no Sync: nothing is placed.
  Status Queue(std::vector<DocFeatures> batch);

  // Places at most `limit` queued documents, in the queue's order (day,
  // content hash, id: the same whoever stored them), and saves their
  // placements. Call inside a write transaction, after Sync. `*placed` is
  // how many were placed (0: the queue is empty).
  Status PlaceQueued(size_t limit, PlaceReport* report, size_t* placed);

  // Queue, then place everything queued. Inside the store transaction that
  // added the documents, after Sync.
  Status Place(std::vector<DocFeatures> batch, PlaceReport* report);

  const StoryIndex& index() const { return index_; }
  size_t restored() const { return restored_; }

 private:
  StoryStage(Store& store, const StoryResources& resources, const StoryOptions& options)
      : store_(store), resources_(resources), options_(options), index_(options) {}
  Status Restore();  // from nothing
  Status CatchUp();  // the rows after last_seq_ and last_merge_seq_

  Store& store_;
  const StoryResources& resources_;
  StoryOptions options_;
  StoryIndex index_;
  size_t restored_ = 0;
  int64_t version_ = -1;  // the store's DataVersion when the index was last brought up to date
  int64_t last_seq_ = 0, last_merge_seq_ = 0;  // the last placement and merge the index holds
  bool stale_ = false;
  bool legacy_ = false;  // merges from before schema 4: every catch-up is a rebuild
  std::unique_ptr<Segmenter> segmenter_;  // shingles of a placed document, from its text
  Status shingle_error_;                  // the first the shingle source met since the last Add
};

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_STORY_STAGE_H_
