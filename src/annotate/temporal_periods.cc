// Periods longer than a year: decades ("1980s", "những năm 1980") and
// centuries ("thế kỷ 19", "القرن التاسع عشر").
#include "annotate/temporal_scanner.h"

#include <string>

namespace storyloom::temporal {

// A decade: "1980s", "1980's", "1980-an", or after a decade word ("những
// năm 1980", `worded`) a bare first year.
bool Scanner::ParseDecade(size_t i, bool worded, Core* c, size_t* end) {
  // "thập niên 90", "những năm 90": the 1990s.
  const bool two_digit = worded && Num(i, 2) && toks_[i].ndig == 2 && toks_[i].num % 10 == 0 &&
                         !(i + 1 < n() && Glued(i + 1) && toks_[i + 1].kind != kPunctTok);
  if (!two_digit &&
      (!Num(i, 4) || toks_[i].ndig != 4 || toks_[i].num % 10 != 0 || toks_[i].num < 1000 || toks_[i].num > 2090)) {
    return false;
  }
  size_t j = i + 1;
  auto suffix = [&](size_t k, std::string_view word) {
    return k < n() && Glued(k) && toks_[k].kind == kWordTok && Fold(k) == word;
  };
  // The language's decade suffix, glued or after "'" or "-": "1980s",
  // "1980's", "1980-an", "1980an".
  bool suffixed = false;
  for (const std::string& sfx : table_.decade_suffixes) {
    if (suffix(j, sfx)) {
      j += 1;
    } else if ((Punct(j, '\'') || Punct(j, 0x2019) || IsDash(j)) && Glued(j) && suffix(j + 1, sfx)) {
      j += 2;
    } else {
      continue;
    }
    suffixed = true;
    break;
  }
  if (!suffixed && !worded) return false;
  *c = Core{};
  c->decade = two_digit ? (toks_[i].num <= 20 ? 2000 : 1900) + toks_[i].num : toks_[i].num;
  *end = j;
  return true;
}

// A century's number after its word: "thế kỷ 19", "thế kỷ XIX" (a roman
// numeral listed as an ordinal), "القرن التاسع عشر", "abad ke-19".
bool Scanner::ParseCentury(size_t i, Core* c, size_t* end) {
  size_t j = i, len = 0;
  if (IsDash(j) && Glued(j)) ++j;
  int v = 0;
  if (Num(j, 2)) {
    v = toks_[j].num;
    ++j;
  } else if (const Lex* l = Lookup(j, &len); l != nullptr && l->Has(kOrdinal)) {
    v = l->ordinal;
    j += len;
  }
  if (v < 1 || v > 21) return false;
  *c = Core{};
  c->century = v;
  *end = j;
  // "thế kỷ 15- 16", "thế kỷ 11 -14": a range of centuries.
  if (IsDash(j) && Num(j + 1, 2) && toks_[j + 1].num > v && toks_[j + 1].num <= 21) {
    Core last;
    last.century = toks_[j + 1].num;
    PendRange(last, j + 2);
  }
  return true;
}

}  // namespace storyloom::temporal
