#include "ingest/decode.h"

#include <uchardet.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

namespace storyloom {

namespace {

// Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid.
size_t Utf8SequenceLength(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

bool LooksBinary(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 8192);
  size_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) ++bad;
  }
  return n > 0 && bad * 20 > n;  // more than 5% control bytes
}

constexpr char kReplacement[] = "\xEF\xBF\xBD";

// UTF-8 input with invalid bytes replaced one by one.
DecodedText RepairUtf8(std::string_view bytes) {
  DecodedText out;
  out.encoding = "UTF-8";
  MappedTextBuilder b;
  MappedText src = MappedText::Identity(std::string(bytes));
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0, run = 0;
  while (i < bytes.size()) {
    size_t len = Utf8SequenceLength(p + i, bytes.size() - i);
    if (len == 0) {
      b.Copy(src, static_cast<uint32_t>(run), static_cast<uint32_t>(i));
      b.Replace(src, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), kReplacement);
      ++out.invalid;
      i += 1;
      run = i;
    } else {
      i += len;
    }
  }
  b.Copy(src, static_cast<uint32_t>(run), static_cast<uint32_t>(bytes.size()));
  out.text = std::move(b).Finish();
  return out;
}

// Converts with ICU line by line: each converted line maps to its whole
// input line, so offsets stay exact to the line (the unit a legacy-encoded
// text is cited by) without a per-character map.
// Where the line starting at `pos` ends (past its newline): a byte for
// byte encodings, an aligned code unit for UTF-16.
size_t LineEnd(std::string_view bytes, size_t pos, int utf16) {
  if (utf16 == 0) {
    size_t nl = bytes.find('\n', pos);
    return nl == std::string_view::npos ? bytes.size() : nl + 1;
  }
  for (size_t i = pos; i + 1 < bytes.size(); i += 2) {
    const char lo = utf16 > 0 ? bytes[i] : bytes[i + 1];
    const char hi = utf16 > 0 ? bytes[i + 1] : bytes[i];
    if (lo == '\n' && hi == 0) return i + 2;
  }
  return bytes.size();
}

// utf16: 0 for byte encodings, 1 for UTF-16LE, -1 for UTF-16BE.
DecodedText ConvertWithIcu(std::string_view bytes, const std::string& encoding, int utf16 = 0) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status)) return RepairUtf8(bytes);
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status)) {
    ucnv_close(conv);
    return RepairUtf8(bytes);
  }
  DecodedText out;
  out.encoding = ucnv_getName(conv, &status);
  MappedTextBuilder b;
  std::string buf;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t end = LineEnd(bytes, pos, utf16);
    std::string_view piece = bytes.substr(pos, end - pos);
    buf.resize(piece.size() * 4 + 4);
    char* target = buf.data();
    const char* source = piece.data();
    status = U_ZERO_ERROR;
    // reset=true: each line starts both converters afresh.
    ucnv_convertEx(utf8, conv, &target, buf.data() + buf.size(), &source, piece.data() + piece.size(), nullptr,
                   nullptr, nullptr, nullptr, /*reset=*/true, /*flush=*/true, &status);
    std::string_view converted(buf.data(), static_cast<size_t>(target - buf.data()));
    for (size_t k = converted.find(kReplacement); k != std::string_view::npos; k = converted.find(kReplacement, k + 3)) {
      ++out.invalid;
    }
    b.AppendOriginal(converted, static_cast<uint32_t>(pos), static_cast<uint32_t>(end));
    pos = end;
  }
  ucnv_close(utf8);
  ucnv_close(conv);
  out.text = std::move(b).Finish();
  return out;
}

std::string Detect(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), std::min<size_t>(bytes.size(), 1 << 20));
  uchardet_data_end(ud);
  std::string cs = uchardet_get_charset(ud);
  uchardet_delete(ud);
  return cs;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0;
  while (i < bytes.size()) {
    if (p[i] < 0x80) { ++i; continue; }
    size_t len = Utf8SequenceLength(p + i, bytes.size() - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view hint) {
  // A byte-order mark is dropped from the text but kept in the map. UTF-16
  // is known by its mark alone (its NUL bytes would look binary).
  size_t skip = 0;
  int utf16 = 0;
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) skip = 3;
  else if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFF\xFE", 2) == 0) skip = 2, utf16 = 1;
  else if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFE\xFF", 2) == 0) skip = 2, utf16 = -1;
  std::string_view body = bytes.substr(skip);
  DecodedText out;
  bool converted = true;  // not the identity: the mark's bytes are shifted into the map below
  if (utf16 != 0) {
    out = ConvertWithIcu(body, utf16 > 0 ? "UTF-16LE" : "UTF-16BE", utf16);
  } else if (IsValidUtf8(body)) {
    out.text = MappedText::Identity(std::string(body), static_cast<uint32_t>(skip));
    out.encoding = "UTF-8";
    converted = false;
  } else {
    std::string cs = hint.empty() ? Detect(body) : std::string(hint);
    // Mostly-UTF-8 text with a few bad bytes is still UTF-8: uchardet then
    // says "UTF-8" or nothing, and repairing keeps every good character.
    if (cs.empty() || cs == "UTF-8" || cs == "ASCII" || cs == "utf-8") {
      out = RepairUtf8(body);
    } else {
      out = ConvertWithIcu(body, cs);
    }
  }
  if (converted && skip) {
    MappedTextBuilder b;
    b.Copy(out.text, 0, static_cast<uint32_t>(out.text.size()));
    MappedText shifted = std::move(b).Finish();
    std::vector<OffsetRun> runs = shifted.runs();
    for (OffsetRun& r : runs) r.orig_start += static_cast<uint32_t>(skip);
    out.text = MappedText::FromParts(shifted.text(), std::move(runs));
  }
  out.binary = utf16 != 0 ? LooksBinary(out.text.text()) : LooksBinary(body);
  return out;
}

Result<std::string> ReadFileBytes(const std::string& path, std::string* warning) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Fail(path + ": cannot open: " + std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) data.append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Fail(path + ": read error");
  return MaybeGunzip(std::move(data), path, warning);
}

Result<std::string> MaybeGunzip(std::string data, const std::string& name, std::string* warning) {
  if (data.size() < 2 || static_cast<unsigned char>(data[0]) != 0x1f ||
      static_cast<unsigned char>(data[1]) != 0x8b) {
    return data;
  }
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Fail(name + ": cannot start gzip reader");
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - zs.avail_out);
    if (rc == Z_STREAM_END && zs.avail_in > 0) {
      // Concatenated gzip members: go on with the next one.
      inflateReset(&zs);
      rc = Z_OK;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    if (out.empty()) return Fail(name + ": not readable as gzip (truncated or corrupt)");
    if (warning) {
      *warning = "truncated or corrupt gzip data; kept the " + std::to_string(out.size()) + " bytes read";
    }
  }
  return out;
}

}  // namespace storyloom
