// The engine's stories: summaries cached per store version and title
// language, a list filtered, searched, sorted and paged, one story in full
// (documents with their placements, events, merges), and a story's events.
#include <algorithm>
#include <unordered_set>

#include "engine/engine_rep.h"
#include "engine/search_terms.h"
#include "label/headline.h"
#include "stories/events.h"

namespace storyloom {

Result<std::shared_ptr<const StoriesSnapshot>> Engine::Rep::Stories(Reader& reader, const std::string& lang) {
  auto version = reader.store().StoriesVersion();
  auto cached = [&]() -> std::shared_ptr<const StoriesSnapshot> {
    std::lock_guard lock(stories_mu);
    auto it = stories.find(lang);
    return it != stories.end() && it->second->version == version ? it->second : nullptr;
  };
  if (auto hit = cached()) return hit;
  // One caller builds; the others wait for it rather than build too.
  std::lock_guard build(stories_build_mu);
  if (auto hit = cached()) return hit;
  auto list = reader.store().ListStories(lang);
  if (!list) return Unexpected(list.error());
  auto snap = std::make_shared<StoriesSnapshot>();
  snap->version = version;
  snap->stories = std::move(*list);
  for (size_t i = 0; i < snap->stories.size(); ++i) snap->index[snap->stories[i].id] = i;
  std::lock_guard lock(stories_mu);
  if (stories.size() > 32) stories.clear();
  stories[lang] = snap;
  return std::shared_ptr<const StoriesSnapshot>(snap);
}

Result<StoryList> Engine::ListStories(const StoryFilter& filter) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  auto snap = rep_->Stories(*reader, filter.lang);
  if (!snap) return Unexpected(snap.error());
  StoryList out;
  std::optional<std::unordered_set<int64_t>> matching;
  if (!filter.text.empty()) {
    QueryTerms qt = ParseQuery(filter.text, filter.lang, reader->segmenter());
    out.terms = qt.norms;
    matching.emplace();
    if (!qt.query.empty()) {
      auto ids = reader->store().MatchingStories(qt.query);
      if (!ids) return Unexpected(ids.error());
      matching->insert(ids->begin(), ids->end());
    }
  }
  const std::vector<StorySummary>& all = (*snap)->stories;
  std::vector<size_t> shown;
  for (size_t i = 0; i < all.size(); ++i) {
    const StorySummary& s = all[i];
    if (!filter.lang.empty() && std::find(s.langs.begin(), s.langs.end(), filter.lang) == s.langs.end()) continue;
    if (filter.from && (!s.end || *s.end < *filter.from)) continue;
    if (filter.to && (!s.start || *s.start > *filter.to)) continue;
    if (matching && !matching->contains(s.id)) continue;
    shown.push_back(i);
  }
  if (filter.order == StoryFilter::Order::kRecent) {
    std::stable_sort(shown.begin(), shown.end(),
                     [&all](size_t a, size_t b) { return all[a].end.value_or("") > all[b].end.value_or(""); });
  }
  out.total = shown.size();
  size_t end = filter.limit ? std::min(shown.size(), filter.offset + filter.limit) : shown.size();
  for (size_t i = filter.offset; i < end; ++i) out.stories.push_back(all[shown[i]]);
  return out;
}

namespace {

Status NoStory(int64_t story) { return Status::NotFound("no story " + std::to_string(story)); }

// The documents of these placements, a thousand at a time; one the store
// no longer has is left out.
std::unordered_map<int64_t, Document> DocumentsOf(Store& store, const std::vector<StoredPlacement>& placements) {
  std::unordered_map<int64_t, Document> out;
  constexpr size_t kChunk = 1000;
  for (size_t i = 0; i < placements.size(); i += kChunk) {
    std::vector<int64_t> ids;
    for (size_t k = i; k < std::min(placements.size(), i + kChunk); ++k) ids.push_back(placements[k].doc);
    auto got = store.GetDocuments(ids);
    if (got) {
      for (Document& d : *got) out.emplace(d.id, std::move(d));
      continue;
    }
    for (int64_t id : ids) {
      if (auto d = store.GetDocument(id)) out.emplace(id, std::move(*d));
    }
  }
  return out;
}

}  // namespace

Result<StorySummary> Engine::GetStorySummary(int64_t story, const std::string& lang) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  auto snap = rep_->Stories(*reader, lang);
  if (!snap) return Unexpected(snap.error());
  auto it = (*snap)->index.find(story);
  if (it == (*snap)->index.end()) return Unexpected(NoStory(story));
  return (*snap)->stories[it->second];
}

Result<StoryView> Engine::GetStory(int64_t story, const std::string& lang) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  Store& store = reader->store();
  auto snap = rep_->Stories(*reader, lang);
  if (!snap) return Unexpected(snap.error());
  auto it = (*snap)->index.find(story);
  if (it == (*snap)->index.end()) return Unexpected(NoStory(story));
  StoryView view;
  view.summary = (*snap)->stories[it->second];
  auto placements = store.StoryPlacements(story);
  if (!placements) return Unexpected(placements.error());
  std::unordered_map<int64_t, Document> docs = DocumentsOf(store, *placements);
  for (const StoredPlacement& p : *placements) {
    StoryDocument sd;
    auto d = docs.find(p.doc);
    if (d != docs.end()) {
      sd.brief = BriefOf(d->second);
      if (d->second.title.empty()) sd.lead = HeadlineFromLead(d->second.body.text());
    } else {
      sd.brief.id = p.doc;
      sd.stored = false;
    }
    sd.score = p.score;
    sd.why = p.why;
    sd.duplicate_of = p.duplicate_of;
    sd.duplicate_kind = p.duplicate_kind;
    sd.duplicate_score = p.duplicate_score;
    view.docs.push_back(std::move(sd));
  }
  auto events = StoryEvents(store, story);
  if (!events) return Unexpected(events.error());
  view.events = std::move(*events);
  if (auto merges = store.StoryMerges(story)) {
    for (const auto& [merged, doc] : *merges) view.merged.push_back({merged, doc});
  }
  return view;
}

Result<int64_t> Engine::MergedInto(int64_t story) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  bool legacy = false;  // merges from before schema 4 have no order, and are not followed
  auto merges = reader->store().LoadMerges(0, &legacy);
  if (!merges) return Unexpected(merges.error());
  std::unordered_map<int64_t, int64_t> into;
  for (const StoredMerge& m : *merges) into[m.merged] = m.into;
  int64_t at = story;
  for (size_t steps = 0; steps <= into.size(); ++steps) {
    auto next = into.find(at);
    if (next == into.end()) break;
    at = next->second;
  }
  return at == story ? 0 : at;
}

Result<std::vector<StoryEvent>> Engine::GetEvents(int64_t story) {
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  auto events = StoryEvents(reader->store(), story);
  if (!events) return Unexpected(events.error());
  if (events->empty()) return Unexpected(NoStory(story));
  return events;
}

}  // namespace storyloom
