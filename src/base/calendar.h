// The one calendar every stage counts days with: proleptic Gregorian
// arithmetic in days since 1970-01-01, ISO days, weekdays and weeks, and
// their parsing and formatting. The temporal tagger, document dates, the
// story features, the timeline, the store's summaries, the JSON views and
// the evaluations all read and write dates through it.
#ifndef STORYLOOM_BASE_CALENDAR_H_
#define STORYLOOM_BASE_CALENDAR_H_

#include <cstdint>
#include <cstdio>
#include <optional>
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

enum class Precision { kYear, kMonth, kDay };

// The first day of an ISO date of any precision: "2023-12-05", "2023-12"
// or "2023" (what follows is not read). False when it starts with none, or
// names no real day.
inline bool ParseIsoStart(std::string_view v, int64_t* days, Precision* precision = nullptr) {
  auto digits = [&](size_t pos, size_t len, int* out) {
    if (v.size() < pos + len) return false;
    int x = 0;
    for (size_t k = pos; k < pos + len; ++k) {
      if (v[k] < '0' || v[k] > '9') return false;
      x = x * 10 + (v[k] - '0');
    }
    *out = x;
    return true;
  };
  int y = 0, m = 1, d = 1;
  Precision p = Precision::kYear;
  if (!digits(0, 4, &y)) return false;
  if (v.size() >= 7 && v[4] == '-') {
    if (!digits(5, 2, &m)) return false;
    p = Precision::kMonth;
    if (v.size() >= 10 && v[7] == '-') {
      if (!digits(8, 2, &d)) return false;
      p = Precision::kDay;
    }
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *days = DaysFromCivil(y, m, d);
  if (precision) *precision = p;
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

namespace storyloom {

// Days since 1970-01-01 of an ISO day ("2023-12-05"; anything after the
// tenth character is not read); nothing when it is not a real day.
inline std::optional<int32_t> DayNumber(std::string_view iso) {
  temporal::Ymd ymd;
  if (!temporal::ParseIsoDay(iso, &ymd)) return std::nullopt;
  return static_cast<int32_t>(temporal::DaysOf(ymd));
}

// The ISO day of a day number.
inline std::string IsoDay(int32_t day) {
  temporal::Ymd ymd = temporal::CivilFromDays(day);
  return temporal::FormatDay(ymd.y, ymd.m, ymd.d);
}

}  // namespace storyloom

#endif  // STORYLOOM_BASE_CALENDAR_H_
