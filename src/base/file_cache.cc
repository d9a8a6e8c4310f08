// storyloom's cache folder (base/file_cache.h).
#include "base/file_cache.h"

#include <elf.h>
#include <link.h>
#include <unistd.h>
#include <xxhash.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace storyloom {

namespace {

constexpr char kMagic[] = "storyloom-cache\n";
constexpr size_t kMagicSize = sizeof(kMagic) - 1;

void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

uint64_t GetU64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return v;
}

std::string ReadAll(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

}  // namespace

std::string CacheDir() {
  if (const char* dir = std::getenv("STORYLOOM_CACHE_DIR")) {
    if (std::string_view(dir) == "off") return {};
    if (*dir) return dir;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/storyloom";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/storyloom";
  return {};
}

std::optional<std::string> ReadCached(const std::string& name) {
  std::string dir = CacheDir();
  if (dir.empty()) return std::nullopt;
  bool ok = false;
  std::string file = ReadAll(dir + "/" + name, &ok);
  if (!ok || file.size() < kMagicSize + 16 || file.compare(0, kMagicSize, kMagic) != 0) return std::nullopt;
  uint64_t length = GetU64(std::string_view(file).substr(kMagicSize));
  if (length != file.size() - kMagicSize - 16) return std::nullopt;
  std::string_view payload = std::string_view(file).substr(kMagicSize + 8, length);
  if (XXH3_64bits(payload.data(), payload.size()) != GetU64(std::string_view(file).substr(kMagicSize + 8 + length))) {
    return std::nullopt;
  }
  return std::string(payload);
}

void WriteCached(const std::string& name, std::string_view bytes) {
  std::string dir = CacheDir();
  if (dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string final_path = dir + "/" + name;
  // Unique among processes (pid) and threads (a counter).
  static std::atomic<uint64_t> counter{0};
  std::string tmp = final_path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    std::string head(kMagic, kMagicSize);
    PutU64(&head, bytes.size());
    std::string tail;
    PutU64(&tail, XXH3_64bits(bytes.data(), bytes.size()));
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0) std::remove(tmp.c_str());
}

std::string ProgramBuildId() {
  static const std::string id = [] {
    std::string out;
    // The GNU build-id note of the main program (the first object).
    dl_iterate_phdr(
        [](struct dl_phdr_info* info, size_t, void* data) -> int {
          auto* found = static_cast<std::string*>(data);
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = info->dlpi_phdr[i];
            if (ph.p_type != PT_NOTE) continue;
            const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
            const char* end = p + ph.p_memsz;
            while (p + sizeof(ElfW(Nhdr)) <= end) {
              const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
              const char* name = p + sizeof(ElfW(Nhdr));
              const char* desc = name + ((note->n_namesz + 3) & ~3u);
              if (desc + note->n_descsz > end) break;
              if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                found->assign(desc, note->n_descsz);
                return 1;
              }
              p = desc + ((note->n_descsz + 3) & ~3u);
            }
          }
          return 1;  // the main program only
        },
        &out);
    if (!out.empty()) return out;
    // No note: the program's own bytes.
    bool ok = false;
    std::string exe = ReadAll("/proc/self/exe", &ok);
    return ok ? std::to_string(XXH3_64bits(exe.data(), exe.size())) : std::string();
  }();
  return id;
}

CacheKey& CacheKey::Add(std::string_view part) {
  PutU64(&parts_, part.size());
  parts_.append(part);
  return *this;
}

CacheKey& CacheKey::AddFile(const std::string& path) {
  bool ok = false;
  std::string bytes = ReadAll(path, &ok);
  Add(path);
  Add(ok ? "present" : "absent");
  PutU64(&parts_, XXH3_64bits(bytes.data(), bytes.size()));
  return *this;
}

std::string CacheKey::Hex() const {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(parts_.data(), parts_.size())));
  return buf;
}

}  // namespace storyloom
