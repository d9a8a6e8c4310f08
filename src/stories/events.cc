#include "stories/events.h"

#include <algorithm>
#include <unordered_map>

#include "label/headline.h"
#include "stories/features_codec.h"

namespace storyloom {

StoryOptions EventOptions() {
  StoryOptions o;
  o.join = 0.17;
  o.merge = 2;            // never: an event is what its documents joined
  o.fade_days = 3;
  o.fade_span = 0;
  o.max_span_days = 7;    // a happening of days, not a season
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

Result<std::vector<StoryEvent>> StoryEvents(Store& store, int64_t story) {
  auto stored = store.StoryFeatures(story);
  if (!stored) return Unexpected(stored.error());
  // The story stage's duplicates (copies and translations) are grouped as
  // their originals are: only canonical reports are clustered, then each
  // duplicate takes its original's event.
  std::vector<DocFeatures> docs;
  std::vector<std::pair<int64_t, int64_t>> duplicates;  // (doc, original)
  docs.reserve(stored->size());
  for (const StoredFeatures& s : *stored) {
    if (s.placement.duplicate_of != 0) {
      duplicates.push_back({s.doc, s.placement.duplicate_of});
      continue;
    }
    auto f = DecodeFeatures(s.features);
    if (!f) return Unexpected(f.error());
    f->doc = s.doc;
    docs.push_back(std::move(*f));
  }
  std::stable_sort(docs.begin(), docs.end(), PublishedBefore);
  std::vector<int> event = GroupEvents(docs);
  std::vector<StoryEvent> out;
  std::unordered_map<int64_t, int> event_of;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (static_cast<size_t>(event[i]) > out.size()) out.resize(event[i]);
    StoryEvent& e = out[event[i] - 1];
    e.number = event[i];
    e.docs.push_back(docs[i].doc);
    event_of[docs[i].doc] = event[i];
    if (docs[i].day) {
      std::string day = IsoDay(*docs[i].day);
      if (!e.start || day < *e.start) e.start = day;
      if (!e.end || day > *e.end) e.end = day;
    }
  }
  for (const auto& [doc, original] : duplicates) {
    auto it = event_of.find(original);
    if (it != event_of.end()) out[it->second - 1].docs.push_back(doc);
  }
  // A label from the event's first reports: a title, else the first lead.
  for (StoryEvent& e : out) {
    std::string lead;
    for (size_t k = 0; k < e.docs.size() && k < 4; ++k) {
      auto d = store.GetDocument(e.docs[k]);
      if (!d) continue;
      if (!d->title.empty()) {
        e.title = d->title;
        break;
      }
      if (lead.empty()) lead = HeadlineFromLead(d->body.text());
    }
    if (e.title.empty()) e.title = lead;
  }
  return out;
}

}  // namespace storyloom
