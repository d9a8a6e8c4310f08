// Whether a sentence reports something, so a timeline may quote it. News
// pages carry lines that say nothing: datelines and bylines, the time stamps
// of posts and comments ("January 31, 2011 at 5:12 pm | Reply To J."),
// "Share"/"Reply" lines, bare questions ("Could Mubarak step down
// Thursday?"), and fragments with no predicate (a run of capitalised names
// and places, "Wednesday in Cairo, 8:09 p.m."). Pure; language-neutral
// where it can be (punctuation, clock times, case), with a short list of
// page words per language.
#ifndef STORYLOOM_ANNOTATE_INFORMATIVE_H_
#define STORYLOOM_ANNOTATE_INFORMATIVE_H_

#include <cstdint>
#include <string_view>

namespace storyloom {

// text: the sentence as in the document's body; words: its word tokens.
bool InformativeSentence(std::string_view text, uint32_t words);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_INFORMATIVE_H_
