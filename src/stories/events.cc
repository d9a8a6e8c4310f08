#include "stories/events.h"

#include <unordered_map>

namespace storyloom {

StoryOptions EventOptions() {
  StoryOptions o;
  o.join = 0.17;
  o.merge = 2;            // never: an event is what its documents joined
  o.fade_days = 3;
  o.fade_span = 0.5;
  o.fade_documents = 0;   // a story's own pace is not the stream's
  o.core_share = 0;
  return o;
}

std::vector<int> GroupEvents(const std::vector<DocFeatures>& docs, const StoryOptions& options) {
  StoryIndex index(options);
  index.KeepShingles(true);
  std::vector<int> out;
  out.reserve(docs.size());
  std::unordered_map<int64_t, int> number;  // index story id -> event number
  for (const DocFeatures& f : docs) {
    Placement p = index.Add(f);
    int64_t story = index.Resolve(p.story);
    auto [it, fresh] = number.try_emplace(story, static_cast<int>(number.size()) + 1);
    out.push_back(it->second);
  }
  return out;
}

}  // namespace storyloom
