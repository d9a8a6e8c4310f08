#include "storyloom/server.h"

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "serve/api.h"
#include "serve/static_files.h"
#include "storyloom/engine.h"
#include "storyloom/watch.h"

namespace storyloom {

namespace {

const char* const kPageSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void SecurityHeaders(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-cache");
}

void Reply(httplib::Response& res, const ApiResponse& a) {
  res.status = a.status;
  SecurityHeaders(res);
  res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (!a.location.empty()) res.set_header("Location", a.location);
  res.set_content(a.body, a.content_type.c_str());
}

// The message for an error httplib answered itself (no handler ran).
std::string DefaultMessage(int status, const ApiLimits& limits) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large (at most " + std::to_string(limits.max_body) + " bytes)";
    case 414: return "request URI too long";
    case 416: return "range not satisfiable";
    default: return "error " + std::to_string(status);
  }
}

}  // namespace

struct Server::Rep {
  ServeOptions options;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Api> api;  // answers from `engine`
  std::unique_ptr<StaticFiles> static_files;
  std::unique_ptr<httplib::Server> http;
  std::string web_root;
  int port = 0;
  size_t backfilled = 0;
  std::atomic<bool> stopping{false};
};

namespace {

// `serve --watch`: the drop folder's rounds, said as `ingest --watch` says them.
void WatchWhileServing(Engine& engine, const ServeOptions& o, const std::atomic<bool>& stopping) {
  auto say = [&](const std::string& m) {
    if (o.on_watch_message) o.on_watch_message(m);
  };
  WatchOptions w;
  w.settle_seconds = o.watch_settle_seconds;
  if (o.store_path.find("://") == std::string::npos) w.ignore_prefixes.push_back(o.store_path);
  auto on_issue = [&](const InputIssue& i) {
    say(i.path + (i.line ? ":" + std::to_string(i.line) : "") + ": " + i.message);
  };
  auto on_round = [&](const WatchRound& r) {
    std::string names = r.files.size() == 1 ? r.files[0] : std::to_string(r.files.size()) + " files";
    if (r.report.inputs == 0 && r.report.inputs_known > 0) {
      say(names + ": already stored");
      return;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, ": %zu document(s) stored %.2f s after settling; %zu stories in all",
                  r.report.documents, r.seconds_since_settled, r.report.stories);
    say(names + buf);
  };
  say("watching " + o.watch_dir + " for new files");
  Status s = WatchFolder(engine, o.watch_dir, w, [&] { return stopping.load(); }, on_issue, on_round);
  if (!s.ok()) say("stopped watching: " + s.message());
}

}  // namespace

Server::Server() : rep_(std::make_unique<Rep>()) {}

int Server::port() const { return rep_->port; }
const std::string& Server::web_root() const { return rep_->web_root; }
size_t Server::backfilled() const { return rep_->backfilled; }

bool IsLoopback(const std::string& bind) {
  return bind == "localhost" || bind == "::1" || bind == "[::1]" || bind.starts_with("127.");
}

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options, const ResourcePaths& paths) {
  // Checked first: a mistyped option fails before seconds of loading.
  std::string base_url = options.base_url;
  while (base_url.ends_with('/')) base_url.pop_back();
  if (!base_url.empty()) {
    bool ok = (base_url.starts_with("http://") || base_url.starts_with("https://")) &&
              base_url.find("://") + 3 < base_url.size();
    for (char c : base_url) ok = ok && c > ' ' && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '?' && c != '#';
    if (!ok) {
      return Fail("--base-url must be an http:// or https:// address with no query, such as https://news.example.org (not " +
                  options.base_url + ")");
    }
  }
  if (!options.watch_dir.empty() && !std::filesystem::is_directory(options.watch_dir)) {
    return Fail(options.watch_dir + ": not a folder (--watch takes the folder files are dropped into)");
  }
  std::unique_ptr<Server> s(new Server());
  s->rep_->options = options;
  s->rep_->web_root = FindWebRoot(options.web_dir);
  if (s->rep_->web_root.empty()) {
    return Fail(options.web_dir.empty() ? "cannot find the web page's folder (give --web DIR or set STORYLOOM_WEB)"
                                        : "no index.html in " + options.web_dir);
  }
  s->rep_->static_files = std::make_unique<StaticFiles>(s->rep_->web_root);

  EngineOptions eopts;
  eopts.resources_dir = paths.dir;
  eopts.langid_model = paths.langid_model;
  eopts.mode = Store::Mode::kCreate;
  eopts.story = options.story;
  // A POST waits this long for another writer (a command-line ingest) to
  // finish its batch, then answers 503 with nothing stored.
  eopts.wait_seconds = 30;
  auto engine = Engine::Open(options.store_path, eopts);
  if (!engine) return Unexpected(engine.error());
  s->rep_->engine = std::move(*engine);
  STORYLOOM_RETURN_IF_ERROR(s->rep_->engine->Preload(/*stories=*/true));
  auto indexed = s->rep_->engine->IndexUnindexed();
  if (!indexed) return Unexpected(indexed.error());
  s->rep_->backfilled = *indexed;

  ApiOptions aopts;
  aopts.token = options.token;
  aopts.loopback = IsLoopback(options.bind);
  aopts.openapi_path = (std::filesystem::path(s->rep_->web_root) / "openapi.json").string();
  aopts.limits = options.limits;
  aopts.base_url = base_url;
  s->rep_->api = std::make_unique<Api>(aopts, *s->rep_->engine);

  s->rep_->http = std::make_unique<httplib::Server>();
  s->Route();
  std::string host = options.bind == "[::1]" ? "::1" : options.bind;
  if (options.port == 0) {
    s->rep_->port = s->rep_->http->bind_to_any_port(host);
    if (s->rep_->port <= 0) return Fail("cannot listen on " + options.bind + ": no free port");
  } else {
    if (!s->rep_->http->bind_to_port(host, options.port)) {
      return Fail("cannot listen on " + options.bind + ":" + std::to_string(options.port) + " (in use, or not an address here)");
    }
    s->rep_->port = options.port;
  }
  return s;
}

