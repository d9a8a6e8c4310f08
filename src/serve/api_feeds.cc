// Atom feeds, for following stories in a feed reader:
//
//   /api/stories/{id}/feed.atom  one entry per event of the story's timeline
//                                (one a date): its date, its most central
//                                sentence, its sources;
//   /feed.atom                   the stories, latest published first,
//                                filtered as /api/stories is.
//
// Ids depend on nothing but the story and the event's date, so they stay the
// same across requests, hosts and restarts: a reader shows an event once, and
// a new event as a new entry. `published` and `updated` are the first and
// the latest publication day among an entry's sources, which is what the
// store tells of them (the event's own date where none is dated). Links
// are absolute, from --base-url or the request's Host.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "serve/api.h"
#include "serve/api_internal.h"
#include "serve/atom.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

namespace {

const char* const kAtomType = "application/atom+xml; charset=utf-8";
const char* const kEpoch = "1970-01-01T00:00:00Z";

// A Host header as a browser or a feed reader sends it: a name, an IPv4 or
// a bracketed IPv6 address, and perhaps a port.
bool ValidHost(const std::string& h) {
  if (h.empty() || h.size() > 255) return false;
  for (char c : h) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string StoryPage(const std::string& base, int64_t id, const std::string& lang) {
  return base + "/story.html?id=" + std::to_string(id) + (lang.empty() ? "" : "&lang=" + lang);
}

std::string StoryFeedUrl(const std::string& base, int64_t id, const std::string& lang) {
  return base + "/api/stories/" + std::to_string(id) + "/feed.atom" + (lang.empty() ? "" : "?lang=" + lang);
}

// At most `max` bytes of `s`, cut at a character boundary and marked.
std::string Clip(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

bool WebAddress(const std::string& url) { return url.starts_with("http://") || url.starts_with("https://"); }

std::string Plural(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string Joined(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The story's event (its happening of a few days) holding most of `docs`,
// or nullptr; `event_of` maps each document to its event.
const StoryEvent* EventOf(const std::vector<int64_t>& docs,
                          const std::unordered_map<int64_t, const StoryEvent*>& event_of) {
  std::map<const StoryEvent*, size_t> count;
  const StoryEvent* best = nullptr;
  for (int64_t d : docs) {
    auto it = event_of.find(d);
    if (it == event_of.end()) continue;
    size_t n = ++count[it->second];
    if (!best || n > count[best] || (n == count[best] && it->second->number < best->number)) best = it->second;
  }
  return best;
}

// One event of the timeline as an entry.
AtomEntry EventEntry(const TimelineView& view, size_t i, const StorySummary& story,
                     const std::unordered_map<int64_t, const StoryEvent*>& event_of, const std::string& base,
                     const std::string& lang) {
  const TimelineEntry& e = view.timeline.entries[i];
  const TimelineSentence* lead = e.sentences.empty() ? nullptr : &e.sentences[0];
  AtomEntry out;
  out.id = AtomIdOf("storyloom story " + std::to_string(story.id) + " event " + e.date);
  out.title = e.date + (lead ? " — " + Clip(lead->text, 200) : "");
  if (lead) out.lang = lead->lang;
  out.categories = e.langs;

  // Dates and publishers from the cited documents.
  std::string first, last;
  std::vector<std::string> publishers;
  for (int64_t doc : e.sources) {
    auto it = view.docs.find(doc);
    if (it == view.docs.end()) continue;
    const DocumentBrief& b = it->second.brief;
    if (b.published) {
      if (first.empty() || *b.published < first) first = *b.published;
      if (last.empty() || *b.published > last) last = *b.published;
    }
    if (!b.source.empty() && std::find(publishers.begin(), publishers.end(), b.source) == publishers.end()) {
      publishers.push_back(b.source);
    }
  }
  auto updated = AtomTimeOfDay(last);
  if (!updated) updated = AtomTimeOfDay(e.date);
  out.updated = updated.value_or(kEpoch);
  if (auto published = AtomTimeOfDay(first); published && *published <= out.updated) out.published = published;
  for (const std::string& p : publishers) out.contributors.push_back({p, ""});

  out.links.push_back({StoryPage(base, story.id, lang), "alternate", "text/html", "", story.title});
  // The reports (a copy or a translation folded under its original).
  const std::vector<TimelineReport> none;
  const std::vector<TimelineReport>& reports = i < view.reports.size() ? view.reports[i] : none;
  // The first reports in full, the rest counted (an event of a large story
  // may have hundreds).
  constexpr size_t kListed = 20;
  std::string items;
  for (size_t k = 0; k < reports.size() && k < kListed; ++k) {
    const TimelineReport& r = reports[k];
    auto it = view.docs.find(r.doc);
    DocumentBrief b;
    if (it != view.docs.end()) b = it->second.brief;
    const std::string page = base + "/doc.html?id=" + std::to_string(r.doc);
    const std::string name = b.title.empty() ? "document " + std::to_string(r.doc) : b.title;
    out.links.push_back({page, "related", "text/html", b.lang, name});
    std::string li = "<li><a href=\"" + XmlEscape(page) + "\">" + XmlEscape(name) + "</a>";
    std::vector<std::string> about;
    if (!b.source.empty()) about.push_back(XmlEscape(b.source));
    if (b.published) about.push_back(XmlEscape(*b.published));
    if (!b.lang.empty()) about.push_back(XmlEscape(b.lang));
    if (!about.empty()) li += " — " + Joined(about, ", ");
    if (WebAddress(b.url)) li += " (<a href=\"" + XmlEscape(b.url) + "\">original</a>)";
    if (!r.folded.empty()) li += ", and " + Plural(r.folded.size(), "copy or translation", "copies and translations");
    items += li + "</li>";
  }
  if (reports.size() > kListed) {
    items += "<li>and " + Plural(reports.size() - kListed, "more report", "more reports") + " on the story page</li>";
  }
  if (lead) {
    out.summary = lead->text;
    out.content_html = "<p>" + XmlEscape(lead->text) + "</p>";
    if (!lead->date_text.empty()) out.content_html += "<p>Dated by “" + XmlEscape(lead->date_text) + "”.</p>";
  }
  if (const StoryEvent* ev = EventOf(e.sources, event_of); ev && !ev->title.empty()) {
    std::string span = ev->start.value_or("");
    if (ev->end && *ev->end != span) span += (span.empty() ? "" : " to ") + *ev->end;
    out.content_html += "<p>Reported in: " + XmlEscape(ev->title) + (span.empty() ? "" : " (" + XmlEscape(span) + ")") +
                        "</p>";
  }
  out.content_html += "<p>" + Plural(e.sources.size(), "source", "sources") +
                      (e.langs.empty() ? "" : " in " + XmlEscape(Joined(e.langs, ", "))) + ":</p><ul>" + items +
                      "</ul>";
  return out;
}

}  // namespace

std::string Api::BaseUrl(const ApiRequest& r) const {
  if (!options_.base_url.empty()) return options_.base_url;
  if (!ValidHost(r.host)) {
    throw BadRequest{"the Host header is missing or not a host name, so the feed cannot link back "
                     "(start `storyloom serve` with --base-url)"};
  }
  return "http://" + r.host;
}

ApiResponse Api::StoryFeed(const ApiRequest& r, int64_t id) {
  const std::string lang = LangParam(r);
  const std::string base = BaseUrl(r);
  auto version = engine_.StoriesVersion();
  if (!version) return StatusError(version.error());
  const std::string key = "atom|" + std::to_string(id) + "|" + lang + "|" + base;
  if (auto cached = Cached(key, *version)) return {200, kAtomType, *cached};

  auto story = engine_.GetStorySummary(id, lang);
  if (!story) return StatusError(story.error());
  TimelineOptions topts;
  topts.lang = lang;
  topts.sentences = 1;
  topts.summary = 0;
  auto view = engine_.GetTimeline(id, topts);
  if (!view) {
    if (view.error().kind() == ErrorKind::kNotFound) return StatusError(view.error());
    return StatusError(view.error(), "timeline of story " + std::to_string(id) + ": ");
  }

  auto events = engine_.GetEvents(id);
  if (!events) return StatusError(events.error());

  AtomFeed feed;
  // Filtered to a language it is another feed (its entries, the same
  // events, keep their ids), as /feed.atom's id holds its filter.
  feed.id = AtomIdOf("storyloom story " + std::to_string(id) + " feed" + (lang.empty() ? "" : " lang " + lang));
  feed.title = story->title.empty() ? "story " + std::to_string(id) : story->title;
  const size_t entries = view->timeline.entries.size();
  feed.subtitle = "Timeline of story " + std::to_string(id) + ": " + Plural(entries, "event", "events") + " from " +
                  Plural(story->reports, "report", "reports");
  feed.lang = lang;
  feed.authors.push_back({"storyloom", base + "/"});
  feed.generator = "storyloom";
  feed.links.push_back({base + r.path + QueryOf(r), "self", "application/atom+xml", "", ""});
  feed.links.push_back({StoryPage(base, id, lang), "alternate", "text/html", "", ""});
  // The latest events first, as feeds are read.
  std::unordered_map<int64_t, const StoryEvent*> event_of;
  for (const StoryEvent& ev : *events) {
    for (int64_t d : ev.docs) event_of.emplace(d, &ev);
  }
  for (size_t i = entries; i-- > 0;) feed.entries.push_back(EventEntry(*view, i, *story, event_of, base, lang));
  feed.updated = kEpoch;
  for (const AtomEntry& e : feed.entries) feed.updated = std::max(feed.updated, e.updated);
  if (feed.entries.empty()) {
    feed.updated = AtomTimeOfDay(story->end.value_or(story->told_end.value_or(""))).value_or(kEpoch);
  }

  auto body = std::make_shared<const std::string>(WriteAtom(feed));
  Keep(key, *version, body);
  return {200, kAtomType, *body};
}

ApiResponse Api::StoriesFeed(const ApiRequest& r) {
  StoryFilter filter = StoryFilterParams(r, options_.limits);
  filter.order = StoryFilter::Order::kRecent;  // a feed is newest first
  const std::string base = BaseUrl(r);
  auto list = engine_.ListStories(filter);
  if (!list) return StatusError(list.error());

  AtomFeed feed;
  std::string what;
  if (!filter.lang.empty()) what += " in " + filter.lang;
  if (!filter.text.empty()) what += " matching “" + filter.text + "”";
  if (filter.from) what += " from " + *filter.from;
  if (filter.to) what += " to " + *filter.to;
  feed.id = AtomIdOf("storyloom stories|" + filter.lang + "|" + filter.text + "|" + filter.from.value_or("") + "|" +
                     filter.to.value_or(""));
  feed.title = "storyloom: stories" + what;
  feed.subtitle = "The latest published stories" + what + ", newest first";
  feed.lang = filter.lang;
  feed.authors.push_back({"storyloom", base + "/"});
  feed.generator = "storyloom";
  feed.links.push_back({base + "/feed.atom" + QueryOf(r), "self", "application/atom+xml", "", ""});
  feed.links.push_back({base + "/", "alternate", "text/html", "", ""});
  for (const StorySummary& s : list->stories) {
    AtomEntry e;
    e.id = AtomIdOf("storyloom story " + std::to_string(s.id));
    e.title = s.title.empty() ? "story " + std::to_string(s.id) : s.title;
    // Its latest publication day; for a story of undated reports, the
    // latest day they tell of.
    auto updated = AtomTimeOfDay(s.end.value_or(""));
    if (!updated) updated = AtomTimeOfDay(s.told_end.value_or(""));
    e.updated = updated.value_or(kEpoch);
    if (auto published = AtomTimeOfDay(s.start.value_or("")); published && *published <= e.updated) {
      e.published = published;
    }
    e.links.push_back({StoryPage(base, s.id, filter.lang), "alternate", "text/html", "", ""});
    e.links.push_back({StoryFeedUrl(base, s.id, filter.lang), "alternate", "application/atom+xml", "", "its timeline"});
    e.categories = s.langs;
    for (size_t k = 0; k < s.sources.size() && k < 8; ++k) e.contributors.push_back({s.sources[k], ""});
    std::string summary = Plural(s.reports, "report", "reports");
    if (s.independent) summary += " from " + Plural(s.independent, "source", "sources");
    if (!s.langs.empty()) summary += " in " + Joined(s.langs, ", ");
    if (s.told_start && s.told_end) summary += "; tells of " + *s.told_start + " to " + *s.told_end;
    if (s.start && s.end) summary += "; published " + *s.start + " to " + *s.end;
    e.summary = summary + ".";
    feed.entries.push_back(std::move(e));
  }
  feed.updated = kEpoch;
  for (const AtomEntry& e : feed.entries) feed.updated = std::max(feed.updated, e.updated);
  return {200, kAtomType, WriteAtom(feed)};
}

}  // namespace storyloom
