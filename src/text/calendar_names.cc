#include "text/calendar_names.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

namespace storyloom {

std::vector<CalendarName> CalendarNames(const std::string& locale) {
  std::vector<CalendarName> out;
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols{icu::Locale(locale.c_str()), status};
  if (U_FAILURE(status)) return out;
  using S = icu::DateFormatSymbols;
  for (auto ctx : {S::FORMAT, S::STANDALONE}) {
    for (auto width : {S::WIDE, S::ABBREVIATED}) {
      const bool abbreviated = width == S::ABBREVIATED;
      int32_t count = 0;
      const icu::UnicodeString* months = symbols.getMonths(count, ctx, width);
      for (int32_t m = 0; m < count && m < 12; ++m) out.push_back({months[m], m + 1, 0, abbreviated});
      const icu::UnicodeString* days = symbols.getWeekdays(count, ctx, width);
      for (int32_t d = 1; d < count && d <= 7; ++d) {  // ICU: 1 = Sunday
        out.push_back({days[d], 0, d == 1 ? 7 : d - 1, abbreviated});
      }
    }
  }
  return out;
}

}  // namespace storyloom
