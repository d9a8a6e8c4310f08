// The in-memory model store: story tables and the full-text index.
#include <algorithm>
#include <set>
#include <sstream>

#include "store/memory/memory_store.h"

namespace storyloom {

namespace {
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}
}  // namespace

// ---- Story tables ----

Status MemoryStore::SaveFeatures(int64_t doc, std::string_view features, std::string_view shingles) {
  if (!Find(doc)) return Status::Conflict("saving features: no document with id " + std::to_string(doc));
  data_.features[doc] = {std::string(features), std::string(shingles)};
  return Status::Ok();
}

Status MemoryStore::SavePlacement(const StoredPlacement& placement) {
  if (!Find(placement.doc)) {
    return Status::Conflict("saving placement: no document with id " + std::to_string(placement.doc));
  }
  auto [last, merges] = *StorySeqs();
  Placed p{placement, last + 1};
  if (p.placement.placed == 0) p.placement.placed = p.placement.story;
  if (p.placement.duplicate_of == 0) {
    p.placement.duplicate_kind.clear();
    p.placement.duplicate_score = 0;
  }
  data_.placements[placement.doc] = std::move(p);
  std::erase_if(data_.queue, [&](const auto& e) { return std::get<3>(e.first) == placement.doc; });
  return Status::Ok();
}

Status MemoryStore::QueueForPlacement(int64_t doc, std::optional<int32_t> day, std::string_view content_hash,
                                      std::string_view pending) {
  if (!data_.features.contains(doc)) {
    return Status::Conflict("queueing for placement: no features for document " + std::to_string(doc));
  }
  std::erase_if(data_.queue, [&](const auto& e) { return std::get<3>(e.first) == doc; });
  data_.queue[{!day.has_value(), day.value_or(0), std::string(content_hash), doc}] = std::string(pending);
  return Status::Ok();
}

Result<std::vector<QueuedDocument>> MemoryStore::Queued(size_t limit) {
  std::vector<QueuedDocument> out;
  for (const auto& [key, pending] : data_.queue) {
    if (out.size() >= limit) break;
    int64_t doc = std::get<3>(key);
    const Features& f = data_.features.at(doc);
    out.push_back({doc, f.features, f.shingles, pending});
  }
  return out;
}

Result<int64_t> MemoryStore::CountQueued() { return static_cast<int64_t>(data_.queue.size()); }

Status MemoryStore::MergeStories(int64_t story, int64_t into, int64_t doc, int64_t first_into) {
  for (auto& [d, p] : data_.placements) {
    if (p.placement.story == story) p.placement.story = into;
  }
  // Earlier merges into the story merged away now point at the survivor.
  for (auto& [merged, m] : data_.merges) {
    if (m.into_now == story) m.into_now = into;
  }
  auto [placed, last] = *StorySeqs();
  data_.merges[story] = {doc, into, first_into ? first_into : into, last + 1};
  return Status::Ok();
}

Result<std::pair<int64_t, int64_t>> MemoryStore::StorySeqs() {
  int64_t placed = 0, merged = 0;
  for (const auto& [d, p] : data_.placements) placed = std::max(placed, p.seq);
  for (const auto& [s, m] : data_.merges) merged = std::max(merged, m.seq);
  return std::pair<int64_t, int64_t>{placed, merged};
}

Result<int64_t> MemoryStore::MaxStoryId() {
  int64_t max = 0;
  for (const auto& [d, p] : data_.placements) max = std::max(max, p.placement.story);
  for (const auto& [s, m] : data_.merges) max = std::max({max, s, m.into_now});
  return max;
}

std::pair<int64_t, int64_t> MemoryStore::StoriesVersion() {
  return {StorySeqs()->first, static_cast<int64_t>(data_.merges.size())};
}

std::vector<const MemoryStore::Placed*> MemoryStore::PlacementsInOrder() const {
  std::vector<const Placed*> out;
  for (const auto& [d, p] : data_.placements) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](const Placed* a, const Placed* b) { return a->seq < b->seq; });
  return out;
}

