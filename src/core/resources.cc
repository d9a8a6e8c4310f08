#include "storyloom/resources.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "clean/chrome_table.h"
#include "clean/dateline.h"
#include "core/source_tree.h"

namespace storyloom {
namespace fs = std::filesystem;

namespace {

// The folder of the program storyloom runs in: the storyloom binary's, or,
// when storyloom is loaded as a shared object (the Python module), that
// object's, not the interpreter's (/usr/bin/python3 would point at
// /usr/share/storyloom, an installed package's tables, not the module's).
std::string ExeDir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&ExeDir), &info) != 0 && info.dli_fname != nullptr) {
    std::string_view object = info.dli_fname;
    if (object.ends_with(".so") || object.find(".so.") != std::string_view::npos) {
      std::error_code ec;
      fs::path full = fs::canonical(info.dli_fname, ec);
      if (!ec) return full.parent_path().string();
    }
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace

std::string InstalledShare() {
  return (fs::path(ExeDir()) / ".." / "share" / "storyloom").lexically_normal().string();
}

std::string SourceTreeResources() {
#ifdef STORYLOOM_SOURCE_RESOURCES
  return STORYLOOM_SOURCE_RESOURCES;
#else
  return "";
#endif
}

ResourcePaths FindResources(const std::string& dir_flag, const std::string& model_flag) {
  ResourcePaths p;
  if (!dir_flag.empty()) {
    p.dir = dir_flag;
  } else if (const char* env = std::getenv("STORYLOOM_RESOURCES"); env && *env) {
    p.dir = env;
  } else if (std::string share = InstalledShare(); fs::exists(fs::path(share) / "clean")) {
    // Installed: the share folder, even when the build's source tree is still there.
    p.dir = share;
  } else if (std::string src = SourceTreeResources(); !src.empty() && fs::exists(fs::path(src) / "clean")) {
    p.dir = src;
  } else {
    p.dir = share;  // neither exists: Load names the missing file there
  }
  if (!model_flag.empty()) {
    p.langid_model = model_flag;
  } else if (const char* env = std::getenv("STORYLOOM_LANGID_MODEL"); env && *env) {
    p.langid_model = env;
  } else {
    p.langid_model = (fs::path(p.dir) / "models" / "lid.176.ftz").string();
  }
  return p;
}

Resources::~Resources() = default;

Result<std::unique_ptr<Resources>> Resources::Load(const ResourcePaths& paths) {
  std::unique_ptr<Resources> r(new Resources());
  r->paths_ = paths;
  auto langid = LanguageIdentifier::Load(paths.langid_model,
                                         (fs::path(paths.dir) / "langid" / "id_ms.tsv").string());
  if (!langid) return Unexpected(langid.error());
  r->langid_ = std::move(*langid);
  auto chrome = ChromeTable::Load((fs::path(paths.dir) / "clean" / "chrome.tsv").string());
  if (!chrome) return Unexpected(chrome.error());
  r->chrome_ = std::move(*chrome);
  auto datelines = DatelineTable::Load((fs::path(paths.dir) / "clean" / "datelines.tsv").string());
  if (!datelines) return Unexpected(datelines.error());
  r->datelines_ = std::move(*datelines);
  return r;
}

}  // namespace storyloom
