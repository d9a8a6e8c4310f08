// Runs the storyloom binary as a user would, for end-to-end tests.
#ifndef STORYLOOM_TESTS_E2E_CLI_RUNNER_H_
#define STORYLOOM_TESTS_E2E_CLI_RUNNER_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "shared_data.h"

extern char** environ;

namespace storyloom::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Starts the storyloom binary with `args` in the background, its output
// appended to `log`; returns its pid (-1 when it could not start).
inline pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> all = {STORYLOOM_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `storyloom args...` with stdout and stderr captured.
inline CliResult RunCli(const std::vector<std::string>& args, const std::string& stdin_file = "") {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("storyloom-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string out = (dir / ("out" + std::to_string(counter))).string();
  std::string err = (dir / ("err" + std::to_string(counter++))).string();
  std::string cmd = ShellQuote(STORYLOOM_BINARY);
  for (const std::string& a : args) cmd += " " + ShellQuote(a);
  cmd += " >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  cmd += stdin_file.empty() ? " </dev/null" : " <" + ShellQuote(stdin_file);
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  return r;
}

inline std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

// Document key (path, line, part) -> story id, from a store.
inline std::map<std::string, int64_t> StoriesByDocument(const std::string& store) {
  std::map<int64_t, std::string> key_of;
  for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
    key_of[d["id"].get<int64_t>()] = d["path"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) + ":" +
                                     std::to_string(d["part"].get<int>());
  }
  std::map<std::string, int64_t> out;
  for (const auto& s : JsonLines(RunCli({"stories", "--json", "--store", store}).out)) {
    for (const auto& doc : s["docs"]) out[key_of[doc.get<int64_t>()]] = s["id"].get<int64_t>();
  }
  return out;
}

// Stories as sets of document keys, whatever their ids.
inline std::set<std::set<std::string>> Partition(const std::map<std::string, int64_t>& stories) {
  std::map<int64_t, std::set<std::string>> by;
  for (const auto& [doc, story] : stories) by[story].insert(doc);
  std::set<std::set<std::string>> out;
  for (auto& [story, docs] : by) out.insert(docs);
  return out;
}

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("storyloom-test-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  std::string path() const { return path_.string(); }
  void Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << bytes;
  }

 private:
  static inline int next_ = 0;
  std::filesystem::path path_;
};

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_E2E_CLI_RUNNER_H_
