// The engine's timeline of a story: the timeline built from what ingest
// stored, with what a reader needs beside it: each cited document in
// brief, each entry's sources grouped as reports (copies and translations
// folded under the report they repeat), each quoted sentence in its
// paragraph.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/engine_rep.h"
#include "engine/story_timeline.h"

namespace storyloom {

namespace {

// The paragraph around a body span, cut to about `max` bytes centred on it,
// with the span's offsets inside.
std::optional<QuoteContext> ContextOf(const Document& d, Span span, size_t max = 700) {
  const std::string& body = d.body.text();
  const uint32_t start = span.start, end = span.end;
  if (start > end || end > body.size()) return std::nullopt;
  uint32_t a = 0, b = static_cast<uint32_t>(body.size());
  for (const Paragraph& p : d.paragraphs) {
    if (p.span.start <= start && end <= p.span.end) {
      a = p.span.start;
      b = p.span.end;
      break;
    }
  }
  if (b - a > max) {
    size_t room = max > end - start ? (max - (end - start)) / 2 : 0;
    a = std::max<uint32_t>(a, start > room ? start - static_cast<uint32_t>(room) : 0);
    b = std::min<uint32_t>(b, end + static_cast<uint32_t>(room));
    while (a > 0 && a < body.size() && (static_cast<unsigned char>(body[a]) & 0xC0) == 0x80) --a;
    while (b < body.size() && (static_cast<unsigned char>(body[b]) & 0xC0) == 0x80) ++b;
  }
  return QuoteContext{body.substr(a, b - a), start - a, end - a, a > 0, b < body.size()};
}

// The stored documents a view reads, each once.
class DocumentCache {
 public:
  explicit DocumentCache(Store& store) : store_(store) {}
  const Document* Get(int64_t id) {
    auto it = docs_.find(id);
    if (it != docs_.end()) return it->second ? &*it->second : nullptr;
    auto got = store_.GetDocument(id);
    auto& slot = docs_[id];
    if (got) slot = std::move(*got);
    return slot ? &*slot : nullptr;
  }

 private:
  Store& store_;
  std::unordered_map<int64_t, std::optional<Document>> docs_;
};

// An entry's sources as reports: each canonical source with the copies and
// translations of it the entry also cites folded under it.
std::vector<TimelineReport> ReportsOf(const TimelineEntry& e,
                                      const std::unordered_map<int64_t, const StoredPlacement*>& placement) {
  std::set<int64_t> in_entry(e.sources.begin(), e.sources.end());
  std::map<int64_t, int> quote;  // doc -> its first sentence in the entry
  for (size_t i = 0; i < e.sentences.size(); ++i) quote.try_emplace(e.sentences[i].doc, static_cast<int>(i));
  auto quote_of = [&](int64_t d) { return quote.contains(d) ? quote[d] : -1; };
  auto canonical_of = [&](int64_t d) {
    auto it = placement.find(d);
    int64_t c = it != placement.end() && it->second->duplicate_of ? it->second->duplicate_of : d;
    return in_entry.contains(c) ? c : d;
  };
  std::vector<TimelineReport> reports;
  std::map<int64_t, size_t> report_of;
  for (int64_t d : e.sources) {
    if (canonical_of(d) != d) continue;
    report_of[d] = reports.size();
    reports.push_back({d, quote_of(d), {}});
  }
  for (int64_t d : e.sources) {
    int64_t c = canonical_of(d);
    if (c == d) continue;
    auto it = placement.find(d);
    reports[report_of[c]].folded.push_back({d, it != placement.end() ? it->second->duplicate_kind : "", quote_of(d)});
  }
  return reports;
}

}  // namespace

Result<TimelineView> Engine::GetTimeline(int64_t story, const TimelineOptions& options) {
  auto story_resources = rep_->StoryResourcesOrError();
  if (!story_resources) return Unexpected(story_resources.error());
  auto reader = rep_->AcquireReader();
  if (!reader) return Unexpected(reader.error());
  Store& store = reader->store();
  auto placements = store.StoryPlacements(story);
  if (!placements) return Unexpected(placements.error());
  if (placements->empty()) return Unexpected(Status::NotFound("no story " + std::to_string(story)));
  auto timeline = StoryTimeline(store, story, **story_resources, options);
  if (!timeline) return Unexpected(timeline.error());

  TimelineView view;
  view.timeline = std::move(*timeline);
  view.lang = options.lang;
  std::unordered_map<int64_t, const StoredPlacement*> placement;
  for (const StoredPlacement& p : *placements) placement[p.doc] = &p;
  DocumentCache docs(store);
  auto context = [&](const TimelineSentence& s) -> std::optional<QuoteContext> {
    const Document* d = docs.Get(s.doc);
    return d ? ContextOf(*d, s.body_span) : std::nullopt;
  };
  std::set<int64_t> cited;
  for (const TimelineEntry& e : view.timeline.entries) {
    auto& contexts = view.contexts.emplace_back();
    for (const TimelineSentence& s : e.sentences) contexts.push_back(context(s));
    view.reports.push_back(ReportsOf(e, placement));
    cited.insert(e.sources.begin(), e.sources.end());
  }
  for (const TimelineSentence& s : view.timeline.summary) {
    view.summary_contexts.push_back(context(s));
    cited.insert(s.doc);
  }
  for (int64_t d : cited) {
    const Document* got = docs.Get(d);
    if (!got) continue;
    CitedDocument c{BriefOf(*got), 0, ""};
    auto it = placement.find(d);
    if (it != placement.end() && it->second->duplicate_of) {
      c.duplicate_of = it->second->duplicate_of;
      c.duplicate_kind = it->second->duplicate_kind;
    }
    view.docs.emplace(d, std::move(c));
  }
  return view;
}

}  // namespace storyloom
