// The JSON API's front: each request routed to its handler.
#include "serve/api.h"

#include <fstream>
#include <sstream>

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

namespace {

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

}  // namespace

Api::Api(const ApiOptions& options, Engine& engine) : options_(options), engine_(engine) {}

Api::~Api() = default;

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
    if (p == "/feed.atom") return method_is("GET") ? StoriesFeed(r) : wrong_method("GET");
    const std::string stories = "/api/stories/", documents = "/api/documents/";
    if (p.starts_with(stories)) {
      std::string rest = p.substr(stories.size());
      bool timeline = rest.ends_with("/timeline"), feed = rest.ends_with("/feed.atom");
      if (timeline) rest.resize(rest.size() - 9);
      if (feed) rest.resize(rest.size() - 10);
      int64_t id = ParseId(rest);
      if (id < 0) return JsonError(404, "no such endpoint: " + p + " (a story id is a positive integer)");
      if (!method_is("GET")) return wrong_method("GET");
      ApiResponse out = timeline ? GetTimeline(r, id) : feed ? StoryFeed(r, id) : GetStory(r, id);
      if (out.status == 404) return MovedIfMerged(r, id, timeline ? "/timeline" : feed ? "/feed.atom" : "", out);
      return out;
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

ApiResponse Api::MovedIfMerged(const ApiRequest& r, int64_t id, const std::string& suffix, ApiResponse not_found) {
  // A story merged into another lives on there: its links (a followed
  // feed, a bookmarked story) move permanently, as merges are never undone.
  auto live = engine_.MergedInto(id);
  if (!live || *live == 0) return not_found;
  const std::string message = "story " + std::to_string(id) + " was merged into story " + std::to_string(*live);
  ApiResponse out = JsonOk({{"error", {{"status", 301}, {"message", message}}}, {"merged_into", *live}}, 301);
  out.location = "/api/stories/" + std::to_string(*live) + suffix + QueryOf(r);
  return out;
}

ApiResponse Api::OpenApi() {
  std::ifstream in(options_.openapi_path, std::ios::binary);
  if (options_.openapi_path.empty() || !in) return JsonError(404, "the OpenAPI description is not installed");
  std::ostringstream ss;
  ss << in.rdbuf();
  return {200, "application/json; charset=utf-8", ss.str()};
}

}  // namespace storyloom
