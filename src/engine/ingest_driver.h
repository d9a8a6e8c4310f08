// The ingest driver behind Engine::Ingest (see storyloom/ingest.h for what
// ingest promises): the public options, plus the story stage the engine
// opened for this store, when documents are to be placed.
#ifndef STORYLOOM_ENGINE_INGEST_DRIVER_H_
#define STORYLOOM_ENGINE_INGEST_DRIVER_H_

#include <string>
#include <vector>

#include "storyloom/ingest.h"
#include "storyloom/pipeline.h"
#include "storyloom/resources.h"
#include "storyloom/store.h"

namespace storyloom {

class StoryStage;

struct IngestRun : IngestOptions {
  IngestRun() = default;
  explicit IngestRun(const IngestOptions& options) : IngestOptions(options) {}
  // When set, documents also go through annotation and this story stage
  // (dedup, stories); IngestOptions::stories is not read here.
  StoryStage* stories = nullptr;
};

Result<IngestReport> Ingest(const std::vector<std::string>& paths, const IngestRun& options,
                            const Resources& resources, Store& store, const IssueSink& on_issue,
                            const ProgressSink& on_progress);

// Ingest over inputs in memory: the same reading, pipeline and story stage.
Result<IngestReport> IngestMemory(std::vector<MemoryInput> inputs, const IngestRun& options,
                                  const Resources& resources, Store& store, const IssueSink& on_issue,
                                  const ProgressSink& on_progress);

// Places what waits on the store's placement queue (options.stories must
// be set), in the queue's order, options.batch_units documents to a
// transaction, until the queue is empty. Safe beside other writers: each
// transaction holds the store's write lock and first catches up with what
// they committed. An interrupted run leaves the rest queued for the next.
Result<IngestReport> PlaceQueued(const IngestRun& options, Store& store, const ProgressSink& on_progress);

}  // namespace storyloom

#endif  // STORYLOOM_ENGINE_INGEST_DRIVER_H_
