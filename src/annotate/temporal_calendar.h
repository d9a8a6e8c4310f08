// Proleptic Gregorian calendar arithmetic for the temporal tagger: days since
// 1970-01-01, ISO weekdays and weeks, ISO value formatting.
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_CALENDAR_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_CALENDAR_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace storyloom::temporal {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

inline int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Ymd r;
  r.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  r.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  r.y = static_cast<int>(yoe + era * 400 + (r.m <= 2));
  return r;
}

inline int64_t DaysOf(const Ymd& t) { return DaysFromCivil(t.y, t.m, t.d); }

// 1 = Monday .. 7 = Sunday.
inline int IsoWeekday(int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7) + 1; }

inline int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

inline bool ParseIsoDay(std::string_view s, Ymd* out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < lens[k]; ++j) {
      char c = s[starts[k] + j];
      if (c < '0' || c > '9') return false;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > DaysInMonth(v[0], v[1])) return false;
  *out = {v[0], v[1], v[2]};
  return true;
}

inline std::string FormatDay(int y, int m, int d) {
  char buf[32];
  if (y <= 0) std::snprintf(buf, sizeof buf, "XXXX-%02d-%02d", m, d);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

inline std::string FormatMonth(int y, int m) {
  char buf[32];
  if (y <= 0) std::snprintf(buf, sizeof buf, "XXXX-%02d", m);
  else std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

inline std::string FormatIsoWeek(int64_t days) {
  const int64_t thursday = days - (IsoWeekday(days) - 1) + 3;
  const int year = CivilFromDays(thursday).y;
  const int week = static_cast<int>((thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_CALENDAR_H_
