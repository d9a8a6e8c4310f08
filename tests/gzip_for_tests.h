// Gzip for tests: one gzip member of `data`, as gzip(1) writes it.
#ifndef STORYLOOM_TESTS_GZIP_FOR_TESTS_H_
#define STORYLOOM_TESTS_GZIP_FOR_TESTS_H_

#include <zlib.h>

#include <string>

namespace storyloom::testing {

inline std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_GZIP_FOR_TESTS_H_
