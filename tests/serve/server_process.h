// Runs `storyloom serve` as a child process for the API tests: reads the URL
// it prints ("listening on http://127.0.0.1:PORT") and stops it with SIGTERM.
#ifndef STORYLOOM_TESTS_SERVE_SERVER_PROCESS_H_
#define STORYLOOM_TESTS_SERVE_SERVER_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

extern char** environ;

namespace storyloom::testing {

class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess() { Stop(); }

  // Starts the binary with args; false (and why in error()) when it exits
  // or prints no URL.
  bool Start(const std::vector<std::string>& args, const std::string& stderr_path) {
    int out[2];
    if (pipe(out) != 0) return Fail("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> all = {STORYLOOM_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    if (rc != 0) {
      close(out[0]);
      pid_ = -1;
      return Fail("cannot run " + all[0]);
    }
    out_ = fdopen(out[0], "r");
    char line[512];
    while (fgets(line, sizeof line, out_)) {
      std::string l = line;
      const std::string prefix = "listening on ";
      if (l.rfind(prefix, 0) == 0) {
        url_ = l.substr(prefix.size());
        while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r')) url_.pop_back();
        size_t colon = url_.rfind(':');
        port_ = std::stoi(url_.substr(colon + 1));
        return true;
      }
    }
    Stop();
    return Fail("the server exited before listening");
  }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
    if (out_) {
      fclose(out_);
      out_ = nullptr;
    }
  }

  const std::string& url() const { return url_; }
  int port() const { return port_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(const std::string& why) {
    error_ = why;
    return false;
  }
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string url_, error_;
  int port_ = 0;
};

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_SERVE_SERVER_PROCESS_H_
