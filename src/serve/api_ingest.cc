// The API's ingest (POST /api/documents): who may post, the body read as
// JSON or JSONL and checked, and the documents stored and placed in stories.
#include "serve/api.h"

#include <ctime>
#include <sstream>

#include "serve/api_internal.h"
#include "storyloom/ingest.h"

namespace storyloom {

using nlohmann::json;
using namespace api_internal;  // NOLINT: the API's own parameters and responses

namespace {

std::string UtcStamp() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", std::gmtime(&t));
  return buf;
}

// Compares every byte whatever the first difference (only the length leaks).
bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || b.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

ApiResponse Api::PostDocuments(const ApiRequest& r) {
  const ApiLimits& lim = options_.limits;
  if (!options_.token.empty()) {
    const std::string prefix = "Bearer ";
    bool ok = r.authorization.starts_with(prefix) &&
              ConstantTimeEqual(r.authorization.substr(prefix.size()), options_.token);
    if (!ok) return JsonError(401, "POST needs the server's token: send 'Authorization: Bearer TOKEN'");
  } else if (!options_.loopback) {
    return JsonError(403, "POST is disabled: the server listens beyond loopback and was started without --token");
  }
  if (r.body.size() > lim.max_body) {
    return JsonError(413, "request body too large (at most " + std::to_string(lim.max_body) + " bytes)");
  }
  if (!ValidUtf8(r.body)) return JsonError(400, "the body is not valid UTF-8");

  // The body: one JSON object, a JSON array of objects, or JSONL (one
  // object a line). Each becomes one JSONL line for the reader.
  std::vector<json> items;
  size_t first = r.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return JsonError(400, "empty body: send a JSON object, an array of them, or JSONL");
  json whole = json::parse(r.body, nullptr, false);
  if (whole.is_discarded()) {
    // A feed or a page sent as it is: said as such, not as bad JSON.
    const size_t first = r.body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && r.body[first] == '<') {
      return JsonError(415, "the body is XML or HTML: POST takes JSON or JSONL documents ({\"text\": ...}); "
                            "feeds, pages and web archives are read by `storyloom ingest` or a watched folder");
    }
  }
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (json& x : whole) items.push_back(std::move(x));
    } else {
      items.push_back(std::move(whole));
    }
  } else {
    std::istringstream in(r.body);
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      json x = json::parse(line, nullptr, false);
      if (x.is_discarded()) {
        return JsonError(400, "malformed JSON on line " + std::to_string(n) +
                                  ": send a JSON object, an array of them, or JSONL (one object a line)");
      }
      items.push_back(std::move(x));
      if (items.size() > lim.max_post_documents) break;
    }
  }
  if (items.empty()) return JsonError(400, "no documents in the body");
  if (items.size() > lim.max_post_documents) {
    return JsonError(413, "too many documents in one request (at most " + std::to_string(lim.max_post_documents) + ")");
  }
  std::string jsonl;
  for (size_t i = 0; i < items.size(); ++i) {
    const json& x = items[i];
    std::string where = "document " + std::to_string(i + 1);
    if (!x.is_object()) return JsonError(400, where + " is not a JSON object");
    if (!x.contains("text") || !x["text"].is_string() || x["text"].get<std::string>().empty()) {
      return JsonError(400, where + ": \"text\" (a non-empty string) is required");
    }
    for (const char* key : {"title", "url", "source", "lang", "published", "date"}) {
      if (x.contains(key) && !x[key].is_string() && !x[key].is_null()) {
        return JsonError(400, where + ": \"" + key + "\" must be a string");
      }
    }
    jsonl += x.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }

  // The engine's writer takes one ingest at a time; its story stage holds
  // the story index in memory and is brought up to date (Sync) under the
  // store's write lock when another writer, such as a command-line ingest,
  // changed the store since.
  IngestOptions iopts;
  iopts.format = Format::kJsonl;
  iopts.threads = 1;
  std::vector<std::string> issues;
  auto on_issue = [&](const InputIssue& i) {
    issues.push_back((i.line ? "line " + std::to_string(i.line) + ": " : "") + i.message);
  };
  std::string name = "api/post-" + UtcStamp() + "-" + std::to_string(++posts_) + ".jsonl";
  auto report = engine_.IngestMemory({{name, jsonl}}, iopts, on_issue, nullptr);
  // A failed POST stored nothing, or stored its documents whole and could
  // not place them yet (the message says which): sending it again completes
  // it either way, as the body is known by its hash.
  if (!report) {
    const ErrorKind k = report.error().kind();
    const int status = k == ErrorKind::kInvalidArgument ? 400 : k == ErrorKind::kCorruption ? 500 : 503;
    const bool stored = report.error().message().find("stored and queued") != std::string::npos;
    return JsonError(status, std::string(stored ? "not completed" : "nothing stored") +
                                 ", send again: " + report.error().message());
  }
  json out = {{"documents", json::array()},
              {"stories_new", report->stories_new},
              {"duplicates", report->duplicates},
              {"merges", report->merges},
              {"issues", issues},
              {"already_stored", report->inputs_known > 0},
              {"documents_already_stored", report->documents_known}};
  // The body's documents, read back by its input: this POST's, or, for the
  // same body sent again (a retry after a lost answer, say), those stored
  // the first time. Never another writer's documents stored meanwhile.
  if (auto docs = engine_.InputDocuments(jsonl)) {
    for (const DocumentView& d : *docs) {
      json dj = DocumentBriefJson(BriefOf(d.doc));
      dj["story"] = d.placement ? json(d.placement->story) : json(nullptr);
      dj["duplicate_of"] = d.placement && d.placement->duplicate_of ? json(d.placement->duplicate_of) : json(nullptr);
      out["documents"].push_back(std::move(dj));
    }
  }
  return JsonOk(out, report->inputs_known > 0 ? 200 : 201);
}

}  // namespace storyloom
