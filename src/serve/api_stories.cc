// The API's stories: the story list (filtered, searched, sorted, paged) from
// a snapshot kept per store version, and one story with its documents, events
// and merges.
#include "serve/api.h"

#include <algorithm>
#include <unordered_set>

#include "label/headline.h"
#include "serve/api_internal.h"
#include "serve/search_terms.h"
#include "stories/events.h"

namespace storyloom {

using nlohmann::json;
using namespace api_internal;  // NOLINT: the API's own parameters and responses

namespace {

// Coverage over time: documents a bin across the story's dated span.
json Coverage(const StorySummary& s) {
  json c = {{"from", OrNull(s.start)}, {"to", OrNull(s.end)}, {"counts", json::array()}};
  if (!s.start || !s.end) return c;
  auto a = ParseDay(*s.start), b = ParseDay(*s.end);
  if (!a || !b) return c;
  int64_t span = (*b - *a).count() + 1;
  int64_t bins = std::clamp<int64_t>(span, 1, 24);
  std::vector<int64_t> counts(static_cast<size_t>(bins), 0);
  for (const std::string& day : s.days) {
    auto d = ParseDay(day.substr(0, 10));
    if (!d) continue;
    int64_t at = std::clamp<int64_t>((*d - *a).count() * bins / span, 0, bins - 1);
    ++counts[static_cast<size_t>(at)];
  }
  c["counts"] = counts;
  return c;
}

json SummaryJson(const StorySummary& s) {
  std::vector<std::string> sources(s.sources.begin(), s.sources.begin() + std::min<size_t>(s.sources.size(), 8));
  return {{"id", s.id},
          {"title", s.title},
          {"title_doc", s.title_doc},
          {"size", s.docs.size()},
          {"duplicates", s.duplicates},
          // null where the feed names no publisher: then only "reports" counts.
          {"independent_sources", s.independent ? json(s.independent) : json(nullptr)},
          {"reports", s.reports},
          {"langs", s.langs},
          {"sources", sources},
          {"sources_count", s.sources.size()},
          // The span the story tells of (its reports' dates), and when it was published.
          {"start", OrNull(s.told_start)},
          {"end", OrNull(s.told_end)},
          {"published_start", OrNull(s.start)},
          {"published_end", OrNull(s.end)},
          {"coverage", Coverage(s)}};
}

}  // namespace

Result<std::shared_ptr<const Api::StoriesSnapshot>> Api::Stories(Reader& reader, const std::string& lang) {
  auto version = reader.store->StoriesVersion();
  auto cached = [&]() -> std::shared_ptr<const StoriesSnapshot> {
    std::lock_guard lock(stories_mu_);
    auto it = stories_.find(lang);
    return it != stories_.end() && it->second->version == version ? it->second : nullptr;
  };
  if (auto hit = cached()) return hit;
  // One request builds; the others wait for it rather than build too.
  std::lock_guard build(stories_build_mu_);
  if (auto hit = cached()) return hit;
  auto list = reader.store->ListStories(lang);
  if (!list) return Unexpected(list.error());
  auto snap = std::make_shared<StoriesSnapshot>();
  snap->version = version;
  snap->stories = std::move(*list);
  for (size_t i = 0; i < snap->stories.size(); ++i) {
    snap->index[snap->stories[i].id] = i;
    snap->json.push_back(SummaryJson(snap->stories[i]));
  }
  std::lock_guard lock(stories_mu_);
  if (stories_.size() > 32) stories_.clear();
  stories_[lang] = snap;
  return std::shared_ptr<const StoriesSnapshot>(snap);
}

ApiResponse Api::ListStories(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  std::string lang = LangParam(r);
  auto from = DayParam(r, "from"), to = DayParam(r, "to");
  auto q = Param(r, "q", lim.max_query_text);
  int64_t limit = IntParam(r, "limit", 20, 1, static_cast<int64_t>(lim.max_page));
  int64_t offset = IntParam(r, "offset", 0, 0, 1000000);
  std::string sort = Param(r, "sort", 16).value_or("size");
  if (sort != "size" && sort != "recent") throw BadRequest{"parameter 'sort' must be 'size' or 'recent'"};
  if (q && !ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};

  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  auto snap = Stories(*lease, lang);
  if (!snap) return StatusError(snap.error());

  std::optional<std::unordered_set<int64_t>> matching;
  json terms = json::array();
  if (q) {
    QueryTerms qt = ParseQuery(*q, lang, *lease->segmenter);
    terms = qt.norms;
    matching.emplace();
    if (!qt.query.empty()) {
      auto ids = lease->store->MatchingStories(qt.query);
      if (!ids) return StatusError(ids.error());
      matching->insert(ids->begin(), ids->end());
    }
  }
  std::vector<size_t> shown;
  for (size_t i = 0; i < (*snap)->stories.size(); ++i) {
    const StorySummary& s = (*snap)->stories[i];
    if (!lang.empty() && std::find(s.langs.begin(), s.langs.end(), lang) == s.langs.end()) continue;
    if (from && (!s.end || *s.end < *from)) continue;
    if (to && (!s.start || *s.start > *to)) continue;
    if (matching && !matching->contains(s.id)) continue;
    shown.push_back(i);
  }
  if (sort == "recent") {
    const auto& all = (*snap)->stories;
    std::stable_sort(shown.begin(), shown.end(), [&all](size_t a, size_t b) {
      return all[a].end.value_or("") > all[b].end.value_or("");
    });
  }
  json out = {{"total", shown.size()}, {"offset", offset}, {"limit", limit}, {"stories", json::array()}};
  if (q) out["terms"] = terms;
  for (size_t i = static_cast<size_t>(offset); i < shown.size() && i < static_cast<size_t>(offset + limit); ++i) {
    out["stories"].push_back((*snap)->json[shown[i]]);
  }
  return JsonOk(out);
}

ApiResponse Api::GetStory(const ApiRequest& r, int64_t id) {
  std::string lang = LangParam(r);
  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  Store& store = *lease->store;
  auto snap = Stories(*lease, lang);
  if (!snap) return StatusError(snap.error());
  auto it = (*snap)->index.find(id);
  if (it == (*snap)->index.end()) return JsonError(404, "no story with id " + std::to_string(id));
  json out = (*snap)->json[it->second];
  auto placements = store.StoryPlacements(id);
  if (!placements) return StatusError(placements.error());
  out["docs"] = json::array();
  for (const StoredPlacement& p : *placements) {
    auto d = store.GetDocument(p.doc);
    json dj = d ? DocumentBrief(*d) : json{{"id", p.doc}};
    if (d && d->title.empty()) dj["lead"] = HeadlineFromLead(d->body.text());
    dj["score"] = p.score;
    dj["why"] = p.why;
    dj["duplicate_of"] = p.duplicate_of ? json(p.duplicate_of) : json(nullptr);
    if (p.duplicate_of) {
      dj["duplicate_kind"] = p.duplicate_kind;
      dj["duplicate_score"] = p.duplicate_score;
    }
    out["docs"].push_back(std::move(dj));
  }
  // Its events, each with its documents (a document brief's title falls
  // back on its lead, as the events' own labels do).
  auto events = StoryEvents(store, id);
  if (!events) return StatusError(events.error());
  out["events"] = json::array();
  for (const StoryEvent& e : *events) {
    out["events"].push_back({{"number", e.number}, {"title", e.title}, {"start", OrNull(e.start)},
                             {"end", OrNull(e.end)}, {"docs", e.docs}});
  }
  out["merged"] = json::array();
  if (auto merges = store.StoryMerges(id)) {
    for (const auto& [story, doc] : *merges) out["merged"].push_back({{"story", story}, {"at_doc", doc}});
  }
  return JsonOk(out);
}


}  // namespace storyloom
