// Finding the article inside a page, in three passes over a PageTree:
//   1. Prune: blocks that name themselves as chrome (nav, footer, "comments",
//      "related-posts", hidden) are cut, unless they hold most of the page's
//      prose (then the name is a wrapper's, not a block's).
//   2. Score: every block of prose votes for its ancestors (more for long
//      text with commas, less the further up); class words and link density
//      adjust the tally. The best container wins, then climbs to a parent
//      that holds more article, and picks up sibling blocks of prose.
//   3. Clean: inside the winner, link lists, galleries, forms and short
//      link-heavy blocks are cut, innermost first.
#ifndef STORYLOOM_HTML_ARTICLE_FINDER_H_
#define STORYLOOM_HTML_ARTICLE_FINDER_H_

#include <vector>

#include "html/page_tree.h"

namespace storyloom::html {

// Per-node working state of the finder.
struct NodeState {
  const char* removed = nullptr;  // why this subtree was cut (top-most node only)
  bool gone = false;              // cut here or above
  // Text whose nearest block ancestor is this node ("own" text of a block).
  int own_chars = 0;
  int own_link_chars = 0;
  int own_commas = 0;
  // Text of the subtree that is still in.
  int live_chars = 0;
  int live_link_chars = 0;
  int live_commas = 0;
  int prose_chars = 0;  // live text in prose-like blocks
  double score = 0;
  bool candidate = false;
};

struct FinderOptions {
  // Cut blocks by their class/id words (pass 1). Off for the second try
  // on pages whose article hides under such names.
  bool prune_by_hints = true;
};

struct ArticleChoice {
  std::vector<int> roots;  // nodes whose subtrees make the article, in page order
  std::vector<NodeState> states;
};

ArticleChoice FindArticle(const PageTree& tree, const FinderOptions& options);

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_ARTICLE_FINDER_H_
