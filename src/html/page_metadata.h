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

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_PAGE_METADATA_H_
