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

// The documents a view cites, read in one go (a thousand at a time): their
// heads (`heads`: enough for a brief; a large story's entries cite
// thousands of copies) or whole (the quoted, for their paragraphs). One the
// store no longer has is left out.
std::unordered_map<int64_t, Document> CitedDocuments(Store& store, const std::set<int64_t>& cited, bool heads) {
  std::unordered_map<int64_t, Document> out;
  std::vector<int64_t> ids(cited.begin(), cited.end());
  constexpr size_t kChunk = 1000;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    std::vector<int64_t> chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + kChunk));
    if (auto got = heads ? store.GetDocumentHeads(chunk) : store.GetDocuments(chunk)) {
      for (Document& d : *got) out.emplace(d.id, std::move(d));
      continue;
    }
    for (int64_t id : chunk) {
      if (auto d = store.GetDocument(id)) out.emplace(id, std::move(*d));
    }
  }
  return out;
}

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
  std::unordered_map<int64_t, Document> docs;  // the quoted, whole; then the cited, their heads
  auto timeline = StoryTimeline(store, story, **story_resources, options, &docs);
  if (!timeline) return Unexpected(timeline.error());

  TimelineView view;
  view.timeline = std::move(*timeline);
  view.lang = options.lang;
  std::unordered_map<int64_t, const StoredPlacement*> placement;
  for (const StoredPlacement& p : *placements) placement[p.doc] = &p;
  std::set<int64_t> cited, quoted;
  for (const TimelineEntry& e : view.timeline.entries) {
    cited.insert(e.sources.begin(), e.sources.end());
    for (const TimelineSentence& s : e.sentences) quoted.insert(s.doc);
  }
  for (const TimelineSentence& s : view.timeline.summary) quoted.insert(s.doc);
  std::erase_if(cited, [&](int64_t d) { return quoted.contains(d); });
  std::erase_if(quoted, [&](int64_t d) { return docs.contains(d); });  // read whole for the timeline already
  docs.merge(CitedDocuments(store, quoted, /*heads=*/false));
  docs.merge(CitedDocuments(store, cited, /*heads=*/true));
  auto context = [&](const TimelineSentence& s) -> std::optional<QuoteContext> {
    auto d = docs.find(s.doc);
    return d != docs.end() ? ContextOf(d->second, s.body_span) : std::nullopt;
  };
  for (const TimelineEntry& e : view.timeline.entries) {
    auto& contexts = view.contexts.emplace_back();
    for (const TimelineSentence& s : e.sentences) contexts.push_back(context(s));
    view.reports.push_back(ReportsOf(e, placement));
  }
  for (const TimelineSentence& s : view.timeline.summary) view.summary_contexts.push_back(context(s));
  for (const auto& [id, d] : docs) {
    CitedDocument c{BriefOf(d), 0, ""};
    auto it = placement.find(id);
    if (it != placement.end() && it->second->duplicate_of) {
      c.duplicate_of = it->second->duplicate_of;
      c.duplicate_kind = it->second->duplicate_kind;
    }
    view.docs.emplace(id, std::move(c));
  }
  return view;
}

}  // namespace storyloom
