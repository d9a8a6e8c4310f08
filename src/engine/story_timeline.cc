// Reading a stored story for its timeline: its placements in order, the text
// of every document but a copy, and the annotations ingest stored.
#include "engine/story_timeline.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace storyloom {

Result<Timeline> StoryTimeline(Store& store, int64_t story, const StoryResources& resources,
                               const TimelineOptions& options) {
  auto placements = store.StoryPlacements(story);
  if (!placements) return Unexpected(placements.error());
  if (placements->empty()) return Fail("no story " + std::to_string(story));
  std::vector<TimelineDocument> docs;
  docs.reserve(placements->size());
  std::unordered_map<int64_t, std::string> lang_of;  // documents read so far
  for (const StoredPlacement& p : *placements) {
    // An exact or near copy is cited, not read (see BuildTimeline): its text
    // stays in the store; it speaks its original's language. A duplicate is
    // placed after its original, so the original has been read.
    auto original = lang_of.find(p.duplicate_of);
    if (IsCopy(p.duplicate_of, p.duplicate_kind) && original != lang_of.end()) {
      TimelineDocument copy{Document{}, p.duplicate_of, p.duplicate_kind, std::nullopt};
      copy.doc.id = p.doc;
      copy.doc.lang = original->second;
      lang_of[p.doc] = original->second;
      docs.push_back(std::move(copy));
      continue;
    }
    auto doc = store.GetDocument(p.doc);
    if (!doc) return Unexpected(doc.error());
    lang_of[p.doc] = doc->lang;
    docs.push_back({std::move(*doc), p.duplicate_of, p.duplicate_kind, std::nullopt});
  }
  // The annotations ingest stored, read in one go.
  std::vector<int64_t> ids;
  for (const TimelineDocument& d : docs) {
    if (!d.doc.body.empty()) ids.push_back(d.doc.id);
  }
  auto stored = store.LoadAnnotations(ids);
  if (!stored) return Unexpected(stored.error());
  for (TimelineDocument& d : docs) {
    auto it = stored->find(d.doc.id);
    if (it != stored->end()) d.stored = DecodeAnnotation(it->second);
  }
  return BuildTimeline(std::move(docs), resources, options, story);
}

}  // namespace storyloom
