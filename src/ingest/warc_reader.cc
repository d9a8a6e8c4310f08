#include "ingest/warc_reader.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>

#include "base/utf8.h"
#include "ingest/decode.h"
#include "ingest/json_text.h"
#include "storyloom/html.h"
#include "storyloom/text.h"

namespace storyloom {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Header lines ("Name: value") up to a blank line, names lower-cased. Sets
// *end to the first byte after the blank line; false when there is none
// within `limit` bytes.
bool ParseHeaders(std::string_view s, size_t from, size_t limit, std::map<std::string, std::string>* headers,
                  size_t* end, std::string* first_line) {
  size_t pos = from;
  bool first = true;
  while (pos < s.size() && pos - from < limit) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    std::string_view line = Trim(s.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) {
      *end = pos;
      return !first;
    }
    if (first) {
      *first_line = std::string(line);
      first = false;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    (*headers)[AsciiLower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
  }
  return false;
}

std::optional<size_t> ParseSize(std::string_view v, int base = 10) {
  size_t n = 0;
  v = Trim(v);
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n, base);
  if (ec != std::errc() || p == v.data()) return std::nullopt;
  return n;
}

// A chunked HTTP body, joined; nullopt when the chunks do not add up.
std::optional<std::string> Unchunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return std::nullopt;
    std::string_view size_line = body.substr(pos, nl - pos);
    size_line = size_line.substr(0, size_line.find(';'));
    auto n = ParseSize(size_line, 16);
    if (!n) return std::nullopt;
    pos = nl + 1;
    if (*n == 0) return out;
    if (pos + *n > body.size()) return std::nullopt;
    out.append(body.substr(pos, *n));
    pos += *n;
    if (body.compare(pos, 2, "\r\n") == 0) pos += 2;
    else if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

bool LooksHtmlType(const std::string& content_type) {
  std::string t = AsciiLower(content_type);
  return t.find("html") != std::string::npos;
}

// The charset an HTTP Content-Type names ("text/html; charset=...").
std::string CharsetOf(const std::string& content_type) {
  std::string t = AsciiLower(content_type);
  size_t at = t.find("charset=");
  if (at == std::string::npos) return "";
  std::string cs = t.substr(at + 8);
  size_t end = cs.find_first_of("; \t");
  if (end != std::string::npos) cs.resize(end);
  while (!cs.empty() && (cs.front() == '"' || cs.front() == '\'')) cs.erase(0, 1);
  while (!cs.empty() && (cs.back() == '"' || cs.back() == '\'')) cs.pop_back();
  return cs;
}

std::string Plural(size_t n, const std::string& what) { return std::to_string(n) + " " + what; }

}  // namespace

