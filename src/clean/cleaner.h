// Clean: turns the text of one input (a file, a JSONL item, a line) into one
// or more articles with web chrome removed and header metadata read.
//
//   - header: a site line ("Site.vn - tagline"), a source+date line
//     ("Công LuậnCông Luận05/12/2023"), then the title;
//   - chrome: rows of resources/clean/chrome.tsv (adverts, counters, share
//     and video widgets, captions, bylines, related-article blocks), plus runs
//     of short link-like lines closing the page (navigation);
//   - a list of one-line leads (a topic page) is recognised and kept as one
//     list document, never split;
//   - glued articles are split: a headline line in the middle followed by a
//     body starts a new article, and a last paragraph that is a teaser of
//     another article (headline fused with its lead, cut with an ellipsis)
//     becomes a fragment of its own;
//   - datelines and agency tags are cut from the start of each article's lead
//     (resources/clean/datelines.tsv, see clean/dateline.h); a headline fused
//     before a dateline stays, as a paragraph of its own.
// Every removed span is kept with its reason, in original byte offsets.
#ifndef STORYLOOM_CLEAN_CLEANER_H_
#define STORYLOOM_CLEAN_CLEANER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/chrome_table.h"
#include "clean/dateline.h"
#include "storyloom/document.h"
#include "storyloom/mapped_text.h"
#include "storyloom/text.h"

namespace storyloom {

struct CleanOptions {
  bool read_header = true;   // site, source, date and title lines at the top
  bool split_glued = true;   // several articles in one text
  bool detect_list = true;   // a list of one-line leads
  // Datelines and agency tags heading each article's lead ("CAIRO (Reuters)
  // -", "HÀ NỘI –"), and each lead of a list; none are removed without it.
  const DatelineTable* datelines = nullptr;
};

// CleanArticle: public, in storyloom/text.h.


std::vector<CleanArticle> CleanText(const MappedText& text, const ChromeTable& chrome,
                                    const CleanOptions& options);

// Removes inline chrome (advert placeholders) from one paragraph and a
// trailing byline; the removed pieces are appended to *removed and the byline
// text is written to *byline.
MappedText CleanParagraph(const MappedText& paragraph, const ChromeTable& chrome, bool last,
                          std::vector<RemovedSpan>* removed, std::string* byline);

// Heuristics the cleaner uses, exposed for tests.
bool IsTitleLike(std::string_view line);
bool LooksLikeLeadList(const std::vector<std::string_view>& lines);
std::optional<std::string> DayFirstDate(int a, int b, int year);

}  // namespace storyloom

#endif  // STORYLOOM_CLEAN_CLEANER_H_
