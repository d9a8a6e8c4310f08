// Small UTF-8 helpers over ICU's macros, shared by every stage that reads text.
#ifndef STORYLOOM_BASE_UTF8_H_
#define STORYLOOM_BASE_UTF8_H_

#include <unicode/utf8.h>

#include <string>
#include <string_view>

namespace storyloom {

inline void AppendUtf8(std::string* out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out->append(buf, static_cast<size_t>(len));
}

// Code points in a UTF-8 string (bytes that do not continue one).
inline size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Decodes the code point at text[*i] and advances *i; invalid bytes give U+FFFD.
inline UChar32 NextCodePoint(std::string_view text, size_t* i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(*i);
  U8_NEXT(text.data(), pos, static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(pos);
  return c < 0 ? 0xFFFD : c;
}

// The code point ending just before text[i] (0 at the start).
inline UChar32 PrevCodePoint(std::string_view text, size_t i) {
  if (i == 0) return 0;
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_PREV(text.data(), 0, pos, c);
  return c < 0 ? 0xFFFD : c;
}

// A-Z to a-z, every other byte as it is (UTF-8 untouched): tag and
// attribute names, header fields, class words, English keywords.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Runs of white space (U+00A0 included) to one space, ends trimmed: a
// title, a name, a metadata value on one line.
inline std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace storyloom

#endif  // STORYLOOM_BASE_UTF8_H_
