#include "annotate/temporal.h"

#include <algorithm>
#include <climits>

#include "annotate/temporal_calendar.h"
#include "annotate/temporal_lexicon.h"
#include "annotate/temporal_resolve.h"
#include "annotate/temporal_tokens.h"
#include "text/language_codes.h"
#include "text/utf8.h"

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
      size_t block_len = 0;
      if (const Lex* l = Lookup(i, &block_len); l != nullptr && l->Has(kBlock)) {
        i += block_len;  // "the next week" (a span), "sau khi" (after)
        continue;
      }
      if (TryAt(i, &a, &end, &begin) && end > i) {
        int tense = 0;
        if (a.kind == Core::kAbsolute) {
          range = TryRange(end, &a, &b, &end);
          size_t len = 0;
          if (const Lex* l = Lookup(end, &len); l && l->Has(kWdAfter) && !HasYear(a) && !range) {
            a.mode = l->offset;  // "نوفمبر المقبل", "juillet dernier", "ngày 5/3 tới"
            end += len;
          }
        }
        Emit(begin, end, a, range ? &b : nullptr, tense, &out);
        i = end;
        // "pada 1985 dan 2017": a second year joined to a year.
        size_t cl = 0;
        Core second;
        size_t e2 = 0;
        if (a.kind == Core::kAbsolute && a.y != 0 && a.m == 0 && a.decade == 0 && !range && LexAt(end, kCoord, &cl) &&
            ParseYear(end + cl, &second.y, &e2) && second.y >= 1900 && second.y <= 2100 &&
            !(e2 < toks_.size() && toks_[e2].kind == kWordTok && toks_[e2].lower)) {  // not "and 1500 troops"
          Emit(end + cl, e2, second, nullptr, 0, &out);
          i = e2;
        }
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
  // A word with a clitic glued before it ("وأمس", "بالأمس") is looked up
  // without it when it is nothing itself.
  const Lex* Lookup(size_t i, size_t* len) {
    if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
    if (lex_len_[i] == 0xFF) {
      lex_len_[i] = 0;
      LookupFrom(i, Fold(i));
      if (lex_[i] == nullptr && !table_.clitics.empty()) {
        const std::string_view word = Fold(i);
        for (const auto& [prefix, replacement] : table_.clitics) {
          // At least three letters left: "باب" is no "ب" + "آب" (August).
          if (CodePoints(word.substr(std::min(prefix.size(), word.size()))) < 3 ||
              word.compare(0, prefix.size(), prefix) != 0) {
            continue;
          }
          std::string stripped = replacement;
          stripped.append(word.substr(prefix.size()));
          LookupFrom(i, stripped);
          if (lex_[i] != nullptr) break;
        }
      }
    }
    *len = lex_len_[i];
    return lex_[i];
  }

  void LookupFrom(size_t i, std::string_view first) {
    auto fw = table_.first_word.find(first);
    if (fw == table_.first_word.end()) return;
    auto it = table_.phrases.find(first);
    if (it != table_.phrases.end()) {
      lex_[i] = &it->second;
      lex_len_[i] = 1;
    }
    if (fw->second <= 1) return;
    std::string key(first);
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

  bool LexAt(size_t i, LexKind kind, size_t* len) {
    const Lex* l = Lookup(i, len);
    return l != nullptr && l->Has(kind);
  }

  // A four-digit time of day on the 24-hour clock followed by a time zone
  // or "hrs" (wire copy's "1130 GMT"): no year.
  bool ClockTime(size_t i) const {
    int v = toks_[i].num;
    if (v / 100 > 23 || v % 100 > 59 || i + 1 >= n() || toks_[i + 1].kind != kWordTok) return false;
    return ClockWord(Fold(i + 1), /*am_pm=*/false);
  }

  // A time zone or a word of the clock after a time ("GMT", "WIB", "hrs"),
  // and "am"/"pm" when `am_pm` ("1:56 am"; but "in 2012 a law" has no clock).
  static bool ClockWord(std::string_view w, bool am_pm) {
    static constexpr std::string_view kWords[] = {"gmt", "utc", "z",   "est", "edt", "cst", "cdt",  "mst",  "mdt",
                                                  "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "wib", "wita",
                                                  "wit", "ist", "hrs", "hours", "h"};
    for (std::string_view z : kWords) {
      if (w == z) return true;
    }
    return am_pm && (w == "am" || w == "pm" || w == "a" || w == "p");
  }

  // A time stamp's clock at token i: "1:56 am BST", "11:14 GMT", "5:08 pm".
  bool StampClock(size_t i) const {
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
  bool BesideStamp(size_t begin, size_t end) const {
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

  // A 4-digit year, with an optional suffix word ("года").
  bool ParseYear(size_t i, int* y, size_t* end) {
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
  bool ParseMonth(size_t i, int* m, int* y, bool* weak, size_t* end) {
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

  static bool HasYear(const Core& c) { return c.y != 0 || c.year_rel; }

  // A year relative to the DCT at token j ("năm ngoái", "tahun ini", "العام
  // الماضي"): c's year becomes that offset.
  bool RelYearAt(size_t j, Core* c, size_t* end) {
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
  void OptionalYear(size_t j, Core* c, size_t* end) {
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

  bool ParseDate(size_t i, bool triggered, Core* c, size_t* end) {
    return ParseNumeric(i, triggered, c, end) || ParseDayMonth(i, c, end) ||
           ParseMonthFirst(i, triggered, c, end);
  }

  // A weekday, with a date after it ("thứ Sáu (25/8)") or a modifier.
  // `licensed`: a weekday trigger or modifier comes before it, so a name that
  // is also a common word ("thứ hai": second) may be in lower case.
  bool ParseWeekday(size_t i, int mode, bool licensed, Core* c, size_t* end) {
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

  // The one-word entry of token i, ignoring longer phrases ("tuần" in "hai
  // tuần trước", where "tuần trước" is also a phrase).
  const Lex* SingleLex(size_t i) const {
    if (i >= n() || toks_[i].kind != kWordTok) return nullptr;
    auto it = table_.phrases.find(Fold(i));
    return it == table_.phrases.end() ? nullptr : &it->second;
  }

  // Token i is the first of its line.
  bool LineStart(size_t i) const {
    const size_t from = i == 0 ? 0 : toks_[i - 1].end;
    return i == 0 || text_.substr(from, toks_[i].start - from).find('\n') != std::string_view::npos;
  }

  // A block phrase starting inside tokens [i, i + len) and reaching past
  // them: "tháng sau khi" is "months after", not "next month".
  bool BlockInside(size_t i, size_t len) {
    for (size_t k = i + 1; k < i + len; ++k) {
      size_t bl = 0;
      const Lex* l = Lookup(k, &bl);
      if (l != nullptr && l->Has(kBlock) && k + bl > i + len) return true;
    }
    return false;
  }

  // A decade: "1980s", "1980's", "1980-an", or after a decade word ("những
  // năm 1980", `worded`) a bare first year.
  bool ParseDecade(size_t i, bool worded, Core* c, size_t* end) {
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

  // A range of years after a year word or a trigger: "năm học 2013-2014",
  // "nhiệm kỳ 2013 – 2018", "từ 2009-2013".
  bool YearRange(size_t k, Core* c, size_t* end) {
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

  // A century's number after its word: "thế kỷ 19", "thế kỷ XIX" (a roman
  // numeral listed as an ordinal), "القرن التاسع عشر", "abad ke-19".
  bool ParseCentury(size_t i, Core* c, size_t* end) {
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

  // "two weeks ago", "3 ngày trước", "hace tres días": that long before the
  // DCT. "two days later", "sepekan kemudian", "بعد يومين": that long after
  // the date mentioned before; "three days earlier", "sehari sebelumnya":
  // that long before it. A unit may carry its number ("يومين", "sepekan").
  bool ParseAgo(size_t i, Core* c, size_t* end) {
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

  // TryAt one level down (after trigger words), so that a run of triggers
  // ("on on on ...") costs constant work at each token, not a deep recursion.
  bool Nested(size_t i, Core* c, size_t* end, size_t* begin) {
    ++depth_;
    const bool found = TryAt(i, c, end, begin);
    --depth_;
    return found;
  }

  bool TryAt(size_t i, Core* c, size_t* end, size_t* begin) {
    *begin = i;
    if (i >= toks_.size()) return false;  // a trigger word ends the text
    const Tok& t = toks_[i];
    if (t.kind == kPunctTok) return false;
    size_t len = 0;
    const Lex* l = Lookup(i, &len);
    if (t.kind == kWordTok && l == nullptr) return false;
    // "bertahun-tahun ini" (for years now): the end of a joined word starts nothing.
    if (t.kind == kWordTok && i >= 2 && Glued(i) && IsDash(i - 1) && Glued(i - 1) && toks_[i - 2].kind == kWordTok) {
      return false;
    }
    if ((t.kind == kNumTok || l->Has(kAgoBefore) || l->Has(kLaterBefore) || l->Has(kApprox) || SingleLex(i) != nullptr) &&
        ParseAgo(i, c, end)) {
      return true;
    }
    if (l != nullptr) {
      // "50 năm sau": a count before a unit word is a span, not "next year".
      const Lex* head = SingleLex(i);
      // ("V1000 năm nay", "C1 năm nay": a name's number is no count).
      const bool after_number = i > 0 && toks_[i - 1].kind == kNumTok && head != nullptr && head->Has(kUnit) &&
                                !(i > 1 && Glued(i - 1) && toks_[i - 2].kind == kWordTok);
      if (after_number && (l->Has(kRelUnit) || l->Has(kAnchorUnit))) return false;  // "lelaki 51 tahun itu": an age
      // "gần một tuần qua" (for nearly a week): a count in words before a unit, too.
      if (const Lex* before = i > 0 ? SingleLex(i - 1) : nullptr;
          before != nullptr && before->Has(kNumber) && head != nullptr && head->Has(kUnit) && l->Has(kRelUnit)) {
        return false;
      }
      // "cả năm sau 9 tháng": "sau" opens "after nine months", not "next year".
      if (l->Has(kRelUnit) && len > 1 && Num(i + len, 4)) {
        if (const Lex* last = SingleLex(i + len - 1); last != nullptr && last->Has(kLaterPrep)) return false;
      }
      if ((l->Has(kRelDay) || l->Has(kAnchorDay) || l->Has(kRelUnit)) && BlockInside(i, len)) return false;
      if (l->Has(kRelDay) || l->Has(kAnchorDay)) {
        *c = Core{};
        c->kind = Core::kRelDayRef;
        c->offset = l->offset;
        c->anchored = l->Has(kAnchorDay);
        *end = i + len;
        // "hôm nay (22/10)", "Cùng ngày (31.10)", "sáng nay 22/10": the date
        // beside it says which day.
        Core date;
        size_t e = 0;
        const bool bracket = Punct(*end, '(');
        size_t at = *end + (bracket ? 1 : 0), tl = 0;
        if (bracket && LexAt(at, kTrigger, &tl)) at += tl;  // "hôm sau (ngày 20-10)"
        if (ParseDate(at, true, &date, &e) && date.d != 0 && (!bracket || Punct(e, ')'))) {
          *c = date;
          *end = bracket ? e + 1 : e;
        }
        return true;
      }
      // "đầu tháng", "cuối năm" are this month or year, but a trigger word
      // that begins them reads on when that reaches further: "đầu tháng 3",
      // "cuối tuần qua", "akhir tahun lalu".
      if (l->Has(kRelUnit) && len > 1) {
        const Lex* head = SingleLex(i);
        Core longer;
        size_t e2 = 0, b2 = 0;
        if (head != nullptr && head->Has(kTrigger) && depth_ < 2 && Nested(i + 1, &longer, &e2, &b2) && e2 > i + len) {
          *c = longer;
          *end = e2;
          return true;
        }
      }
      if (l->Has(kSamePeriod)) {
        *c = Core{};  // "cùng kỳ", "cùng kỳ năm trước", "cùng kỳ 2012"
        c->same_period = true;
        *end = i + len;
        size_t rl = 0;
        if (const Lex* rel = Lookup(*end, &rl); rel != nullptr && rel->Has(kRelUnit) && rel->unit == kYear) {
          *end += rl;
        } else if (int y = 0; ParseYear(*end, &y, end)) {
          c->y = y;
        }
        return true;
      }
      if (l->Has(kAnchorUnit) && !BlockInside(i, len)) {
        *c = Core{};  // "that year", "the following month"
        c->kind = Core::kRelUnitRef;
        c->unit = l->unit;
        c->offset = l->offset;
        c->anchored = true;
        *end = i + len;
        return true;
      }
      // "the 2016 election", "a 1957 pandemic": a year qualifying a noun.
      if (l->Has(kYearDet) && len == 1) {
        // "the disputed 2009 presidential elections": one lower-case word may come between.
        for (size_t k = i + 1; k <= i + 2 && k < n(); ++k) {
          int y = 0;
          size_t e = 0;
          if (ParseDecade(k, false, c, end)) {
            *begin = k;  // "the 1990s"
            return true;
          }
          if (ParseYear(k, &y, &e) && e == k + 1 && y >= 1800 && (!dct_.has || y <= dct_.day.y + 10) && e < n() &&
              toks_[e].kind == kWordTok && !Glued(e) && SingleLex(e) == nullptr) {
            *c = Core{};
            c->y = y;
            *begin = k;
            *end = e;
            return true;
          }
          if (toks_[k].kind != kWordTok || !toks_[k].lower || SingleLex(k) != nullptr) break;
        }
      }
      if (l->Has(kRelUnit)) {
        *c = Core{};
        c->kind = Core::kRelUnitRef;
        c->unit = l->unit;
        c->offset = l->offset;
        *end = i + len;
        return true;
      }
      if (l->Has(kWdBefore) && ParseWeekday(i + len, l->offset, true, c, end)) return true;
      if (l->Has(kWdBefore) && ParseMonthFirst(i + len, true, c, end) && c->d == 0 && c->y == 0) {
        c->mode = l->offset;  // "last December", "next March"
        return true;
      }
      if (l->Has(kQuarterWord) && Num(i + len, 1) && toks_[i + len].num >= 1 && toks_[i + len].num <= 4) {
        *c = Core{};  // "quý 3", "kuartal 2", "quý 3/2012"
        c->quarter = toks_[i + len].num;
        *end = i + len + 1;
        if (int y = 0; Punct(*end, '/') && Glued(*end) && ParseYear(*end + 1, &y, end)) {
          c->y = y;
        } else {
          OptionalYear(*end, c, end);
        }
        return true;
      }
      if (l->Has(kDecadeWord) && ParseDecade(i + len, true, c, end)) return true;
      if (l->Has(kDecadeName)) {
        *c = Core{};  // "الثمانينيات", "ثمانينيات القرن التاسع عشر"
        c->decade = l->value * 10;
        *end = i + len;
        size_t cl = 0;
        Core century;
        if (LexAt(*end, kCenturyBefore, &cl) && ParseCentury(*end + cl, &century, end)) {
          c->decade = (century.century - 1) * 100 + c->decade % 100;
        }
        return true;
      }
      if (l->Has(kSeason) || (l->Has(kWdBefore) && SingleLex(i + len) != nullptr && SingleLex(i + len)->Has(kSeason))) {
        // "this summer", "الربيع الماضي", "summer 2018", "last spring".
        size_t j = i;
        *c = Core{};
        if (!l->Has(kSeason)) {
          c->mode = l->offset;
          j += len;
          l = SingleLex(j);
          len = 1;
        }
        c->season = l->ordinal;
        *end = j + len;
        size_t al = 0;
        if (const Lex* after = Lookup(*end, &al); after != nullptr && after->Has(kWdAfter) && c->mode == INT_MIN) {
          c->mode = after->offset;
          *end += al;
        } else if (RelYearAt(*end, c, end)) {
          // "mùa hè năm ngoái"
        } else {
          OptionalYear(*end, c, end);
        }
        // A bare season name needs a trigger before it ("in the summer"):
        // "summer camp", "winter storm" are no dates.
        size_t tl = 0;
        // ("Một ngày mùa đông", a winter's day, is no season told).
        const bool anchored_season = c->mode != INT_MIN || HasYear(*c) ||
                                     (i > 0 && LexAt(i - 1, kTrigger, &tl) && !LexAt(i - 1, kDayTrigger, &tl));
        return anchored_season && c->season >= 1 && c->season <= 4;
      }
      if (l->Has(kCenturyBefore) && ParseCentury(i + len, c, end)) return true;
      if (l->Has(kHalf) && l->ordinal >= 1 && l->ordinal <= 2) {
        // "النصف الأول من أكتوبر": the month; "the first half of 2019": 2019-H1.
        size_t j = i + len, jl = 0;
        if (LexAt(j, kDayMonthJoin, &jl) || LexAt(j, kMonthYearJoin, &jl)) j += jl;
        if (ParseMonthFirst(j, true, c, end)) return true;
        *c = Core{};
        c->half = l->ordinal;
        *end = i + len;
        OptionalYear(*end, c, end);
        if (!HasYear(*c) && j != i + len) OptionalYear(j, c, end);
        if (!HasYear(*c) && !RelYearAt(j, c, end)) return false;  // "nửa đầu năm nay"
        return true;
      }
      if (l->Has(kQuarter) && l->ordinal >= 1 && l->ordinal <= 4) {
        *c = Core{};  // "quý I", "quý I/2014", "the first quarter of 2013"
        c->quarter = l->ordinal;
        *end = i + len;
        if (int y = 0; Punct(*end, '/') && Glued(*end) && ParseYear(*end + 1, &y, end)) {
          c->y = y;
        } else {
          OptionalYear(*end, c, end);
        }
        return true;
      }
      if (l->Has(kYearWord)) {
        int y = 0;
        if (ParseDecade(i + len, false, c, end)) return true;  // "tahun 1980-an"
        if (YearRange(i + len, c, end)) return true;  // "năm học 2013-2014"
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
        size_t wl = 0;
        const bool wd_licensed = LexAt(j > i ? j - 1 : i, kWeekdayTrigger, &wl) || LexAt(i, kWeekdayTrigger, &wl);
        if (ParseWeekday(j, INT_MIN, wd_licensed, c, end) || ParseDate(j, true, c, end)) return true;
        if (ParseDecade(j, false, c, end) || YearRange(j, c, end)) return true;
        if (IsDash(j) && Glued(j) && j > i && Glued(j + 1)) {  // "mid-2022", "mid-August", "end-June", "mid-1990s"
          ++j;
          if (ParseDecade(j, false, c, end) || ParseDate(j, true, c, end)) return true;
        }
        if (int y = 0; ParseYear(j, &y, end) && y >= 1900 && y <= 2100) {
          *c = Core{};  // "pada 2013", "akhir 2022", "since 2018"
          c->y = y;
          return true;
        }
        if (j != i && depth_ < 2 && Nested(j, c, end, &inner_begin)) return true;
      }
    }
    if (ParseWeekday(i, INT_MIN, false, c, end)) return true;
    if (ParseDecade(i, false, c, end)) return true;
    // "referendum 2016.", "pilihan raya 2016,": a year after the noun it
    // qualifies, closing a clause, where the language writes it so.
    // A name's year ("Olimpiade London 2012") follows a capitalised word.
    if (int y = 0; table_.year_after_noun && i > 0 && toks_[i - 1].kind == kWordTok && toks_[i - 1].lower &&
                   SingleLex(i - 1) == nullptr &&
                   ParseYear(i, &y, end) && *end == i + 1 && y >= 1950 && (!dct_.has || y <= dct_.day.y + 5) &&
                   (*end >= n() || (toks_[*end].kind == kPunctTok && toks_[*end].ch != '-' && toks_[*end].ch != '/'))) {
      *c = Core{};
      c->y = y;
      return true;
    }
    // "1966 - Coup ends civilian rule": a year opening a line of a list.
    if (int y = 0; LineStart(i) && ParseYear(i, &y, end) && y >= 1000 && y <= 2100 && IsDash(*end) &&
                   toks_[*end].space) {
      *c = Core{};
      c->y = y;
      return true;
    }
    if (Num(i, 2)) {
      size_t j = i + 1, ol = 0, cl = 0;
      if (LexAt(j, kOrdSuffix, &ol) && Glued(j)) j += ol;
      if (IsDash(j) && Glued(j)) ++j;
      if (j > i + 1 && LexAt(j, kCenturyAfter, &cl) && toks_[i].num >= 1 && toks_[i].num <= 21) {
        *c = Core{};
        c->century = toks_[i].num;
        *end = j + cl;
        return true;
      }
    }
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
          PendRange(b, e2);
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
    // "3-5 March": a bare day before a range connector and a full day (not
    // the tail of a score, "8-5 và 13-10").
    if (Num(i, 2) && !(i >= 2 && Glued(i) && IsDash(i - 1) && toks_[i - 2].kind == kNumTok)) {
      size_t j = i + 1;
      if (Punct(j, '.') && Glued(j)) ++j;  // "vom 6. bis 9. Juni"
      // "13-21-3" (a record of wins, losses and halves) is no range of days.
      if (IsDash(j) && Glued(j) && IsDash(j + 2) && Glued(j + 2)) return false;
      if (IsDash(j)) ++j;
      else if (LexAt(j, kRangeTo, &len) || LexAt(j, kCoord, &len)) j += len;  // "11 و12 يناير"
      else return false;
      if (LexAt(j, kTrigger, &len) && Num(j + len, 2)) j += len;  // "từ ngày 15 đến ngày 30.11.2013"
      Core b;
      size_t e = 0;
      range_end_part_ = true;  // "11-17/10": the end of a range of days
      const bool parsed = ParseDate(j, true, &b, &e);
      range_end_part_ = false;
      if (parsed) {
        if (b.d == 0 || toks_[i].num < 1 || toks_[i].num >= b.d) return false;
        *c = b;
        c->d = toks_[i].num;
        PendRange(b, e);
        *end = i + 1;
        return true;
      }
    }
    return false;
  }

  // A parse that found a whole range at once ("2013-2014", "3-5 March")
  // leaves its end here for TryRange, which the caller asks next.
  void PendRange(const Core& last, size_t end) {
    range_pending_ = last;
    range_end_ = end;
  }

  // "A to B", "A - B", "từ A đến B": B follows a connector, or a parse left
  // it pending.
  bool TryRange(size_t j, Core* a, Core* b, size_t* end) {
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

  // Token k ends a sentence: ".", "!", "?", "؟", but not the dot of "a.m."
  // or "U.S.", nor one a lower-case word follows.
  bool SentenceEnd(size_t k) const {
    const Tok& t = toks_[k];
    if (t.kind != kPunctTok || !(t.ch == '.' || t.ch == '!' || t.ch == '?' || t.ch == 0x061F)) return false;
    if (t.ch == '.' && k > 0 && Glued(k) && toks_[k - 1].kind == kWordTok && CodePoints(Fold(k - 1)) <= 2) {
      return false;
    }
    return !(t.ch == '.' && k + 1 < n() && toks_[k + 1].kind == kWordTok && toks_[k + 1].lower);
  }

  // A range word ("until", "حتى") just before `begin`, with the previous
  // expression in the same sentence.
  bool UntilBefore(size_t begin) {
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

  // A past cue: a past word of the table, or a word with a past suffix.
  bool PastWord(size_t k) {
    size_t len = 0;
    const Lex* l = Lookup(k, &len);
    if (l != nullptr) return l->Has(kPast);
    if (toks_[k].kind != kWordTok || toks_[k].fold_len < 5) return false;
    const std::string_view w = Fold(k);
    for (const std::string& suffix : table_.past_suffixes) {
      if (w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
    }
    return false;
  }

  // Tense of the expression: a future word right after it ("ngày 20/5 tới"),
  // a past word inside it, else the nearest past or future word in the ten
  // words before it, else in the eight tokens after it, within the sentence
  // and up to a new clause.
  int TenseAt(size_t begin, size_t end) {
    size_t len = 0;
    if (LexAt(end, kFuture, &len)) return kFutureTense;
    for (size_t k = begin; k < end; ++k) {
      if (LexAt(k, kPast, &len)) return kPastTense;
    }
    auto sentence_end = [&](size_t k) { return SentenceEnd(k); };
    for (size_t back = 1, words = 0; words < 10 && back <= begin; ++back) {
      size_t k = begin - back;
      if (toks_[k].kind == kWordTok) ++words;  // ten words: "gave way at about 4:30 a.m. on Friday"
      if (sentence_end(k)) break;
      if (PastWord(k)) {
        // "will be held", "expected to be delivered": a past-looking participle after a future word.
        for (size_t b = 1; b <= 3 && b <= k; ++b) {
          if (LexAt(k - b, kFuture, &len)) return kFutureTense;
        }
        return kPastTense;
      }
      if (LexAt(k, kFuture, &len)) return kFutureTense;
    }
    for (size_t k = end; k < n() && k < end + 8; ++k) {
      if (sentence_end(k) || Punct(k, ':') || Punct(k, '"') || Punct(k, 0x201C) || Punct(k, 0x201D)) break;
      if (LexAt(k, kClause, &len)) break;  // "on Wednesday after meeting leaders who had travelled"
      if (const Lex* l = Lookup(k, &len); l != nullptr) {  // suffixes are too loose after it ("inclined")
        if (l->Has(kPast)) return kPastTense;
        if (l->Has(kFuture)) return kFutureTense;
      }
    }
    return kNoTense;
  }

  void Emit(size_t begin, size_t end, const Core& a, const Core* b, int tense, std::vector<TimeExpression>* out) {
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

  std::string_view text_;
  const LanguageTable& table_;
  std::vector<Tok> toks_;
  std::string arena_;
  std::vector<const Lex*> lex_;
  std::vector<uint8_t> lex_len_;
  Dct dct_;
  Ymd last_;               // the last absolute date emitted
  Dct anchor_;             // the last date emitted, for "two days later"
  int anchor_granularity_ = 0;  // 0 day, 1 month, 2 year
  Ymd stamp_day_;
  std::string last_period_;  // the last absolute value told, for "cùng kỳ"
  size_t last_end_ = 0;
  bool range_end_part_ = false;  // parsing the end of "11-17/10"
  int depth_ = 0;                // TryAt nesting after trigger words
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
  // "vie", "arb", "ar-EG", "VI": the language as storyloom writes it.
  if (it == tables_->end()) it = tables_->find(IsoLanguage(lang));
  if (it == tables_->end()) it = tables_->find("en");
  if (it == tables_->end()) return {};
  Scanner scanner(text, *chars_, it->second, dct);
  return scanner.Run();
}

}  // namespace storyloom
