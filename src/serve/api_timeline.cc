// The API's timeline of a story: the timeline's JSON with what the page
// needs beside it (cited documents in brief, sources grouped as reports,
// each quoted sentence in its paragraph), cached per store version.
#include "serve/api.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/story_timeline.h"
#include "serve/api_internal.h"
#include "timeline/timeline_format.h"

namespace storyloom {

using nlohmann::json;
using namespace api_internal;  // NOLINT: the API's own parameters and responses

namespace {

// The paragraph around a body span, cut to about `max` bytes centred on it,
// with the span's offsets inside.
json Context(const Document& d, uint32_t start, uint32_t end, size_t max = 700) {
  const std::string& body = d.body.text();
  if (start > end || end > body.size()) return nullptr;
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
  return {{"text", body.substr(a, b - a)}, {"start", start - a}, {"end", end - a}, {"clipped_before", a > 0},
          {"clipped_after", b < body.size()}};
}

}  // namespace

ApiResponse Api::GetTimeline(const ApiRequest& r, int64_t id) {
  TimelineOptions topts;
  topts.lang = LangParam(r);
  topts.dates = static_cast<size_t>(IntParam(r, "dates", 0, 0, 100));
  topts.sentences = static_cast<size_t>(IntParam(r, "sentences", 3, 1, 10));
  topts.summary = static_cast<size_t>(IntParam(r, "summary", 3, 0, 10));
  topts.from = DayParam(r, "from");
  topts.to = DayParam(r, "to");

  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  Store& store = *lease->store;

  std::string key = std::to_string(id) + "|" + topts.lang + "|" + std::to_string(topts.dates) + "|" +
                    std::to_string(topts.sentences) + "|" + std::to_string(topts.summary) + "|" +
                    topts.from.value_or("") + "|" + topts.to.value_or("");
  auto version = store.StoriesVersion();
  {
    std::lock_guard lock(timelines_mu_);
    if (timelines_version_ != version) {
      timelines_.clear();
      timelines_version_ = version;
    }
    if (auto it = timelines_.find(key); it != timelines_.end()) return {200, "application/json; charset=utf-8", *it->second};
  }

  auto placements = store.StoryPlacements(id);
  if (!placements) return StatusError(placements.error());
  if (placements->empty()) return JsonError(404, "no story with id " + std::to_string(id));
  auto timeline = StoryTimeline(store, id, story_resources_, topts);
  if (!timeline) return StatusError(timeline.error(), "timeline of story " + std::to_string(id) + ": ");
  json out = TimelineJson(*timeline);

  // What the page needs beside the timeline: each cited document briefly;
  // each entry's sources grouped as reports, copies and translations folded
  // under the report they repeat; each quoted sentence in its paragraph.
  std::unordered_map<int64_t, const StoredPlacement*> placement;
  for (const StoredPlacement& p : *placements) placement[p.doc] = &p;
  std::map<int64_t, Document> docs;
  {
    // Every document the page shows (quoted or cited, copies included: a
    // large story cites thousands), read a thousand at a time rather than
    // one by one. One that cannot be read so is asked for alone below.
    std::set<int64_t> wanted;
    for (json& e : out["entries"]) {
      for (json& s : e["sentences"]) wanted.insert(s.value("doc", int64_t{0}));
      for (int64_t d : e.value("sources", std::vector<int64_t>{})) wanted.insert(d);
    }
    for (json& s : out["summary"]) wanted.insert(s.value("doc", int64_t{0}));
    std::vector<int64_t> ids(wanted.begin(), wanted.end());
    for (size_t i = 0; i < ids.size(); i += 1000) {
      std::vector<int64_t> chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 1000));
      auto got = store.GetDocuments(chunk);
      if (!got) continue;
      for (Document& d : *got) docs.emplace(d.id, std::move(d));
    }
  }
  auto doc = [&](int64_t d) -> const Document* {
    auto it = docs.find(d);
    if (it != docs.end()) return &it->second;
    auto got = store.GetDocument(d);
    if (!got) return nullptr;
    return &docs.emplace(d, std::move(*got)).first->second;
  };
  auto enrich_sentence = [&](json& s) {
    const Document* d = doc(s.value("doc", int64_t{0}));
    if (!d) return;
    s["context"] = Context(*d, s.value("body_start", 0u), s.value("body_end", 0u));
    std::string text = s.value("text", std::string()), date = s.value("date_text", std::string());
    size_t at = date.empty() ? std::string::npos : text.find(date);
    if (at != std::string::npos) {
      s["date_start"] = at;
      s["date_end"] = at + date.size();
    }
  };
  std::set<int64_t> cited;
  for (json& e : out["entries"]) {
    std::vector<int64_t> sources = e.value("sources", std::vector<int64_t>{});
    std::set<int64_t> in_entry(sources.begin(), sources.end());
    std::map<int64_t, int> quote;  // doc -> its first sentence in the entry
    for (size_t i = 0; i < e["sentences"].size(); ++i) {
      json& s = e["sentences"][i];
      enrich_sentence(s);
      quote.try_emplace(s.value("doc", int64_t{0}), static_cast<int>(i));
    }
    json reports = json::array();
    std::map<int64_t, size_t> report_of;
    auto canonical_of = [&](int64_t d) {
      auto it = placement.find(d);
      int64_t c = it != placement.end() && it->second->duplicate_of ? it->second->duplicate_of : d;
      return in_entry.contains(c) ? c : d;
    };
    for (int64_t d : sources) {
      cited.insert(d);
      if (canonical_of(d) != d) continue;
      report_of[d] = reports.size();
      reports.push_back({{"doc", d}, {"quote", quote.contains(d) ? quote[d] : -1}, {"folded", json::array()}});
    }
    for (int64_t d : sources) {
      int64_t c = canonical_of(d);
      if (c == d) continue;
      auto it = placement.find(d);
      reports[report_of[c]]["folded"].push_back(
          {{"doc", d}, {"kind", it != placement.end() ? it->second->duplicate_kind : ""},
           {"quote", quote.contains(d) ? quote[d] : -1}});
    }
    e["reports"] = std::move(reports);
  }
  for (json& s : out["summary"]) {
    enrich_sentence(s);
    cited.insert(s.value("doc", int64_t{0}));
  }
  json brief = json::object();
  for (int64_t d : cited) {
    const Document* got = doc(d);
    if (!got) continue;
    json b = DocumentBrief(*got);
    auto it = placement.find(d);
    b["duplicate_of"] = it != placement.end() && it->second->duplicate_of ? json(it->second->duplicate_of) : json(nullptr);
    if (it != placement.end() && it->second->duplicate_of) b["duplicate_kind"] = it->second->duplicate_kind;
    brief[std::to_string(d)] = std::move(b);
  }
  out["docs"] = std::move(brief);
  out["lang"] = topts.lang;

  auto body = std::make_shared<const std::string>(SafeJson(out));
  {
    std::lock_guard lock(timelines_mu_);
    if (timelines_version_ == version) {
      if (timelines_.size() > 512) timelines_.clear();
      timelines_[key] = body;
    }
  }
  return {200, "application/json; charset=utf-8", *body};
}

}  // namespace storyloom
