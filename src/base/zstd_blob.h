// Whole blobs through Debian's libzstd: what a store keeps compressed (raw
// inputs) goes in and comes out in one piece.
#ifndef STORYLOOM_BASE_ZSTD_BLOB_H_
#define STORYLOOM_BASE_ZSTD_BLOB_H_

#include <optional>
#include <string>
#include <string_view>

namespace storyloom {

// One zstd frame holding `bytes`, with its checksum; nothing should zstd
// fail (the caller then keeps the bytes as they are).
std::optional<std::string> ZstdCompress(std::string_view bytes, int level = 3);
// The bytes of one frame, or nothing when it is not a whole, sound frame of
// `expected_size` bytes (checked before anything is allocated; the caller
// names what is corrupt).
std::optional<std::string> ZstdDecompress(std::string_view frame, size_t expected_size);

}  // namespace storyloom

#endif  // STORYLOOM_BASE_ZSTD_BLOB_H_
