#include "annotate/temporal_lexicon.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/calendar_names.h"

namespace storyloom::temporal {

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

CharTable::CharTable() : cls_(0x10000), fold_(0x10000), case_(0x10000), digit_(0x10000, -1), upper_(0x10000), lower_(0x10000) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  for (char32_t c = 0; c < 0x10000; ++c) {
    fold_[c] = c;
    case_[c] = c;
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      cls_[c] = kNewline;
      continue;
    }
    if (u_isUWhiteSpace(c) || c == '\t' || c == 0xA0) {
      cls_[c] = kSpace;
      continue;
    }
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    int type = u_charType(c);
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      cls_[c] = kDigit;
      digit_[c] = static_cast<int8_t>(u_charDigitValue(c));
      continue;
    }
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) {
      cls_[c] = kMark;
      fold_[c] = 0;
      case_[c] = 0;
      continue;
    }
    if (!u_isalpha(c)) continue;
    cls_[c] = kLetter;
    upper_[c] = u_isupper(c);
    lower_[c] = u_islower(c);
    char32_t f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    case_[c] = f;
    if (c >= 0x80 && U_SUCCESS(status)) {
      icu::UnicodeString decomposed;
      UErrorCode s2 = U_ZERO_ERROR;
      nfd->normalize(icu::UnicodeString(static_cast<UChar32>(f)), decomposed, s2);
      if (U_SUCCESS(s2) && decomposed.length() > 0) f = decomposed.char32At(0);
    }
    fold_[c] = f;
  }
  // What NFD leaves alone but readers treat as the same letter.
  fold_[0x0111] = 'd';  // đ
  fold_[0x0110] = 'd';  // Đ
  fold_[0x0629] = 0x0647;  // ة -> ه
  fold_[0x0649] = 0x064A;  // ى -> ي
  fold_[0x0640] = 0;       // tatweel
  case_[0x0640] = 0;
  fold_[0x0131] = 'i';     // dotless i
  fold_[0x00DF] = 's';     // ß (rare in dates; "März" folds to "marz")
}

std::string CharTable::FoldPhrase(std::string_view s, bool keep_marks) const {
  std::string out;
  bool pending_space = false;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = DecodeUtf8(s, &i);
    CharClass k = Class(c);
    if (k == kSpace || k == kNewline || c == '-' || c == '\'' || c == 0x2019) {
      pending_space = !out.empty();
      continue;
    }
    char32_t f = Fold(c, keep_marks);
    if (f == 0) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendUtf8(f, &out);
  }
  return out;
}

void LanguageTable::Add(const std::string& folded, const Lex& lex) {
  if (folded.empty()) return;
  Lex& slot = phrases[folded];
  if (lex.Has(kMonth) && slot.Has(kMonth)) {
    // A name seen both wide and abbreviated is not abbreviated-only.
    slot.abbreviated = slot.abbreviated && lex.abbreviated;
  } else if (lex.Has(kMonth)) {
    slot.abbreviated = lex.abbreviated;
  }
  slot.kinds |= lex.kinds;
  if (lex.month) slot.month = lex.month;
  if (lex.weekday) slot.weekday = lex.weekday;
  if (lex.ordinal) slot.ordinal = lex.ordinal;
  if (lex.value) slot.value = lex.value;
  if (lex.Has(kUnit)) {
    slot.unit = lex.unit;
    slot.count = lex.count;
  }
  if (lex.Has(kRelDay) || lex.Has(kRelUnit) || lex.Has(kWdBefore) || lex.Has(kWdAfter) || lex.Has(kAnchorDay) ||
      lex.Has(kAnchorUnit)) {
    slot.offset = lex.offset;
    slot.unit = lex.unit;
  }
  uint8_t words = static_cast<uint8_t>(1 + std::count(folded.begin(), folded.end(), ' '));
  std::string first = folded.substr(0, folded.find(' '));
  uint8_t& max = first_word[first];
  max = std::max(max, words);
}

