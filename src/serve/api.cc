#include "label/headline.h"
#include "stories/events.h"
#include "serve/api.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "engine/story_timeline.h"
#include "ingest/reader.h"
#include "serve/search_terms.h"
#include "stories/story_stage.h"
#include "storyloom/ingest.h"
#include "text/segment.h"
#include "timeline/timeline.h"
#include "timeline/timeline_format.h"

namespace storyloom {

using nlohmann::json;

// One read connection with the segmenter that reads queries beside it.
struct Api::Reader {
  std::unique_ptr<Store> store;
  std::unique_ptr<Segmenter> segmenter;
};

// Story summaries for one title language, with what the list filters need.
struct Api::StoriesSnapshot {
  std::pair<int64_t, int64_t> version;
  std::vector<StorySummary> stories;  // largest first
  std::vector<nlohmann::json> json;   // each story as the API shows it (coverage binned once)
  std::unordered_map<int64_t, size_t> index;  // id -> position
};

// Gives a reader back to the pool when the request is done.
class Api::ReaderLease {
 public:
  ReaderLease(Api& api, std::unique_ptr<Reader> r) : api_(api), r_(std::move(r)) {}
  ~ReaderLease() {
    if (r_) api_.ReleaseReader(std::move(r_));
  }
  Reader& operator*() { return *r_; }
  Reader* operator->() { return r_.get(); }

 private:
  Api& api_;
  std::unique_ptr<Reader> r_;
};

namespace {

// A request parameter that failed validation: answered 400 with its message.
struct BadRequest {
  std::string message;
};

std::optional<std::string> Param(const ApiRequest& r, const std::string& name, size_t max_bytes) {
  auto it = r.params.find(name);
  if (it == r.params.end() || it->second.empty()) return std::nullopt;
  if (it->second.size() > max_bytes) {
    throw BadRequest{"parameter '" + name + "' is too long (at most " + std::to_string(max_bytes) + " bytes)"};
  }
  return it->second;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

int64_t IntParam(const ApiRequest& r, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
  auto v = Param(r, name, 32);
  if (!v) return fallback;
  int64_t x = 0;
  bool ok = !v->empty() && v->size() <= 18;
  for (char c : *v) {
    if (c < '0' || c > '9') ok = false;
    else x = x * 10 + (c - '0');
  }
  if (!ok || x < lo || x > hi) {
    throw BadRequest{"parameter '" + name + "' must be an integer from " + std::to_string(lo) + " to " +
                     std::to_string(hi)};
  }
  return x;
}

std::string LangParam(const ApiRequest& r) {
  auto v = Param(r, "lang", 16);
  if (!v) return "";
  bool ok = v->size() >= 2 && v->size() <= 3;
  for (char c : *v) ok = ok && c >= 'a' && c <= 'z';
  if (!ok) throw BadRequest{"parameter 'lang' must be a language code such as vi, id, ar or en"};
  return *v;
}

// YYYY-MM-DD, checked to be a real day.
std::optional<std::chrono::sys_days> ParseDay(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(std::stoi(s.substr(0, 4))),
                                  std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                  std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

std::optional<std::string> DayParam(const ApiRequest& r, const std::string& name) {
  auto v = Param(r, name, 16);
  if (!v) return std::nullopt;
  if (!ParseDay(*v)) throw BadRequest{"parameter '" + name + "' must be a day written YYYY-MM-DD"};
  return v;
}

// A path's id: -1 when it is not a number; a number too large for any id
// reads as the largest, which names no story or document (404 as such).
int64_t ParseId(const std::string& s) {
  if (s.empty() || s.size() > 64) return -1;
  int64_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    if (x > (INT64_MAX - (c - '0')) / 10) return INT64_MAX;
    x = x * 10 + (c - '0');
  }
  return x;
}

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

ApiResponse JsonOk(const json& j, int status = 200) { return {status, "application/json; charset=utf-8", SafeJson(j)}; }

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

json DocumentBrief(const Document& d) {
  return {{"id", d.id},        {"lang", d.lang},   {"title", d.title},
          {"source", d.source}, {"url", d.url},     {"published", OrNull(d.published)}};
}

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

std::string UtcStamp() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", std::gmtime(&t));
  return buf;
}

// Compares every byte whatever the first difference (only the length leaks).
bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || b.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string SafeJson(const json& j) {
  std::string raw = j.dump(-1, ' ', false, json::error_handler_t::replace);
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

ApiResponse JsonError(int status, const std::string& message) {
  return JsonOk({{"error", {{"status", status}, {"message", message}}}}, status);
}

// The HTTP status of a failure, by its kind: a missing story or document is
// 404, a bad request 400, a conflict 409, a busy or missing store 503,
// damaged data and the rest 500.
int HttpStatusOf(const Status& s) {
  switch (s.kind()) {
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kUnavailable: return 503;
    default: return 500;
  }
}

ApiResponse StatusError(const Status& s, const std::string& context = "") {
  return JsonError(HttpStatusOf(s), context + s.message());
}

// The store could not be read at all: unavailable, unless it is damaged.
ApiResponse ReaderError(const Status& s) {
  const int status = s.kind() == ErrorKind::kCorruption || s.kind() == ErrorKind::kConflict ? HttpStatusOf(s) : 503;
  return JsonError(status, "cannot read the store: " + s.message());
}

Api::Api(const ApiOptions& options, const Resources& resources, const StoryResources& story_resources)
    : options_(options), resources_(resources), story_resources_(story_resources) {}

Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Open(const ApiOptions& options, const Resources& resources,
                                       const StoryResources& story_resources) {
  std::unique_ptr<Api> api(new Api(options, resources, story_resources));
  auto writer = Store::Open(options.store_path);
  if (!writer) return Unexpected(writer.error());
  api->writer_ = std::move(*writer);
  // A POST waits this long for another writer (a command-line ingest) to
  // finish its batch, then answers 503 with nothing stored.
  api->writer_->SetWaitSeconds(30);
  Segmenter segmenter;
  STORYLOOM_RETURN_IF_ERROR(api->Backfill(segmenter));
  return api;
}

Status Api::Backfill(Segmenter& segmenter) {
  // Stores made before the full-text index: their documents are read with
  // the segmenter and indexed now, a transaction every thousand.
  auto missing = writer_->UnindexedDocuments();
  if (!missing) return missing.error();
  for (size_t i = 0; i < missing->size(); i += 1000) {
    STORYLOOM_RETURN_IF_ERROR(writer_->Begin());
    for (size_t j = i; j < std::min(missing->size(), i + 1000); ++j) {
      auto d = writer_->GetDocument((*missing)[j]);
      if (!d) continue;
      segmenter.Segment(&*d, {}, true);
      STORYLOOM_RETURN_IF_ERROR(writer_->IndexTerms(d->id, SearchTermsOf(d->tokens)));
      ++backfilled_;
    }
    STORYLOOM_RETURN_IF_ERROR(writer_->Commit());
  }
  return Status::Ok();
}

Result<std::unique_ptr<Api::Reader>> Api::AcquireReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto r = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return r;
    }
  }
  auto store = Store::Open(options_.store_path);
  if (!store) return Unexpected(store.error());
  auto r = std::make_unique<Reader>();
  r->store = std::move(*store);
  r->segmenter = std::make_unique<Segmenter>();
  return r;
}

