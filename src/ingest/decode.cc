#include "ingest/decode.h"

#include <iconv.h>
#include <uchardet.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <functional>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "base/utf8.h"

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

// Converts one line into UTF-8; false when the encoding is unknown.
using LineConverter = std::function<void(std::string_view line, std::string* out)>;

// Converts line by line: each converted line maps to its whole input line,
// so offsets stay exact to the line (the unit a legacy-encoded text is cited
// by) without a per-character map. Each line is put in NFC: Windows-1258
// writes Vietnamese tones as combining marks, and cleaning must see the
// same text whatever the encoding was.
// utf16: 0 for byte encodings, 1 for UTF-16LE, -1 for UTF-16BE.
DecodedText ConvertLines(std::string_view bytes, const std::string& name, int utf16, const LineConverter& convert) {
  DecodedText out;
  out.encoding = name;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) nfc = nullptr;
  MappedTextBuilder b;
  std::string converted, composed;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t end = LineEnd(bytes, pos, utf16);
    converted.clear();
    convert(bytes.substr(pos, end - pos), &converted);
    std::string_view line = converted;
    if (nfc != nullptr) {
      status = U_ZERO_ERROR;
      if (!nfc->isNormalizedUTF8(converted, status) && U_SUCCESS(status)) {
        composed.clear();
        icu::StringByteSink<std::string> sink(&composed);
        nfc->normalizeUTF8(0, converted, sink, nullptr, status);
        if (U_SUCCESS(status)) line = composed;
      }
    }
    for (size_t k = line.find(kReplacement); k != std::string_view::npos; k = line.find(kReplacement, k + 3)) {
      ++out.invalid;
    }
    b.AppendOriginal(line, static_cast<uint32_t>(pos), static_cast<uint32_t>(end));
    pos = end;
  }
  out.text = std::move(b).Finish();
  return out;
}

DecodedText ConvertWithIcu(std::string_view bytes, const std::string& encoding, int utf16 = 0) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(encoding.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) return RepairUtf8(bytes);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) return RepairUtf8(bytes);
  std::string name = ucnv_getName(conv.get(), &status);
  std::string buf;
  return ConvertLines(bytes, name, utf16, [&](std::string_view piece, std::string* out) {
    buf.resize(piece.size() * 4 + 4);
    char* target = buf.data();
    const char* source = piece.data();
    UErrorCode st = U_ZERO_ERROR;
    // reset=true: each line starts both converters afresh.
    ucnv_convertEx(utf8.get(), conv.get(), &target, buf.data() + buf.size(), &source, piece.data() + piece.size(),
                   nullptr, nullptr, nullptr, nullptr, /*reset=*/true, /*flush=*/true, &st);
    out->assign(buf.data(), static_cast<size_t>(target - buf.data()));
  });
}

// Encodings ICU does not carry (VISCII) through the C library's iconv; a
// byte it cannot convert becomes U+FFFD.
DecodedText ConvertWithIconv(std::string_view bytes, const std::string& encoding) {
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return RepairUtf8(bytes);
  char buf[4096];
  DecodedText out = ConvertLines(bytes, encoding, 0, [&](std::string_view piece, std::string* o) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    char* in = const_cast<char*>(piece.data());
    size_t in_left = piece.size();
    while (in_left > 0) {
      char* dst = buf;
      size_t dst_left = sizeof buf;
      size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
      o->append(buf, static_cast<size_t>(dst - buf));
      if (r == static_cast<size_t>(-1) && errno != E2BIG) {
        o->append(kReplacement);
        ++in;
        --in_left;
      }
    }
  });
  iconv_close(cd);
  return out;
}

bool IcuKnows(const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(encoding.c_str(), &status);
  if (c) ucnv_close(c);
  return U_SUCCESS(status);
}

DecodedText ConvertLegacy(std::string_view bytes, const std::string& encoding) {
  return IcuKnows(encoding) ? ConvertWithIcu(bytes, encoding) : ConvertWithIconv(bytes, encoding);
}

