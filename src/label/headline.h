// A headline for a document that has none: its lead sentence, made
// readable. Feeds of bare text (Timeline17, most scraped corpora) carry no
// title, and "(untitled)" tells a reader nothing; the lead of a news report
// says what happened, in the report's own language.
//
//   HeadlineFromLead("WASHINGTON | Wed Mar 30 , 2011 6:16 pm EDT WASHINGTON "
//                    "-LRB- Reuters -RRB- - The U.S. is weighing ...")
//     -> "The U.S. is weighing ..."
//
// The lead is the text up to the first sentence end. What comes before a
// dateline separator (" - ", " -- ", " – ", " — ", " | ") near the start is
// dropped when it reads as a dateline (short, and no run of lower-case
// words: places, agencies, dates and times); a leading run of weekdays,
// months, numbers, clock times and time zones is dropped too. Treebank
// tokens (-LRB-, `` '', " 's") are put back as they were written. Long
// leads are cut at a word boundary, at most `max_chars` code points, with
// an ellipsis. Pure.
#ifndef STORYLOOM_LABEL_HEADLINE_H_
#define STORYLOOM_LABEL_HEADLINE_H_

#include <string>
#include <string_view>

namespace storyloom {

std::string HeadlineFromLead(std::string_view body, size_t max_chars = 100);

}  // namespace storyloom

#endif  // STORYLOOM_LABEL_HEADLINE_H_
