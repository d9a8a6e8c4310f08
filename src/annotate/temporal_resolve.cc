#include "annotate/temporal_resolve.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "annotate/temporal_lexicon.h"

namespace storyloom::temporal {

namespace {

// The year that puts a yearless day or month at its occurrence chosen by
// `tense` (see temporal_resolve.h).
int YearFor(const Core& c, const Dct& dct, int tense) {
  const int y = dct.day.y;
  if (c.d != 0 && c.weekday != 0) {
    int best = 0;
    int64_t best_gap = INT64_MAX;
    for (int dy = -6; dy <= 6; ++dy) {
      if (c.d > DaysInMonth(y + dy, c.m)) continue;
      const int64_t day = DaysFromCivil(y + dy, c.m, c.d);
      const int64_t gap = day > dct.days ? day - dct.days : dct.days - day;
      if (IsoWeekday(day) == c.weekday && gap < best_gap) {
        best_gap = gap;
        best = y + dy;
      }
    }
    if (best != 0) return best;
  }
  if (tense == kNoTense) {
    // Nearest occurrence: months by their index, days by their distance.
    int best = y;
    int64_t best_gap = INT64_MAX;
    for (int dy : {0, -1, 1}) {
      int64_t gap;
      if (c.d != 0) {
        const int64_t day = DaysFromCivil(y + dy, c.m, std::min(c.d, DaysInMonth(y + dy, c.m)));
        gap = day >= dct.days ? 2 * (day - dct.days) : 2 * (dct.days - day) - 1;  // a tie goes to the past
      } else {
        const int64_t months = (y + dy) * 12LL + c.m - (dct.day.y * 12LL + dct.day.m);
        gap = months >= 0 ? 2 * months : -2 * months - 1;
      }
      if (gap < best_gap) {
        best_gap = gap;
        best = y + dy;
      }
    }
    return best;
  }
  // A publication date can trail the events by a day or two (time zones, a
  // late edition): "on 6 March" in a report dated the 5th is not a year ago.
  // Nor is a day up to a week ahead, read in a past-tense sentence ("was due
  // by 25 January" in a report of the 20th): a deadline or a late report.
  // Looking forward allows a date a few weeks back ("starts on 19 April"
  // written on the 23rd: this year).
  int out = y;
  const int64_t cand = c.d ? DaysFromCivil(y, c.m, std::min(c.d, DaysInMonth(y, c.m))) : 0;
  const bool after = c.d ? cand > dct.days + 7 : c.m > dct.day.m;
  const bool before = c.d ? cand < dct.days - 31 : c.m < dct.day.m - 1;
  if (tense == kPastTense && after) --out;
  if (tense == kFutureTense && before) ++out;
  return out;
}

}  // namespace

bool ResolveCore(const Core& c, const Dct& dct, int tense, Resolved* r) {
  const bool future = tense == kFutureTense;
  *r = Resolved{};
  switch (c.kind) {
    case Core::kAbsolute: {
      if (c.decade != 0) {
        r->value = std::to_string(c.decade / 10);
        return true;
      }
      if (c.century != 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d", (c.century - 1) % 100);
        r->value = buf;
        return true;
      }
      int y = c.y;
      if (c.year_rel) {
        if (!dct.has) return false;
        y = dct.day.y + c.y;
      }
      if (c.season != 0) {
        // Spring March-May, summer June-August, autumn September-November,
        // winter December-February (written with the year it starts in).
        static const char* kCodes[] = {"SP", "SU", "FA", "WI"};
        const int first = 3 * c.season, last = first + 2;  // months, 12..14 for winter
        if (y == 0 && dct.has) {
          // Winter runs into the next year: in January it is last year's.
          const bool winter_now = c.season == 4 && dct.day.m < 3;
          const int m = winter_now ? dct.day.m + 12 : dct.day.m;
          y = winter_now ? dct.day.y - 1 : dct.day.y;
          const int mode = c.mode == INT_MIN ? (tense == kPastTense ? -1 : tense == kFutureTense ? 1 : 0) : c.mode;
          if (mode < 0 && m <= last) --y;
          if (mode > 0 && m >= first) ++y;
          if (mode == 0 && c.mode == INT_MIN) {
            // No cue: the occurrence whose middle month is nearest ("in the
            // spring" in December is the coming one).
            const int mid = first + 1;
            if (mid - m > 6) --y;
            if (m - mid > 6) ++y;
          }
        }
        r->year_unknown = y == 0;
        r->value = (y == 0 ? std::string("XXXX") : std::to_string(y)) + "-" + kCodes[c.season - 1];
        return true;
      }
      if (c.quarter != 0 || c.half != 0) {
        const int part = c.quarter != 0 ? c.quarter : c.half;
        if (y == 0 && dct.has) {
          const int now = c.quarter != 0 ? (dct.day.m - 1) / 3 + 1 : (dct.day.m - 1) / 6 + 1;
          y = dct.day.y;
          if (!future && part > now) --y;
        }
        r->year_unknown = y == 0;
        r->value = (y == 0 ? std::string("XXXX") : std::to_string(y)) + (c.quarter != 0 ? "-Q" : "-H") +
                   std::to_string(part);
        return true;
      }
      if (y == 0 && c.m != 0) {
        if (!dct.has) {
          r->year_unknown = true;
        } else {
          y = YearFor(c, dct, tense);
          if (c.d > DaysInMonth(y, c.m)) return false;
        }
      }
      if (c.d) r->value = FormatDay(y, c.m, c.d);
      else if (c.m) r->value = FormatMonth(y, c.m);
      else r->value = std::to_string(y);
      return true;
    }
    case Core::kWeekdayRef: {
      if (!dct.has) return false;
      r->relative = true;
      const int wd = IsoWeekday(dct.days);
      int64_t day;
      if (c.week_given) {
        day = dct.days - (wd - 1) + 7 * c.offset + (c.weekday - 1);
      } else if (c.mode == 0) {
        day = dct.days - (wd - 1) + (c.weekday - 1);
      } else if (c.mode == -1) {
        int delta = (wd - c.weekday + 7) % 7;
        day = dct.days - (delta == 0 && !c.on_or_before ? 7 : delta);
      } else if (c.mode == 1) {
        int delta = (c.weekday - wd + 7) % 7;
        day = dct.days + (delta == 0 ? 7 : delta);
      } else {
        const int ahead = (c.weekday - wd + 7) % 7, back = (wd - c.weekday + 7) % 7;
        if (tense == kFutureTense || (tense == kNoTense && ahead < back)) day = dct.days + ahead;
        else day = dct.days - back;
      }
      Ymd t = CivilFromDays(day);
      r->value = FormatDay(t.y, t.m, t.d);
      return true;
    }
    case Core::kRelDayRef: {
      if (!dct.has) return false;
      r->relative = true;
      Ymd t = CivilFromDays(dct.days + c.offset);
      r->value = FormatDay(t.y, t.m, t.d);
      return true;
    }
    case Core::kRelUnitRef: {
      if (!dct.has) return false;
      r->relative = true;
      if (c.unit == kDay) {
        Ymd t = CivilFromDays(dct.days + c.offset);
        r->value = FormatDay(t.y, t.m, t.d);
      } else if (c.unit == kWeek) {
        r->value = FormatIsoWeek(dct.days + 7 * c.offset);
      } else if (c.unit == kMonthUnit) {
        int months = dct.day.y * 12 + (dct.day.m - 1) + c.offset;
        r->value = FormatMonth(months / 12, months % 12 + 1);
      } else {
        r->value = std::to_string(dct.day.y + c.offset);
      }
      return true;
    }
  }
  return false;
}

}  // namespace storyloom::temporal
