// The JSON API of `storyloom serve`, apart from HTTP: a request in (method,
// path, decoded query parameters, body), a response out (status, type,
// body). The HTTP server (server.h) only carries requests to it, so the
// handlers can be tested as a library.
//
// Reads go through a pool of read connections, one per concurrent request
// (the Store wraps one SQLite connection and is not thread-safe); SQLite's
// WAL lets them read beside the one writer. Writes (POST /api/documents) are
// serialised through one writer connection holding the story stage.
#ifndef STORYLOOM_SERVE_API_H_
#define STORYLOOM_SERVE_API_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "stories/story_index.h"
#include "stories/story_resources.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"
#include "storyloom/store.h"

namespace storyloom {

class Segmenter;
class StoryStage;

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string body;
  std::string content_type;
  std::string authorization;  // the Authorization header
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
};

struct ApiLimits {
  size_t max_body = 8 << 20;        // bytes of a POST body
  size_t max_param = 1024;          // bytes of one query parameter
  size_t max_query_text = 256;      // bytes of a text query (q)
  size_t max_post_documents = 1000; // documents in one POST
  size_t max_page = 100;            // items in one page
};

struct ApiOptions {
  std::string store_path;
  // POST needs `Authorization: Bearer TOKEN` when set; when empty, POST is
  // open only if `loopback` (the server listens on loopback alone).
  std::string token;
  bool loopback = true;
  std::string openapi_path;  // the OpenAPI file served at /api/openapi.json
  ApiLimits limits;
  StoryOptions story;
};

// Escapes JSON for any context: '<', '>' and '&' become \u escapes, so a
// response can never be read as markup even when mislabelled.
std::string SafeJson(const nlohmann::json& j);
ApiResponse JsonError(int status, const std::string& message);

class Api {
 public:
  // Opens the writer connection (migrating the store), indexes for search
  // any document the index lacks, and opens the story stage.
  static Result<std::unique_ptr<Api>> Open(const ApiOptions& options, const Resources& resources,
                                           const StoryResources& story_resources);
  ~Api();

  // Thread-safe: any number of calls at once.
  ApiResponse Handle(const ApiRequest& request);

  // Documents indexed for search when the store was opened (older stores).
  size_t backfilled() const { return backfilled_; }

 private:
  struct Reader;
  class ReaderLease;
  struct StoriesSnapshot;

  Api(const ApiOptions& options, const Resources& resources, const StoryResources& story_resources);
  Result<std::unique_ptr<Reader>> AcquireReader();
  void ReleaseReader(std::unique_ptr<Reader> reader);
  Result<std::shared_ptr<const StoriesSnapshot>> Stories(Reader& reader, const std::string& lang);

  ApiResponse ListStories(const ApiRequest& request);
  ApiResponse GetStory(const ApiRequest& request, int64_t id);
  ApiResponse GetTimeline(const ApiRequest& request, int64_t id);
  ApiResponse GetDocument(const ApiRequest& request, int64_t id);
  ApiResponse SearchDocuments(const ApiRequest& request);
  ApiResponse PostDocuments(const ApiRequest& request);
  ApiResponse OpenApi();
  Status Backfill(Segmenter& segmenter);

  ApiOptions options_;
  const Resources& resources_;
  const StoryResources& story_resources_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Reader>> idle_readers_;

  // Story lists by title language, rebuilt when the store's stories change.
  std::mutex stories_mu_;
  std::map<std::string, std::shared_ptr<const StoriesSnapshot>> stories_;
  std::mutex stories_build_mu_;

  // Timelines (their JSON), keyed by story and options, for one store version.
  std::mutex timelines_mu_;
  std::pair<int64_t, int64_t> timelines_version_{-1, -1};
  std::map<std::string, std::shared_ptr<const std::string>> timelines_;

  // The writer: one connection, one story stage, one POST at a time.
  std::mutex writer_mu_;
  std::unique_ptr<Store> writer_;
  std::unique_ptr<StoryStage> stage_;
  size_t posts_ = 0;
  size_t backfilled_ = 0;
};

}  // namespace storyloom

#endif  // STORYLOOM_SERVE_API_H_