StoredFeatures MemoryStore::FeaturesOf(const Placed& p) const {
  const Features& f = data_.features.at(p.placement.doc);
  return {p.placement.doc, f.features, f.shingles, p.placement, p.seq};
}

Result<std::vector<StoredFeatures>> MemoryStore::LoadPlacedFeatures(int64_t after_seq, int64_t up_to_seq,
                                                                     size_t limit) {
  std::vector<StoredFeatures> out;
  for (const Placed* p : PlacementsInOrder()) {
    if (limit > 0 && out.size() == limit) break;
    if (up_to_seq > 0 && p->seq > up_to_seq) break;
    if (p->seq > after_seq && data_.features.contains(p->placement.doc)) out.push_back(FeaturesOf(*p));
  }
  return out;
}

Result<int64_t> MemoryStore::CountPlacedOriginals(int64_t after_seq, int64_t up_to_seq) {
  auto all = LoadPlacedFeatures(after_seq, up_to_seq);
  return static_cast<int64_t>(std::count_if(all->begin(), all->end(), [](const StoredFeatures& f) {
    const auto& p = f.placement;
    return !(p.duplicate_of != 0 && (p.duplicate_kind == "exact" || p.duplicate_kind == "near"));
  }));
}

Result<std::vector<StoredFeatures>> MemoryStore::StoryFeatures(int64_t story) {
  std::vector<StoredFeatures> out;
  for (const Placed* p : PlacementsInOrder()) {
    if (p->placement.story == story && data_.features.contains(p->placement.doc)) out.push_back(FeaturesOf(*p));
  }
  return out;
}

Result<std::vector<StoredMerge>> MemoryStore::LoadMerges(int64_t after_seq, bool* legacy) {
  *legacy = false;  // every merge here has its order
  std::vector<StoredMerge> out;
  for (const auto& [story, m] : data_.merges) {
    if (m.seq > after_seq) out.push_back({m.doc, story, m.first_into, m.seq});
  }
  std::sort(out.begin(), out.end(), [](const StoredMerge& a, const StoredMerge& b) { return a.seq < b.seq; });
  return out;
}

Result<std::string> MemoryStore::LoadShingles(int64_t doc) {
  auto it = data_.features.find(doc);
  if (it == data_.features.end()) return Fail("no features for document " + std::to_string(doc), ErrorKind::kNotFound);
  return it->second.shingles;
}

