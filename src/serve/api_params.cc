// The API's query parameters, checked: one that is too long, malformed or out
// of range throws BadRequest with what is wrong.
#include <chrono>
#include <string>

#include "serve/api_internal.h"

namespace storyloom::api_internal {

std::optional<std::string> Param(const ApiRequest& r, const std::string& name, size_t max_bytes) {
  auto it = r.params.find(name);
  if (it == r.params.end() || it->second.empty()) return std::nullopt;
  if (it->second.size() > max_bytes) {
    throw BadRequest{"parameter '" + name + "' is too long (at most " + std::to_string(max_bytes) + " bytes)"};
  }
  return it->second;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

int64_t IntParam(const ApiRequest& r, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
  auto v = Param(r, name, 32);
  if (!v) return fallback;
  int64_t x = 0;
  bool ok = !v->empty() && v->size() <= 18;
  for (char c : *v) {
    if (c < '0' || c > '9') ok = false;
    else x = x * 10 + (c - '0');
  }
  if (!ok || x < lo || x > hi) {
    throw BadRequest{"parameter '" + name + "' must be an integer from " + std::to_string(lo) + " to " +
                     std::to_string(hi)};
  }
  return x;
}

std::string LangParam(const ApiRequest& r) {
  auto v = Param(r, "lang", 16);
  if (!v) return "";
  bool ok = v->size() >= 2 && v->size() <= 3;
  for (char c : *v) ok = ok && c >= 'a' && c <= 'z';
  if (!ok) throw BadRequest{"parameter 'lang' must be a language code such as vi, id, ar or en"};
  return *v;
}


std::optional<std::string> DayParam(const ApiRequest& r, const std::string& name) {
  auto v = Param(r, name, 16);
  if (!v) return std::nullopt;
  if (!ParseIsoDay(*v)) throw BadRequest{"parameter '" + name + "' must be a day written YYYY-MM-DD"};
  return v;
}

StoryFilter StoryFilterParams(const ApiRequest& r, const ApiLimits& limits) {
  StoryFilter filter;
  filter.lang = LangParam(r);
  filter.from = DayParam(r, "from");
  filter.to = DayParam(r, "to");
  auto q = Param(r, "q", limits.max_query_text);
  if (q && !ValidUtf8(*q)) throw BadRequest{"parameter 'q' is not valid UTF-8"};
  if (q) filter.text = *q;
  filter.limit = static_cast<size_t>(IntParam(r, "limit", 20, 1, static_cast<int64_t>(limits.max_page)));
  filter.offset = static_cast<size_t>(IntParam(r, "offset", 0, 0, 1000000));
  return filter;
}

namespace {

std::string UrlEncode(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string QueryOf(const ApiRequest& r) {
  std::string q;
  for (const auto& [k, v] : r.params) q += (q.empty() ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  return q;
}

}  // namespace storyloom::api_internal
