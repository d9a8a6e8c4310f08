// Events: the happenings within a story, each a few days long ("ECOWAS
// suspends Niger" within "Niger turns from France to Russia"). A story is
// one affair over weeks or months; its documents are grouped again, more
// tightly, by what they report and when: the same online clustering as the
// story index (StoryIndex), with a higher bar, a fade of days rather than
// weeks, and no merges.
//
// Events are derived, not stored: they are a pure function of a story's
// documents (their stored features, in publication order), so they are
// deterministic, come back with the store, and grow with the story (an
// event, once formed, keeps its documents and its number as later reports
// arrive, since the clustering is online and never merges; a report dated
// before some of them regroups what follows it).
//
//   std::vector<int> event = GroupEvents(story_features, EventOptions());
//   // event[i]: the 1-based event of story_features[i]
#ifndef STORYLOOM_STORIES_EVENTS_H_
#define STORYLOOM_STORIES_EVENTS_H_

#include <optional>
#include <string>
#include <vector>

#include "stories/features.h"
#include "stories/story_index.h"
#include "storyloom/status.h"
#include "storyloom/story.h"
#include "storyloom/store.h"

namespace storyloom {

// The event level's clustering options.
StoryOptions EventOptions();

// docs in publication order (PublishedBefore); the event of each, numbered
// 1, 2, ... in the order events begin. Copies join their original's event.
std::vector<int> GroupEvents(const std::vector<DocFeatures>& docs, const StoryOptions& options = EventOptions());

// StoryEvent: one happening, in storyloom/story.h.


// The events of a stored story, from its documents' stored features.
Result<std::vector<StoryEvent>> StoryEvents(Store& store, int64_t story);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_EVENTS_H_
