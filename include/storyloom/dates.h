// Dates: the temporal expressions of a text, resolved to ISO values against
// the day the text was written ("yesterday" on 2024-04-23 is 2024-04-22).
// The annotate stage runs this on every sentence; DateTagger runs it on any
// text, for tools and evaluations.
//
//   auto tagger = DateTagger::Load(FindResources("", ""));
//   for (const TimeExpression& e : (*tagger)->Tag(text, "vi", "2024-04-23"))
//     ... e.span, e.value ("2024-04-10", "2023-07", "XXXX-04-10") ...
#ifndef STORYLOOM_DATES_H_
#define STORYLOOM_DATES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/annotation.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

namespace storyloom {

class DateTagger {
 public:
  // Reads the expression tables of <paths.dir>/temporal; fails naming the
  // file that is missing or malformed.
  static Result<std::unique_ptr<DateTagger>> Load(const ResourcePaths& paths);
  ~DateTagger();
  DateTagger(const DateTagger&) = delete;
  DateTagger& operator=(const DateTagger&) = delete;

  // Languages with a table. Tag takes a code as files and datasets write it
  // ("vie", "arb", "ar-EG"); a language without a table is tagged as "en".
  std::vector<std::string> Languages() const;

  // Thread-safe. `dct` is an ISO day ("2024-04-23") or empty when unknown.
  // Expressions come in text order, spans in bytes of `text`.
  std::vector<TimeExpression> Tag(std::string_view text, std::string_view lang, std::string_view dct) const;

  // storyloom's own stages reach the tagger through this.
  struct Rep;
  const Rep& rep() const { return *rep_; }

 private:
  explicit DateTagger(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyloom

#endif  // STORYLOOM_DATES_H_
