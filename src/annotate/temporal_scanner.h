// The temporal tagger's scanner (see temporal.h): one pass over the tokens
// of a text. Its methods are defined in the temporal_*.cc files named below,
// one kind of expression or step each.
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_SCANNER_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/calendar.h"
#include "annotate/temporal_lexicon.h"
#include "annotate/temporal_resolve.h"
#include "annotate/temporal_tokens.h"
#include "storyloom/annotation.h"

namespace storyloom::temporal {

class Scanner {
 public:
  Scanner(std::string_view text, const CharTable& chars, const LanguageTable& table, std::string_view dct);

  std::vector<TimeExpression> Run();

 private:
  size_t n() const { return toks_.size(); }
  std::string_view Fold(size_t i) const { return {arena_.data() + toks_[i].fold_off, toks_[i].fold_len}; }
  bool Punct(size_t i, char32_t c) const { return i < n() && toks_[i].kind == kPunctTok && toks_[i].ch == c; }
  bool Glued(size_t i) const { return i < n() && !toks_[i].space; }
  bool Num(size_t i, int max_digits) const {
    return i < n() && toks_[i].kind == kNumTok && toks_[i].ndig <= max_digits;
  }
  bool IsDash(size_t i) const {
    return i < n() && toks_[i].kind == kPunctTok &&
           (toks_[i].ch == '-' || toks_[i].ch == 0x2013 || toks_[i].ch == 0x2014);
  }
  bool IsSep(size_t i) const {
    return i < n() && toks_[i].kind == kPunctTok && (toks_[i].ch == '/' || toks_[i].ch == '-' || toks_[i].ch == '.');
  }

  bool Joiner(size_t k) const {
    return k < n() && Glued(k) && toks_[k].kind == kPunctTok &&
           (toks_[k].ch == '-' || toks_[k].ch == '\'' || toks_[k].ch == 0x2019);
  }

  static bool HasYear(const Core& c) { return c.y != 0 || c.year_rel; }

  // temporal_phrases.cc: the table's phrases at a token.
  const Lex* Lookup(size_t i, size_t* len);
  void LookupFrom(size_t i, std::string_view first);
  bool LexAt(size_t i, LexKind kind, size_t* len);
  const Lex* SingleLex(size_t i) const;
  bool BlockInside(size_t i, size_t len);

  // temporal_context.cc: line and sentence ends, clocks and time stamps.
  bool ClockTime(size_t i) const;
  static bool ClockWord(std::string_view w, bool am_pm);
  bool StampClock(size_t i) const;
  bool BesideStamp(size_t begin, size_t end) const;
  bool LineStart(size_t i) const;
  bool SentenceEnd(size_t k) const;

  // temporal_dates.cc: years, months, days, numeric dates, weekdays.
  bool ParseYear(size_t i, int* y, size_t* end);
  bool ParseMonth(size_t i, int* m, int* y, bool* weak, size_t* end);
  bool RelYearAt(size_t j, Core* c, size_t* end);
  void OptionalYear(size_t j, Core* c, size_t* end);
  bool ParseDayMonth(size_t i, Core* c, size_t* end);
  bool ParseMonthFirst(size_t i, bool triggered, Core* c, size_t* end);
  bool ParseNumeric(size_t i, bool triggered, Core* c, size_t* end);
  bool ParseDate(size_t i, bool triggered, Core* c, size_t* end);
  bool ParseWeekday(size_t i, int mode, bool licensed, Core* c, size_t* end);

  // temporal_periods.cc: decades and centuries.
  bool ParseDecade(size_t i, bool worded, Core* c, size_t* end);
  bool ParseCentury(size_t i, Core* c, size_t* end);

  // temporal_ranges.cc: ranges.
  bool YearRange(size_t k, Core* c, size_t* end);
  void PendRange(const Core& last, size_t end);
  bool TryRange(size_t j, Core* a, Core* b, size_t* end);

  // temporal_relative.cc: spans before or after a date.
  bool ParseAgo(size_t i, Core* c, size_t* end);

  // temporal_match.cc: what starts at a token.
  bool Nested(size_t i, Core* c, size_t* end, size_t* begin);
  bool TryAt(size_t i, Core* c, size_t* end, size_t* begin);

  // temporal_tense.cc: the tense cue.
  bool PastWord(size_t k);
  int TenseAt(size_t begin, size_t end);

  // temporal_emit.cc: resolving and emitting.
  bool UntilBefore(size_t begin);
  void Emit(size_t begin, size_t end, const Core& a, const Core* b, int tense, std::vector<TimeExpression>* out);

  std::string_view text_;
  const LanguageTable& table_;
  std::vector<Tok> toks_;
  std::string arena_;
  std::vector<const Lex*> lex_;
  std::vector<uint8_t> lex_len_;
  Dct dct_;
  Ymd last_;               // the last absolute date emitted
  Dct anchor_;             // the last date emitted, for "two days later"
  int anchor_granularity_ = 0;  // 0 day, 1 month, 2 year
  Ymd stamp_day_;
  std::string last_period_;  // the last absolute value told, for "cùng kỳ"
  size_t last_end_ = 0;
  bool range_end_part_ = false;  // parsing the end of "11-17/10"
  int depth_ = 0;                // TryAt nesting after trigger words
  Core range_pending_;
  size_t range_end_ = 0;
};

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_SCANNER_H_
