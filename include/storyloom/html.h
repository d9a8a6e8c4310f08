// Article extraction from a web page: the article's text, title and date,
// with menus, adverts, comments and related-article blocks left out (and
// reported). Built on Debian's gumbo HTML5 parser, which accepts any soup.
#ifndef STORYLOOM_HTML_H_
#define STORYLOOM_HTML_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/mapped_text.h"

namespace storyloom {

struct HtmlArticle {
  std::string title;
  std::optional<std::string> published;  // ISO date from page metadata
  std::string site;                      // og:site_name or similar
  std::string byline;
  std::string lang;                      // <html lang> hint, may be empty
  std::string url;                       // canonical URL when the page says
  // Paragraphs separated by "\n\n"; offsets map into the html bytes passed in.
  MappedText body;
  std::vector<RemovedSpan> removed;      // blocks left out, with the reason
};

// True when the first bytes look like an HTML document.
bool LooksLikeHtml(std::string_view head);

// Extracts the main article. `html` is UTF-8. Never fails: a page with no
// article yields an empty body.
HtmlArticle ExtractArticle(std::string_view html);

}  // namespace storyloom

#endif  // STORYLOOM_HTML_H_
