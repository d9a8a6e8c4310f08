#include "text/arabic.h"

#include "base/utf8.h"

namespace storyloom {

namespace {

template <typename F>
std::string MapCodePoints(std::string_view text, F f) {
  std::string out;
  out.reserve(text.size());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    c = f(c);
    if (c >= 0) AppendUtf8(&out, c);
  }
  return out;
}

}  // namespace

std::string FoldArabic(std::string_view word) {
  bool arabic = false;
  for (unsigned char ch : word) {
    if (ch == 0xD8 || ch == 0xD9 || ch == 0xDA || ch == 0xDB) { arabic = true; break; }
  }
  if (!arabic) return std::string(word);
  return MapCodePoints(word, [](UChar32 c) -> UChar32 {
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) return -1;  // harakat, tatweel
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // alef forms
      case 0x0649: return 0x064A;  // alef maqsura -> yeh
      case 0x0629: return 0x0647;  // teh marbuta -> heh
      case 0x0624: return 0x0648;  // waw with hamza
      case 0x0626: return 0x064A;  // yeh with hamza
      case 0x06CC: return 0x064A;  // Farsi yeh
      case 0x06A9: return 0x0643;  // keheh
      default: return c;
    }
  });
}

std::string AsciiDigits(std::string_view text) {
  return MapCodePoints(text, [](UChar32 c) -> UChar32 {
    if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
    return c;
  });
}

}  // namespace storyloom
