// Private to the JSON API's files (api*.cc): the pooled read connections and
// the story-list snapshot, request parameters, and the JSON and errors the
// handlers share.
#ifndef STORYLOOM_SERVE_API_INTERNAL_H_
#define STORYLOOM_SERVE_API_INTERNAL_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "serve/api.h"
#include "storyloom/document.h"
#include "storyloom/status.h"
#include "storyloom/store.h"
#include "text/segment.h"

namespace storyloom {

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

namespace api_internal {

// A request parameter that failed validation: answered 400 with its message
// (Api::Handle catches it).
struct BadRequest {
  std::string message;
};

// api_params.cc: query parameters, checked; each throws BadRequest.
std::optional<std::string> Param(const ApiRequest& r, const std::string& name, size_t max_bytes);
bool ValidUtf8(std::string_view s);
int64_t IntParam(const ApiRequest& r, const std::string& name, int64_t fallback, int64_t lo, int64_t hi);
std::string LangParam(const ApiRequest& r);
// YYYY-MM-DD, checked to be a real day.
std::optional<std::chrono::sys_days> ParseDay(const std::string& s);
std::optional<std::string> DayParam(const ApiRequest& r, const std::string& name);

// api_responses.cc: JSON answers and errors.
nlohmann::json OrNull(const std::optional<std::string>& s);
ApiResponse JsonOk(const nlohmann::json& j, int status = 200);
// A failure answered with the HTTP status of its kind, `context` before its
// message.
ApiResponse StatusError(const Status& s, const std::string& context = "");
// The store could not be read at all: unavailable, unless it is damaged.
ApiResponse ReaderError(const Status& s);

// api_documents.cc: a document in brief, as lists and timelines cite it.
nlohmann::json DocumentBrief(const Document& d);

}  // namespace api_internal
}  // namespace storyloom

#endif  // STORYLOOM_SERVE_API_INTERNAL_H_
