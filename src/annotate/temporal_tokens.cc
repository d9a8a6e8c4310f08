#include "annotate/temporal_tokens.h"

#include <algorithm>

namespace storyloom::temporal {

void Tokenize(std::string_view text, const CharTable& chars, bool keep_marks, std::vector<Tok>* toks,
              std::string* arena) {
  size_t i = 0;
  bool space = false;
  while (i < text.size()) {
    size_t start = i;
    char32_t c = DecodeUtf8(text, &i);
    CharClass k = chars.Class(c);
    if (k == kSpace || k == kNewline) {
      space = true;
      continue;
    }
    Tok t;
    t.start = static_cast<uint32_t>(start);
    t.space = space;
    space = false;
    if (k == kDigit) {
      t.kind = kNumTok;
      int64_t v = chars.DigitValue(c);
      int nd = 1;
      while (i < text.size()) {
        size_t j = i;
        char32_t c2 = DecodeUtf8(text, &j);
        if (chars.Class(c2) != kDigit) break;
        if (nd < 9) v = v * 10 + chars.DigitValue(c2);
        ++nd;
        i = j;
      }
      t.num = static_cast<int32_t>(v);
      t.ndig = static_cast<uint8_t>(std::min(nd, 255));
    } else if (k == kLetter || k == kMark) {
      t.kind = kWordTok;
      t.upper = chars.IsUpper(c);
      t.lower = chars.IsLower(c);
      t.fold_off = static_cast<uint32_t>(arena->size());
      char32_t f = chars.Fold(c, keep_marks);
      if (f) AppendUtf8(f, arena);
      while (i < text.size()) {
        size_t j = i;
        char32_t c2 = DecodeUtf8(text, &j);
        CharClass k2 = chars.Class(c2);
        if (k2 != kLetter && k2 != kMark) break;
        char32_t f2 = chars.Fold(c2, keep_marks);
        if (f2) AppendUtf8(f2, arena);
        i = j;
      }
      t.fold_len = static_cast<uint32_t>(arena->size() - t.fold_off);
    } else {
      t.ch = c;
    }
    t.end = static_cast<uint32_t>(i);
    toks->push_back(t);
  }
}

}  // namespace storyloom::temporal