Server::~Server() {
  if (rep_->http) rep_->http->stop();
  // The API answers from the engine: it goes first.
  rep_->http.reset();
  rep_->api.reset();
}

std::string Server::url() const {
  const std::string& bind = rep_->options.bind;
  std::string host = bind.find(':') != std::string::npos && bind[0] != '[' ? "[" + bind + "]" : bind;
  return "http://" + host + ":" + std::to_string(rep_->port);
}

Status Server::Run() {
  std::thread watcher;
  if (!rep_->options.watch_dir.empty()) {
    watcher = std::thread([this] { WatchWhileServing(*rep_->engine, rep_->options, rep_->stopping); });
  }
  bool listened = rep_->http->listen_after_bind();
  rep_->stopping = true;
  if (watcher.joinable()) watcher.join();
  if (!listened) return Status::Error("the server stopped listening on " + url());
  return Status::Ok();
}

void Server::Stop() {
  rep_->stopping = true;
  rep_->http->stop();
}

void Server::Route() {
  httplib::Server& h = *rep_->http;
  size_t threads = static_cast<size_t>(std::max(1, rep_->options.threads));
  h.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  h.set_payload_max_length(rep_->options.limits.max_body);
  h.set_keep_alive_max_count(10000);
  // A connection holds a thread while it is read: one that sends nothing for
  // 3 s (a half-open or stalled client) is closed, and an idle keep-alive
  // after 2 s, so a crowd of them cannot keep others waiting for long.
  h.set_read_timeout(3, 0);
  h.set_keep_alive_timeout(2);
  h.set_write_timeout(10, 0);

  auto api = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest a;
    a.method = req.method;
    a.path = req.path;
    for (const auto& [k, v] : req.params) a.params.emplace(k, v);
    a.body = req.body;
    a.content_type = req.get_header_value("Content-Type");
    a.authorization = req.get_header_value("Authorization");
    a.host = req.get_header_value("Host");
    if (a.params.size() > 32) {
      Reply(res, JsonError(400, "too many query parameters (at most 32)"));
      return;
    }
    Reply(res, rep_->api->Handle(a));
  };
  h.Get("/api/.*", api);
  h.Post("/api/.*", api);
  h.Put("/api/.*", api);
  h.Delete("/api/.*", api);
  h.Patch("/api/.*", api);
  h.Options("/api/.*", api);
  h.Get("/feed.atom", api);  // the stories' feed, beside the page that lists them

  h.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    auto file = rep_->static_files->Find(req.path);
    if (!file) {
      Reply(res, JsonError(404, "not found: " + req.path));
      return;
    }
    SecurityHeaders(res);
    res.set_header("Content-Security-Policy", kPageSecurityPolicy);
    res.set_content(std::move(file->bytes), file->content_type.c_str());
  });

  // Whatever httplib answers itself (oversized body, long URI, unknown
  // method) is JSON too.
  httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    Reply(res, JsonError(res.status, DefaultMessage(res.status, rep_->options.limits)));
    return httplib::Server::HandlerResponse::Handled;
  };
  h.set_error_handler(std::move(on_error));
  h.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    Reply(res, JsonError(500, what));
  });
}

}  // namespace storyloom
