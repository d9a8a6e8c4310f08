#include "annotate/document_date.h"

#include <algorithm>

#include "base/calendar.h"

namespace storyloom {

using temporal::DaysFromCivil;
using temporal::DaysInMonth;

namespace {

// Start day of a year-bearing value ("2023", "2023-07", "2023-07-14"), or -1.
bool StartOf(std::string_view v, int64_t* days) { return temporal::ParseIsoStart(v, days); }

}  // namespace

DocumentDate ResolveDocumentDate(const std::optional<std::string>& given, std::string_view given_from,
                                 std::string_view text, std::string_view lang, const TemporalTagger& tagger) {
  DocumentDate out;
  if (given && !given->empty()) {
    out.value = *given;
    out.from = given_from.empty() ? "metadata" : std::string(given_from);
    return out;
  }
  std::vector<TimeExpression> found = tagger.Tag(text, lang, "");
  int64_t latest_full = INT64_MIN, anchor = INT64_MIN;
  for (const TimeExpression& e : found) {
    if (e.year_unknown || e.relative) continue;
    std::string_view v = e.value;
    v = v.substr(0, v.find('/'));
    int64_t start = 0;
    if (!StartOf(v, &start)) continue;
    if (v.size() >= 7) anchor = std::max(anchor, start);  // a bare year is background
    if (v.size() == 10) latest_full = std::max(latest_full, start);
  }
  if (anchor == INT64_MIN) return out;
  int64_t best = latest_full;
  const temporal::Ymd a = temporal::CivilFromDays(anchor);
  for (const TimeExpression& e : found) {
    if (!e.year_unknown || e.value.size() != 10 || e.value.compare(0, 5, "XXXX-") != 0) continue;
    // Beside a month ("the coup of July 2023") a yearless day is the news
    // that came after it, or in the weeks just before it ("24/3" beside
    // "early April 2025"). Beside a full day it is in the year that puts it
    // nearest: "13 Maret" beside "17/3/2025" is four days before, not next
    // March. Only a day after the latest moves the document date.
    const int m = std::stoi(e.value.substr(5, 2)), d = std::stoi(e.value.substr(8, 2));
    const bool beside_day = anchor == latest_full;
    int64_t chosen = INT64_MIN;
    for (int y = beside_day ? a.y - 1 : a.y; y <= a.y + 1; ++y) {
      if (d > DaysInMonth(y, m)) continue;
      int64_t day = DaysFromCivil(y, m, d);
      if (beside_day) {
        if (chosen == INT64_MIN || std::llabs(day - anchor) < std::llabs(chosen - anchor)) chosen = day;
      } else if (day >= anchor - 31) {
        chosen = day;
        break;
      }
    }
    if (chosen != INT64_MIN) best = std::max(best, chosen);
  }
  if (best == INT64_MIN) best = latest_full;
  if (best == INT64_MIN) return out;
  const temporal::Ymd t = temporal::CivilFromDays(best);
  out.value = temporal::FormatDay(t.y, t.m, t.d);
  out.from = "inferred";
  return out;
}

}  // namespace storyloom
