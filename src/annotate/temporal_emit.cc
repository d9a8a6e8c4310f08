// Emitting an expression: its value resolved against the DCT or the date
// told before, and what it leaves for the expressions after it.
#include "annotate/temporal_scanner.h"

#include <algorithm>
#include <climits>
#include <string>
#include <utility>

namespace storyloom::temporal {

// A range word ("until", "حتى") just before `begin`, with the previous
// expression in the same sentence.
bool Scanner::UntilBefore(size_t begin) {
  if (last_end_ == 0 || last_end_ > begin) return false;
  for (size_t k = last_end_; k < begin; ++k) {
    if (SentenceEnd(k)) return false;
  }
  size_t len = 0;
  for (size_t k = begin >= 2 ? begin - 2 : 0; k <= begin && k < n(); ++k) {
    if (LexAt(k, kRangeTo, &len)) return true;
  }
  return false;
}

void Scanner::Emit(size_t begin, size_t end, const Core& a, const Core* b, int tense,
                   std::vector<TimeExpression>* out) {
  if (tense == 0) tense = TenseAt(begin, end);
  Resolved ra, rb;
  Core first = a;
  // "... 19 April ... until 1 June": a yearless date after "until" follows
  // the date before it in the same sentence.
  if (first.kind == Core::kAbsolute && !HasYear(first) && first.m != 0 && last_.y > 0 && UntilBefore(begin)) {
    const bool before = first.m < last_.m || (first.m == last_.m && first.d != 0 && first.d < last_.d);
    first.y = before ? last_.y + 1 : last_.y;
  }
  // "last December" is the last one before the document's month, "next
  // March" the first after it, "this June" the document year's; so for a
  // day ("ngày 5/3 tới": the next 5 March).
  if (first.kind == Core::kAbsolute && first.season == 0 && first.mode != INT_MIN && !HasYear(first) &&
      first.m != 0 && dct_.has) {
    if (first.d == 0) {
      first.y = first.mode < 0   ? (first.m < dct_.day.m ? dct_.day.y : dct_.day.y - 1)
                : first.mode > 0 ? (first.m > dct_.day.m ? dct_.day.y : dct_.day.y + 1)
                                 : dct_.day.y;
    } else {
      int y = dct_.day.y;
      auto days = [&](int year) { return DaysFromCivil(year, first.m, std::min(first.d, DaysInMonth(year, first.m))); };
      if (first.mode > 0 && days(y) <= dct_.days) ++y;
      if (first.mode < 0 && days(y) >= dct_.days) --y;
      first.y = y;
    }
  }
  // "the autumn" with no DCT: the year last told ("in mid-2022 ... in the autumn").
  if (first.season != 0 && first.y == 0 && !dct_.has && last_.y > 0) first.y = last_.y;
  // "two days later", "hôm sau": from the date mentioned before, else the
  // DCT; a year told ("in 1975 ... 50 years later") anchors years only, a
  // month months and years.
  const int need = first.kind == Core::kRelUnitRef && first.unit == kYear         ? 2
                   : first.kind == Core::kRelUnitRef && first.unit == kMonthUnit ? 1
                                                                                  : 0;
  const bool anchor_fits = anchor_.has && anchor_granularity_ <= need;
  // "60 years later" with no year told before: no date ("she survived,
  // emigrated and, 60 years later, ..." is not the document date + 60).
  if (first.anchored && !anchor_fits && first.kind == Core::kRelUnitRef && first.unit == kYear) return;
  const Dct& from = first.anchored && anchor_fits ? anchor_ : dct_;
  if (first.same_period) {
    // The period told before ("quý 3/2013"), in the year given or a year earlier.
    std::string period = last_period_.empty() ? (dct_.has ? std::to_string(dct_.day.y) : "") : last_period_;
    if (period.size() < 4 || period[0] == 'X') return;
    const int year = first.y != 0 ? first.y : std::stoi(period.substr(0, 4)) - 1;
    if (period.size() >= 10) period = period.substr(0, 7);  // a day's period is its month
    ra.value = std::to_string(year) + period.substr(4);
  } else if (!ResolveCore(first, from, tense, &ra)) {
    return;
  }
  // The document date repeated in a header's time stamp is no mention (but
  // "at about 04:00 BST on Saturday" is).
  size_t tl = 0;
  if (dct_.has && ra.value.size() == 10 && ParseIsoDay(ra.value, &stamp_day_) && DaysOf(stamp_day_) == dct_.days &&
      b == nullptr && !LexAt(begin, kTrigger, &tl) && BesideStamp(begin, end)) {
    return;
  }
  if (a.kind == Core::kAbsolute && a.quarter == 0 && a.half == 0 && a.season == 0 && ra.value.size() == 4 &&
      ra.value[0] != 'X') {
    last_ = Ymd{std::stoi(ra.value), 0, 0};  // a year: "in mid-2022 ... in the autumn"
    last_end_ = end;
  } else if (a.kind == Core::kAbsolute && a.quarter == 0 && ra.value.size() >= 7 && ra.value[0] != 'X' &&
      ra.value[5] >= '0' && ra.value[5] <= '9') {
    last_ = Ymd{std::stoi(ra.value.substr(0, 4)), std::stoi(ra.value.substr(5, 2)),
                ra.value.size() >= 10 ? std::stoi(ra.value.substr(8, 2)) : 0};
    last_end_ = end;
  }
  if (((a.kind == Core::kAbsolute && !a.same_period && a.season == 0 && a.decade == 0 && a.century == 0) ||
       (a.kind == Core::kRelUnitRef && a.unit != kDay)) &&
      b == nullptr && ra.value.size() >= 4 && ra.value[0] != 'X') {
    last_period_ = ra.value;  // for "cùng kỳ" ("tháng trước ... so với cùng kỳ năm ngoái")
  }
  // A date anchors what comes after it ("... on 5 March. Two days later").
  if (b == nullptr && ra.value.size() >= 4 && ra.value[0] != 'X' && a.quarter == 0 && a.half == 0 &&
      a.season == 0 && a.decade == 0 && a.century == 0) {
    Ymd day;
    int granularity = -1;
    if (ra.value.size() == 10 && ParseIsoDay(ra.value, &day)) {
      granularity = 0;
    } else if (ra.value.size() == 7 && ra.value[4] == '-' && ParseIsoDay(ra.value + "-01", &day)) {
      granularity = 1;
    } else if (ra.value.size() == 4 && ParseIsoDay(ra.value + "-01-01", &day)) {
      granularity = 2;
    }
    if (granularity >= 0) {
      anchor_.has = true;
      anchor_.day = day;
      anchor_.days = DaysOf(day);
      anchor_granularity_ = granularity;
    }
  }
  Core bb;
  if (b != nullptr) {
    bb = *b;
    // A range's end without a year follows its start.
    if (!HasYear(bb) && a.kind == Core::kAbsolute && ra.value.size() >= 4 && ra.value[0] != 'X') {
      const int ya = std::stoi(ra.value.substr(0, 4));
      bb.y = (bb.m < a.m || (bb.m == a.m && bb.d < a.d)) ? ya + 1 : ya;
      bb.year_rel = false;
    }
  }
  if (b != nullptr && ResolveCore(bb, dct_, tense, &rb)) {
    ra.value += "/" + rb.value;
    ra.year_unknown = ra.year_unknown || rb.year_unknown;
  }
  TimeExpression e;
  e.span = Span{toks_[begin].start, toks_[end - 1].end};
  e.text = std::string(text_.substr(e.span.start, e.span.size()));
  e.value = std::move(ra.value);
  e.year_unknown = ra.year_unknown;
  e.relative = ra.relative;
  out->push_back(std::move(e));
}

}  // namespace storyloom::temporal