Result<std::vector<StoryRow>> MemoryStore::StoryRows() {
  std::vector<StoryRow> out;
  for (const Placed* p : PlacementsInOrder()) {
    const Document& d = Find(p->placement.doc)->doc;
    StoryRow r;
    r.story = p->placement.story;
    r.doc = d.id;
    r.score = p->placement.score;
    r.duplicate = p->placement.duplicate_of != 0;
    r.lang = d.lang;
    r.source = d.source;
    r.title = d.title;
    r.published = d.published;
    if (!p->placement.told_first.empty()) r.told_first = p->placement.told_first;
    if (!p->placement.told_last.empty()) r.told_last = p->placement.told_last;
    if (d.title.empty()) r.opening = *DocumentOpening(d.id, 60);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<StoredPlacement>> MemoryStore::StoryPlacements(int64_t story) {
  std::vector<StoredPlacement> out;
  for (const Placed* p : PlacementsInOrder()) {
    if (p->placement.story == story) out.push_back(p->placement);
  }
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> MemoryStore::StoryMerges(int64_t into) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& [story, m] : data_.merges) {
    if (m.into_now == into) out.push_back({story, m.doc});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::optional<StoredPlacement> MemoryStore::Placement(int64_t doc) {
  auto it = data_.placements.find(doc);
  if (it == data_.placements.end()) return std::nullopt;
  return it->second.placement;
}

// ---- Full-text index ----

Status MemoryStore::IndexTerms(int64_t doc, const SearchTerms& terms) {
  if (!Find(doc)) return Status::Conflict("indexing: no document with id " + std::to_string(doc));
  data_.terms[doc] = {Words(terms.norms), Words(terms.stems)};
  return Status::Ok();
}

Result<std::vector<int64_t>> MemoryStore::UnindexedDocuments() {
  std::vector<int64_t> out;
  for (const auto& [id, d] : data_.documents) {
    if (!data_.terms.contains(id)) out.push_back(id);
  }
  return out;
}

std::optional<size_t> MemoryStore::Matches(const Terms& t, const TermQuery& query) {
  if (query.empty()) return std::nullopt;
  // The stems may run past the norms (forms of the words indexed besides
  // their stems, as the SQL backends' stems column holds them).
  const size_t positions = std::max(t.norms.size(), t.stems.size());
  std::vector<bool> hit(positions, false);
  // A word: its norm among the norms or one of its stems among the stems;
  // every token it is found at counts towards the rank.
  auto word = [&](const SearchWord& w, bool mark) {
    bool found = false;
    for (size_t i = 0; i < positions; ++i) {
      bool here = (i < t.norms.size() && t.norms[i] == w.norm) ||
                  (i < t.stems.size() && std::find(w.stems.begin(), w.stems.end(), t.stems[i]) != w.stems.end());
      if (here && mark) hit[i] = true;
      found = found || here;
    }
    return found;
  };
  auto piece = [&](const SearchPiece& p, bool mark) {
    bool all = true;
    for (const SearchWord& w : p) all = word(w, false) && all;
    if (all && mark) {
      for (const SearchWord& w : p) word(w, true);
    }
    return all;
  };
  for (const auto& group : query.all_of) {
    bool any = false;
    for (const SearchPiece& p : group) any = piece(p, true) || any;
    if (!any) return std::nullopt;
  }
  for (const SearchPiece& p : query.none_of) {
    if (piece(p, false)) return std::nullopt;
  }
  return static_cast<size_t>(std::count(hit.begin(), hit.end(), true));
}

Result<SearchPage> MemoryStore::Search(const SearchQuery& q) {
  std::vector<SearchHit> hits;
  for (const auto& [id, terms] : data_.terms) {
    const StoredDocument* sd = Find(id);
    if (!sd) continue;
    const Document& d = sd->doc;
    auto matched = Matches(terms, q.terms);
    if (!matched) continue;
    if (!q.lang.empty() && d.lang != q.lang) continue;
    if (q.from && (!d.published || *d.published < *q.from)) continue;
    if (q.to && (!d.published || *d.published > *q.to)) continue;
    auto placement = Placement(id);
    if (q.story != 0 && (!placement || placement->story != q.story)) continue;
    SearchHit h;
    h.doc = id;
    h.rank = -static_cast<double>(*matched);
    h.lang = d.lang;
    h.title = d.title;
    h.source = d.source;
    h.url = d.url;
    h.published = d.published;
    if (placement) {
      h.story = placement->story;
      h.duplicate_of = placement->duplicate_of;
    }
    hits.push_back(std::move(h));
  }
  SearchPage page;
  // Unfiltered, the window's newest matches alone (data_.terms is in id order).
  const bool filtered = !q.lang.empty() || q.from || q.to || q.story != 0;
  if (!filtered && q.window > 0 && hits.size() > q.window) {
    hits.erase(hits.begin(), hits.end() - static_cast<std::ptrdiff_t>(q.window));
    page.total_at_least = true;
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.rank < b.rank; });
  page.total = hits.size();
  for (size_t i = q.offset; i < hits.size() && i - q.offset < q.limit; ++i) page.hits.push_back(std::move(hits[i]));
  return page;
}

Result<std::vector<int64_t>> MemoryStore::MatchingStories(const TermQuery& terms) {
  std::set<int64_t> stories;
  for (const auto& [id, t] : data_.terms) {
    auto p = data_.placements.find(id);
    if (p != data_.placements.end() && Matches(t, terms)) stories.insert(p->second.placement.story);
  }
  return std::vector<int64_t>(stories.begin(), stories.end());
}

}  // namespace storyloom
