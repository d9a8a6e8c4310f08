#include "clean/chrome_table.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <fstream>
#include <sstream>

#include "clean/table_rows.h"

namespace storyloom {

Result<std::unique_ptr<ChromeTable>> ChromeTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail("cannot read chrome table " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<std::unique_ptr<ChromeTable>> ChromeTable::Parse(std::string_view tsv, const std::string& name) {
  auto table = std::make_unique<ChromeTable>();
  Status read = ForEachTableRow(tsv, [&](std::string_view line, int line_no) -> Status {
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) {
      return Status::Error(name + ":" + std::to_string(line_no) + ": expected reason<TAB>scope<TAB>pattern");
    }
    ChromeRule rule;
    rule.reason = std::string(line.substr(0, t1));
    std::string_view scope = line.substr(t1 + 1, t2 - t1 - 1);
    rule.pattern = std::string(line.substr(t2 + 1));
    if (scope == "line") rule.scope = ChromeScope::kLine;
    else if (scope == "tail") rule.scope = ChromeScope::kTail;
    else if (scope == "inline") rule.scope = ChromeScope::kInline;
    else if (scope == "trailing") rule.scope = ChromeScope::kTrailing;
    else return Status::Error(name + ":" + std::to_string(line_no) + ": unknown scope '" + std::string(scope) + "'");
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    icu::UnicodeString pat = icu::UnicodeString::fromUTF8(
        rule.scope == ChromeScope::kTrailing ? "(?:" + rule.pattern + ")$" : rule.pattern);
    rule.regex.reset(icu::RegexPattern::compile(pat, UREGEX_CASE_INSENSITIVE, perr, status));
    if (U_FAILURE(status)) {
      return Status::Error(name + ":" + std::to_string(line_no) + ": bad pattern: " + u_errorName(status));
    }
    if (rule.pattern.size() >= 2 && rule.pattern[0] == '\\' && std::ispunct(static_cast<unsigned char>(rule.pattern[1]))) {
      rule.first_byte = rule.pattern[1];
    }
    auto& list = rule.scope == ChromeScope::kInline     ? table->inline_
                 : rule.scope == ChromeScope::kTrailing ? table->trailing_
                                                        : table->lines_;
    list.push_back(std::move(rule));
    return Status::Ok();
  });
  if (!read.ok()) return Unexpected(read);
  return table;
}

// Chrome lines are labels, lists and widgets (no closing full stop, or a
// handful of words), or end like a caption or byline (a credit after a colon,
// a closing bracket, an image number). A line of running text that ends a
// sentence is none of these, so it is not tried against every pattern: this
// keeps cleaning cheap.
bool MayBeChrome(std::string_view line) {
  if (line.size() > 400) return false;
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return false;
  char last = line.back();
  if (last == ')' || std::isdigit(static_cast<unsigned char>(last))) return true;
  // A credit after a colon is a few words ("Ảnh: AFP/TTXVN", "Foto: AP").
  size_t colon = line.rfind(':');
  if (colon != std::string_view::npos && line.size() - colon <= 80) {
    size_t words = 0;
    for (char c : line.substr(colon + 1)) words += c == ' ';
    if (words <= 8) return true;
  }
  bool ends_sentence = last == '.' || last == '!' || last == '?' || last == '"' || last == '\'' ||
                       line.ends_with("\xE2\x80\x9D") ||
                       line.ends_with("\xE2\x80\xA6") || line.ends_with("\xD8\x9F");
  if (!ends_sentence) return true;
  size_t words = 1;
  for (char c : line) words += c == ' ';
  return words < 6;
}

const ChromeRule* ChromeTable::MatchLine(std::string_view line) const {
  if (!MayBeChrome(line)) return nullptr;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), line.size()));
  u.trim();
  if (u.isEmpty()) return nullptr;
  for (const ChromeRule& rule : lines_) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(rule.regex->matcher(u, status));
    if (U_SUCCESS(status) && m->matches(status) && U_SUCCESS(status)) return &rule;
  }
  return nullptr;
}

}  // namespace storyloom

namespace storyloom {

const ChromeRule* ChromeTable::MatchTrailing(std::string_view paragraph, size_t* start) const {
  // Only the end of the paragraph can hold a byline: look at its last bytes,
  // starting on a character boundary.
  std::string_view end = paragraph;
  while (!end.empty() && (end.back() == ' ' || end.back() == '.')) end.remove_suffix(1);
  if (end.empty() || end.back() != ')') return nullptr;
  size_t from = paragraph.size() > 240 ? paragraph.size() - 240 : 0;
  while (from < paragraph.size() && (static_cast<unsigned char>(paragraph[from]) & 0xC0) == 0x80) ++from;
  std::string_view tail = paragraph.substr(from);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(tail.data(), tail.size()));
  for (const ChromeRule& rule : trailing_) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(rule.regex->matcher(u, status));
    if (U_FAILURE(status) || !m->find(status) || U_FAILURE(status)) continue;
    int32_t s16 = m->start(status);
    std::string prefix;
    u.tempSubString(0, s16).toUTF8String(prefix);
    *start = from + prefix.size();
    return &rule;
  }
  return nullptr;
}

}  // namespace storyloom
