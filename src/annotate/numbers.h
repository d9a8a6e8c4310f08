// Numbers with their magnitude: `num:1500`, `num:3000000`, `num:18%`.
//
// Separators are read by language. In vi, id, ms, de, es, it, pt, fr, ru, tr
// and nl, `.` groups thousands and `,` marks decimals (`1.500` = 1500,
// `2,5` = 2.5); elsewhere (en, ar, ...) the reverse (`1,500` = 1500). A
// thousands separator must be followed by groups of exactly three digits;
// otherwise the separator is read as a decimal mark (`1.5 million` in vi is
// still 1500000 when `.` cannot be grouping). Arabic-Indic digits and the
// Arabic separators `٬` (thousands) and `٫` (decimal) are read everywhere.
//
// A following scale word multiplies (thousand/million/billion/trillion in
// en, vi, id, ar, fr, es, de, ru: `3 triệu`, `3 juta`, `3 ملايين`); a
// following `%` or percent word makes a percentage.
//
// Skipped, because they carry little identity: integers from 1900 to 2100
// with no scale or percent (years; dates are anchored elsewhere) and plain
// integers up to 12 (counts of everything, days and months).
#ifndef STORYLOOM_ANNOTATE_NUMBERS_H_
#define STORYLOOM_ANNOTATE_NUMBERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotate/anchors_text.h"
#include "storyloom/annotation.h"

namespace storyloom {

// The value of a number token as written (ASCII digits and separators).
std::optional<double> ParseNumber(std::string_view digits, const std::string& lang);

// "1500", "2.5", "3000000": the key form of a value.
std::string NumberKey(double value);

void FindNumbers(const std::vector<AnchorToken>& tokens, std::string_view text, const std::string& lang,
                 std::vector<Anchor>* out, std::vector<bool>* used);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_NUMBERS_H_