// How Vietnamese a decoding reads, by its words: a word with a letter only
// Vietnamese writes (ă đ ơ ư, or a vowel with a tone mark) and at most one
// tone mark is a syllable (+1); a word with two tone marks is not (-4), nor
// is a replacement character, a control character or a mark left alone
// (-4). A wrong single-byte reading turns every high byte into some
// accented letter, so its words carry tone marks by twos.
double VietnameseScore(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return 0;
  auto tones = [&](UChar32 c) {
    if (c < 0xC0) return 0;
    icu::UnicodeString d;
    if (!nfd->getDecomposition(c, d)) return 0;
    int n = 0;
    for (int32_t k = 0; k < d.length(); ++k) {
      char16_t m = d[k];
      n += m == 0x0300 || m == 0x0301 || m == 0x0303 || m == 0x0309 || m == 0x0323;
    }
    return n;
  };
  auto vietnamese_only = [](UChar32 c) {
    return c == 0x0102 || c == 0x0103 || c == 0x0110 || c == 0x0111 || c == 0x01A0 || c == 0x01A1 || c == 0x01AF ||
           c == 0x01B0;
  };
  double score = 0;
  int word_tones = 0;
  bool word_marked = false;
  auto end_word = [&] {
    if (word_tones >= 2) score -= 4;
    else if (word_marked) score += 1;
    word_tones = 0;
    word_marked = false;
  };
  size_t i = 0;
  while (i < text.size()) {
    UChar32 c = NextCodePoint(text, &i);
    if (c == 0xFFFD || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x80 && c <= 0x9F) ||
        (c >= 0x0300 && c <= 0x036F)) {
      score -= 4;
      end_word();
    } else if (u_isalpha(c)) {
      int t = tones(c);
      word_tones += t;
      word_marked |= t > 0 || vietnamese_only(c);
    } else {
      end_word();
    }
  }
  end_word();
  return score;
}

// uchardet knows Windows-1258 poorly and VISCII not at all: text it cannot
// place, or places in another single-byte encoding, is also read as those
// two, and the reading with clearly more Vietnamese letters (and nothing
// broken) wins. Text in other languages has no such letters and keeps the
// detector's answer.
std::string PreferVietnamese(std::string_view bytes, const std::string& detected) {
  std::string_view sample = bytes.substr(0, 64 << 10);
  std::string best = detected;
  auto score_of = [&](const std::string& enc) {
    if (enc.empty() || enc == "UTF-8" || enc == "ASCII" || enc == "utf-8") return VietnameseScore(RepairUtf8(sample).text.text());
    return VietnameseScore(ConvertLegacy(sample, enc).text.text());
  };
  double best_score = score_of(detected);
  for (const char* candidate : {"WINDOWS-1258", "VISCII"}) {
    double score = score_of(candidate);
    if (score > best_score + 10 && score > 0) {
      best = candidate;
      best_score = score;
    }
  }
  return best;
}

bool IsUtf8Label(std::string_view label) {
  std::string l = AsciiLower(label);
  return l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8";
}

