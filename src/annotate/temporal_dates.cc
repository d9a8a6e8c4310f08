// Absolute dates: years, months (named or numbered), a day before or after
// its month, numeric dates, and weekdays with a date or a modifier.
#include "annotate/temporal_scanner.h"

#include <algorithm>
#include <climits>
#include <utility>

namespace storyloom::temporal {

// A 4-digit year, with an optional suffix word ("года").
bool Scanner::ParseYear(size_t i, int* y, size_t* end) {
  if (!Num(i, 4) || toks_[i].ndig != 4 || toks_[i].num < 1000 || toks_[i].num > 2199) return false;
  if (IsSep(i + 1) && Glued(i + 1) && i + 2 < n() && toks_[i + 2].kind != kPunctTok && Glued(i + 2)) {
    return false;  // "2023-24", "1920-an"
  }
  if (Punct(i + 1, ':') && Glued(i + 1) && Num(i + 2, 2) && Glued(i + 2)) return false;  // a clock, not "năm 2016:"
  if (ClockTime(i)) return false;  // "1130 GMT", "1815 hrs"
  *y = toks_[i].num;
  *end = i + 1;
  size_t len = 0;
  if (LexAt(*end, kYearSuffix, &len)) *end += len;
  if (Punct(*end, '.') && Glued(*end) && *end > i + 1) ++*end;  // "2012 г."
  return true;
}

// A month: a name (with an optional "." and "/" alternative name) or a
// month word with its number ("tháng 7", "tháng 7/2023"). `weak` when the
// name cannot stand alone (abbreviated).
bool Scanner::ParseMonth(size_t i, int* m, int* y, bool* weak, size_t* end) {
  size_t len = 0;
  const Lex* l = Lookup(i, &len);
  if (l == nullptr) return false;
  if (l->Has(kMonth)) {
    if (l->Has(kAmbiguous) && toks_[i].lower) return false;
    // "tháng năm 2013": "năm" is the year word before 2013 (nine months of
    // 2013, "9 tháng năm 2013"), not May.
    if (len > 1 && Num(i + len, 4)) {
      const Lex* head = SingleLex(i);
      const Lex* tail = SingleLex(i + len - 1);
      if (head != nullptr && head->Has(kMonthWord) && tail != nullptr && tail->Has(kYearWord)) return false;
    }
    *m = l->month;
    *weak = l->abbreviated || l->Has(kAmbiguous);
    size_t j = i + len;
    if (Punct(j, '.') && Glued(j) && Num(j + 1, 4)) ++j;  // "Sept. 19"
    size_t alt_len = 0;
    if (Punct(j, '/')) {
      const Lex* alt = Lookup(j + 1, &alt_len);
      if (alt && alt->Has(kMonth) && alt->month == *m) j += 1 + alt_len;
    }
    *end = j;
    return true;
  }
  if (l->Has(kMonthWord) && Num(i + len, 2) && toks_[i + len].num >= 1 && toks_[i + len].num <= 12) {
    size_t j = i + len;
    if (IsSep(j + 1) && Glued(j + 1) && Num(j + 2, 9) && Glued(j + 2) &&
        (toks_[j + 1].ch != '.' || toks_[j + 2].ndig == 4)) {  // "tháng 7/2023", "tháng 1.2013"
      size_t e = 0;
      if (!ParseYear(j + 2, y, &e)) return false;  // "tháng 3/4": not a month
      *m = toks_[j].num;
      *weak = false;
      *end = e;
      return true;
    }
    if (Punct(j + 1, ':') || Punct(j + 1, '%')) return false;
    *m = toks_[j].num;
    *weak = false;
    *end = j + 1;
    return true;
  }
  return false;
}

// A year relative to the DCT at token j ("năm ngoái", "tahun ini", "العام
// الماضي"): c's year becomes that offset.
bool Scanner::RelYearAt(size_t j, Core* c, size_t* end) {
  size_t len = 0;
  const Lex* l = Lookup(j, &len);
  if (l == nullptr || !l->Has(kRelUnit) || l->unit != kYear) return false;
  c->y = l->offset;
  c->year_rel = true;
  *end = j + len;
  return true;
}

// After a month: ", 2023", " de 2023", " năm 2023", " 2023", "năm nay",
// "من العام الجاري" (a join, then a relative year).
void Scanner::OptionalYear(size_t j, Core* c, size_t* end) {
  size_t k = j, len = 0;
  if (RelYearAt(j, c, end)) return;
  if (const Lex* one = SingleLex(j);
      one != nullptr && (one->Has(kDayMonthJoin) || one->Has(kMonthYearJoin)) && RelYearAt(j + 1, c, end)) {
    return;
  }
  if (Punct(k, ',')) ++k;
  else if (LexAt(k, kMonthYearJoin, &len) || LexAt(k, kYearWord, &len)) k += len;
  size_t e = 0;
  int y = 0;
  if (ParseYear(k, &y, &e)) {
    c->y = y;
    *end = e;
  }
}

// A day number, or an ordinal word, followed by a month.
bool Scanner::ParseDayMonth(size_t i, Core* c, size_t* end) {
  int d = 0;
  size_t j = i, len = 0;
  if (Num(i, 2)) {
    d = toks_[i].num;
    j = i + 1;
    if (Punct(j, ':') || (IsSep(j) && Glued(j) && Num(j + 1, 9) && Glued(j + 1))) return false;
    if (LexAt(j, kOrdSuffix, &len) && Glued(j)) j += len;
    else if (Punct(j, '.') && Glued(j)) ++j;
  } else if (const Lex* l = Lookup(i, &len); l && l->Has(kOrdinal)) {
    d = l->ordinal;
    j = i + len;
  } else {
    return false;
  }
  if (d < 1 || d > 31) return false;
  const bool joined = LexAt(j, kDayMonthJoin, &len);
  if (joined) j += len;
  int m = 0, y = 0;
  bool weak = false;
  size_t e = 0;
  if (const Lex* ref = Lookup(j, &len);
      joined && dct_.has && ref != nullptr &&
      (ref->Has(kMonthRef) || (ref->Has(kRelUnit) && ref->unit == kMonthUnit))) {
    // "الحادي والعشرين من الشهر (الجاري)": a day of the document's month.
    const int months = dct_.day.y * 12 + dct_.day.m - 1 + (ref->Has(kRelUnit) ? ref->offset : 0);
    *c = Core{};
    c->y = months / 12;
    c->m = months % 12 + 1;
    c->d = d;
    *end = j + len;
    return d <= DaysInMonth(c->y, c->m);
  }
  if (!ParseMonth(j, &m, &y, &weak, &e)) return false;
  *c = Core{};
  c->m = m;
  c->d = d;
  c->y = y;
  *end = e;
  if (y == 0) OptionalYear(e, c, end);
  return d <= DaysInMonth(c->y ? c->y : 2000, m);
}

// A month first: "March 14, 2025", "Sept. 19, 2010", "July 2023", "March".
bool Scanner::ParseMonthFirst(size_t i, bool triggered, Core* c, size_t* end) {
  int m = 0, y = 0;
  bool weak = false;
  size_t e = 0;
  if (!ParseMonth(i, &m, &y, &weak, &e)) return false;
  *c = Core{};
  c->m = m;
  c->y = y;
  *end = e;
  if (y != 0) return true;
  const bool named = toks_[i].kind == kWordTok && !LexAt(i, kMonthWord, &e);
  size_t j = *end;
  if (named && Num(j, 2) && toks_[j].num >= 1 && toks_[j].num <= 31 && !Punct(j + 1, ':') &&
      !(IsSep(j + 1) && Glued(j + 1) && Num(j + 2, 9))) {
    c->d = toks_[j].num;
    size_t k = j + 1, len = 0;
    if (LexAt(k, kOrdSuffix, &len) && Glued(k)) k += len;
    *end = k;
    OptionalYear(k, c, end);
    return c->d <= DaysInMonth(c->y ? c->y : 2000, m);
  }
  OptionalYear(j, c, end);
  if (c->y != 0) return true;
  return !weak || triggered;
}

// Numeric dates: D/M/Y (M/D/Y), Y-M-D, and D/M or M/Y only when triggered.
bool Scanner::ParseNumeric(size_t i, bool triggered, Core* c, size_t* end) {
  if (!Num(i, 4) || !IsSep(i + 1) || !Glued(i + 1) || !Num(i + 2, 4) || !Glued(i + 2)) return false;
  if (!range_end_part_ && i >= 2 && Glued(i) && IsSep(i - 1) && toks_[i - 2].kind == kNumTok) return false;
  const char32_t sep = toks_[i + 1].ch;
  int a = toks_[i].num, b = toks_[i + 2].num, cc = -1;
  int na = toks_[i].ndig, nb = toks_[i + 2].ndig, nc = 0;
  size_t j = i + 3;
  if (Punct(j, sep) && Glued(j) && Num(j + 1, 4) && Glued(j + 1)) {
    cc = toks_[j + 1].num;
    nc = toks_[j + 1].ndig;
    j += 2;
  }
  // Longer runs (phone numbers, versions, scores with more parts) and times.
  if ((IsSep(j) || Punct(j, ':') || Punct(j, ',')) && Glued(j) && Num(j + 1, 9) && Glued(j + 1)) return false;
  if (Punct(j, '%') || (Punct(j, ':') && Glued(j) && Num(j + 1, 2))) return false;  // "1/11:" ends a clause
  *c = Core{};
  auto valid = [](int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); };
  if (cc >= 0) {
    if (na == 4 && nb <= 2 && nc <= 2) {
      if (!valid(a, b, cc)) return false;
      *c = Core{Core::kAbsolute, a, b, cc};
    } else if ((nc == 4 || (nc == 2 && sep == '/')) && na <= 2 && nb <= 2) {
      if (nc == 2) cc += cc <= 49 ? 2000 : 1900;  // "12/4/18"
      int d = a, m = b;
      if (table_.month_first) std::swap(d, m);
      if (!valid(cc, m, d)) std::swap(d, m);
      if (!valid(cc, m, d)) return false;
      *c = Core{Core::kAbsolute, cc, m, d};
    } else {
      return false;
    }
  } else {
    // "15/3" stands alone where the language writes days so (vi), but not
    // a fraction-like "1/3" or "3/4".
    const bool bare = table_.bare_dm && sep == '/' && na <= 2 && nb <= 2 && (na == 2 || nb == 2 || a > b) &&
                      !(i > 0 && toks_[i - 1].kind == kNumTok);
    // "sáng 21.10" where the language writes days so, but not "trong 1.5 năm".
    size_t ul = 0;
    const bool dotted = sep == '.' && table_.dot_dm && triggered && na <= 2 && nb <= 2 &&
                        !(j < n() && LexAt(j, kUnit, &ul)) && !Punct(j, '%');
    if ((!triggered && !bare) || (sep == '.' && !dotted) || (sep == '-' && !table_.dash_dm)) return false;
    // "trong 1/3 thời gian": a fraction, unless a day word comes before it.
    if (na == 1 && nb == 1 && a < b && !range_end_part_ && !(i > 0 && LexAt(i - 1, kDayTrigger, &ul))) return false;
    if (na <= 2 && nb == 4) {
      if (a < 1 || a > 12) return false;
      *c = Core{Core::kAbsolute, b, a, 0};
    } else if (na <= 2 && nb <= 2) {
      int d = a, m = b;
      if (table_.month_first) std::swap(d, m);
      if (!valid(2000, m, d)) return false;
      *c = Core{Core::kAbsolute, 0, m, d};
    } else {
      return false;
    }
  }
  *end = j;
  if (c->y == 0 && c->d != 0) RelYearAt(j, c, end);  // "30/4 năm ngoái"
  return true;
}

