// Side-by-side peers: the evals run a Debian-packaged tool (a Python script
// under scripts/peers/) on the same data and score its output with
// storyloom's own scorer.
#ifndef STORYLOOM_EVAL_PEER_H_
#define STORYLOOM_EVAL_PEER_H_

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/source_tree.h"
#include "storyloom/status.h"

namespace storyloom {

// `s` quoted for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

// The peer script `name` in scripts/peers/ of the source tree, unless the
// environment variable `env` names another.
inline std::filesystem::path PeerScript(const char* env, const char* name) {
  if (const char* path = std::getenv(env)) return path;
  return std::filesystem::path(SourceTreeResources()).parent_path() / "scripts" / "peers" / name;
}

// Runs scripts/peers/<script> with Debian's /usr/bin/python3 and `args`, and
// parses what it prints as one JSON object holding `required_key`. Errors
// name the command and the Debian package that provides the peer.
inline Result<nlohmann::json> RunPeer(const char* env, const char* script, const std::vector<std::string>& args,
                                      const char* package, const char* required_key) {
  std::filesystem::path path = PeerScript(env, script);
  if (!std::filesystem::exists(path)) return Fail("peer script not found: " + path.string());
  std::string command = "/usr/bin/python3 " + ShellQuote(path.string());
  for (const std::string& a : args) command += " " + ShellQuote(a);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return Fail("cannot run " + command);
  std::string output;
  char buffer[1 << 16];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, n);
  if (pclose(pipe) != 0) return Fail(std::string(package) + " peer failed (is " + package + " installed?): " + command);
  nlohmann::json result = nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (result.is_discarded() || !result.contains(required_key)) return Fail("peer printed no JSON result: " + command);
  return result;
}

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_PEER_H_
