// The temporal tagger: finds date expressions in UTF-8 text and resolves each
// to an ISO value at its own granularity (day "2024-04-10", month "2023-07",
// year "2024", ISO week "2024-W15", ranges "START/END").
//
// Design: one pass of a hand-written scanner over the text (numbers, ASCII and
// Arabic-Indic digits, punctuation, words folded for case and diacritics),
// driven by per-language phrase tables (see temporal_lexicon.h). No regular
// expressions: the tagger runs at tens of MB/s.
//
// Shapes: numeric D/M/Y (M/D/Y where the table says so) and Y-M-D; D/M only
// after a trigger word ("ngày", "hôm", "on", "pada") or a weekday; D MONTH
// [YEAR] with joins ("4 de diciembre de 2023", "الرابع من ديسمبر"); MONTH D[,]
// [YEAR]; MONTH YEAR; month words with a number ("tháng 7/2023"); triggered
// years ("năm 2012", "in 2012"); weekdays with an optional date in brackets
// ("thứ Sáu (25/8)") or a modifier ("last Tuesday", "thứ Sáu tuần trước");
// relative days and units ("hôm qua", "bulan lalu"); quarters ("quý I",
// "2024-Q1"); ranges "A to B", "3-5 March", "March 15 to 17", "30/4 - 1/5".
//
// Also: days counted from the date told before ("the next day", "hôm sau",
// "two days later", "بعد يومين من ذلك"; a year told anchors years and a month
// months), "that year", the same period a year earlier ("cùng kỳ"), parts of
// months and years, halves, seasons, decades, centuries, a year qualifying
// a noun ("the 2016 election"). Durations ("for two years", "trong tuần
// qua") and a header's time stamp repeating the DCT are not dates.
//
// Resolution (temporal_resolve.h): a date without a year, a bare month, a
// season or a weekday takes its occurrence nearest the DCT unless the
// sentence has a tense cue: a future or past word of the language's table (or
// an English word in -ed) in the ten words before it, else the eight after it
// up to a new clause; the nearest cue wins. A weekday beside a date picks the
// year in which they agree. "last"/"next" before a month name it strictly
// before/after the DCT's month. Without a DCT a yearless day or month is
// written "XXXX-MM-DD" / "XXXX-MM" with year_unknown set, and relative
// expressions (which need a DCT) are not reported.
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyloom/annotation.h"
#include "storyloom/status.h"

namespace storyloom {

namespace temporal {
class CharTable;
struct LanguageTable;
}  // namespace temporal

class TemporalTagger {
 public:
  // `dir` holds <lang>.tsv files (resources/temporal).
  static Result<std::unique_ptr<TemporalTagger>> Load(const std::string& dir);
  ~TemporalTagger();

  // Languages with a table. Tag takes a code as files and datasets write it
  // ("vie", "arb", "ar-EG"); a language without a table is tagged with "en".
  std::vector<std::string> Languages() const;

  // `dct` is an ISO day ("2024-04-23") or empty when unknown. Expressions
  // come in text order, spans in bytes of `text`.
  std::vector<TimeExpression> Tag(std::string_view text, std::string_view lang, std::string_view dct) const;

 private:
  TemporalTagger();
  std::unique_ptr<temporal::CharTable> chars_;
  std::unique_ptr<std::unordered_map<std::string, temporal::LanguageTable>> tables_;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_H_
