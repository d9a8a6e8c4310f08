// Month and weekday names of a locale as ICU's copy of CLDR gives them, every
// width (wide, abbreviated) and context (format, standalone). The date
// tagger and the dateline cutter both read them from here.
#ifndef STORYLOOM_TEXT_CALENDAR_NAMES_H_
#define STORYLOOM_TEXT_CALENDAR_NAMES_H_

#include <unicode/unistr.h>

#include <string>
#include <vector>

namespace storyloom {

struct CalendarName {
  icu::UnicodeString name;
  int month = 0;    // 1..12, or 0 for a weekday
  int weekday = 0;  // 1 Monday .. 7 Sunday, or 0 for a month
  bool abbreviated = false;
};

// Empty when ICU has no such locale.
std::vector<CalendarName> CalendarNames(const std::string& locale);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_CALENDAR_NAMES_H_
