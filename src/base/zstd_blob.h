// Whole blobs through Debian's libzstd: what a store keeps compressed (raw
// inputs) goes in and comes out in one piece.
#ifndef STORYLOOM_BASE_ZSTD_BLOB_H_
#define STORYLOOM_BASE_ZSTD_BLOB_H_

#include <optional>
#include <string>
#include <string_view>

namespace storyloom {

// One zstd frame holding `bytes`.
std::string ZstdCompress(std::string_view bytes, int level = 3);
// The bytes of one frame, or nothing when it is not a whole, sound frame
// (the caller names what is corrupt).
std::optional<std::string> ZstdDecompress(std::string_view frame);

}  // namespace storyloom

#endif  // STORYLOOM_BASE_ZSTD_BLOB_H_
