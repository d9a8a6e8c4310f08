// The API's answers: JSON escaped for any context, and errors as JSON with
// the HTTP status of their kind.
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using nlohmann::json;

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
  return api_internal::JsonOk({{"error", {{"status", status}, {"message", message}}}}, status);
}

namespace api_internal {

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

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

ApiResponse ReaderError(const Status& s) {
  const int status = s.kind() == ErrorKind::kCorruption || s.kind() == ErrorKind::kConflict ? HttpStatusOf(s) : 503;
  return JsonError(status, "cannot read the store: " + s.message());
}

}  // namespace api_internal
}  // namespace storyloom
