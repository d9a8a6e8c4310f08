#include "annotate/temporal_resolve.h"

#include <algorithm>

#include "annotate/temporal_lexicon.h"

namespace storyloom::temporal {

bool ResolveCore(const Core& c, const Dct& dct, bool future, Resolved* r) {
  *r = Resolved{};
  switch (c.kind) {
    case Core::kAbsolute: {
      int y = c.y;
      if (c.year_rel) {
        if (!dct.has) return false;
        y = dct.day.y + c.y;
      }
      if (c.quarter != 0) {
        if (y == 0 && dct.has) {
          const int now = (dct.day.m - 1) / 3 + 1;
          y = dct.day.y;
          if (!future && c.quarter > now) --y;
        }
        r->year_unknown = y == 0;
        r->value = (y == 0 ? std::string("XXXX") : std::to_string(y)) + "-Q" + std::to_string(c.quarter);
        return true;
      }
      if (y == 0 && c.m != 0) {
        if (!dct.has) {
          r->year_unknown = true;
        } else {
          y = dct.day.y;
          const int64_t cand = c.d ? DaysFromCivil(y, c.m, std::min(c.d, DaysInMonth(y, c.m))) : 0;
          // A publication date can trail the events by a day or two (time
          // zones, a late edition): "on 6 March" in a report dated the 5th
          // is not a year ago. Nor is a day up to a week ahead, read in a
          // past-tense sentence ("was due by 25 January" in a report of the
          // 20th): a deadline or a late report, not a day almost a year
          // back, which would carry its year or "last". Looking forward
          // allows a date a few weeks back ("starts on 19 April" written on
          // the 23rd: this year).
          const bool after = c.d ? cand > dct.days + 7 : c.m > dct.day.m;
          const bool before = c.d ? cand < dct.days - 31 : c.m < dct.day.m - 1;
          if (!future && after) --y;
          if (future && before) ++y;
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
        day = dct.days - (delta == 0 ? 7 : delta);
      } else if (c.mode == 1) {
        int delta = (c.weekday - wd + 7) % 7;
        day = dct.days + (delta == 0 ? 7 : delta);
      } else if (future) {
        day = dct.days + (c.weekday - wd + 7) % 7;
      } else {
        day = dct.days - (wd - c.weekday + 7) % 7;
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
