// The timeline of a stored story: the half of the timeline stage that reads
// the store (placements, documents, stored annotations) before building.
//
//   TimelineOptions options;
//   options.lang = "vi";
//   Result<Timeline> t = StoryTimeline(store, 1, resources, options);
#ifndef STORYLOOM_ENGINE_STORY_TIMELINE_H_
#define STORYLOOM_ENGINE_STORY_TIMELINE_H_

#include <cstdint>
#include <unordered_map>

#include "stories/story_resources.h"
#include "storyloom/status.h"
#include "storyloom/store.h"
#include "timeline/timeline.h"

namespace storyloom {

// The timeline of a stored story. Fails when the story does not exist.
// `quoted`, when given, receives the quoted documents it read whole for
// their text, for a caller that shows them too.
Result<Timeline> StoryTimeline(Store& store, int64_t story, const StoryResources& resources,
                               const TimelineOptions& options,
                               std::unordered_map<int64_t, Document>* quoted = nullptr);

}  // namespace storyloom

#endif  // STORYLOOM_ENGINE_STORY_TIMELINE_H_
