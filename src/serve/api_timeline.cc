// The API's timeline of a story (TimelineViewJson: the timeline with the
// cited documents in brief, sources grouped as reports and each quoted
// sentence in its paragraph), cached per store version (as feeds are).
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::GetTimeline(const ApiRequest& r, int64_t id) {
  TimelineOptions topts;
  topts.lang = LangParam(r);
  topts.dates = static_cast<size_t>(IntParam(r, "dates", 0, 0, 100));
  topts.sentences = static_cast<size_t>(IntParam(r, "sentences", 3, 1, 10));
  topts.summary = static_cast<size_t>(IntParam(r, "summary", 3, 0, 10));
  topts.from = DayParam(r, "from");
  topts.to = DayParam(r, "to");

  std::string key = std::to_string(id) + "|" + topts.lang + "|" + std::to_string(topts.dates) + "|" +
                    std::to_string(topts.sentences) + "|" + std::to_string(topts.summary) + "|" +
                    topts.from.value_or("") + "|" + topts.to.value_or("");
  auto version = engine_.StoriesVersion();
  if (!version) return StatusError(version.error());
  if (auto cached = Cached(key, *version)) return {200, "application/json; charset=utf-8", *cached};
  auto timeline = engine_.GetTimeline(id, topts);
  if (!timeline) {
    if (timeline.error().kind() == ErrorKind::kNotFound) return StatusError(timeline.error());
    return StatusError(timeline.error(), "timeline of story " + std::to_string(id) + ": ");
  }
  auto body = std::make_shared<const std::string>(SafeJson(TimelineViewJson(*timeline)));
  Keep(key, *version, body);
  return {200, "application/json; charset=utf-8", *body};
}


std::shared_ptr<const std::string> Api::Cached(const std::string& key, std::pair<int64_t, int64_t> version) {
  std::lock_guard lock(timelines_mu_);
  if (timelines_version_ != version) {
    timelines_.clear();
    timelines_version_ = version;
  }
  auto it = timelines_.find(key);
  return it == timelines_.end() ? nullptr : it->second;
}

void Api::Keep(const std::string& key, std::pair<int64_t, int64_t> version, std::shared_ptr<const std::string> body) {
  std::lock_guard lock(timelines_mu_);
  if (timelines_version_ != version) return;
  if (timelines_.size() > 512) timelines_.clear();
  timelines_[key] = std::move(body);
}

}  // namespace storyloom
