// DateTagger (storyloom/dates.h): the temporal tagger behind a public face.
#include "annotate/dates_api.h"

namespace storyloom {

DateTagger::DateTagger(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
DateTagger::~DateTagger() = default;

Result<std::unique_ptr<DateTagger>> DateTagger::Load(const ResourcePaths& paths) {
  auto tagger = TemporalTagger::Load(paths.dir + "/temporal");
  if (!tagger) return Fail(tagger.error());
  auto rep = std::make_unique<Rep>();
  rep->tagger = std::move(*tagger);
  return std::unique_ptr<DateTagger>(new DateTagger(std::move(rep)));
}

std::vector<std::string> DateTagger::Languages() const { return rep_->tagger->Languages(); }

std::vector<TimeExpression> DateTagger::Tag(std::string_view text, std::string_view lang,
                                            std::string_view dct) const {
  return rep_->tagger->Tag(text, lang, dct);
}

}  // namespace storyloom
