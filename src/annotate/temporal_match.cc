// What starts at a token: the dispatch over the table's kinds of phrase, the
// date parsers and the bare shapes (days, ranges of days, years in lists).
#include "annotate/temporal_scanner.h"

#include <climits>

namespace storyloom::temporal {

// TryAt one level down (after trigger words), so that a run of triggers
// ("on on on ...") costs constant work at each token, not a deep recursion.
bool Scanner::Nested(size_t i, Core* c, size_t* end, size_t* begin) {
  ++depth_;
  const bool found = TryAt(i, c, end, begin);
  --depth_;
  return found;
}

bool Scanner::TryAt(size_t i, Core* c, size_t* end, size_t* begin) {
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

}  // namespace storyloom::temporal
