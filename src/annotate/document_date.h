// The document date (DCT) the temporal tagger resolves against.
//
// Order: the date the header or metadata gave (kept with its source), else
// one inferred from the document's own mentions, marked from="inferred":
//   1. Tag the text with no DCT.
//   2. Full days (YYYY-MM-DD) count as they are.
//   3. The latest year-bearing mention at month or day granularity ("2023-07",
//      "2023-07-26") is the anchor; every yearless day ("XXXX-04-22") is placed at
//      its first occurrence on or after the anchor's start (a report
//      mentioning July 2023 and then "22/4" speaks of 2024-04-22: news text
//      moves forward from the events it recalls).
//   4. The document date is the latest of these days.
// A bare year is no anchor: news names years mostly as background ("the
// country became independent in 1960"), not as the time of the report.
// Without a full day or an anchor nothing is inferred (value is empty):
// yearless mentions stay year-unknown until a story supplies the year.
#ifndef STORYLOOM_ANNOTATE_DOCUMENT_DATE_H_
#define STORYLOOM_ANNOTATE_DOCUMENT_DATE_H_

#include <optional>
#include <string>
#include <string_view>

#include "annotate/temporal.h"
#include "storyloom/annotation.h"

namespace storyloom {

DocumentDate ResolveDocumentDate(const std::optional<std::string>& given, std::string_view given_from,
                                 std::string_view text, std::string_view lang, const TemporalTagger& tagger);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_DOCUMENT_DATE_H_
