#include "clean/dateline.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "clean/table_rows.h"
#include "text/calendar_names.h"

namespace storyloom {

namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    out.emplace_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return out;
}

// An alternation, longest first so that the longer name wins.
std::string Alt(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  std::stable_sort(items.begin(), items.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out = "(?:";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "|" : "") + items[i];
  return out + ")";
}

// Literal names as a regular expression shaped like a trie ("J(?:an(?:uary)?
// |u(?:ne|ly))"): a long alternation of names, tried at every position, then
// fails at its first letter instead of trying every name.
std::string Trie(const std::vector<std::string>& words) {
  struct Node {
    std::map<UChar32, size_t> next;
    bool end = false;
  };
  std::vector<Node> nodes(1);
  for (const std::string& w : words) {
    size_t n = 0;
    int32_t i = 0;
    while (i < static_cast<int32_t>(w.size())) {
      UChar32 c;
      U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
      if (c < 0) break;
      auto it = nodes[n].next.find(c);
      if (it == nodes[n].next.end()) {
        nodes.emplace_back();
        it = nodes[n].next.emplace(c, nodes.size() - 1).first;
      }
      n = it->second;
    }
    nodes[n].end = true;
  }
  auto emit = [&](auto&& self, size_t n) -> std::string {
    std::vector<std::string> alts;
    for (const auto& [c, child] : nodes[n].next) {
      std::string lit;
      if (c < 0x80 && std::string_view("\\^$.|?*+()[]{}-").find(static_cast<char>(c)) != std::string_view::npos) {
        lit += '\\';
      }
      icu::UnicodeString(c).toUTF8String(lit);
      alts.push_back(lit + self(self, child));
    }
    if (alts.empty()) return "";
    std::string body = alts.size() == 1 ? alts[0] : "(?:" + alts[0];
    if (alts.size() > 1) {
      for (size_t k = 1; k < alts.size(); ++k) body += "|" + alts[k];
      body += ")";
    }
    if (nodes[n].end) return alts.size() == 1 ? "(?:" + body + ")?" : body + "?";
    return body;
  };
  return emit(emit, 0);
}

// The word a row stands for when it is one (backslashes before punctuation
// removed); false for a pattern.
bool Literal(const std::string& row, std::string* out) {
  out->clear();
  for (size_t i = 0; i < row.size(); ++i) {
    char c = row[i];
    if (c == '\\') {
      if (i + 1 < row.size() && std::ispunct(static_cast<unsigned char>(row[i + 1]))) {
        *out += row[++i];
        continue;
      }
      return false;
    }
    if (std::string_view("^$.|?*+()[]{}").find(c) != std::string_view::npos) return false;
    *out += c;
  }
  return !out->empty();
}

// A name as ICU gives it, capitalised, and in capitals: "mars", "Mars",
// "MARS". Names are matched case-sensitively: folding the case of a long
// alternation at every position tried is slow.
void AddCasings(const icu::UnicodeString& name, const icu::Locale& locale, std::vector<std::string>* out) {
  icu::UnicodeString title = name;
  title.toTitle(nullptr, locale, U_TITLECASE_NO_LOWERCASE);
  icu::UnicodeString upper = name;
  upper.toUpper(locale);
  for (const icu::UnicodeString* u : {&name, static_cast<const icu::UnicodeString*>(&title), static_cast<const icu::UnicodeString*>(&upper)}) {
    std::string s;
    u->toUTF8String(s);
    while (!s.empty() && s.back() == '.') s.pop_back();
    if (!s.empty()) out->push_back(s);
  }
}

void AddIcuNames(const std::string& locale, std::vector<std::string>* months, std::vector<std::string>* weekdays) {
  const icu::Locale loc(locale.c_str());
  for (const CalendarName& n : CalendarNames(locale)) AddCasings(n.name, loc, n.month ? months : weekdays);
}

