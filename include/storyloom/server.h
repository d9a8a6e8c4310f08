// `storyloom serve`: the JSON API and the web page over a store, on HTTP.
// Many readers at once, one writer; every answer comes from an Engine
// (engine.h) and is written in the shared JSON views (views.h).
//
//   ServeOptions o;
//   o.store_path = "niger.db";
//   o.port = 0;  // any free port
//   auto server = Server::Create(o, FindResources("", ""));
//   (*server)->Run();  // until Stop()
#ifndef STORYLOOM_SERVER_H_
#define STORYLOOM_SERVER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "storyloom/resources.h"
#include "storyloom/status.h"
#include "storyloom/story.h"

namespace storyloom {

// What one request may ask for at most.
struct ApiLimits {
  size_t max_body = 8 << 20;        // bytes of a POST body
  size_t max_param = 1024;          // bytes of one query parameter
  size_t max_query_text = 256;      // bytes of a text query (q)
  size_t max_post_documents = 1000; // documents in one POST
  size_t max_page = 100;            // items in one page
};

struct ServeOptions {
  std::string store_path = "storyloom.db";  // a SQLite path or a postgresql:// URL
  std::string bind = "127.0.0.1";
  int port = 8080;          // 0: any free port
  std::string token;        // needed by POST when set (and to POST at all off loopback)
  std::string web_dir;      // empty: FindWebRoot
  int threads = 128;        // connections served at once (keep-alive holds one each)
  ApiLimits limits;
  StoryOptions story;       // how POSTed documents are placed
  // What the feeds' absolute links start with, as readers reach the server
  // ("https://news.example.org", behind a proxy); empty: the request's Host.
  std::string base_url;
  // A drop folder (watch.h) whose settled files the server ingests while it
  // serves; empty: none. What the watch does is said to `on_watch_message`.
  std::string watch_dir;
  double watch_settle_seconds = 0.25;
  std::function<void(const std::string&)> on_watch_message;
};

// The folder of the web page: `flag`, else $STORYLOOM_WEB, else
// ../share/storyloom/web beside the binary (an installed binary), else web/ in
// the source tree the binary was built from. Empty when none exists.
std::string FindWebRoot(const std::string& flag);

// Whether an address to bind is loopback only (127.0.0.0/8, ::1, localhost).
bool IsLoopback(const std::string& bind);

class Server {
 public:
  // Opens the store (indexing for search any document the index lacks),
  // loads the resources (once: ~3 s), binds the port. Fails with what to fix.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options, const ResourcePaths& paths);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string url() const;
  const std::string& web_root() const;
  // Documents indexed for search when the store was opened (older stores).
  size_t backfilled() const;

  // Serves until Stop(); fails when the listening socket fails.
  Status Run();
  // Safe from another thread or a signal handler's caller.
  void Stop();

 private:
  struct Rep;
  Server();
  void Route();
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyloom

#endif  // STORYLOOM_SERVER_H_
