// TimelineBuilder::BuildStored (storyloom/timeline_build.h): the
// store-reading half of the timeline, StoryTimeline, behind the builder.
#include "engine/story_timeline.h"
#include "timeline/timeline_build_api.h"

namespace storyloom {

Result<Timeline> TimelineBuilder::BuildStored(Store& store, int64_t story, const TimelineOptions& options) const {
  return StoryTimeline(store, story, *rep_->resources, options);
}

}  // namespace storyloom
