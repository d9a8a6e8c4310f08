// Private to the JSON API's files (api*.cc): request parameters, and the
// JSON answers and errors the handlers share.
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
#include "storyloom/status.h"
#include "storyloom/views.h"

namespace storyloom {

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
// The filter of the story list, as /api/stories and /feed.atom read it:
// lang, from, to, q, limit and offset (the order is each one's own).
StoryFilter StoryFilterParams(const ApiRequest& r, const ApiLimits& limits);
// The request's query again (its parameters in name order), "" for none.
std::string QueryOf(const ApiRequest& r);

// api_responses.cc: JSON answers and errors.
ApiResponse JsonOk(const nlohmann::json& j, int status = 200);
// A failure answered with the HTTP status of its kind, `context` before its
// message.
ApiResponse StatusError(const Status& s, const std::string& context = "");

}  // namespace api_internal
}  // namespace storyloom

#endif  // STORYLOOM_SERVE_API_INTERNAL_H_
