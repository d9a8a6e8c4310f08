// The JSON views (storyloom/views.h): one shape for each answer, written
// here only, for the command line's --json and the HTTP API alike.
#include "base/calendar.h"
#include "storyloom/views.h"

#include <algorithm>
#include <chrono>

namespace storyloom {

using nlohmann::json;

// The calendar's own parser (base/calendar.h), for exactly a day.
std::optional<std::chrono::sys_days> ParseIsoDay(const std::string& s) {
  temporal::Ymd ymd;
  if (s.size() != 10 || !temporal::ParseIsoDay(s, &ymd)) return std::nullopt;
  return std::chrono::sys_days(std::chrono::days(temporal::DaysOf(ymd)));
}

namespace {

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json IdOrNull(int64_t id) { return id ? json(id) : json(nullptr); }


// Coverage over time: documents a bin across the story's published span.
json Coverage(const StorySummary& s) {
  json c = {{"from", OrNull(s.start)}, {"to", OrNull(s.end)}, {"counts", json::array()}};
  if (!s.start || !s.end) return c;
  auto a = ParseIsoDay(*s.start), b = ParseIsoDay(*s.end);
  if (!a || !b) return c;
  int64_t span = (*b - *a).count() + 1;
  int64_t bins = std::clamp<int64_t>(span, 1, 24);
  std::vector<int64_t> counts(static_cast<size_t>(bins), 0);
  const int64_t first = a->time_since_epoch().count();
  for (int32_t day : s.days) {
    int64_t at = std::clamp<int64_t>((day - first) * bins / span, 0, bins - 1);
    ++counts[static_cast<size_t>(at)];
  }
  c["counts"] = counts;
  return c;
}

json QuoteContextJson(const std::optional<QuoteContext>& c) {
  if (!c) return nullptr;
  return {{"text", c->text}, {"start", c->start}, {"end", c->end}, {"clipped_before", c->clipped_before},
          {"clipped_after", c->clipped_after}};
}

// A timeline sentence with its paragraph and where its date expression is.
void AddContext(json& s, const std::optional<QuoteContext>& context) {
  s["context"] = QuoteContextJson(context);
  std::string text = s.value("text", std::string()), date = s.value("date_text", std::string());
  size_t at = date.empty() ? std::string::npos : text.find(date);
  if (at != std::string::npos) {
    s["date_start"] = at;
    s["date_end"] = at + date.size();
  }
}

}  // namespace

json StoryJson(const StorySummary& s, bool with_docs) {
  std::vector<std::string> sources(s.sources.begin(), s.sources.begin() + std::min<size_t>(s.sources.size(), 8));
  json j = {{"id", s.id},
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
  if (with_docs) j["docs"] = s.docs;
  return j;
}

json StoryListJson(const StoryList& list, const StoryFilter& filter) {
  json out = {{"total", list.total}, {"offset", filter.offset}, {"limit", filter.limit}, {"stories", json::array()}};
  if (!filter.text.empty()) out["terms"] = list.terms;
  for (const StorySummary& s : list.stories) out["stories"].push_back(StoryJson(s));
  return out;
}

json EventJson(const StoryEvent& e) {
  return {{"number", e.number}, {"title", e.title}, {"start", OrNull(e.start)}, {"end", OrNull(e.end)}, {"docs", e.docs}};
}

json StoryViewJson(const StoryView& view) {
  json out = StoryJson(view.summary);
  out["docs"] = json::array();
  for (const StoryDocument& d : view.docs) {
    json dj = d.stored ? DocumentBriefJson(d.brief) : json{{"id", d.brief.id}};
    if (d.stored && d.brief.title.empty()) dj["lead"] = d.lead;
    dj["score"] = d.score;
    dj["why"] = d.why;
    dj["duplicate_of"] = IdOrNull(d.duplicate_of);
    if (d.duplicate_of) {
      dj["duplicate_kind"] = d.duplicate_kind;
      dj["duplicate_score"] = d.duplicate_score;
    }
    out["docs"].push_back(std::move(dj));
  }
  out["events"] = json::array();
  for (const StoryEvent& e : view.events) out["events"].push_back(EventJson(e));
  out["merged"] = json::array();
  for (const StoryMerge& m : view.merged) out["merged"].push_back({{"story", m.story}, {"at_doc", m.at_doc}});
  return out;
}

json DocumentBriefJson(const DocumentBrief& b) {
  return {{"id", b.id},         {"lang", b.lang}, {"title", b.title},
          {"source", b.source}, {"url", b.url},   {"published", OrNull(b.published)}};
}

json DocumentJson(const Document& d) {
  json out = DocumentBriefJson(BriefOf(d));
  out["path"] = d.path;
  out["line"] = d.line;
  out["part"] = d.part;
  out["format"] = FormatName(d.format);
  out["list"] = d.is_list;
  out["lang_confidence"] = d.lang_confidence;
  out["mixed_lang"] = d.mixed_lang;
  out["published_from"] = d.published_from;
  out["site"] = d.site;
  out["byline"] = d.byline;
  json meta = nullptr;
  if (!d.metadata_json.empty()) meta = json::parse(d.metadata_json, nullptr, false);
  out["metadata"] = meta.is_discarded() ? json(nullptr) : meta;
  out["text"] = d.body.text();
  return out;
}

json DocumentViewJson(const DocumentView& view) {
  const Document& d = view.doc;
  json out = DocumentJson(d);
  out["paragraphs"] = json::array();
  for (const Paragraph& p : d.paragraphs) {
    out["paragraphs"].push_back({{"start", p.span.start}, {"end", p.span.end}, {"lang", p.lang}});
  }
  // Each sentence in the text, and the input bytes it came from (provenance).
  out["sentences"] = json::array();
  out["sentences_original"] = json::array();
  for (const Sentence& s : d.sentences) {
    out["sentences"].push_back({s.span.start, s.span.end});
    Span o = d.body.ToOriginal(s.span);
    out["sentences_original"].push_back({o.start, o.end});
  }
  // Removed spans are in input bytes; `at` is where they stood in the text.
  const MappedText& body = d.body;
  out["removed"] = json::array();
  for (const RemovedSpan& rm : d.removed) {
    uint32_t lo = 0, hi = static_cast<uint32_t>(body.size());
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (body.OriginalStart(mid) < rm.span.start) lo = mid + 1;
      else hi = mid;
    }
    while (lo < body.size() && (static_cast<unsigned char>(body.text()[lo]) & 0xC0) == 0x80) ++lo;
    out["removed"].push_back(
        {{"reason", rm.reason}, {"text", rm.text}, {"start", rm.span.start}, {"end", rm.span.end}, {"at", lo}});
  }
  out["story"] = nullptr;
  if (const auto& p = view.placement) {
    out["story"] = {{"id", p->story}, {"duplicate_of", IdOrNull(p->duplicate_of)}, {"duplicate_kind", p->duplicate_kind}};
  }
  return out;
}

json TimelineViewJson(const TimelineView& view) {
  json out = TimelineJson(view.timeline);
  json& entries = out["entries"];
  for (size_t i = 0; i < entries.size() && i < view.reports.size(); ++i) {
    json& e = entries[i];
    for (size_t k = 0; k < e["sentences"].size(); ++k) {
      AddContext(e["sentences"][k], k < view.contexts[i].size() ? view.contexts[i][k] : std::nullopt);
    }
    json reports = json::array();
    for (const TimelineReport& r : view.reports[i]) {
      json folded = json::array();
      for (const TimelineReport::Folded& f : r.folded) folded.push_back({{"doc", f.doc}, {"kind", f.kind}, {"quote", f.quote}});
      reports.push_back({{"doc", r.doc}, {"quote", r.quote}, {"folded", std::move(folded)}});
    }
    e["reports"] = std::move(reports);
  }
  json& summary = out["summary"];
  for (size_t k = 0; k < summary.size(); ++k) {
    AddContext(summary[k], k < view.summary_contexts.size() ? view.summary_contexts[k] : std::nullopt);
  }
  json docs = json::object();
  for (const auto& [id, c] : view.docs) {
    json b = DocumentBriefJson(c.brief);
    b["duplicate_of"] = IdOrNull(c.duplicate_of);
    if (c.duplicate_of) b["duplicate_kind"] = c.duplicate_kind;
    docs[std::to_string(id)] = std::move(b);
  }
  out["docs"] = std::move(docs);
  out["lang"] = view.lang;
  return out;
}

json SearchJson(const SearchResults& r) {
  json out = {{"query", r.query}, {"terms", r.terms}, {"total", r.total}, {"total_at_least", r.total_at_least}, {"offset", r.offset},
              {"limit", r.limit}, {"hits", json::array()}};
  for (const SearchResultHit& x : r.hits) {
    const SearchHit& h = x.hit;
    json hj = {{"doc", h.doc},         {"rank", h.rank},     {"lang", h.lang},
               {"title", h.title},     {"source", h.source}, {"url", h.url},
               {"published", OrNull(h.published)},
               {"story", IdOrNull(h.story)},
               {"duplicate_of", IdOrNull(h.duplicate_of)}};
    if (x.snippet) {
      json hl = json::array();
      for (const auto& [a, b] : x.snippet->highlights) hl.push_back({a, b});
      hj["snippet"] = {{"text", x.snippet->text}, {"start", x.snippet->start}, {"highlights", hl}};
    }
    out["hits"].push_back(std::move(hj));
  }
  return out;
}

std::string DumpJson(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

std::string SafeJson(const json& j) {
  std::string raw = DumpJson(j);
  std::string out;
  out.reserve(raw.size() + 16);
  for (char c : raw) {
    // Outside strings JSON has none of these: escaping them is always valid.
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

}  // namespace storyloom
