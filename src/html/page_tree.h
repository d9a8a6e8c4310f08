// PageTree: the parsed page flattened into pre-order, one entry per element or
// text node, so a subtree is the index range [i, subtree_end) and every
// analysis pass is a loop instead of a recursion (soup can nest thousands of
// levels deep). Text nodes keep a map from their decoded text back to the
// html bytes, which the article body inherits.
#ifndef STORYLOOM_HTML_PAGE_TREE_H_
#define STORYLOOM_HTML_PAGE_TREE_H_

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/slim_html.h"
#include "storyloom/mapped_text.h"

namespace storyloom::html {

struct PageNode {
  const GumboNode* source = nullptr;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes too
  bool is_text = false;
  int parent = -1;
  int depth = 0;
  int subtree_end = 0;  // one past the last descendant
  // Lower-cased class and id joined by a space; "" for text nodes.
  std::string hints;
  // Non-space characters (code points) of text in the subtree, and how many
  // of them sit inside links. Counted before anything is removed.
  int chars = 0;
  int link_chars = 0;
};

class PageTree {
 public:
  // Flattens `output`, parsed from `slim`, the slim copy of `html`. Offsets
  // reported are offsets in `html`. Elements deeper than `max_depth` are
  // dropped and their text hangs from the deepest element kept: no page
  // worth reading nests that deep, the cap bounds every later pass, and no
  // text is lost to it. `slim` and `html` must outlive the tree.
  PageTree(const GumboOutput& output, const SlimHtml& slim, std::string_view html, int max_depth = 400);

  const std::vector<PageNode>& nodes() const { return nodes_; }
  const PageNode& node(int i) const { return nodes_[i]; }
  int size() const { return static_cast<int>(nodes_.size()); }
  std::string_view html() const { return html_; }
  int body() const { return body_; }  // index of <body>, or 0

  // The decoded text of a text node; "" for elements.
  std::string_view Text(int i) const;
  // The decoded text of a text node, mapped to the html bytes it came from.
  MappedText MappedNodeText(int i) const;
  // Value of an attribute on an element, or "" when absent.
  std::string_view Attribute(int i, const char* name) const;
  bool HasAttribute(int i, const char* name) const;
  // Span of the element in the html bytes: start tag to end of end tag.
  Span SourceSpan(int i) const;

 private:
  void CountText();
  // Offset in the slim copy of a pointer into it, or -1.
  int64_t SlimOffset(const char* data) const;
  const SlimHtml& slim_;
  std::string_view html_;
  std::vector<PageNode> nodes_;
  int body_ = 0;
};

// Non-space code points in UTF-8 text (U+00A0 counts as space).
int CountVisibleChars(std::string_view text);

// Builds a MappedText for decoded `text` whose source is `original` starting
// at html byte `orig_offset`: identical stretches map byte for byte, each
// entity or normalised line break becomes a replacement run.
MappedText MapDecodedText(std::string_view text, std::string_view original, uint32_t orig_offset);

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_PAGE_TREE_H_