void Api::ReleaseReader(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(reader));
}

ApiResponse Api::Handle(const ApiRequest& r) {
  try {
    const std::string& p = r.path;
    auto method_is = [&](const char* m) { return r.method == m; };
    auto wrong_method = [&](const std::string& allowed) {
      return JsonError(405, r.method + " is not allowed on " + p + " (allowed: " + allowed + ")");
    };
    if (p == "/api/openapi.json") return method_is("GET") ? OpenApi() : wrong_method("GET");
    if (p == "/api/stories") return method_is("GET") ? ListStories(r) : wrong_method("GET");
    if (p == "/api/search") return method_is("GET") ? SearchDocuments(r) : wrong_method("GET");
    if (p == "/api/documents") return method_is("POST") ? PostDocuments(r) : wrong_method("POST");
    const std::string stories = "/api/stories/", documents = "/api/documents/";
    if (p.starts_with(stories)) {
      std::string rest = p.substr(stories.size());
      bool timeline = rest.ends_with("/timeline");
      if (timeline) rest.resize(rest.size() - 9);
      int64_t id = ParseId(rest);
      if (id < 0) return JsonError(404, "no such endpoint: " + p + " (a story id is a positive integer)");
      if (!method_is("GET")) return wrong_method("GET");
      return timeline ? GetTimeline(r, id) : GetStory(r, id);
    }
    if (p.starts_with(documents)) {
      int64_t id = ParseId(p.substr(documents.size()));
      if (id < 0) return JsonError(404, "no such endpoint: " + p + " (a document id is a positive integer)");
      if (!method_is("GET")) return wrong_method("GET");
      return GetDocument(r, id);
    }
    return JsonError(404, "no such endpoint: " + p + " (see /api/openapi.json)");
  } catch (const BadRequest& e) {
    return JsonError(400, e.message);
  } catch (const std::exception& e) {
    return JsonError(500, std::string("internal error: ") + e.what());
  }
}

ApiResponse Api::OpenApi() {
  std::ifstream in(options_.openapi_path, std::ios::binary);
  if (options_.openapi_path.empty() || !in) return JsonError(404, "the OpenAPI description is not installed");
  std::ostringstream ss;
  ss << in.rdbuf();
  return {200, "application/json; charset=utf-8", ss.str()};
}

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

