// Turns the chosen part of a page into text: one paragraph per block
// separated by "\n\n", white space collapsed, and every byte mapped back to
// the html it came from.
#ifndef STORYLOOM_HTML_ARTICLE_TEXT_H_
#define STORYLOOM_HTML_ARTICLE_TEXT_H_

#include <string>
#include <vector>

#include "html/article_finder.h"
#include "html/page_tree.h"
#include "storyloom/mapped_text.h"

namespace storyloom::html {

// The text of `choice.roots` with cut subtrees left out. The page's own
// headline (<h1>) is left out too: it is the title, not the body.
MappedText WriteArticleText(const PageTree& tree, const ArticleChoice& choice);

// Plain text of a subtree with white space collapsed, at most `max_bytes`
// (cut at a character boundary), for reporting what was left out.
std::string SubtreePlainText(const PageTree& tree, int i, size_t max_bytes);

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_ARTICLE_TEXT_H_
