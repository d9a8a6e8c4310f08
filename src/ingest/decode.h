// Bytes to UTF-8: legacy encodings are detected (uchardet) and converted
// (ICU); invalid bytes become U+FFFD and are counted. The result keeps a map
// back to the input bytes.
#ifndef STORYLOOM_INGEST_DECODE_H_
#define STORYLOOM_INGEST_DECODE_H_

#include <string>
#include <string_view>

#include "storyloom/mapped_text.h"
#include "storyloom/status.h"

namespace storyloom {

struct DecodedText {
  MappedText text;        // UTF-8; offsets map to the input bytes
  std::string encoding;   // "UTF-8", "windows-1252", ...
  uint32_t invalid = 0;   // bytes (or sequences) replaced by U+FFFD
  bool binary = false;    // looks like a binary file (NULs, control bytes)
};

// `hint` is a charset named by the source (HTTP header, <meta charset>), or
// empty. Valid UTF-8 is always taken as UTF-8, whatever the hint.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view hint = {});

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Reads a whole file; .gz files (by magic number) are inflated. A truncated
// .gz yields what could be read and an error message in *warning.
Result<std::string> ReadFileBytes(const std::string& path, std::string* warning);
// Inflates gzip data (by magic number); other data is returned as is.
Result<std::string> MaybeGunzip(std::string data, const std::string& name, std::string* warning);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_DECODE_H_
