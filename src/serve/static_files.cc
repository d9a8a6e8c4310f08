#include "serve/static_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/source_tree.h"

namespace storyloom {

namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxFileBytes = 16 << 20;

bool SafeRelativePath(const std::string& url_path, std::string* rel) {
  if (url_path.empty() || url_path[0] != '/') return false;
  std::string p = url_path == "/" ? "/index.html" : url_path;
  if (p.back() == '/') p += "index.html";
  for (unsigned char c : p) {
    if (c < 0x20 || c == 0x7F || c == '\\' || c == ':') return false;
  }
  // Every segment must be a plain name: no "", ".", ".." or hidden names.
  size_t a = 1;
  while (a <= p.size()) {
    size_t b = p.find('/', a);
    if (b == std::string::npos) b = p.size();
    std::string seg = p.substr(a, b - a);
    if (seg.empty() || seg[0] == '.') return false;
    a = b + 1;
  }
  *rel = p.substr(1);
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  fs::path canon = fs::canonical(root, ec);
  root_ = ec ? root : canon.string();
}

std::optional<StaticFile> StaticFiles::Find(const std::string& url_path) const {
  std::string rel;
  if (root_.empty() || !SafeRelativePath(url_path, &rel)) return std::nullopt;
  std::error_code ec;
  fs::path full = fs::canonical(fs::path(root_) / rel, ec);
  if (ec) return std::nullopt;
  // Inside the folder, links resolved.
  std::string f = full.string();
  if (f.size() <= root_.size() || f.compare(0, root_.size(), root_) != 0 || f[root_.size()] != '/') return std::nullopt;
  if (!fs::is_regular_file(full, ec) || fs::file_size(full, ec) > kMaxFileBytes) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return StaticFile{ContentTypeFor(f), ss.str()};
}

std::string ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e = ext;
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string FindWebRoot(const std::string& flag) {
  std::error_code ec;
  auto usable = [&](const fs::path& p) { return !p.empty() && fs::is_regular_file(p / "index.html", ec); };
  if (!flag.empty()) return usable(flag) ? flag : "";
  if (const char* env = std::getenv("STORYLOOM_WEB"); env && *env && usable(env)) return env;
  if (fs::path share = fs::path(InstalledShare()) / "web"; usable(share)) return share.string();
  if (std::string res = SourceTreeResources(); !res.empty()) {
    if (fs::path src = fs::path(res).parent_path() / "web"; usable(src)) return src.string();
  }
  return "";
}

}  // namespace storyloom
