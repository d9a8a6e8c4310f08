// The temporal tagger's values: a parsed date (Core) resolved against the
// document creation time into an ISO value (see temporal.h for the rules).
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_

#include <climits>
#include <cstdint>
#include <string>

#include "base/calendar.h"

namespace storyloom::temporal {

// A date as parsed, before resolution.
struct Core {
  enum Kind { kAbsolute, kWeekdayRef, kRelDayRef, kRelUnitRef } kind = kAbsolute;
  int y = 0, m = 0, d = 0;  // 0: not given
  int weekday = 0;
  int mode = INT_MIN;       // weekday: INT_MIN plain, -1 last, 0 this, 1 next
  bool week_given = false;  // weekday in the week `offset` weeks from the DCT's
  int offset = 0;           // weeks, days or units
  int unit = 0;
  bool year_rel = false;    // y is an offset from the DCT's year ("30/4 năm ngoái")
  int quarter = 0;          // 1..4 for "quý I", "first quarter"
  int decade = 0;           // 1980 for "the 1980s": value "198"
  int century = 0;          // 19 for "the 19th century": value "18"
  int half = 0;             // 1, 2 for "the first half of 2019": YYYY-H1
  int season = 0;           // 1 SP, 2 SU, 3 FA, 4 WI: YYYY-SU; with `mode` as for a weekday
  bool same_period = false;  // "cùng kỳ": the period told before, in year `y` (or a year before it)
  bool on_or_before = false;  // a weekday's "last" after it ("السبت الماضي"): today counts
  // kRelDayRef / kRelUnitRef counted from the date mentioned before ("two
  // days later", "hôm sau") rather than from the DCT; the caller passes that
  // date as the Dct.
  bool anchored = false;
};

// Which way a sentence looks: -1 back (a past cue), +1 forward (a future
// cue), 0 no cue.
enum Tense : int { kPastTense = -1, kNoTense = 0, kFutureTense = 1 };

struct Resolved {
  std::string value;
  bool year_unknown = false;
  bool relative = false;
};

// The document creation time.
struct Dct {
  bool has = false;
  Ymd day;
  int64_t days = 0;
};

// False when the value needs a DCT that is absent (relative expressions) or
// the day does not exist in the resolved year.
//
// A day, month or weekday without a year (or week) is put at its occurrence
// nearest the DCT when the sentence has no cue; a past cue takes the latest
// occurrence on or before the DCT (a day up to a week after it still counts:
// a deadline or a late report), a future cue the first on or after it (a
// day up to a month back still counts). A weekday given beside a yearless
// date picks the year in which that date is that weekday, nearest the DCT.
bool ResolveCore(const Core& c, const Dct& dct, int tense, Resolved* r);

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_
