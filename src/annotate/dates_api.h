// What DateTagger (storyloom/dates.h) holds: the temporal tagger, for
// storyloom's own stages to pass on to the annotator.
#ifndef STORYLOOM_ANNOTATE_DATES_API_H_
#define STORYLOOM_ANNOTATE_DATES_API_H_

#include <memory>

#include "annotate/temporal.h"
#include "storyloom/dates.h"

namespace storyloom {

struct DateTagger::Rep {
  std::unique_ptr<TemporalTagger> tagger;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_DATES_API_H_
