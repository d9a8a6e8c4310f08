// Article metadata the page states about itself: <meta> tags (Open Graph,
// article:*, Dublin Core, parsely/sailthru), JSON-LD NewsArticle objects,
// <time datetime>, <link rel=canonical> and <html lang>.
#ifndef STORYLOOM_HTML_PAGE_METADATA_H_
#define STORYLOOM_HTML_PAGE_METADATA_H_

#include <optional>
#include <string>
#include <string_view>

#include "html/page_tree.h"

namespace storyloom::html {

struct PageMetadata {
  std::string title;
  std::optional<std::string> published;  // yyyy-mm-dd
  std::string site;
  std::string byline;
  std::string lang;
  std::string url;
};

PageMetadata ReadPageMetadata(const PageTree& tree);

// The calendar date at the start of a machine-readable date ("2019-11-19",
// "2019-11-19T08:00:00Z", "2019/11/19 08:00"), as yyyy-mm-dd; nullopt when
// there is none.
std::optional<std::string> IsoDateFrom(std::string_view value);

// The calendar date a short line of text states, as a reader sees it
// ("Published on March 3, 2024", "3rd Mar. 2024", "Updated: 2024-03-03",
// "03.03.2024"), as yyyy-mm-dd; nullopt when there is none. English month
// names only; numeric dates only when unambiguous (year first, or day.month.
// year with dots).
std::optional<std::string> DateFromText(std::string_view text);

// A byline value without its lead-in ("By ", "Written by", "Author:") when
// it reads as someone's name; "" when it is a URL, an e-mail address, a
// number, a template placeholder or too long to be a name.
std::string CleanByline(std::string_view value);

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_PAGE_METADATA_H_
