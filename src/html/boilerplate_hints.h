// What a page's own markup says about a block: class and id words, roles,
// tags and hidden-ness. Sites name their comment threads, share bars and
// related-story rails in fairly stable ways ("comments", "share-bar",
// "related-posts"), so these words are the cheapest strong signal there is.
#ifndef STORYLOOM_HTML_BOILERPLATE_HINTS_H_
#define STORYLOOM_HTML_BOILERPLATE_HINTS_H_

#include <gumbo.h>

#include <string_view>

namespace storyloom::html {

// The kind of boilerplate a class/id string names, or nullptr when it names
// none: "comments", "related", "share", "advert", "navigation", "footer",
// "header", "sidebar", "promo", "meta", "caption", "hidden".
// `*strong` (when given) says whether a strong word named it ("comments",
// "share-bar", "related-posts"), which no amount of prose inside outweighs;
// weak words ("sidebar", "widget", "menu") are sometimes a page builder's
// names for every block, article included.
const char* BoilerplateReason(std::string_view hints, bool* strong = nullptr);

// Readability-style weight of a class/id string: +25 for words of article
// text ("article", "content", "story"), -25 for words of chrome ("comment",
// "sidebar", "widget"); both may apply.
int HintWeight(std::string_view hints);

// The reason an element is chrome by its tag alone, or nullptr.
const char* TagReason(GumboTag tag);

// The reason an ARIA role marks a landmark that is not the article, or
// nullptr ("navigation", "contentinfo", "complementary", ...).
const char* RoleReason(std::string_view role);

// True for tags whose content is never prose (scripts, forms controls,
// embedded media); dropped silently.
bool IsNeverText(GumboTag tag);

// True for tags that break text into blocks; false for inline tags.
bool IsBlockTag(GumboTag tag);

// True when an inline style hides the element.
bool StyleHides(std::string_view style);

}  // namespace storyloom::html

#endif  // STORYLOOM_HTML_BOILERPLATE_HINTS_H_
