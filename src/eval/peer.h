// Side-by-side peers: the evals run a Debian-packaged tool (a Python script
// under scripts/peers/) on the same data and score its output with
// storyloom's own scorer.
#ifndef STORYLOOM_EVAL_PEER_H_
#define STORYLOOM_EVAL_PEER_H_

#include <cstdlib>
#include <filesystem>
#include <string>

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
  return std::filesystem::path(STORYLOOM_SOURCE_RESOURCES).parent_path() / "scripts" / "peers" / name;
}

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_PEER_H_