ApiResponse Api::GetDocument(const ApiRequest&, int64_t id) {
  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  Store& store = *lease->store;
  auto d = store.GetDocument(id);
  if (!d) return StatusError(d.error());  // 404 when there is no such document, not when the store fails
  json out = DocumentBrief(*d);
  out["path"] = d->path;
  out["line"] = d->line;
  out["part"] = d->part;
  out["format"] = FormatName(d->format);
  out["list"] = d->is_list;
  out["lang_confidence"] = d->lang_confidence;
  out["mixed_lang"] = d->mixed_lang;
  out["published_from"] = d->published_from;
  out["site"] = d->site;
  out["byline"] = d->byline;
  json meta = nullptr;
  if (!d->metadata_json.empty()) meta = json::parse(d->metadata_json, nullptr, false);
  out["metadata"] = meta.is_discarded() ? json(nullptr) : meta;
  out["text"] = d->body.text();
  out["paragraphs"] = json::array();
  for (const Paragraph& p : d->paragraphs) {
    out["paragraphs"].push_back({{"start", p.span.start}, {"end", p.span.end}, {"lang", p.lang}});
  }
  out["sentences"] = json::array();
  for (const Sentence& s : d->sentences) out["sentences"].push_back({s.span.start, s.span.end});
  // Removed spans are in input bytes; `at` is where they stood in the text.
  const MappedText& body = d->body;
  out["removed"] = json::array();
  for (const RemovedSpan& rm : d->removed) {
    uint32_t lo = 0, hi = static_cast<uint32_t>(body.size());
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (body.OriginalStart(mid) < rm.span.start) lo = mid + 1;
      else hi = mid;
    }
    while (lo < body.size() && (static_cast<unsigned char>(body.text()[lo]) & 0xC0) == 0x80) ++lo;
    out["removed"].push_back({{"reason", rm.reason}, {"text", rm.text}, {"start", rm.span.start},
                              {"end", rm.span.end}, {"at", lo}});
  }
  out["story"] = nullptr;
  if (auto p = store.Placement(id)) {
    out["story"] = {{"id", p->story},
                    {"duplicate_of", p->duplicate_of ? json(p->duplicate_of) : json(nullptr)},
                    {"duplicate_kind", p->duplicate_kind}};
  }
  return JsonOk(out);
}

ApiResponse Api::SearchDocuments(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  auto q = Param(r, "q", lim.max_query_text);
  if (!q) throw BadRequest{"parameter 'q' (the text to search for) is required"};
  if (!ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};
  SearchQuery query;
  query.lang = LangParam(r);
  query.from = DayParam(r, "from");
  query.to = DayParam(r, "to");
  query.story = IntParam(r, "story", 0, 0, INT64_C(999999999999999999));
  query.limit = static_cast<size_t>(IntParam(r, "limit", 20, 1, static_cast<int64_t>(lim.max_page)));
  query.offset = static_cast<size_t>(IntParam(r, "offset", 0, 0, 1000000));

  auto reader = AcquireReader();
  if (!reader) return ReaderError(reader.error());
  ReaderLease lease(*this, std::move(*reader));
  QueryTerms terms = ParseQuery(*q, query.lang, *lease->segmenter);
  json out = {{"query", *q}, {"terms", terms.norms}, {"total", 0}, {"offset", query.offset},
              {"limit", query.limit}, {"hits", json::array()}};
  if (terms.query.empty()) return JsonOk(out);
  query.terms = terms.query;
  auto page = lease->store->Search(query);
  if (!page) return StatusError(page.error());
  out["total"] = page->total;
  for (const SearchHit& h : page->hits) {
    json hj = {{"doc", h.doc},         {"rank", h.rank},   {"lang", h.lang},
               {"title", h.title},     {"source", h.source}, {"url", h.url},
               {"published", OrNull(h.published)},
               {"story", h.story ? json(h.story) : json(nullptr)},
               {"duplicate_of", h.duplicate_of ? json(h.duplicate_of) : json(nullptr)}};
    if (auto d = lease->store->GetDocument(h.doc)) {
      Snippet s = FindSnippet(*d, terms, *lease->segmenter);
      json hl = json::array();
      for (const auto& [a, b] : s.highlights) hl.push_back({a, b});
      hj["snippet"] = {{"text", s.text}, {"start", s.start}, {"highlights", hl}};
    }
    out["hits"].push_back(std::move(hj));
  }
  return JsonOk(out);
}

