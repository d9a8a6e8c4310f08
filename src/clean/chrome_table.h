// ChromeTable: the web chrome storyloom removes from text, as data
// (resources/clean/chrome.tsv): one row a pattern, in any language, with the
// reason that `show` reports. A new site or language is a new row.
#ifndef STORYLOOM_CLEAN_CHROME_TABLE_H_
#define STORYLOOM_CLEAN_CHROME_TABLE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/regex.h>

#include "storyloom/status.h"


namespace storyloom {

enum class ChromeScope {
  kLine,    // the whole line is chrome
  kTail,    // the line starts a block that runs to the end of the page
  kInline,  // chrome inside running text (ad placeholders)
  kTrailing,  // a byline or credit closing the last paragraph
};

struct ChromeRule {
  std::string reason;
  ChromeScope scope = ChromeScope::kLine;
  std::string pattern;  // as written in the table
  std::shared_ptr<icu::RegexPattern> regex;  // compiled, case-insensitive, whole line
  // When the pattern starts with an escaped ASCII punctuation mark ("\["),
  // that byte: text without it cannot match, and is not searched.
  char first_byte = 0;
};

class ChromeTable {
 public:
  // Reads the TSV: `reason <TAB> scope <TAB> regex`, '#' comments.
  static Result<std::unique_ptr<ChromeTable>> Load(const std::string& path);
  static Result<std::unique_ptr<ChromeTable>> Parse(std::string_view tsv, const std::string& name);

  // The rule the whole (trimmed) line matches, line or tail scope; nullptr
  // when none does. Lines over 300 bytes are never chrome.
  const ChromeRule* MatchLine(std::string_view line) const;
  const std::vector<ChromeRule>& inline_rules() const { return inline_; }
  // A trailing rule matching the end of `paragraph`: sets *start to the byte
  // where the match begins.
  const ChromeRule* MatchTrailing(std::string_view paragraph, size_t* start) const;

 private:
  std::vector<ChromeRule> lines_;
  std::vector<ChromeRule> inline_;
  std::vector<ChromeRule> trailing_;
};

}  // namespace storyloom

#endif  // STORYLOOM_CLEAN_CHROME_TABLE_H_
