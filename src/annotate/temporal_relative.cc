// Spans counted from the DCT or from the date told before: "two weeks ago",
// "two days later", "sáu tháng nữa".
#include "annotate/temporal_scanner.h"

namespace storyloom::temporal {

// "two weeks ago", "3 ngày trước", "hace tres días": that long before the
// DCT. "two days later", "sepekan kemudian", "بعد يومين": that long after
// the date mentioned before; "three days earlier", "sehari sebelumnya":
// that long before it. A unit may carry its number ("يومين", "sepekan").
bool Scanner::ParseAgo(size_t i, Core* c, size_t* end) {
  size_t j = i, len = 0;
  // "selama dua tahun yang lalu", "trong 3 ngày tới": a duration.
  if (i > 0 && toks_[i - 1].kind == kWordTok) {
    const Lex* before = SingleLex(i - 1);
    if (before != nullptr && before->Has(kSpanBefore)) return false;
  }
  if (LexAt(j, kApprox, &len)) j += len;  // "almost a month later"
  const bool ago_before = LexAt(j, kAgoBefore, &len);
  const bool later_before = !ago_before && LexAt(j, kLaterBefore, &len);
  if (ago_before || later_before) j += len;
  if (LexAt(j, kApprox, &len)) j += len;  // "قبل نحو أسبوع"
  int count = 0;
  const Lex* unit = nullptr;
  if (Num(j, 3)) {
    count = toks_[j].num;
    ++j;
    unit = SingleLex(j);
    ++j;
  } else if (const Lex* l = SingleLex(j); l && l->Has(kNumber) && !l->Has(kUnit)) {
    count = l->ordinal;
    ++j;
    unit = SingleLex(j);
    ++j;
  } else if (l && l->Has(kUnit) && l->count != 0) {
    // Not "قبل يوم الثلاثاء" (before Tuesday): a date follows the word.
    size_t wl = 0;
    const Lex* next = Lookup(j + 1, &wl);
    if (Num(j + 1, 4) || (next != nullptr && (next->Has(kWeekday) || next->Has(kMonth)))) return false;
    count = l->count;  // "sepekan kemudian", "قبل أسبوع"
    unit = l;
    ++j;
  } else {
    return false;
  }
  if (count < 1 || count > 100 || unit == nullptr || !unit->Has(kUnit)) return false;
  int sign = 0;
  bool anchored = false;
  if (ago_before || later_before) {
    sign = ago_before ? -1 : 1;
    anchored = later_before;
  } else if (LexAt(j, kAgoAfter, &len)) {
    sign = -1;
  } else if (LexAt(j, kLaterAfter, &len) || LexAt(j, kLaterPrep, &len)) {
    // "hai ngày sau," is later; "một tháng sau Brexit" is after Brexit.
    const Lex* l = Lookup(j, &len);
    if (!l->Has(kLaterAfter) && j + len < n() && toks_[j + len].kind == kWordTok) return false;
    sign = 1;
    anchored = true;
  } else if (LexAt(j, kEarlierAfter, &len)) {
    sign = -1;
    anchored = true;
  } else if (LexAt(j, kHenceAfter, &len)) {
    sign = 1;  // "sáu tháng nữa", "two weeks from now"
  } else {
    return false;
  }
  if (!(ago_before || later_before)) j += len;
  if (later_before) {
    // "بعد عام من استفتاء": a year after an event the text does not date.
    size_t k = j, jl = 0;
    if (LexAt(k, kApprox, &jl)) k += jl;  // "بعد ستة أشهر فقط من"
    if (LexAt(k, kDayMonthJoin, &jl)) return false;  // but "بعد يومين من ذلك" (a later_after phrase)
  }
  *c = Core{};
  c->kind = Core::kRelUnitRef;
  c->unit = unit->unit;
  c->offset = sign * count;
  c->anchored = anchored;
  *end = j;
  return true;
}

}  // namespace storyloom::temporal
