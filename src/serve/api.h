// The JSON API of `storyloom serve`, apart from HTTP: a request in (method,
// path, decoded query parameters, body), a response out (status, type,
// body). The HTTP server (server.h) only carries requests to it, so the
// handlers can be tested as a library. Every answer comes from the Engine
// (storyloom/engine.h), which is safe to call from many threads, written in
// the shared JSON views (storyloom/views.h).
#ifndef STORYLOOM_SERVE_API_H_
#define STORYLOOM_SERVE_API_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "storyloom/engine.h"
#include "storyloom/server.h"  // ApiLimits
#include "storyloom/status.h"

namespace storyloom {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string body;
  std::string content_type;
  std::string authorization;  // the Authorization header
  std::string host;           // the Host header (feeds link back to it)
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string location = "";  // a redirect's Location
};


struct ApiOptions {
  // POST needs `Authorization: Bearer TOKEN` when set; when empty, POST is
  // open only if `loopback` (the server listens on loopback alone).
  std::string token;
  bool loopback = true;
  std::string openapi_path;  // the OpenAPI file served at /api/openapi.json
  // What absolute links in feeds start with ("https://news.example.org");
  // empty: "http://" and the request's Host.
  std::string base_url;
  ApiLimits limits;
};

ApiResponse JsonError(int status, const std::string& message);

class Api {
 public:
  // Answers from `engine`, which must outlive the Api.
  Api(const ApiOptions& options, Engine& engine);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Thread-safe: any number of calls at once.
  ApiResponse Handle(const ApiRequest& request);

 private:
  ApiResponse ListStories(const ApiRequest& request);
  ApiResponse GetStory(const ApiRequest& request, int64_t id);
  ApiResponse GetTimeline(const ApiRequest& request, int64_t id);
  ApiResponse GetDocument(const ApiRequest& request, int64_t id);
  ApiResponse SearchDocuments(const ApiRequest& request);
  ApiResponse PostDocuments(const ApiRequest& request);
  ApiResponse OpenApi();
  // api_feeds.cc: Atom feeds of a story's timeline and of the story list.
  ApiResponse StoryFeed(const ApiRequest& request, int64_t id);
  // 301 to the story a merged-away story went into, with the same suffix
  // ("/timeline", "/feed.atom") and query; else `not_found` as it is.
  ApiResponse MovedIfMerged(const ApiRequest& request, int64_t id, const std::string& suffix, ApiResponse not_found);
  ApiResponse StoriesFeed(const ApiRequest& request);
  std::string BaseUrl(const ApiRequest& request) const;

  // A body built for the store at `version` under `key`, or null; and one
  // kept for later (dropped as soon as the store changes).
  std::shared_ptr<const std::string> Cached(const std::string& key, std::pair<int64_t, int64_t> version);
  void Keep(const std::string& key, std::pair<int64_t, int64_t> version, std::shared_ptr<const std::string> body);

  ApiOptions options_;
  Engine& engine_;

  // Timelines (their JSON) and feeds, keyed by story and options, for one
  // store version.
  std::mutex timelines_mu_;
  std::pair<int64_t, int64_t> timelines_version_{-1, -1};
  std::map<std::string, std::shared_ptr<const std::string>> timelines_;

  std::atomic<size_t> posts_{0};  // POSTs so far, to name their inputs
};

}  // namespace storyloom

#endif  // STORYLOOM_SERVE_API_H_
