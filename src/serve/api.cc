// The JSON API's front: the writer and the pool of read connections, the
// search index filled for older stores, and each request routed to its handler.
#include "serve/api.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "serve/api_internal.h"
#include "serve/search_terms.h"
#include "stories/story_stage.h"
#include "text/segment.h"

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

}  // namespace storyloom
