// Placeholder until the extractor lands: treats the page as having no article.
#include "storyloom/html.h"

namespace storyloom {

bool LooksLikeHtml(std::string_view head) {
  return head.find("<html") != std::string_view::npos || head.find("<!DOCTYPE") != std::string_view::npos ||
         head.find("<!doctype") != std::string_view::npos;
}

HtmlArticle ExtractArticle(std::string_view) { return {}; }

}  // namespace storyloom
