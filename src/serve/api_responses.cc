// The API's answers: JSON escaped for any context (SafeJson, views.h), and
// errors as JSON with the HTTP status of their kind.
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using nlohmann::json;

ApiResponse JsonError(int status, const std::string& message) {
  return api_internal::JsonOk({{"error", {{"status", status}, {"message", message}}}}, status);
}

namespace api_internal {

ApiResponse JsonOk(const json& j, int status) { return {status, "application/json; charset=utf-8", SafeJson(j)}; }

namespace {

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

}  // namespace

ApiResponse StatusError(const Status& s, const std::string& context) {
  return JsonError(HttpStatusOf(s), context + s.message());
}

}  // namespace api_internal
}  // namespace storyloom