Result<std::unique_ptr<icu::RegexPattern>> Compile(const std::string& pattern, const std::string& what) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr;
  std::unique_ptr<icu::RegexPattern> re(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, perr, status));
  if (U_FAILURE(status)) return Fail("dateline table: bad " + what + " pattern: " + u_errorName(status));
  return re;
}

}  // namespace

DatelineTable::~DatelineTable() = default;

Result<std::unique_ptr<DatelineTable>> DatelineTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("cannot read dateline table " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<std::unique_ptr<DatelineTable>> DatelineTable::Parse(std::string_view tsv, const std::string& name) {
  std::map<std::string, std::vector<std::string>> rows;
  std::vector<std::string> icu_months, icu_weekdays;  // literal names
  Status read = ForEachTableRow(tsv, [&](std::string_view line, int line_no) -> Status {
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 3 || f[2].empty()) {
      return Status::Error(name + ":" + std::to_string(line_no) + ": expected kind<TAB>lang<TAB>pattern");
    }
    static const char* kKinds[] = {"agency", "place", "separator", "open", "close", "label",
                                   "by",     "zone",  "month",     "weekday", "icu"};
    if (std::find(std::begin(kKinds), std::end(kKinds), f[0]) == std::end(kKinds)) {
      return Status::Error(name + ":" + std::to_string(line_no) + ": unknown kind '" + f[0] + "'");
    }
    if (f[0] == "icu") {
      for (size_t k = 2; k < f.size(); ++k) AddIcuNames(f[k], &icu_months, &icu_weekdays);
      return Status::Ok();
    }
    // Every row is checked alone, so a bad one is named by its line.
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    std::unique_ptr<icu::RegexPattern> check(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(f[2]), 0, perr, status));
    if (U_FAILURE(status)) {
      return Status::Error(name + ":" + std::to_string(line_no) + ": bad pattern: " + u_errorName(status));
    }
    rows[f[0]].push_back(f[2]);
    return Status::Ok();
  });
  if (!read.ok()) return Unexpected(read);
  // The first bytes a separator or a bracket can start with, for the gate of
  // MatchAt; none (no gate) when a row does not say.
  std::string gate_bytes;
  bool gate = true;
  for (const char* kind : {"separator", "open", "close"}) {
    for (const std::string& row : rows[kind]) {
      size_t i = row[0] == '\\' && row.size() > 1 ? 1 : 0;
      unsigned char c = static_cast<unsigned char>(row[i]);
      if (i == 0 && std::string_view("^$.|?*+()[]{}").find(row[0]) != std::string_view::npos) gate = false;
      gate_bytes += static_cast<char>(c);
    }
  }
  std::vector<std::string> by_words;
  for (const std::string& row : rows["by"]) {
    std::string lit;
    if (Literal(row, &lit)) by_words.push_back(lit);
    else gate = false;
  }
  if (!icu_months.empty()) rows["month"].push_back(Trie(icu_months));
  if (!icu_weekdays.empty()) rows["weekday"].push_back(Trie(icu_weekdays));
  for (const char* need : {"agency", "separator", "open", "close", "month", "weekday"}) {
    if (rows[need].empty()) return Fail(name + ": no '" + std::string(need) + "' rows");
  }
  // Rows that are plain words ("Reuters", "KOMPAS\\.com") go into one trie,
  // the others stay patterns.
  auto alt = [&](const char* kind) {
    std::vector<std::string> literals, patterns;
    for (const std::string& row : rows[kind]) {
      std::string lit;
      if (Literal(row, &lit)) literals.push_back(lit);
      else patterns.push_back(row);
    }
    if (!literals.empty()) patterns.push_back(Trie(literals));
    return patterns.empty() ? std::string("(?!)") : Alt(patterns);
  };

  const std::string kNotAfterWord = "(?![\\p{L}\\p{N}])";
  const std::string open = alt("open"), close = alt("close");
  const std::string sep = "(?:(?!" + open + "|" + close + ")" + alt("separator") + ")";
  // A separator stands apart ("HÀ NỘI –", "WASHINGTON:"), not inside "US-China".
  const std::string sep_apart = "(?:\\s+" + sep + "|\\s*" + sep + "(?=\\s|$))";
  // After a place in capitals or a bracketed label, a colon ends a speaker
  // or a section label ("SEAN SMITH, HOST:", "PLEASE NOTE:"), not a dateline.
  const std::string dash_apart = "(?!\\s*:)" + sep_apart;
  const std::string agency = "(?i:" + alt("agency") + ")" + kNotAfterWord;
  // Places are written as they head a lead (title case; capitals need no row).
  const std::string place = alt("place") + kNotAfterWord;
  const std::string month = alt("month") + "\\.?(?![\\p{L}])";
  const std::string weekday = alt("weekday") + "\\.?(?![\\p{L}])";
  const std::string zone = "(?:" + alt("zone") + ")(?![\\p{L}])";
  const std::string label = "(?i:" + alt("label") + ")(?![\\p{L}])";
  const std::string by = "(?i:" + alt("by") + ")";

  const std::string ord = "(?:st|nd|rd|th)?";
  const std::string daymonth = "(?:\\d{1,2}" + ord + "\\s*(?:of\\s+)?" + month + "|" + month + "\\s*\\d{1,2}" + ord +
                               "(?!\\d))";
  const std::string year = "(?:1[89]|20)\\d{2}(?!\\d)";
  const std::string date = "(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})(?!\\d)|\\d{4}-\\d{2}-\\d{2}(?!\\d)|" +
                           daymonth + "(?:\\s*,?\\s*" + year + ")?|" + month + "\\s*,?\\s*" + year +
                           "|\\d{1,2}/\\d{1,2}(?![\\d/]))";
  const std::string time = "(?:\\d{1,2}(?::\\d{2}|[.h]\\d{2})(?::\\d{2})?(?!\\d)(?:\\s*(?i:[ap]\\.?m\\.?(?![\\p{L}])))?" +
                           std::string("(?:\\s*") + zone + ")?)";
  const std::string stamp_piece = "(?:" + date + "|" + time + "|" + weekday + "|" + year + ")";

  // Words of a place: capitalised, or of a script without case (Arabic).
  const std::string place_word = "[\\p{Lu}\\p{Lo}](?:[\\p{L}\\p{M}.'’]|-(?=\\p{L}))*";
  const std::string caps_word = "\\p{Lu}(?:[\\p{Lu}\\p{M}.'’&]|-(?=\\p{Lu}))+";
  // One word of three letters or less is an acronym ("US - China"), not a place.
  // Words of a place are joined by spaces, or by a slash for two places
  // ("BEIJING/NEW DELHI", escaped "\\/" in JSON-born text).
  const std::string join = "(?:\\s*\\\\?/\\s*|\\s+)";
  const std::string caps_place = "(?=\\S{4}|\\S+\\s+\\p{Lu})" + caps_word + "(?:" + join + caps_word + "){0,4}";
  const std::string title_word = "\\p{Lu}[\\p{Ll}\\p{M}'’]*(?:-\\p{L}[\\p{Ll}\\p{M}]*)*\\.?";
  const std::string title_place = title_word + "(?:\\s+" + title_word + "){0,2}";
  const std::string region = "(?:\\s*,\\s*(?:" + caps_word + "|" + title_word + ")(?:" + join + "(?:" + caps_word + "|" +
                             title_word + ")){0,2})";
  const std::string any_place = "(?:" + place + "|" + caps_place + "|" + title_place + ")";

  auto table = std::make_unique<DatelineTable>();
  if (gate) {
    table->gate_bytes_ = gate_bytes;
    table->by_words_ = by_words;
  }
  struct Def {
    Piece piece;
    std::string pattern;
  };
  std::vector<Def> defs = {
      // "By John Smith, Associated Press": a name, then a known agency.
      {Piece::kByline, by + "\\s+(?:" + place_word + "\\s*){0,5}?,?\\s*" + agency + "(?:\\s*" + sep +
                           ")?(?=\\s*(?:$|[^\\s,]))"},
      // "CAIRO, Feb 1 (Reuters) -", "TRIPOLI, Libya (AP) —", "(CNN) --", "الخرطوم (رويترز) -"
      {Piece::kAgencyTag, "(?:(?:" + date + "|" + place_word + "(?:(?:\\s*,\\s*|" + join + ")" + place_word + "){0,4}(?:\\s*,?\\s*" +
                              date + ")?)\\s*)?" + open + "\\s*" + agency + "(?:\\s*[/,&]\\s*" + agency + ")*\\s*" +
                              close + "(?:\\s*" + sep + ")?"},
      // "JAKARTA, KOMPAS.com –", "TEMPO.CO, Jakarta -", "Dân trí -"
      {Piece::kAgencySep, "(?:" + any_place + region + "?\\s*,\\s*" + agency + "|" + agency + "(?:\\s*,\\s*" +
                              any_place + ")?)" + dash_apart},
      // "Updated 6:16 pm EDT", "Wed Mar 30 , 2011 6:16 pm EDT", "July 23 |"
      {Piece::kStamp, "(?:" + label + "\\s*:?\\s*)?" + stamp_piece + "(?:\\s*[,;|/\\-]?\\s*" + stamp_piece + ")*(?:\\s*" +
                          sep + ")?"},
      // "HÀ NỘI –", "NEW ORLEANS --", "ACAPULCO , Mexico |", "واشنطن - ", "Fergus Walsh |"
      {Piece::kPlaceSep, "(?:" + place + region + "?(?:\\s*,\\s*" + date + ")?" + sep_apart + "|" + caps_place + region +
                             "?(?:\\s*,\\s*" + date + ")?" + dash_apart + "|" + title_place + region + "?\\s+\\|(?=\\s))"},
      // "CAIRO (Ahram Online) -": a place in capitals and a bracketed source.
      {Piece::kCapsTag, caps_place + region + "?\\s*" + open + "[^()\\[\\]]{1,40}?" + close + "(?!\\s*:)\\s*" + sep},
      // "( Tệ nạn xã hội ) -": a bracketed label and a dash, at the very start.
      {Piece::kBracketTag, open + "\\s*(?:[^()\\[\\]\\s]+\\s*){1,5}?" + close + "(?!\\s*:)\\s*" + sep},
  };
  for (Def& d : defs) {
    auto re = Compile(d.pattern, "dateline");
    if (!re) return Unexpected(re.error());
    table->rules_.push_back({d.piece, std::move(*re)});
  }
  auto set = [&](std::unique_ptr<icu::RegexPattern>* out, const std::string& pattern) -> Status {
    auto re = Compile(pattern, "stamp");
    if (!re) return re.error();
    *out = std::move(*re);
    return Status();
  };
  for (auto [out, pattern] : std::vector<std::pair<std::unique_ptr<icu::RegexPattern>*, std::string>>{
           {&table->time_, "\\d{1,2}(?::\\d{2}|[.h]\\d{2})(?!\\d)"},
           {&table->zone_time_, "\\d{1,2}(?::\\d{2}|[.h]\\d{2})(?::\\d{2})?(?:\\s*(?i:[ap]\\.?m\\.?))?\\s*" + zone},
           {&table->year_, "(?<!\\d)" + year},
           {&table->weekday_, "(?<![\\p{L}])" + weekday},
           {&table->daymonth_, "(?<![\\p{L}\\d])(?:" + daymonth + "|\\d{1,2}[/.\\-]\\d{1,2}(?:[/.\\-]\\d{2,4})?(?!\\d))"},
           {&table->label_, label},
           {&table->sep_end_, sep + "$"},
           // What a strong piece needs somewhere: an agency, a zoned time, a label.
           // What a strong piece inside a paragraph holds: a bracket (around
           // an agency), a clock time (zoned, or after a stamp label).
           {&table->hint_, "(?:" + open + "|\\d[:.h]\\d\\d)"},
       }) {
    Status s = set(out, pattern);
    if (!s.ok()) return Unexpected(s);
  }
  return table;
}

}  // namespace storyloom
