// The temporal tagger's tables: a character table that folds case and
// diacritics (built once from ICU), and one phrase lexicon a language, made of
// CLDR month and weekday names (icu::DateFormatSymbols) and of the patterns in
// resources/temporal/<lang>.tsv (format in the header comment of en.tsv).
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_LEXICON_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_LEXICON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyloom/status.h"

namespace storyloom::temporal {

// Character classes of the scanner.
enum CharClass : uint8_t { kOther = 0, kSpace, kNewline, kLetter, kMark, kDigit };

// Folding and classes for the Basic Multilingual Plane.
class CharTable {
 public:
  CharTable();  // builds from ICU
  CharClass Class(char32_t c) const { return c < 0x10000 ? static_cast<CharClass>(cls_[c]) : kLetter; }
  // Folded code point, 0 to drop (combining marks, tatweel).
  char32_t Fold(char32_t c) const { return c < 0x10000 ? fold_[c] : c; }
  // Case folding only, diacritics kept (Vietnamese: "thẳng" is not "tháng").
  char32_t FoldCase(char32_t c) const { return c < 0x10000 ? case_[c] : c; }
  char32_t Fold(char32_t c, bool keep_marks) const { return keep_marks ? FoldCase(c) : Fold(c); }
  int DigitValue(char32_t c) const { return c < 0x10000 ? digit_[c] : -1; }
  bool IsUpper(char32_t c) const { return c < 0x10000 && upper_[c]; }
  bool IsLower(char32_t c) const { return c < 0x10000 && lower_[c]; }
  // Folds a whole UTF-8 string, words joined by one space.
  std::string FoldPhrase(std::string_view utf8, bool keep_marks = false) const;

