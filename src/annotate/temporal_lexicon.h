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
enum LexKind : uint32_t {
  kMonth = 1u << 0,        // month name; month = 1..12
  kWeekday = 1u << 1,      // weekday name; weekday = 1 (Monday) .. 7
  kTrigger = 1u << 2,      // "ngày", "on", "pada": licenses D/M, kept in the span
  kMonthWord = 1u << 3,    // "tháng": the month follows as a number
  kDayMonthJoin = 1u << 4, // "de", "من", "of": between day and month
  kMonthYearJoin = 1u << 5,// "de", "năm": between month and year
  kOrdinal = 1u << 6,      // "الرابع" = 4; ordinal = day
  kOrdSuffix = 1u << 7,    // "th", "er": glued to a day number
  kRelDay = 1u << 8,       // "hôm qua" = -1 day; offset
  kRelUnit = 1u << 9,      // "tuần trước" = week -1; unit, offset
  kWdBefore = 1u << 10,    // "last" before a weekday; offset
  kWdAfter = 1u << 11,     // "الماضي" after a weekday; offset
  kFuture = 1u << 12,      // "sẽ", "will": the sentence looks forward
  kRangeTo = 1u << 13,     // "đến", "to", "hingga": joins two dates into a range
  kAmbiguous = 1u << 14,   // "may", "minggu": a name only when capitalised
  kYearSuffix = 1u << 15,  // "года", "г": after a year, kept in the span
  kYearWord = 1u << 16,    // "năm", "tahun", "عام", "in": a 4-digit year follows
  kPast = 1u << 17,        // "since", "kể từ": the sentence looks back
  kQuarter = 1u << 18,     // "quý I", "first quarter"; ordinal = 1..4
  kNumber = 1u << 19,      // "two", "dua": ordinal = the number
  kUnit = 1u << 20,        // "days", "hari", "ngày": unit
  kAgoBefore = 1u << 21,   // "hace", "il y a" before "N units"
  kAgoAfter = 1u << 22,    // "ago", "lalu", "trước" after "N units"
};

enum Unit : int8_t { kDay = 0, kWeek, kMonthUnit, kYear };

struct Lex {
  uint32_t kinds = 0;
  int8_t month = 0;
  int8_t weekday = 0;
  int8_t ordinal = 0;
  int8_t offset = 0;          // kRelDay, kRelUnit, kWdBefore, kWdAfter
  int8_t unit = 0;            // kRelUnit
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
  bool keep_marks = false;   // fold case only: the marks tell words apart (vi)      // "10-4" after a trigger is a day and month (vi)
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
