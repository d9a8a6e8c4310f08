// storyloom's cache folder: what is slow to make and can always be made
// again (a language's lexicon table, built from dictionaries in seconds), kept
// between commands. Nothing in it is ever the only copy of anything: a file
// that is missing, damaged or unwritable is made again, never an error.
//
// The folder is $STORYLOOM_CACHE_DIR, else $XDG_CACHE_HOME/storyloom, else
// $HOME/.cache/storyloom. STORYLOOM_CACHE_DIR=off turns the cache off.
#ifndef STORYLOOM_BASE_FILE_CACHE_H_
#define STORYLOOM_BASE_FILE_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace storyloom {

// The cache folder ("" when off or when there is no home to put it in).
std::string CacheDir();

// The bytes stored under `name`, whole and checked (their length and an
// XXH3 checksum); nullopt when absent, cut short or damaged.
std::optional<std::string> ReadCached(const std::string& name);

// Stores `bytes` under `name`: written to a temporary file in the folder and
// renamed over the name, so a reader (another process) sees the old file or
// the new one, never a part. Failures are ignored.
void WriteCached(const std::string& name, std::string_view bytes);

// What tells this build of the program from any other: its GNU build-id
// (else a hash of its own file). A key that holds it is never served a
// file made by other code.
std::string ProgramBuildId();

// A cache key: XXH3 of the parts, in hex.
class CacheKey {
 public:
  CacheKey& Add(std::string_view part);
  // The bytes of a file (its absence is a part too).
  CacheKey& AddFile(const std::string& path);
  std::string Hex() const;

 private:
  std::string parts_;
};

}  // namespace storyloom

#endif  // STORYLOOM_BASE_FILE_CACHE_H_
