#include "base/zstd_blob.h"

#include <zstd.h>

#include <memory>

namespace storyloom {

std::optional<std::string> ZstdCompress(std::string_view bytes, int level) {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  if (!cctx || ZSTD_isError(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level)) ||
      ZSTD_isError(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1))) {
    return std::nullopt;
  }
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n)) return std::nullopt;
  out.resize(n);
  return out;
}

std::optional<std::string> ZstdDecompress(std::string_view frame, size_t expected_size) {
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size != expected_size) return std::nullopt;
  std::string out(size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) return std::nullopt;
  return out;
}

}  // namespace storyloom