 private:
  std::vector<uint8_t> cls_;
  std::vector<char32_t> fold_;
  std::vector<char32_t> case_;
  std::vector<int8_t> digit_;
  std::vector<bool> upper_;
  std::vector<bool> lower_;
};

// Decodes one UTF-8 code point at text[*i], advancing *i; U+FFFD when invalid.
char32_t DecodeUtf8(std::string_view text, size_t* i);
void AppendUtf8(char32_t c, std::string* out);

// What a phrase can be; one phrase may be several things ("de").
enum LexKind : uint64_t {
  kMonth = 1ull << 0,        // month name; month = 1..12
  kWeekday = 1ull << 1,      // weekday name; weekday = 1 (Monday) .. 7
  kTrigger = 1ull << 2,      // "ngày", "on", "pada": licenses D/M, kept in the span
  kMonthWord = 1ull << 3,    // "tháng": the month follows as a number
  kDayMonthJoin = 1ull << 4, // "de", "من", "of": between day and month
  kMonthYearJoin = 1ull << 5,// "de", "năm": between month and year
  kOrdinal = 1ull << 6,      // "الرابع" = 4; ordinal = day
  kOrdSuffix = 1ull << 7,    // "th", "er": glued to a day number
  kRelDay = 1ull << 8,       // "hôm qua" = -1 day; offset
  kRelUnit = 1ull << 9,      // "tuần trước" = week -1; unit, offset
  kWdBefore = 1ull << 10,    // "last" before a weekday; offset
  kWdAfter = 1ull << 11,     // "الماضي" after a weekday; offset
  kFuture = 1ull << 12,      // "sẽ", "will": the sentence looks forward
  kRangeTo = 1ull << 13,     // "đến", "to", "hingga": joins two dates into a range
  kAmbiguous = 1ull << 14,   // "may", "minggu": a name only when capitalised
  kYearSuffix = 1ull << 15,  // "года", "г": after a year, kept in the span
  kYearWord = 1ull << 16,    // "năm", "tahun", "عام", "in": a 4-digit year follows
  kPast = 1ull << 17,        // "since", "kể từ": the sentence looks back
  kQuarter = 1ull << 18,     // "quý I", "first quarter"; ordinal = 1..4
  kNumber = 1ull << 19,      // "two", "dua": ordinal = the number
  kUnit = 1ull << 20,        // "days", "hari", "ngày": unit
  kAgoBefore = 1ull << 21,   // "hace", "il y a" before "N units"
  kAgoAfter = 1ull << 22,    // "ago", "lalu", "trước" after "N units"
  kAnchorDay = 1ull << 23,   // "the next day", "hôm sau" = +1 from the date before; offset
  kLaterBefore = 1ull << 24, // "بعد" before "N units": that long after the date before
  kLaterAfter = 1ull << 25,  // "later", "kemudian", "sau đó" after "N units"
  kEarlierAfter = 1ull << 26,// "earlier", "sebelumnya", "trước đó" after "N units"
  kWeekdayWord = 1ull << 27, // "thứ": a weekday by its number follows ("thứ 7" Saturday)
  kWeekdayTrigger = 1ull << 28, // "vào", "pada": a weekday name after it is one even in lower case
  kMonthRef = 1ull << 29,    // "الشهر" after a day and its join: the document's month
  kBlock = 1ull << 30,       // a phrase that is none of these ("sau khi"): shadows shorter ones
  kApprox = 1ull << 31,      // "almost", "sekitar" before "N units", kept in the span
  kHenceAfter = 1ull << 32,  // "from now", "nữa", "lagi" after "N units": that long after the DCT
  kQuarterWord = 1ull << 33, // "quý", "kuartal": a quarter's number follows ("quý 3")
  kDecadeWord = 1ull << 34,  // "những năm", "thập niên": a decade's first year follows
  kCoord = 1ull << 35,       // "and", "dan", "và": a second year after a year ("1985 dan 2017")
  kHalf = 1ull << 36,        // "the first half", "nửa đầu": YYYY-HN, or the month it qualifies
  kCenturyBefore = 1ull << 37, // "thế kỷ", "القرن", "abad": a century's number or ordinal follows
  kCenturyAfter = 1ull << 38,  // "century" after "19th"
  kDecadeName = 1ull << 39,  // "الثمانينيات" = 198; value
  kSeason = 1ull << 40,      // "summer", "الصيف": ordinal = 1 SP, 2 SU, 3 FA, 4 WI
  kSpanBefore = 1ull << 41,  // "for", "selama", "trong" before "N units ago/later": a duration
  kLaterPrep = 1ull << 42,   // "sau" after "N units": later, unless a word follows ("một tháng sau Brexit")
  kDayTrigger = 1ull << 43,  // "ngày", "on": a fraction-like "1/3" after it is still a day
  kYearDet = 1ull << 44,     // "the", "a" before a year that qualifies a noun ("the 2016 election")
  kAnchorUnit = 1ull << 45,  // "that year", "the following month": unit, offset from the date told before
  kSamePeriod = 1ull << 46,  // "cùng kỳ": the period told before, a year earlier ("quý 3" -> 2012-Q3)
  kClause = 1ull << 47,      // "who", "yang", "khi": a new clause, whose tense is not the date's
  kNameLike = 1ull << 48,    // a weekday that is also a personal name ("Khamis"): not after a capitalised word
};

enum Unit : int8_t { kDay = 0, kWeek, kMonthUnit, kYear };

struct Lex {
  uint64_t kinds = 0;
  int8_t month = 0;
  int8_t weekday = 0;
  int8_t ordinal = 0;
  int8_t offset = 0;          // kRelDay, kRelUnit, kWdBefore, kWdAfter, kAnchorDay
  int8_t unit = 0;            // kRelUnit, kUnit
  int8_t count = 0;           // kUnit with its number built in ("يومين" 2, "sepekan" 1)
  int16_t value = 0;          // kDecadeName: the decade's value (198)
  bool abbreviated = false;   // month known only in an abbreviated form
  bool Has(LexKind k) const { return (kinds & k) != 0; }
};

// Transparent hashing so lookups take string_view without allocating.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct LanguageTable {
  std::string lang;
  bool month_first = false;  // numeric dates M/D/Y (en) rather than D/M/Y
  bool dash_dm = false;
  bool keep_marks = false;   // fold case only: the marks tell words apart (vi)
  bool bare_dm = false;      // "15/3" is a day and month without a trigger (vi)
  bool dot_dm = false;       // "sáng 21.10" is a day and month after a trigger (vi)
  bool year_after_noun = false;  // "referendum 2016." is a year: a word, a year, then punctuation (id, ms)
  // A word ending so (at least 5 letters) is a past cue ("resumed").
  std::vector<std::string> past_suffixes;
  // Glued to a decade's first year: "s" ("1980s"), "an" ("1980-an").
  std::vector<std::string> decade_suffixes;
  // Clitics glued before a word ("و", "بال"): looked up without them, the
  // second field (may be empty) put back in their place ("لل" -> "ال").
  std::vector<std::pair<std::string, std::string>> clitics;
  std::unordered_map<std::string, Lex, StringHash, std::equal_to<>> phrases;
  // Longest phrase (in words) that starts with a given first word.
  std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> first_word;
  void Add(const std::string& folded, const Lex& lex);
};

// Loads every <lang>.tsv in `dir`, with the CLDR names of the ICU locales each
// names. Fails on a malformed line, naming file and line.
Result<std::unordered_map<std::string, LanguageTable>> LoadLanguageTables(const std::string& dir,
                                                                          const CharTable& chars);

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_LEXICON_H_