// The encoding the WHATWG Encoding Standard reads a label as, where it
// differs from the label's own: the ISO-8859 sets and ASCII that browsers
// read as their Windows supersets (the bytes 0x80-0x9F are letters and
// punctuation there, control codes in the ISO sets).
std::string BrowserEncoding(std::string_view label) {
  std::string l = AsciiLower(label);
  for (const char* latin1 : {"iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "l1", "cp819", "ibm819",
                             "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100", "csisolatin1", "x-cp1252", "cp1252"}) {
    if (l == latin1) return "WINDOWS-1252";
  }
  for (const char* turkish : {"iso-8859-9", "iso8859-9", "iso_8859-9", "iso88599", "latin5", "l5", "csisolatin5"}) {
    if (l == turkish) return "WINDOWS-1254";
  }
  for (const char* thai : {"tis-620", "iso-8859-11", "iso8859-11", "iso885911", "dos-874"}) {
    if (l == thai) return "WINDOWS-874";
  }
  return std::string(label);
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
    // A declared charset is read as browsers read it (a page "in
    // ISO-8859-1" is Windows-1252, whose curly quotes and euro sign would
    // otherwise vanish); bytes declared UTF-8 that are not are detected
    // like undeclared ones: the declaration is the wrong one.
    std::string cs = hint.empty() || IsUtf8Label(hint) ? PreferVietnamese(body, Detect(body)) : BrowserEncoding(hint);
    // Mostly-UTF-8 text with a few bad bytes is still UTF-8: uchardet then
    // says "UTF-8" or nothing, and repairing keeps every good character.
    if (cs.empty() || cs == "UTF-8" || cs == "ASCII" || cs == "utf-8") {
      out = RepairUtf8(body);
    } else {
      out = ConvertLegacy(body, cs);
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

namespace {

// Offsets back to the input are 32-bit: one input (after gunzip) holds at
// most this many bytes, and a larger one is refused whole, with its name,
// rather than read with offsets that point at the wrong bytes.
constexpr uint64_t kMaxInputBytes = 0xFFFFFFFFull;

std::string TooLarge(const std::string& name) {
  return name + ": larger than 4 GiB, the most one input may hold; split it (a WARC by records, a feed by items)";
}

}  // namespace

Result<std::string> ReadFileBytes(const std::string& path, std::string* warning) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Fail(path + ": cannot open: " + std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  size_t n;
  bool too_large = false;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
    if (data.size() + n > kMaxInputBytes) {
      too_large = true;
      break;
    }
    data.append(buf, n);
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (too_large) return Fail(TooLarge(path));
  if (failed) return Fail(path + ": read error");
  return MaybeGunzip(std::move(data), path, warning);
}

Result<std::string> MaybeGunzip(std::string data, const std::string& name, std::string* warning) {
  auto is_member = [&](size_t at) {
    return at + 2 < data.size() && static_cast<unsigned char>(data[at]) == 0x1f &&
           static_cast<unsigned char>(data[at + 1]) == 0x8b && static_cast<unsigned char>(data[at + 2]) == 0x08;
  };
  if (data.size() < 2 || static_cast<unsigned char>(data[0]) != 0x1f ||
      static_cast<unsigned char>(data[1]) != 0x8b) {
    return data;
  }
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Fail(name + ": cannot start gzip reader");
  std::string out;
  size_t member_out = 0;  // where the current member's output begins
  size_t consumed = 0;    // input bytes handed to zlib so far
  int corrupt = 0;        // damaged members skipped
  bool resyncing = false; // looking for the next member after damage
  char buf[1 << 16];
  int rc = Z_OK;
  // zlib counts input in 32-bit units: a larger input is handed over in
  // pieces.
  auto feed = [&] {
    if (zs.avail_in == 0 && consumed < data.size()) {
      size_t piece = std::min<size_t>(data.size() - consumed, 1u << 30);
      zs.next_in = reinterpret_cast<Bytef*>(data.data() + consumed);
      zs.avail_in = static_cast<uInt>(piece);
      consumed += piece;
    }
  };
  auto position = [&] { return consumed - zs.avail_in; };
  feed();
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - zs.avail_out);
    if (out.size() > kMaxInputBytes) {
      inflateEnd(&zs);
      return Fail(TooLarge(name));
    }
    feed();
    if (rc == Z_OK) continue;
    if (rc == Z_STREAM_END) {
      resyncing = false;
      if (zs.avail_in == 0) break;
      // Concatenated gzip members (a .warc.gz holds one a record): go on
      // with the next one.
      inflateReset(&zs);
      member_out = out.size();
      continue;
    }
    if (rc == Z_DATA_ERROR || rc == Z_STREAM_ERROR) {
      // A damaged member: its partial output goes (half a record would
      // swallow the next), and reading resumes at the next member's
      // header when there is one.
      size_t next = position() + 1;
      while (next < data.size() && !is_member(next)) ++next;
      if (next >= data.size()) break;
      // Bytes inside the damage may look like a header: one damaged
      // stretch is counted once.
      if (!resyncing) ++corrupt;
      resyncing = true;
      out.resize(member_out);
      inflateReset(&zs);
      zs.next_in = reinterpret_cast<Bytef*>(data.data() + next);
      consumed = std::min(data.size(), next + (1u << 30));
      zs.avail_in = static_cast<uInt>(consumed - next);
      continue;
    }
    break;  // Z_BUF_ERROR with no input left: cut short
  }
  inflateEnd(&zs);
  std::string said;
  if (corrupt > 0) {
    said = std::to_string(corrupt) + " corrupt gzip member(s) skipped (a .warc.gz loses one record each)";
  }
  if (rc != Z_STREAM_END) {
    if (out.empty()) return Fail(name + ": not readable as gzip (truncated or corrupt)");
    if (!said.empty()) said += "; ";
    said += "truncated or corrupt gzip data at the end; kept the " + std::to_string(out.size()) + " bytes read";
  }
  if (warning && !said.empty()) *warning = said;
  return out;
}

}  // namespace storyloom
