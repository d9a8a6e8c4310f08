// `storyloom serve`: the HTTP API and the web page over a store. Thin: the
// server lives in src/serve/.
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "storyloom/server.h"

namespace storyloom::cli {

namespace {

Server* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->Stop();
}

int RunServe(ServeOptions options, const GlobalOptions& global) {
  if (options.token.empty()) {
    if (const char* env = std::getenv("STORYLOOM_TOKEN"); env) options.token = env;
  }
  if (!IsLoopback(options.bind) && options.token.empty()) {
    std::cerr << "storyloom serve: listening on " << options.bind
              << " without --token (or STORYLOOM_TOKEN): POST /api/documents is disabled\n";
  }
  if (!options.watch_dir.empty()) {
    options.on_watch_message = [](const std::string& m) { std::cerr << "storyloom serve: " << m << std::endl; };
  }
  auto server = Server::Create(options, FindResources(global.resources_dir, global.langid_model));
  if (!server) {
    std::cerr << "storyloom serve: " << server.error().message() << "\n";
    return 2;
  }
  if (size_t n = (*server)->backfilled()) {
    std::cerr << "storyloom serve: indexed " << n << " document(s) for search\n";
  }
  g_server = server->get();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);
  std::cout << "listening on " << (*server)->url() << std::endl;
  Status s = (*server)->Run();
  g_server = nullptr;
  if (!s.ok()) {
    std::cerr << "storyloom serve: " << s.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddServe(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "the HTTP API and the web page over a store");
  cmd->add_option("--store", options->store_path, kStoreHelp)->capture_default_str();
  cmd->add_option("--bind", options->bind, "address to listen on")->capture_default_str();
  cmd->add_option("--port", options->port, "port (0: any free port; the URL is printed)")->capture_default_str();
  cmd->add_option("--token", options->token,
                  "token POST /api/documents needs (Authorization: Bearer TOKEN); env STORYLOOM_TOKEN. Without one, "
                  "POST is allowed only on loopback");
  cmd->add_option("--web", options->web_dir,
                  "folder of the web page (env STORYLOOM_WEB; default: share/storyloom/web when installed, else web/ "
                  "of the source tree)");
  cmd->add_option("--threads", options->threads, "connections served at once")->capture_default_str();
  cmd->add_option("--base-url", options->base_url,
                  "what the Atom feeds' links start with, as readers reach the server (https://news.example.org); "
                  "default: http:// and the request's Host");
  cmd->add_option("--max-body", options->limits.max_body, "largest POST body in bytes")->capture_default_str();
  cmd->add_option("--watch", options->watch_dir,
                  "a folder to watch while serving: files dropped into it are ingested as they settle (as ingest "
                  "--watch does)");
  cmd->add_option("--settle", options->watch_settle_seconds,
                  "with --watch: seconds a file must stay unchanged before it is taken")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  AddStoryOptions(cmd, options->story);
  cmd->callback([options, &global] { global.exit_code = RunServe(*options, global); });
}

}  // namespace storyloom::cli