ApiResponse Api::PostDocuments(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  if (!options_.token.empty()) {
    const std::string prefix = "Bearer ";
    bool ok = r.authorization.starts_with(prefix) &&
              ConstantTimeEqual(r.authorization.substr(prefix.size()), options_.token);
    if (!ok) return JsonError(401, "POST needs the server's token: send 'Authorization: Bearer TOKEN'");
  } else if (!options_.loopback) {
    return JsonError(403, "POST is disabled: the server listens beyond loopback and was started without --token");
  }
  if (r.body.size() > lim.max_body) {
    return JsonError(413, "request body too large (at most " + std::to_string(lim.max_body) + " bytes)");
  }
  if (!ValidUtf8(r.body)) return JsonError(400, "the body is not valid UTF-8");

  // The body: one JSON object, a JSON array of objects, or JSONL (one
  // object a line). Each becomes one JSONL line for the reader.
  std::vector<json> items;
  size_t first = r.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return JsonError(400, "empty body: send a JSON object, an array of them, or JSONL");
  json whole = json::parse(r.body, nullptr, false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (json& x : whole) items.push_back(std::move(x));
    } else {
      items.push_back(std::move(whole));
    }
  } else {
    std::istringstream in(r.body);
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      json x = json::parse(line, nullptr, false);
      if (x.is_discarded()) {
        return JsonError(400, "malformed JSON on line " + std::to_string(n) +
                                  ": send a JSON object, an array of them, or JSONL (one object a line)");
      }
      items.push_back(std::move(x));
      if (items.size() > lim.max_post_documents) break;
    }
  }
  if (items.empty()) return JsonError(400, "no documents in the body");
  if (items.size() > lim.max_post_documents) {
    return JsonError(413, "too many documents in one request (at most " + std::to_string(lim.max_post_documents) + ")");
  }
  std::string jsonl;
  for (size_t i = 0; i < items.size(); ++i) {
    const json& x = items[i];
    std::string where = "document " + std::to_string(i + 1);
    if (!x.is_object()) return JsonError(400, where + " is not a JSON object");
    if (!x.contains("text") || !x["text"].is_string() || x["text"].get<std::string>().empty()) {
      return JsonError(400, where + ": \"text\" (a non-empty string) is required");
    }
    for (const char* key : {"title", "url", "source", "lang", "published", "date"}) {
      if (x.contains(key) && !x[key].is_string() && !x[key].is_null()) {
        return JsonError(400, where + ": \"" + key + "\" must be a string");
      }
    }
    jsonl += x.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }

  std::lock_guard lock(writer_mu_);
  // The story stage holds the story index in memory; ingest brings it up
  // to date (Sync) under the store's write lock when another writer, such
  // as a command-line ingest, changed the store since.
  if (!stage_) {
    auto stage = StoryStage::Open(*writer_, story_resources_, options_.story);
    if (!stage) return StatusError(stage.error(), "opening the story stage: ");
    stage_ = std::move(*stage);
  }
  IngestOptions iopts;
  iopts.format = Format::kJsonl;
  iopts.threads = 1;
  iopts.stories = stage_.get();
  std::vector<std::string> issues;
  auto on_issue = [&](const InputIssue& i) {
    issues.push_back((i.line ? "line " + std::to_string(i.line) + ": " : "") + i.message);
  };
  std::string hash = ContentHash(jsonl);
  std::string name = "api/post-" + UtcStamp() + "-" + std::to_string(++posts_) + ".jsonl";
  auto report = IngestMemory({{name, std::move(jsonl)}}, iopts, resources_, *writer_, on_issue, nullptr);
  // Nothing of a failed POST is stored: the client may send it again.
  if (!report) {
    // Nothing was stored: a retry may work unless the input or the store is at fault.
    const ErrorKind k = report.error().kind();
    const int status = k == ErrorKind::kInvalidArgument ? 400 : k == ErrorKind::kCorruption ? 500 : 503;
    return JsonError(status, "nothing stored, send again: " + report.error().message());
  }
  json out = {{"documents", json::array()},
              {"stories_new", report->stories_new},
              {"duplicates", report->duplicates},
              {"merges", report->merges},
              {"issues", issues},
              {"already_stored", report->inputs_known > 0}};
  // The body's documents, read back by its input: this POST's, or, for the
  // same body sent again (a retry after a lost answer, say), those stored
  // the first time. Never another writer's documents stored meanwhile.
  std::optional<StoredInput> input = writer_->FindInput(hash);
  auto ids = input ? writer_->InputDocumentIds(input->id) : Result<std::vector<int64_t>>(std::vector<int64_t>{});
  if (ids) {
    for (int64_t id : *ids) {
      json dj = {{"id", id}};
      if (auto d = writer_->GetDocument(id)) dj = DocumentBrief(*d);
      auto p = writer_->Placement(id);
      dj["story"] = p ? json(p->story) : json(nullptr);
      dj["duplicate_of"] = p && p->duplicate_of ? json(p->duplicate_of) : json(nullptr);
      out["documents"].push_back(std::move(dj));
    }
  }
  return JsonOk(out, report->inputs_known > 0 ? 200 : 201);
}

}  // namespace storyloom
