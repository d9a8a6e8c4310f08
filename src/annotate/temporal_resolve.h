// The temporal tagger's values: a parsed date (Core) resolved against the
// document creation time into an ISO value (see temporal.h for the rules).
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_

#include <climits>
#include <cstdint>
#include <string>

#include "annotate/temporal_calendar.h"

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
};

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
bool ResolveCore(const Core& c, const Dct& dct, bool future, Resolved* r);

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_RESOLVE_H_
