// IngestWithStories (storyloom/story_clustering.h): the story stage opened
// over the store, then IngestMemory with it.
#include "engine/ingest_driver.h"
#include "stories/story_resources.h"
#include "stories/story_stage.h"
#include "storyloom/story_clustering.h"

namespace storyloom {

Result<IngestReport> IngestWithStories(std::vector<MemoryInput> inputs, const IngestOptions& options,
                                       const StoryOptions& stories, const Resources& resources, Store& store,
                                       const IssueSink& on_issue, const ProgressSink& on_progress) {
  auto story_resources = StoryResources::Load(resources.paths());
  if (!story_resources) return Fail(story_resources.error());
  auto stage = StoryStage::Open(store, **story_resources, stories);
  if (!stage) return Fail(stage.error());
  IngestRun with_stories(options);
  with_stories.stories = stage->get();
  return IngestMemory(std::move(inputs), with_stories, resources, store, on_issue, on_progress);
}

}  // namespace storyloom
