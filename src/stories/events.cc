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
  std::vector<DocFeatures> docs;
  docs.reserve(stored->size());
  for (const StoredFeatures& s : *stored) {
    auto f = DecodeFeatures(s.features);
    if (!f) return Unexpected(f.error());
    f->doc = s.doc;
    docs.push_back(std::move(*f));
  }
  std::stable_sort(docs.begin(), docs.end(), PublishedBefore);
  std::vector<int> event = GroupEvents(docs);
  std::vector<StoryEvent> out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (static_cast<size_t>(event[i]) > out.size()) out.resize(event[i]);
    StoryEvent& e = out[event[i] - 1];
    e.number = event[i];
    e.docs.push_back(docs[i].doc);
    if (docs[i].day) {
      std::string day = IsoDay(*docs[i].day);
      if (!e.start || day < *e.start) e.start = day;
      if (!e.end || day > *e.end) e.end = day;
    }
  }
  for (StoryEvent& e : out) {
    for (size_t k = 0; k < e.docs.size() && k < 8; ++k) {  // its first reports
      const int64_t id = e.docs[k];
      auto d = store.GetDocument(id);
      if (!d) continue;
      if (!d->title.empty()) {
        e.title = d->title;
        break;
      }
      if (e.title.empty()) e.title = HeadlineFromLead(d->body.text());
    }
  }
  return out;
}

}  // namespace storyloom
