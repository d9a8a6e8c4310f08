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
};

struct ChromeRule {
  std::string reason;
  ChromeScope scope = ChromeScope::kLine;
  std::string pattern;  // as written in the table
  std::shared_ptr<icu::RegexPattern> regex;  // compiled, case-insensitive, whole line
};

class ChromeTable {
 public:
  // Reads the TSV: `reason <TAB> scope <TAB> regex`, '#' comments.
  static Result<std::unique_ptr<ChromeTable>> Load(const std::string& path);
  static Result<std::unique_ptr<ChromeTable>> Parse(std::string_view tsv, const std::string& name);

  // The reason when the whole (trimmed) line matches a line or tail rule;
  // `*tail` says whether it starts a block running to the end.
  const ChromeRule* MatchLine(std::string_view line) const;
  const std::vector<ChromeRule>& inline_rules() const { return inline_; }

 private:
  std::vector<ChromeRule> lines_;
  std::vector<ChromeRule> inline_;
};

}  // namespace storyloom

#endif  // STORYLOOM_CLEAN_CHROME_TABLE_H_