namespace {

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// CLDR month and weekday names of one ICU locale, every width and context.
void AddCldrNames(const std::string& locale, const CharTable& chars, LanguageTable* table) {
  for (const CalendarName& n : CalendarNames(locale)) {
    if (n.weekday && n.abbreviated) continue;  // abbreviated weekdays ("sun", "mar") are common words
    std::string folded = chars.FoldPhrase(ToUtf8(n.name), table->keep_marks);
    while (n.month && !folded.empty() && folded.back() == '.') folded.pop_back();
    if (folded.empty() || HasDigit(folded)) continue;  // "tháng 1" is a pattern, not a name
    Lex lex;
    lex.kinds = n.month ? kMonth : kWeekday;
    lex.month = static_cast<int8_t>(n.month);
    lex.weekday = static_cast<int8_t>(n.weekday);
    lex.abbreviated = n.month && n.abbreviated;
    table->Add(folded, lex);
  }
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

bool ParseInt(const std::string& s, int* v) {
  try {
    size_t used = 0;
    *v = std::stoi(s, &used);
    return used == s.size();
  } catch (...) {
    return false;
  }
}

struct KindName {
  const char* name;
  LexKind kind;
  int args;  // numeric fields after the phrase
};
constexpr KindName kKinds[] = {
    {"month", kMonth, 1},          {"weekday", kWeekday, 1},    {"trigger", kTrigger, 0},
    {"month_word", kMonthWord, 0}, {"dm_join", kDayMonthJoin, 0}, {"my_join", kMonthYearJoin, 0},
    {"ordinal", kOrdinal, 1},      {"ord_suffix", kOrdSuffix, 0}, {"relday", kRelDay, 1},
    {"relunit", kRelUnit, 2},      {"wd_before", kWdBefore, 1},   {"wd_after", kWdAfter, 1},
    {"future", kFuture, 0},        {"range_to", kRangeTo, 0},     {"ambiguous", kAmbiguous, 0},
    {"year_suffix", kYearSuffix, 0}, {"year_word", kYearWord, 0}, {"past", kPast, 0}, {"quarter", kQuarter, 1},
    {"number", kNumber, 1}, {"unit", kUnit, 1}, {"ago_before", kAgoBefore, 0}, {"ago_after", kAgoAfter, 0},
    {"anchor_day", kAnchorDay, 1}, {"later_before", kLaterBefore, 0}, {"later_after", kLaterAfter, 0},
    {"earlier_after", kEarlierAfter, 0}, {"weekday_word", kWeekdayWord, 0}, {"weekday_trigger", kWeekdayTrigger, 0},
    {"month_ref", kMonthRef, 0}, {"block", kBlock, 0}, {"approx", kApprox, 0}, {"hence_after", kHenceAfter, 0},
    {"quarter_word", kQuarterWord, 0}, {"decade_word", kDecadeWord, 0}, {"coord", kCoord, 0}, {"half", kHalf, 1},
    {"century_before", kCenturyBefore, 0}, {"season", kSeason, 1}, {"span_before", kSpanBefore, 0}, {"later_prep", kLaterPrep, 0}, {"day_trigger", kDayTrigger, 0}, {"year_det", kYearDet, 0}, {"same_period", kSamePeriod, 0}, {"clause", kClause, 0}, {"name_like", kNameLike, 0}, {"anchor_unit", kAnchorUnit, 2}, {"century_after", kCenturyAfter, 0}, {"decade_name", kDecadeName, 1},
};

// Keys that set a flag of the table, or fill one of its suffix lists.
constexpr std::pair<std::string_view, bool LanguageTable::*> kFlags[] = {
    {"keep_marks", &LanguageTable::keep_marks}, {"dash_dm", &LanguageTable::dash_dm},
    {"bare_dm", &LanguageTable::bare_dm},       {"dot_dm", &LanguageTable::dot_dm},
    {"year_after_noun", &LanguageTable::year_after_noun}};
const std::pair<std::string_view, std::vector<std::string> LanguageTable::*> kLists[] = {
    {"past_suffix", &LanguageTable::past_suffixes}, {"decade_suffix", &LanguageTable::decade_suffixes}};

int UnitFromName(const std::string& s) {
  if (s == "day") return kDay;
  if (s == "week") return kWeek;
  if (s == "month") return kMonthUnit;
  if (s == "year") return kYear;
  return -1;
}

Status LoadFile(const std::filesystem::path& path, const CharTable& chars, LanguageTable* table, int depth = 0) {
  if (depth > 4) return Status::Error(path.string() + ": include nested too deep");
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read " + path.string());
  std::string line;
  int lineno = 0;
  auto bad = [&](const std::string& why) {
    return Status::Error(path.string() + ":" + std::to_string(lineno) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    const std::string& key = f[0];
    if (key == "icu") {
      for (size_t k = 1; k < f.size(); ++k) AddCldrNames(f[k], chars, table);
      continue;
    }
    if (key == "include") {
      // "include id": a close language's table first (Malay reads Indonesian's).
      if (f.size() < 2) return bad("include LANG");
      Status s = LoadFile(path.parent_path() / (f[1] + ".tsv"), chars, table, depth + 1);
      if (!s.ok()) return bad(s.message());
      continue;
    }
    // A flag ("bare_dm") or a list of suffixes ("past_suffix ed").
    if (auto flag = std::find_if(std::begin(kFlags), std::end(kFlags), [&](const auto& k) { return key == k.first; });
        flag != std::end(kFlags)) {
      table->*(flag->second) = true;
      continue;
    }
    if (auto list = std::find_if(std::begin(kLists), std::end(kLists), [&](const auto& k) { return key == k.first; });
        list != std::end(kLists)) {
      for (size_t k = 1; k < f.size(); ++k) (table->*(list->second)).push_back(chars.FoldPhrase(f[k], table->keep_marks));
      continue;
    }
    if (key == "clitic") {
      if (f.size() < 2) return bad("clitic PREFIX [REPLACEMENT]");
      table->clitics.emplace_back(chars.FoldPhrase(f[1], table->keep_marks),
                                  f.size() > 2 ? chars.FoldPhrase(f[2], table->keep_marks) : "");
      continue;
    }
    if (key == "order") {
      if (f.size() < 2 || (f[1] != "DMY" && f[1] != "MDY")) return bad("order is DMY or MDY");
      table->month_first = f[1] == "MDY";
      continue;
    }
    const KindName* kind = nullptr;
    for (const KindName& k : kKinds) {
      if (key == k.name) kind = &k;
    }
    if (kind == nullptr) return bad("unknown key '" + key + "'");
    if (f.size() < static_cast<size_t>(2 + kind->args)) return bad("too few fields for " + key);
    Lex lex;
    lex.kinds = kind->kind;
    int a = 0, b = 0;
    if (kind->kind == kRelUnit || kind->kind == kAnchorUnit) {
      int unit = UnitFromName(f[2]);
      if (unit < 0 || !ParseInt(f[3], &b)) return bad(key + " PHRASE day|week|month|year OFFSET");
      if (b < -100 || b > 100) return bad(key + ": an offset from -100 to 100");
      lex.unit = static_cast<int8_t>(unit);
      lex.offset = static_cast<int8_t>(b);
    } else if (kind->kind == kUnit) {
      int unit = UnitFromName(f[2]);
      if (unit < 0) return bad("unit PHRASE day|week|month|year [COUNT]");
      lex.unit = static_cast<int8_t>(unit);
      if (f.size() > 3 && (!ParseInt(f[3], &b) || b < 1 || b > 100)) return bad("a unit's count is 1..100");
      if (f.size() > 3) lex.count = static_cast<int8_t>(b);
    } else if (kind->args == 1) {
      if (!ParseInt(f[2], &a)) return bad("expected a number");
      // Each number within what its kind can mean (and what its field holds).
      struct Range {
        LexKind kind;
        int lo, hi;
      };
      static constexpr Range kRanges[] = {{kMonth, 1, 12},   {kWeekday, 1, 7},    {kOrdinal, 1, 31},
                                          {kQuarter, 1, 4},  {kHalf, 1, 2},       {kSeason, 1, 4},
                                          {kNumber, 1, 100}, {kDecadeName, 100, 299}, {kRelDay, -60, 60},
                                          {kAnchorDay, -60, 60}, {kWdBefore, -1, 1}, {kWdAfter, -1, 1}};
      for (const Range& r : kRanges) {
        if (kind->kind == r.kind && (a < r.lo || a > r.hi)) {
          return bad(key + " takes a number from " + std::to_string(r.lo) + " to " + std::to_string(r.hi));
        }
      }
      if (kind->kind == kMonth) lex.month = static_cast<int8_t>(a);
      if (kind->kind == kWeekday) lex.weekday = static_cast<int8_t>(a);
      if (kind->kind == kDecadeName) lex.value = static_cast<int16_t>(a);
      if (kind->kind == kOrdinal || kind->kind == kQuarter || kind->kind == kNumber || kind->kind == kHalf ||
          kind->kind == kSeason) {
        lex.ordinal = static_cast<int8_t>(a);
      }
      if (kind->kind == kRelDay || kind->kind == kWdBefore || kind->kind == kWdAfter || kind->kind == kAnchorDay) {
        lex.offset = static_cast<int8_t>(a);
      }
    }
    // A phrase field may list variants separated by '|'.
    std::istringstream variants(f[1]);
    std::string variant;
    while (std::getline(variants, variant, '|')) table->Add(chars.FoldPhrase(variant, table->keep_marks), lex);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unordered_map<std::string, LanguageTable>> LoadLanguageTables(const std::string& dir,
                                                                          const CharTable& chars) {
  std::unordered_map<std::string, LanguageTable> tables;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".tsv") continue;
    std::string lang = entry.path().stem().string();
    LanguageTable& table = tables[lang];
    table.lang = lang;
    Status s = LoadFile(entry.path(), chars, &table);
    if (!s.ok()) return Unexpected(s);
  }
  if (ec) return Unexpected(Status::Error("cannot list " + dir + ": " + ec.message()));
  if (tables.empty()) return Unexpected(Status::Error("no temporal tables (*.tsv) in " + dir));
  return tables;
}

}  // namespace storyloom::temporal
