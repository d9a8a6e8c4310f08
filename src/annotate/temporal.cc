#include "annotate/temporal.h"

#include <algorithm>
#include <climits>

#include "annotate/temporal_calendar.h"
#include "annotate/temporal_lexicon.h"
#include "annotate/temporal_resolve.h"
#include "annotate/temporal_tokens.h"

namespace storyloom {
namespace {

using namespace temporal;  // NOLINT: the tagger's own tables

class Scanner {
 public:
  Scanner(std::string_view text, const CharTable& chars, const LanguageTable& table, std::string_view dct)
      : text_(text), table_(table) {
    arena_.reserve(text.size());
    toks_.reserve(text.size() / 4 + 4);
    Tokenize(text, chars, table.keep_marks, &toks_, &arena_);
    lex_.assign(toks_.size(), nullptr);
    lex_len_.assign(toks_.size(), 0xFF);
    dct_.has = ParseIsoDay(dct, &dct_.day);
    if (dct_.has) dct_.days = DaysOf(dct_.day);
  }

  std::vector<TimeExpression> Run() {
    std::vector<TimeExpression> out;
    size_t i = 0;
    while (i < toks_.size()) {
      size_t end = 0;
      Core a, b;
      bool range = false;
      size_t begin = i;
      if (TryAt(i, &a, &end, &begin) && end > i) {
        int tense = 0;
        if (a.kind == Core::kAbsolute) {
          range = TryRange(end, &a, &b, &end);
          size_t len = 0;
          if (const Lex* l = Lookup(end, &len); l && l->Has(kWdAfter) && a.y == 0 && !range) {
            tense = l->offset;  // "نوفمبر المقبل", "juillet dernier"
            end += len;
          }
        }
        Emit(begin, end, a, range ? &b : nullptr, tense, &out);
        i = end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  size_t n() const { return toks_.size(); }
  std::string_view Fold(size_t i) const { return {arena_.data() + toks_[i].fold_off, toks_[i].fold_len}; }
  bool Punct(size_t i, char32_t c) const { return i < n() && toks_[i].kind == kPunctTok && toks_[i].ch == c; }
  bool Glued(size_t i) const { return i < n() && !toks_[i].space; }
  bool Num(size_t i, int max_digits) const {
    return i < n() && toks_[i].kind == kNumTok && toks_[i].ndig <= max_digits;
  }
  bool IsDash(size_t i) const {
    return i < n() && toks_[i].kind == kPunctTok &&
           (toks_[i].ch == '-' || toks_[i].ch == 0x2013 || toks_[i].ch == 0x2014);
  }
  bool IsSep(size_t i) const {
    return i < n() && toks_[i].kind == kPunctTok && (toks_[i].ch == '/' || toks_[i].ch == '-' || toks_[i].ch == '.');
  }

  bool Joiner(size_t k) const {
    return k < n() && Glued(k) && toks_[k].kind == kPunctTok &&
           (toks_[k].ch == '-' || toks_[k].ch == '\'' || toks_[k].ch == 0x2019);
  }

  // The longest phrase of the table starting at token i (length in tokens).
  const Lex* Lookup(size_t i, size_t* len) {
    if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
    if (lex_len_[i] == 0xFF) {
      lex_len_[i] = 0;
      auto fw = table_.first_word.find(Fold(i));
      if (fw != table_.first_word.end()) {
        auto it = table_.phrases.find(Fold(i));
        if (it != table_.phrases.end()) {
          lex_[i] = &it->second;
          lex_len_[i] = 1;
        }
        if (fw->second > 1) {
          std::string key(Fold(i));
          size_t k = i + 1;
          for (size_t w = 2; w <= fw->second; ++w, ++k) {
            if (Joiner(k) && k + 1 < n() && Glued(k + 1)) ++k;  // "segunda-feira", "l'an"
            if (k >= n() || toks_[k].kind != kWordTok) break;
            key.push_back(' ');
            key.append(Fold(k));
            auto it2 = table_.phrases.find(key);
            if (it2 != table_.phrases.end()) {
              lex_[i] = &it2->second;
              lex_len_[i] = static_cast<uint8_t>(k + 1 - i);
            }
          }
        }
      }
    }
    *len = lex_len_[i];
    return lex_[i];
  }

  bool LexAt(size_t i, LexKind kind, size_t* len) {
    const Lex* l = Lookup(i, len);
    return l != nullptr && l->Has(kind);
  }

  // A four-digit time of day on the 24-hour clock followed by a time zone
  // or "hrs" (wire copy's "1130 GMT"): no year.
  bool ClockTime(size_t i) const {
    int v = toks_[i].num;
    if (v / 100 > 23 || v % 100 > 59 || i + 1 >= n() || toks_[i + 1].kind != kWordTok) return false;
    static constexpr std::string_view kZones[] = {"gmt", "utc", "z",   "est", "edt", "cst", "cdt", "mst", "mdt",
                                                  "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "wib", "hrs",
                                                  "hours", "h"};
    std::string_view w = Fold(i + 1);
    for (std::string_view z : kZones) {
      if (w == z) return true;
    }
    return false;
  }

  // A 4-digit year, with an optional suffix word ("года").
  bool ParseYear(size_t i, int* y, size_t* end) {
    if (!Num(i, 4) || toks_[i].ndig != 4 || toks_[i].num < 1000 || toks_[i].num > 2199) return false;
    if (IsSep(i + 1) && Glued(i + 1) && i + 2 < n() && toks_[i + 2].kind != kPunctTok && Glued(i + 2)) {
      return false;  // "2023-24", "1920-an"
    }
    if (Punct(i + 1, ':') && Glued(i + 1)) return false;
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
  bool ParseMonth(size_t i, int* m, int* y, bool* weak, size_t* end) {
    size_t len = 0;
    const Lex* l = Lookup(i, &len);
    if (l == nullptr) return false;
    if (l->Has(kMonth)) {
      if (l->Has(kAmbiguous) && toks_[i].lower) return false;
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
      if (IsSep(j + 1) && Glued(j + 1) && Num(j + 2, 9) && Glued(j + 2) && toks_[j + 1].ch != '.') {
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

  // After a month: ", 2023", " de 2023", " năm 2023", " 2023".
  void OptionalYear(size_t j, Core* c, size_t* end) {
    size_t k = j, len = 0;
    if (const Lex* l = Lookup(j, &len); l && l->Has(kRelUnit) && l->unit == kYear) {
      c->y = l->offset;
      c->year_rel = true;
      *end = j + len;
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
  bool ParseDayMonth(size_t i, Core* c, size_t* end) {
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
    if (LexAt(j, kDayMonthJoin, &len)) j += len;
    int m = 0, y = 0;
    bool weak = false;
    size_t e = 0;
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
  bool ParseMonthFirst(size_t i, bool triggered, Core* c, size_t* end) {
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
  bool ParseNumeric(size_t i, bool triggered, Core* c, size_t* end) {
    if (!Num(i, 4) || !IsSep(i + 1) || !Glued(i + 1) || !Num(i + 2, 4) || !Glued(i + 2)) return false;
    if (i >= 2 && Glued(i) && IsSep(i - 1) && toks_[i - 2].kind == kNumTok) return false;
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
    if (Punct(j, '%') || Punct(j, ':')) return false;
    *c = Core{};
    auto valid = [](int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); };
    if (cc >= 0) {
      if (na == 4 && nb <= 2 && nc <= 2) {
        if (!valid(a, b, cc)) return false;
        *c = Core{Core::kAbsolute, a, b, cc};
      } else if (nc == 4 && na <= 2 && nb <= 2) {
        int d = a, m = b;
        if (table_.month_first) std::swap(d, m);
        if (!valid(cc, m, d)) std::swap(d, m);
        if (!valid(cc, m, d)) return false;
        *c = Core{Core::kAbsolute, cc, m, d};
      } else {
        return false;
      }
    } else {
      if (!triggered || sep == '.' || (sep == '-' && !table_.dash_dm)) return false;
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
    return true;
  }

  bool ParseDate(size_t i, bool triggered, Core* c, size_t* end) {
    return ParseNumeric(i, triggered, c, end) || ParseDayMonth(i, c, end) ||
           ParseMonthFirst(i, triggered, c, end);
  }

  // A weekday, with a date after it ("thứ Sáu (25/8)") or a modifier.
  bool ParseWeekday(size_t i, int mode, Core* c, size_t* end) {
    size_t len = 0;
    const Lex* l = Lookup(i, &len);
    if (l == nullptr || !l->Has(kWeekday)) return false;
    if (l->Has(kAmbiguous) && toks_[i + len - 1].lower) return false;
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
      *end = e;
      return true;
    }
    *c = Core{};
    c->kind = Core::kWeekdayRef;
    c->weekday = l->weekday;
    c->mode = mode;
    *end = j;
    if (const Lex* after = Lookup(j, &len); after != nullptr) {
      if (after->Has(kRelUnit) && after->unit == kWeek) {
        c->week_given = true;
        c->offset = after->offset;
        *end = j + len;
      } else if (after->Has(kWdAfter)) {
        c->mode = after->offset;
        *end = j + len;
      }
    }
    return true;
  }

  // The one-word entry of token i, ignoring longer phrases ("tuần" in "hai
  // tuần trước", where "tuần trước" is also a phrase).
  const Lex* SingleLex(size_t i) const {
    if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
    auto it = table_.phrases.find(Fold(i));
    return it == table_.phrases.end() ? nullptr : &it->second;
  }

  // "two weeks ago", "3 ngày trước", "hace tres días".
  bool ParseAgo(size_t i, Core* c, size_t* end) {
    size_t j = i, len = 0;
    const bool before = LexAt(j, kAgoBefore, &len);
    if (before) j += len;
    int count = 0;
    if (Num(j, 3)) {
      count = toks_[j].num;
      ++j;
    } else if (const Lex* l = SingleLex(j); l && l->Has(kNumber)) {
      count = l->ordinal;
      ++j;
    } else {
      return false;
    }
    const Lex* unit = SingleLex(j);
    if (count < 1 || count > 100 || unit == nullptr || !unit->Has(kUnit)) return false;
    ++j;
    const bool after = LexAt(j, kAgoAfter, &len);
    if (after) j += len;
    if (before == after) return false;
    *c = Core{};
    c->kind = Core::kRelUnitRef;
    c->unit = unit->unit;
    c->offset = -count;
    *end = j;
    return true;
  }

  bool TryAt(size_t i, Core* c, size_t* end, size_t* begin) {
    *begin = i;
    if (i >= toks_.size()) return false;  // a trigger word ends the text
    const Tok& t = toks_[i];
    if (t.kind == kPunctTok) return false;
    size_t len = 0;
    const Lex* l = Lookup(i, &len);
    if (t.kind == kWordTok && l == nullptr) return false;
    if ((t.kind == kNumTok || l->Has(kAgoBefore) || SingleLex(i) != nullptr) && ParseAgo(i, c, end)) return true;
    if (l != nullptr) {
      const bool after_number = i > 0 && toks_[i - 1].kind == kNumTok;  // "50 năm sau"
      if (after_number && (l->Has(kRelDay) || l->Has(kRelUnit))) return false;
      if (l->Has(kRelDay)) {
        *c = Core{};
        c->kind = Core::kRelDayRef;
        c->offset = l->offset;
        *end = i + len;
        return true;
      }
      if (l->Has(kRelUnit)) {
        *c = Core{};
        c->kind = Core::kRelUnitRef;
        c->unit = l->unit;
        c->offset = l->offset;
        *end = i + len;
        return true;
      }
      if (l->Has(kWdBefore) && ParseWeekday(i + len, l->offset, c, end)) return true;
      if (l->Has(kQuarter) && l->ordinal >= 1 && l->ordinal <= 4) {
        *c = Core{};
        c->quarter = l->ordinal;
        *end = i + len;
        OptionalYear(*end, c, end);
        return true;
      }
      if (l->Has(kYearWord)) {
        int y = 0;
        if (ParseYear(i + len, &y, end)) {
          *c = Core{};
          c->y = y;
          return true;
        }
      }
      if (l->Has(kTrigger)) {
        size_t j = i + len;
        for (int hops = 0; hops < 2 && LexAt(j, kTrigger, &len); ++hops) j += len;
        size_t inner_begin = 0;
        if (ParseWeekday(j, INT_MIN, c, end) || ParseDate(j, true, c, end)) return true;
        if (j != i && TryAt(j, c, end, &inner_begin)) return true;
        *begin = i;
      }
    }
    if (ParseWeekday(i, INT_MIN, c, end)) return true;
    if (ParseDate(i, false, c, end)) return true;
    // "30/4 - 1/5": day/month pairs joined as a range stand without a trigger.
    {
      Core a, b;
      size_t e = 0, e2 = 0, k = 0;
      if (ParseNumeric(i, true, &a, &e) && a.d != 0) {
        k = e;
        if (IsDash(k) && toks_[k].space) ++k;
        else if (LexAt(k, kRangeTo, &len)) k += len;
        if (k != e && ParseNumeric(k, true, &b, &e2) && b.d != 0) {
          *c = a;
          range_pending_ = b;
          range_end_ = e2;
          OptionalYear(e2, &range_pending_, &range_end_);
          if (range_pending_.year_rel && c->y == 0) {
            c->y = range_pending_.y;
            c->year_rel = true;
          }
          *end = e;
          return true;
        }
      }
    }
    // "3-5 March": a bare day before a range connector and a full day.
    if (Num(i, 2)) {
      size_t j = i + 1;
      if (Punct(j, '.') && Glued(j)) ++j;  // "vom 6. bis 9. Juni"
      if (IsDash(j)) ++j;
      else if (LexAt(j, kRangeTo, &len)) j += len;
      else return false;
      Core b;
      size_t e = 0;
      if (ParseDate(j, true, &b, &e)) {
        if (b.d == 0 || toks_[i].num < 1 || toks_[i].num >= b.d) return false;
        *c = b;
        c->d = toks_[i].num;
        range_pending_ = b;
        range_end_ = e;
        *end = i + 1;
        return true;
      }
    }
    return false;
  }

  // "A to B", "A - B", "từ A đến B": B follows a connector.
  bool TryRange(size_t j, Core* a, Core* b, size_t* end) {
    if (range_end_ != 0) {
      *b = range_pending_;
      *end = range_end_;
      range_end_ = 0;
      return true;
    }
    size_t k = j, len = 0;
    if (IsDash(k)) ++k;
    else if (LexAt(k, kRangeTo, &len)) k += len;
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
    if (!ParseDate(k, true, b, &e)) {
      int y = 0;
      size_t yl = 0;
      if (a->m != 0 || a->y == 0) return false;
      if (LexAt(k, kYearWord, &yl)) k += yl;
      if (!ParseYear(k, &y, &e)) return false;
      *b = Core{};
      b->y = y;
    }
    if ((a->d != 0) != (b->d != 0) || (a->m != 0) != (b->m != 0)) return false;
    if (a->y == 0 && b->y != 0) a->y = (a->m <= b->m) ? b->y : b->y - 1;
    *end = e;
    return true;
  }

  // A range word ("until", "حتى") just before `begin`, with the previous
  // expression in the same sentence.
  bool UntilBefore(size_t begin) {
    if (last_end_ == 0 || last_end_ > begin) return false;
    for (size_t k = last_end_; k < begin; ++k) {
      const Tok& t = toks_[k];
      if (t.kind == kPunctTok && (t.ch == '.' || t.ch == '!' || t.ch == '?' || t.ch == 0x061F)) return false;
    }
    size_t len = 0;
    for (size_t k = begin >= 2 ? begin - 2 : 0; k <= begin && k < n(); ++k) {
      if (LexAt(k, kRangeTo, &len)) return true;
    }
    return false;
  }

  // Tense of the expression: a future word right after it ("ngày 20/5 tới"),
  // else the nearest past or future word in the ten before it.
  bool FutureCue(size_t begin, size_t end) {
    size_t len = 0;
    if (LexAt(end, kFuture, &len)) return true;
    for (size_t k = begin; k < end; ++k) {
      if (LexAt(k, kPast, &len)) return false;
    }
    for (size_t back = 1; back <= 10 && back <= begin; ++back) {
      size_t k = begin - back;
      const Tok& t = toks_[k];
      if (t.kind == kPunctTok && (t.ch == '.' || t.ch == '!' || t.ch == '?' || t.ch == 0x061F)) break;
      if (const Lex* l = Lookup(k, &len); l != nullptr) {
        if (l->Has(kPast)) return false;
        if (l->Has(kFuture)) return true;
      }
    }
    return false;
  }

  void Emit(size_t begin, size_t end, const Core& a, const Core* b, int tense, std::vector<TimeExpression>* out) {
    const bool future = tense != 0 ? tense > 0 : FutureCue(begin, end);
    Resolved ra, rb;
    Core first = a;
    // "... 19 April ... until 1 June": a yearless date after "until" follows
    // the date before it in the same sentence.
    if (first.kind == Core::kAbsolute && first.y == 0 && first.m != 0 && last_.y > 0 && UntilBefore(begin)) {
      const bool before = first.m < last_.m || (first.m == last_.m && first.d != 0 && first.d < last_.d);
      first.y = before ? last_.y + 1 : last_.y;
    }
    if (!ResolveCore(first, dct_, future, &ra)) return;
    if (a.kind == Core::kAbsolute && a.quarter == 0 && ra.value.size() >= 7 && ra.value[0] != 'X' &&
        ra.value[5] >= '0' && ra.value[5] <= '9') {
      last_ = Ymd{std::stoi(ra.value.substr(0, 4)), std::stoi(ra.value.substr(5, 2)),
                  ra.value.size() >= 10 ? std::stoi(ra.value.substr(8, 2)) : 0};
      last_end_ = end;
    }
    Core bb;
    if (b != nullptr) {
      bb = *b;
      // A range's end without a year follows its start.
      if (bb.y == 0 && a.kind == Core::kAbsolute && ra.value.size() >= 4 && ra.value[0] != 'X') {
        const int ya = std::stoi(ra.value.substr(0, 4));
        bb.y = (bb.m < a.m || (bb.m == a.m && bb.d < a.d)) ? ya + 1 : ya;
        bb.year_rel = false;
      }
    }
    if (b != nullptr && ResolveCore(bb, dct_, future, &rb)) {
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

  std::string_view text_;
  const LanguageTable& table_;
  std::vector<Tok> toks_;
  std::string arena_;
  std::vector<const Lex*> lex_;
  std::vector<uint8_t> lex_len_;
  Dct dct_;
  Ymd last_;               // the last absolute date emitted
  size_t last_end_ = 0;
  Core range_pending_;
  size_t range_end_ = 0;
};

}  // namespace

TemporalTagger::TemporalTagger() = default;
TemporalTagger::~TemporalTagger() = default;

Result<std::unique_ptr<TemporalTagger>> TemporalTagger::Load(const std::string& dir) {
  std::unique_ptr<TemporalTagger> t(new TemporalTagger());
  t->chars_ = std::make_unique<CharTable>();
  auto tables = LoadLanguageTables(dir, *t->chars_);
  if (!tables) return Unexpected(tables.error());
  t->tables_ = std::make_unique<std::unordered_map<std::string, LanguageTable>>(std::move(*tables));
  return t;
}

std::vector<std::string> TemporalTagger::Languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, table] : *tables_) out.push_back(lang);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<TimeExpression> TemporalTagger::Tag(std::string_view text, std::string_view lang,
                                                std::string_view dct) const {
  auto it = tables_->find(std::string(lang));
  if (it == tables_->end()) it = tables_->find("en");
  if (it == tables_->end()) return {};
  Scanner scanner(text, *chars_, it->second, dct);
  return scanner.Run();
}

}  // namespace storyloom
