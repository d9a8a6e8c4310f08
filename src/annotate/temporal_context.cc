// The text around an expression: where lines and sentences end, and the
// clocks and header time stamps that tell a repeated DCT from a date.
#include "annotate/temporal_scanner.h"

#include "base/utf8.h"

namespace storyloom::temporal {

// A four-digit time of day on the 24-hour clock followed by a time zone
// or "hrs" (wire copy's "1130 GMT"): no year.
bool Scanner::ClockTime(size_t i) const {
  int v = toks_[i].num;
  if (v / 100 > 23 || v % 100 > 59 || i + 1 >= n() || toks_[i + 1].kind != kWordTok) return false;
  return ClockWord(Fold(i + 1), /*am_pm=*/false);
}

// A time zone or a word of the clock after a time ("GMT", "WIB", "hrs"),
// and "am"/"pm" when `am_pm` ("1:56 am"; but "in 2012 a law" has no clock).
bool Scanner::ClockWord(std::string_view w, bool am_pm) {
  static constexpr std::string_view kWords[] = {"gmt", "utc", "z",   "est", "edt", "cst", "cdt",  "mst",  "mdt",
                                                "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "wib", "wita",
                                                "wit", "ist", "hrs", "hours", "h"};
  for (std::string_view z : kWords) {
    if (w == z) return true;
  }
  return am_pm && (w == "am" || w == "pm" || w == "a" || w == "p");
}

// A time stamp's clock at token i: "1:56 am BST", "11:14 GMT", "5:08 pm".
bool Scanner::StampClock(size_t i) const {
  if (!Num(i, 2) || !(Punct(i + 1, ':') || Punct(i + 1, '.')) || !Glued(i + 1) || !Num(i + 2, 2) || !Glued(i + 2)) {
    return false;
  }
  if (i + 3 >= n() || toks_[i + 3].kind != kWordTok) return false;
  const std::string_view w = Fold(i + 3);
  return w != "h" && ClockWord(w, /*am_pm=*/true);
}

// A header's time stamp beside the expression ("Sun May 29 , 2011 1:56 am
// BST", "Page last updated at 11:14 GMT , Thursday , 3 February 2011"): a
// clock with its zone or am/pm within a few tokens, commas aside.
bool Scanner::BesideStamp(size_t begin, size_t end) const {
  auto commas = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      if (!Punct(k, ',')) return false;
    }
    return true;
  };
  for (size_t k = end; k < n() && k <= end + 1; ++k) {
    if (StampClock(k) && commas(end, k)) return true;
  }
  for (size_t back = 4; back <= 5 && back <= begin; ++back) {
    if (StampClock(begin - back) && commas(begin - back + 4, begin)) return true;
  }
  return false;
}

// Token i is the first of its line.
bool Scanner::LineStart(size_t i) const {
  const size_t from = i == 0 ? 0 : toks_[i - 1].end;
  return i == 0 || text_.substr(from, toks_[i].start - from).find('\n') != std::string_view::npos;
}

// Token k ends a sentence: ".", "!", "?", "؟", but not the dot of "a.m."
// or "U.S.", nor one a lower-case word follows.
bool Scanner::SentenceEnd(size_t k) const {
  const Tok& t = toks_[k];
  if (t.kind != kPunctTok || !(t.ch == '.' || t.ch == '!' || t.ch == '?' || t.ch == 0x061F)) return false;
  if (t.ch == '.' && k > 0 && Glued(k) && toks_[k - 1].kind == kWordTok && CodePoints(Fold(k - 1)) <= 2) {
    return false;
  }
  return !(t.ch == '.' && k + 1 < n() && toks_[k + 1].kind == kWordTok && toks_[k + 1].lower);
}

}  // namespace storyloom::temporal