bool Scanner::ParseDate(size_t i, bool triggered, Core* c, size_t* end) {
  return ParseNumeric(i, triggered, c, end) || ParseDayMonth(i, c, end) ||
         ParseMonthFirst(i, triggered, c, end);
}

// A weekday, with a date after it ("thứ Sáu (25/8)") or a modifier.
// `licensed`: a weekday trigger or modifier comes before it, so a name that
// is also a common word ("thứ hai": second) may be in lower case.
bool Scanner::ParseWeekday(size_t i, int mode, bool licensed, Core* c, size_t* end) {
  size_t len = 0;
  const Lex* l = Lookup(i, &len);
  if (l == nullptr) return false;
  int weekday = 0;
  bool ambiguous_lower = false;
  if (!l->Has(kWeekday) && !toks_[i].lower) {
    // "hari Minggu depan": Sunday, though "minggu depan" is next week.
    if (const Lex* one = SingleLex(i); one != nullptr && one->Has(kWeekday)) {
      l = one;
      len = 1;
    }
  }
  if (l->Has(kWeekday)) {
    weekday = l->weekday;
    ambiguous_lower = l->Has(kAmbiguous) && toks_[i + len - 1].lower;
    // "Muhammad Jailani Khamis": after a capitalised word that is no date
    // word, inside a sentence, a weekday that is also a name is a person's.
    if (l->Has(kNameLike) && !licensed && mode == INT_MIN && i > 0 && toks_[i - 1].kind == kWordTok &&
        toks_[i - 1].upper &&
        toks_[i - 1].space && SingleLex(i - 1) == nullptr && !(i > 1 && SentenceEnd(i - 2))) {
      return false;
    }
  } else if (l->Has(kWeekdayWord) && Num(i + len, 1) && toks_[i + len].num >= 2 && toks_[i + len].num <= 8 &&
             !(IsSep(i + len + 1) && Glued(i + len + 1))) {
    weekday = toks_[i + len].num - 1;  // "thứ 2" Monday .. "thứ 7" Saturday ("thứ 8": none)
    if (weekday > 6) return false;
    ambiguous_lower = true;  // "xếp thứ 7": ranked seventh
    ++len;
  } else {
    return false;
  }
  size_t j = i + len;
  size_t k = j;
  if (Punct(k, ',') && mode == INT_MIN) ++k;
  bool bracket = Punct(k, '(');
  if (bracket) ++k;
  size_t trig = 0;
  if (LexAt(k, kTrigger, &trig)) k += trig;
  Core date;
  size_t e = 0;
  if (ParseDate(k, true, &date, &e) && date.d != 0) {
    if (bracket && Punct(e, ')')) ++e;
    *c = date;
    c->weekday = weekday;  // "Tuesday 5 March": the year in which they agree
    *end = e;
    return true;
  }
  *c = Core{};
  c->kind = Core::kWeekdayRef;
  c->weekday = weekday;
  c->mode = mode;
  *end = j;
  bool modified = false;
  if (const Lex* after = Lookup(j, &len); after != nullptr) {
    if (after->Has(kRelUnit) && after->unit == kWeek) {
      c->week_given = true;
      c->offset = after->offset;
      *end = j + len;
      modified = true;
    } else if (after->Has(kWdAfter)) {
      c->mode = after->offset;
      c->on_or_before = true;
      *end = j + len;
      modified = true;
    }
  }
  // "Sabtu ini (19 Nov)": a date in brackets after the modifier says which day.
  if (modified && Punct(*end, '(') && ParseDate(*end + 1, true, &date, &e) && date.d != 0 && Punct(e, ')')) {
    *c = date;
    c->weekday = weekday;
    *end = e + 1;
    return true;
  }
  return !ambiguous_lower || licensed || modified;
}

}  // namespace storyloom::temporal