void ReadWarc(const std::string& path, const std::string& bytes, const ReadOptions& /*options*/, ReadResult* out) {
  std::string_view s(bytes);
  std::map<std::string, size_t> skipped;  // why -> how many
  size_t pos = 0, record = 0, read = 0;
  auto issue = [&](size_t at, const std::string& what, bool fatal) {
    out->issues.push_back({path, 0, "record " + std::to_string(record) + " (byte " + std::to_string(at) + "): " + what,
                           fatal});
  };
  // Leading blank lines between records are allowed; anything else before
  // "WARC/" is skipped to the next record, said once.
  while (pos < s.size()) {
    size_t start = s.find("WARC/1.", pos);
    if (start == std::string_view::npos) {
      if (s.substr(pos).find_first_not_of("\r\n") != std::string_view::npos) {
        issue(pos, Plural(s.size() - pos, "bytes at the end are not a WARC record; skipped"), false);
      }
      break;
    }
    ++record;
    if (s.substr(pos, start - pos).find_first_not_of("\r\n") != std::string_view::npos) {
      issue(pos, Plural(start - pos, "bytes before it are not a WARC record; skipped"), false);
    }
    std::map<std::string, std::string> h;
    std::string version;
    size_t block = 0;
    if (!ParseHeaders(s, start, 1 << 16, &h, &block, &version)) {
      issue(start, "record header has no end; the rest of the file is skipped", true);
      break;
    }
    auto length = h.count("content-length") ? ParseSize(h["content-length"]) : std::nullopt;
    if (!length) {
      issue(start, "no valid Content-Length; skipped to the next record", true);
      pos = block;
      continue;
    }
    // Compared as a remainder: a Content-Length near 2^64 must not wrap
    // around and send the reader back to a record it has read.
    if (*length > s.size() - block) {
      issue(start, "cut short: Content-Length " + std::to_string(*length) + ", " +
                       std::to_string(s.size() - block) + " bytes left; skipped",
            true);
      break;
    }
    std::string_view content = s.substr(block, *length);
    pos = block + *length;
    std::string type = AsciiLower(h["warc-type"]);
    if (type != "response") {
      ++skipped[(type.empty() ? "untyped" : type) + " record(s)"];
      continue;
    }
    if (AsciiLower(h["content-type"]).find("application/http") == std::string::npos) {
      ++skipped["response record(s) not holding HTTP"];
      continue;
    }
    // The HTTP response inside: status, headers, payload.
    std::map<std::string, std::string> http;
    std::string status_line;
    size_t payload_at = 0;
    if (!ParseHeaders(content, 0, content.size(), &http, &payload_at, &status_line) ||
        !status_line.starts_with("HTTP/")) {
      issue(start, "response record holds no readable HTTP response; skipped", true);
      continue;
    }
    size_t sp = status_line.find(' ');
    int status = sp == std::string::npos ? 0 : static_cast<int>(ParseSize(status_line.substr(sp + 1, 3)).value_or(0));
    if (status < 200 || status >= 300) {
      ++skipped["response(s) with HTTP status " + std::to_string(status / 100) + "xx"];
      continue;
    }
    if (http.count("content-type") && !LooksHtmlType(http["content-type"])) {
      ++skipped["response(s) that are not HTML"];
      continue;
    }
    size_t payload_start = block + payload_at;
    std::string_view payload = content.substr(payload_at);
    std::string owned;
    bool exact = true;  // payload bytes stand as they are in the file
    if (AsciiLower(http["transfer-encoding"]).find("chunked") != std::string::npos) {
      if (auto joined = Unchunk(payload)) {
        owned = std::move(*joined);
        exact = false;
      }
    }
    std::string encoding = AsciiLower(http["content-encoding"]);
    if (encoding.find("gzip") != std::string::npos) {
      std::string warning;
      auto inflated = MaybeGunzip(exact ? std::string(payload) : owned, path, &warning);
      if (!inflated) {
        issue(start, "gzip-encoded page cannot be read; skipped", true);
        continue;
      }
      owned = std::move(*inflated);
      exact = false;
    } else if (!encoding.empty() && encoding != "identity") {
      ++skipped["response(s) in encoding " + encoding];
      continue;
    }
    std::string_view page = exact ? payload : std::string_view(owned);
    if (!http.count("content-type") && !LooksLikeHtml(AsciiLower(page.substr(0, 2048)))) {
      ++skipped["response(s) that are not HTML"];
      continue;
    }
    DecodedText decoded = DecodeToUtf8(page, CharsetOf(http["content-type"]));
    if (decoded.binary) {
      ++skipped["response(s) that are binary"];
      continue;
    }
    InputUnit u;
    if (!HtmlPageUnit(path, decoded.text, &u)) {
      ++skipped["page(s) with no article text"];
      continue;
    }
    // Offsets from the page's bytes to the archive's.
    Span payload_span{static_cast<uint32_t>(payload_start), static_cast<uint32_t>(block + *length)};
    if (exact) {
      std::vector<OffsetRun> runs = u.text.runs();
      for (OffsetRun& r : runs) r.orig_start += payload_span.start;
      u.text = MappedText::FromParts(u.text.text(), std::move(runs));
      u.raw_span = {u.raw_span.start + payload_span.start, u.raw_span.end + payload_span.start};
      for (RemovedSpan& r : u.removed) r.span = {r.span.start + payload_span.start, r.span.end + payload_span.start};
    } else {
      MappedTextBuilder b;
      b.AppendOriginal(u.text.text(), payload_span.start, payload_span.end);
      u.text = std::move(b).Finish();
      u.raw_span = payload_span;
      for (RemovedSpan& r : u.removed) r.span = payload_span;
    }
    u.line = static_cast<uint32_t>(record);
    u.format = Format::kWarc;
    if (!h["warc-target-uri"].empty()) {
      std::string uri = h["warc-target-uri"];
      if (uri.size() > 1 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);  // WARC 1.0
      u.url = uri;
    }
    if (u.source.empty()) u.source = HostOf(u.url);
    if (!u.published && !h["warc-date"].empty()) {
      u.published = NormalizePublished(h["warc-date"]);
      if (u.published) u.published_from = "fetched";
    }
    std::string meta = "{\"warc_record\":" + std::to_string(record);
    if (!h["warc-date"].empty()) meta += ",\"fetched\":" + JsonQuote(h["warc-date"]);
    if (!h["warc-record-id"].empty()) meta += ",\"warc_record_id\":" + JsonQuote(h["warc-record-id"]);
    u.metadata_json = meta + "}";
    out->units.push_back(std::move(u));
    ++read;
  }
  if (record == 0) {
    out->issues.push_back({path, 0, "no WARC record found; skipped", true});
    return;
  }
  if (!skipped.empty()) {
    std::string what;
    for (const auto& [why, n] : skipped) what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + why;
    out->issues.push_back({path, 0,
                           "read " + std::to_string(read) + " page(s) of " + std::to_string(record) +
                               " WARC records; skipped " + what,
                           false, /*note=*/true});
  }
}

}  // namespace storyloom
