// `storyloom serve`: the JSON API (api.h) and the web page (static files)
// over HTTP, on cpp-httplib's thread pool. Many readers at once, one writer.
//
//   ServeOptions o;
//   o.store_path = "niger.db";
//   o.port = 0;  // any free port
//   auto server = Server::Create(o, FindResources("", ""));
//   (*server)->Run();  // until Stop()
#ifndef STORYLOOM_SERVE_SERVER_H_
#define STORYLOOM_SERVE_SERVER_H_

#include <memory>
#include <string>

#include "serve/api.h"
#include "serve/static_files.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

namespace httplib {
class Server;
}

namespace storyloom {

struct ServeOptions {
  std::string store_path = "storyloom.db";
  std::string bind = "127.0.0.1";
  int port = 8080;          // 0: any free port
  std::string token;        // needed by POST when set (and to POST at all off loopback)
  std::string web_dir;      // empty: FindWebRoot
  int threads = 128;        // connections served at once (keep-alive holds one each)
  ApiLimits limits;
  StoryOptions story;
};

// Whether an address to bind is loopback only (127.0.0.0/8, ::1, localhost).
bool IsLoopback(const std::string& bind);

class Server {
 public:
  // Loads resources (once: ~3 s), opens the store, binds the port.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options, const ResourcePaths& paths);
  ~Server();

  int port() const { return port_; }
  std::string url() const;
  const std::string& web_root() const { return web_root_; }
  Api& api() { return *api_; }

  // Serves until Stop(); fails when the listening socket fails.
  Status Run();
  void Stop();

 private:
  Server() = default;
  void Route();

  ServeOptions options_;
  std::unique_ptr<Resources> resources_;
  std::unique_ptr<StoryResources> story_resources_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<httplib::Server> http_;
  std::string web_root_;
  int port_ = 0;
};

}  // namespace storyloom

#endif  // STORYLOOM_SERVE_SERVER_H_
