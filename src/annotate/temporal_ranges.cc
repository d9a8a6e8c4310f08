// Ranges: a range of years parsed whole, a range's end left pending by a
// parse, and "A to B" joined by a connector.
#include "annotate/temporal_scanner.h"

namespace storyloom::temporal {

// A range of years after a year word or a trigger: "năm học 2013-2014",
// "nhiệm kỳ 2013 – 2018", "từ 2009-2013".
bool Scanner::YearRange(size_t k, Core* c, size_t* end) {
  if (!(Num(k, 4) && toks_[k].ndig == 4 && IsDash(k + 1) && Num(k + 2, 4) && toks_[k + 2].ndig == 4 &&
        toks_[k].num >= 1000 && toks_[k + 2].num > toks_[k].num && toks_[k + 2].num <= toks_[k].num + 100)) {
    return false;
  }
  *c = Core{};
  c->y = toks_[k].num;
  Core last;
  last.y = toks_[k + 2].num;
  PendRange(last, k + 3);
  *end = k + 1;
  return true;
}

// A parse that found a whole range at once ("2013-2014", "3-5 March")
// leaves its end here for TryRange, which the caller asks next.
void Scanner::PendRange(const Core& last, size_t end) {
  range_pending_ = last;
  range_end_ = end;
}

// "A to B", "A - B", "từ A đến B": B follows a connector, or a parse left
// it pending.
bool Scanner::TryRange(size_t j, Core* a, Core* b, size_t* end) {
  if (range_end_ != 0) {
    *b = range_pending_;
    *end = range_end_;
    range_end_ = 0;
    return true;
  }
  size_t k = j, len = 0;
  bool coord = false;
  if (IsDash(k)) ++k;
  else if (LexAt(k, kRangeTo, &len)) k += len;
  else if (a->d != 0 && LexAt(k, kCoord, &len)) k += len, coord = true;  // "Jan. 11 and 12"
  else return false;
  for (int hops = 0; hops < 2 && LexAt(k, kTrigger, &len); ++hops) k += len;
  size_t e = 0;
  if (a->d != 0 && Num(k, 2) && toks_[k].num > a->d && toks_[k].num <= DaysInMonth(a->y ? a->y : 2000, a->m) &&
      !(IsSep(k + 1) && Glued(k + 1) && Num(k + 2, 9)) && !Punct(k + 1, ':') && !(k + 1 < n() && toks_[k + 1].kind == kWordTok &&
                                                                  LexAt(k + 1, kMonth, &len))) {
    *b = *a;  // "March 15 to 17"
    b->d = toks_[k].num;
    *end = k + 1;
    return true;
  }
  if (coord) return false;
  range_end_part_ = true;  // "30/4 - 1/5": the end may look like a fraction
  const bool parsed = ParseDate(k, true, b, &e);
  range_end_part_ = false;
  if (!parsed) {
    int y = 0;
    size_t yl = 0;
    if (a->m != 0 || a->y == 0) return false;
    if (LexAt(k, kYearWord, &yl)) k += yl;
    if (!ParseYear(k, &y, &e)) return false;
    *b = Core{};
    b->y = y;
  }
  // "từ năm 2004 đến tháng 9/2013": a range may change granularity when both ends carry a year.
  const bool both_years = a->y != 0 && b->y != 0 && !a->year_rel && !b->year_rel;
  if (!both_years && ((a->d != 0) != (b->d != 0) || (a->m != 0) != (b->m != 0))) return false;
  if (!HasYear(*a) && HasYear(*b)) {
    // "from March to May last year": the start takes the end's year (an
    // offset from the DCT's, when that is how the end gives it).
    a->y = (a->m <= b->m) ? b->y : b->y - 1;
    a->year_rel = b->year_rel;
  }
  *end = e;
  return true;
}

}  // namespace storyloom::temporal
