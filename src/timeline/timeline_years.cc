// A timeline's dates: ISO values read and written, and the years one
// document could not fix settled from the story's other documents.
#include "timeline/timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <set>

#include "base/calendar.h"
#include "stories/features.h"
#include "timeline/timeline_internal.h"

namespace storyloom::timeline_internal {

bool ParseDate(const std::string& value, int32_t* day, bool* month) {
  int64_t days = 0;
  temporal::Precision precision;
  if (!temporal::ParseIsoStart(value, &days, &precision)) return false;
  const bool is_day = value.size() == 10 && precision == temporal::Precision::kDay;
  const bool is_month = value.size() == 7 && precision == temporal::Precision::kMonth;
  if (!is_day && !is_month) return false;
  *day = static_cast<int32_t>(days);
  *month = is_month;
  return true;
}

std::string DateString(int32_t day, bool month) {
  std::string s = IsoDay(day);
  return month ? s.substr(0, 7) : s;
}

namespace {

// A yearless "XXXX-MM-DD" (or "XXXX-MM") given a year.
std::string WithYear(const std::string& value, int year) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return std::string(buf) + value.substr(4);
}

// How well a day sits among the story's dated days: 1 on one of them,
// falling off over about a month and a half.
double Fit(int32_t day, const std::vector<int32_t>& known) {
  if (known.empty()) return 0;
  auto it = std::lower_bound(known.begin(), known.end(), day);
  int32_t best = INT32_MAX;
  if (it != known.end()) best = std::min(best, *it - day);
  if (it != known.begin()) best = std::min(best, day - *std::prev(it));
  return std::exp(-best / 45.0);
}

std::optional<int32_t> DayOfValue(const std::string& value) {
  int32_t day;
  bool month;
  if (!ParseDate(value, &day, &month)) return std::nullopt;
  return month ? day + 14 : day;  // a month sits at its middle
}

}  // namespace

void SettleYears(std::vector<Prepared>* docs) {
  std::vector<int32_t> known;
  std::set<int> years;
  for (const Prepared& p : *docs) {
    if (p.published) {
      known.push_back(*p.published);
      years.insert(temporal::CivilFromDays(*p.published).y);
    }
    for (const SentenceAnnotation& s : p.annotation.sentences) {
      for (const TimeExpression& t : s.dates) {
        if (t.year_unknown) continue;
        if (auto d = DayOfValue(t.value)) {
          known.push_back(*d);
          years.insert(temporal::CivilFromDays(*d).y);
        }
      }
    }
  }
  std::sort(known.begin(), known.end());
  if (years.empty()) return;
  auto settle = [&](Prepared& p, bool lists) {
    std::vector<TimeExpression*> open;
    for (SentenceAnnotation& s : p.annotation.sentences) {
      for (TimeExpression& t : s.dates) {
        if (t.year_unknown && t.value.starts_with("XXXX") && t.relative_year.has_value() == lists) open.push_back(&t);
      }
    }
    if (open.empty()) return;
    std::vector<int32_t> added;
    auto fit = [&](const TimeExpression& t, int year) {
      auto d = DayOfValue(WithYear(t.value, year));
      return d ? Fit(*d, known) : -1.0;
    };
    if (lists) {
      int best_year = 0;
      double best = 0;
      for (int y : years) {
        double score = 0;
        for (const TimeExpression* t : open) score += fit(*t, y + *t->relative_year);
        if (score > best) best = score, best_year = y;
      }
      if (best <= 0) return;
      for (TimeExpression* t : open) {
        t->value = WithYear(t->value, best_year + *t->relative_year);
        t->year_unknown = false;
        if (auto d = DayOfValue(t->value)) added.push_back(*d);
      }
    } else {
      for (TimeExpression* t : open) {
        int best_year = 0;
        double best = 0;
        for (int y : years) {
          double score = fit(*t, y);
          if (score > best) best = score, best_year = y;
        }
        if (best <= 0) continue;
        t->value = WithYear(t->value, best_year);
        t->year_unknown = false;
        if (auto d = DayOfValue(t->value)) added.push_back(*d);
      }
    }
    known.insert(known.end(), added.begin(), added.end());
    std::sort(known.begin(), known.end());
  };
  for (Prepared& p : *docs) settle(p, true);
  for (Prepared& p : *docs) settle(p, false);
}

}  // namespace storyloom::timeline_internal
