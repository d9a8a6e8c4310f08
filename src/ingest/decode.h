// Bytes to UTF-8: legacy encodings are detected (uchardet) and converted
// (ICU); invalid bytes become U+FFFD and are counted. The result keeps a map
// back to the input bytes.
#ifndef STORYLOOM_INGEST_DECODE_H_
#define STORYLOOM_INGEST_DECODE_H_

#include <string>
#include <string_view>

#include "storyloom/mapped_text.h"
#include "storyloom/status.h"
#include "storyloom/text.h"

namespace storyloom {

// DecodedText, DecodeToUtf8, IsValidUtf8 and ReadFileBytes are public:
// storyloom/text.h.

// Inflates gzip data (by magic number); other data is returned as is.
Result<std::string> MaybeGunzip(std::string data, const std::string& name, std::string* warning);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_DECODE_H_
