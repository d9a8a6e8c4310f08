// DatelineTable: the datelines and agency tags that head a news lead
// ("WASHINGTON | Wed Mar 30, 2011 6:16 pm EDT WASHINGTON (Reuters) -",
// "HÀ NỘI –", "JAKARTA, KOMPAS.com –", "القاهرة (رويترز) -", "(CNN) --",
// "By John Smith, Associated Press", "Updated 6:16 pm EDT").
//
// The words are data (resources/clean/datelines.tsv: agencies, places,
// separators, brackets, stamp labels, time zones; month and weekday names
// from ICU for the listed locales); the grammar is here. A lead prefix is a
// run of pieces, each ending on a separator or an agency tag:
//   - an agency tag: [PLACE [, REGION] [, DATE]] (AGENCY) [SEP];
//   - a place and an agency: "PLACE, AGENCY SEP", "AGENCY, PLACE SEP", "AGENCY SEP";
//   - a place in capitals, or a known place: PLACE [, REGION] [, DATE] SEP;
//   - a time stamp: [LABEL[:]] date and/or time pieces [SEP];
//   - a byline naming an agency: "By NAME, AGENCY".
// A piece is strong (a known agency, a labelled or zoned time stamp), weak (a
// place before a dash) or only pending (a date without year or time: kept
// only when a firmer piece follows). A sentence that starts with a place
// ("Cairo has been...", "Phương Thanh - cô ca sĩ...") has no separator right
// after a known place in capitals or a known agency, and stays whole.
#ifndef STORYLOOM_CLEAN_DATELINE_H_
#define STORYLOOM_CLEAN_DATELINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/regex.h>
#include <unicode/utext.h>

#include "storyloom/status.h"

namespace storyloom {

struct DatelineMatch {
  uint32_t start = 0, end = 0;  // bytes of the paragraph; end is past trailing space
  uint32_t text_end = 0;        // end of the dateline itself
  bool strong = false;          // holds an agency or a zoned/labelled time stamp
  std::string reason;           // "dateline" or "byline"
  std::string byline;           // the byline text, when reason is "byline"
};

class DatelineTable {
 public:
  static Result<std::unique_ptr<DatelineTable>> Load(const std::string& path);
  static Result<std::unique_ptr<DatelineTable>> Parse(std::string_view tsv, const std::string& name);
  ~DatelineTable();

  // A dateline at byte `at` of `text`. With strong_only, only a prefix that
  // holds a strong piece; otherwise a weak one will do (the very start of a
  // lead). Returns false when there is none.
  // The matchers of the rules, made once and pointed at each paragraph in
  // turn (making ICU matchers costs more than most tries). One per thread.
  class Scanner {
   public:
    explicit Scanner(const DatelineTable& table);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

   private:
    friend class DatelineTable;
    bool Reset(std::string_view text);  // false when a matcher could not be made
    UText* ut_ = nullptr;
    std::vector<std::unique_ptr<icu::RegexMatcher>> matchers_;
    std::unique_ptr<icu::RegexMatcher> hint_;
  };

  // `scanner`, when given, holds matchers made once for many paragraphs.
  bool MatchAt(std::string_view text, uint32_t at, bool strong_only, DatelineMatch* out,
               Scanner* scanner = nullptr) const;

  // A strong dateline inside the first bytes of a paragraph, after a few
  // words (a headline fused with its lead: "Egypt orders cull of pig herds
  // CAIRO (Reuters) - Egypt, hit hard by..."). False when there is none.
  bool FindInside(std::string_view text, DatelineMatch* out, Scanner* scanner = nullptr) const;

  std::unique_ptr<Scanner> NewScanner() const { return std::make_unique<Scanner>(*this); }

 private:
  enum class Piece { kByline, kAgencyTag, kAgencySep, kStamp, kPlaceSep, kCapsTag, kBracketTag };
  struct Rule {
    Piece piece;
    std::unique_ptr<icu::RegexPattern> regex;
  };
  enum class Mode { kLead, kStrong, kInside };
  bool MatchWith(Scanner* scan, std::string_view text, uint32_t at, Mode mode, DatelineMatch* out) const;

  std::vector<Rule> rules_;
  std::unique_ptr<icu::RegexPattern> time_, zone_time_, year_, weekday_, daymonth_, label_, sep_end_, hint_;
  std::string gate_bytes_;              // bytes that may start a separator or a bracket
  std::vector<std::string> by_words_;   // words that open a byline
};

}  // namespace storyloom

#endif  // STORYLOOM_CLEAN_DATELINE_H_
