// What TimelineBuilder (storyloom/timeline_build.h) holds: the story
// resources BuildTimeline and StoryTimeline read.
#ifndef STORYLOOM_TIMELINE_TIMELINE_BUILD_API_H_
#define STORYLOOM_TIMELINE_TIMELINE_BUILD_API_H_

#include <memory>

#include "stories/story_resources.h"
#include "storyloom/timeline_build.h"

namespace storyloom {

struct TimelineBuilder::Rep {
  std::unique_ptr<StoryResources> resources;
};

}  // namespace storyloom

#endif  // STORYLOOM_TIMELINE_TIMELINE_BUILD_API_H_
