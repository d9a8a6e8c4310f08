#include "html/boilerplate_hints.h"

#include <algorithm>
#include <array>
#include <string>

namespace storyloom::html {

namespace {

struct Word {
  std::string_view text;
  const char* reason;
};

// Words matched anywhere inside a class or id token ("post-comments",
// "sharebar", "relatedArticles" lower-cased). Strong words name chrome even
// next to article words ("article-share", "post-comments").
constexpr std::array<Word, 41> kStrongWords = {{
    {"comment", "comments"},     {"disqus", "comments"},      {"replies", "comments"},
    {"related", "related"},      {"recommend", "related"},    {"outbrain", "related"},
    {"taboola", "related"},      {"morestories", "related"},  {"more-stories", "related"},
    {"trending", "related"},     {"mostpopular", "related"},  {"most-popular", "related"},
    {"most-read", "related"},    {"mostread", "related"},     {"recirc", "related"},
    {"share", "share"},          {"sharing", "share"},        {"social", "share"},
    {"addthis", "share"},        {"follow-us", "share"},      {"advert", "advert"},
    {"sponsor", "advert"},       {"adsense", "advert"},       {"adslot", "advert"},
    {"ad-slot", "advert"},       {"ad-container", "advert"},  {"ad-wrapper", "advert"},
    {"breadcrumb", "navigation"}, {"newsletter", "promo"},    {"subscribe", "promo"},
    {"signup", "promo"},         {"sign-up", "promo"},        {"paywall", "promo"},
    {"cookie", "promo"},         {"popup", "promo"},          {"byline", "meta"},
    {"caption", "caption"},      {"footer", "footer"},        {"saboxplugin", "meta"},
    {"disclaimer", "meta"},      {"disclosure", "meta"},
}};

// Weak words name chrome only when no article word stands beside them
// ("content-with-sidebar" wraps the article, "sidebar" does not).
constexpr std::array<Word, 11> kWeakWords = {{
    {"navbar", "navigation"}, {"navigation", "navigation"}, {"menu", "navigation"},
    {"pagination", "navigation"}, {"skiplink", "navigation"}, {"skip-link", "navigation"},
    {"masthead", "header"},       {"sidebar", "sidebar"},
    {"widget", "sidebar"},    {"toolbar", "navigation"},    {"banner", "advert"},
}};

// Whole class or id tokens (split at anything but letters and digits); all
// weak.
constexpr std::array<Word, 18> kWholeTokens = {{
    {"ad", "advert"},         {"ads", "advert"},       {"adv", "advert"},      {"dfp", "advert"},
    {"promo", "promo"},       {"gdpr", "promo"},       {"consent", "promo"},   {"modal", "promo"},
    {"login", "promo"},       {"nav", "navigation"},   {"pager", "navigation"}, {"header", "header"},
    {"rail", "sidebar"},      {"aside", "sidebar"},    {"tags", "meta"},       {"meta", "meta"},
    {"dateline", "meta"},     {"reply", "comments"},
}};

// Whole class names (split at white space only) that hide a block. A word
// inside a longer name says something else: "hidden-xs" hides on phones
// only, "hide-bottom-border" hides a border, "elementor-invisible" waits
// for an animation; the block shows on a reader's screen.
constexpr std::array<std::string_view, 12> kHidingClasses = {
    "hidden", "hide",     "invisible", "sronly",   "sr-only",    "offscreen",
    "print",  "d-none",   "is-hidden", "print-only", "visually-hidden", "screen-reader-text",
};

constexpr std::array<std::string_view, 13> kPositiveWords = {
    "article", "content", "story", "post", "body", "entry", "text",
    "main",    "blog",    "hentry", "prose", "richtext", "column",
};

constexpr std::array<std::string_view, 20> kNegativeWords = {
    "comment", "sidebar", "widget", "footer", "foot",   "masthead", "meta",   "promo", "related", "share",
    "social",  "sponsor", "banner", "combx",  "contact", "shopping", "tool",  "nav",   "menu",    "hidden",
};

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// Calls f(token) for each run of letters and digits; stops when f is true.
template <typename F>
bool AnyToken(std::string_view s, F f) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAlnum(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && IsAlnum(s[i])) ++i;
    if (i > start && f(s.substr(start, i - start))) return true;
  }
  return false;
}

}  // namespace

namespace {

bool HidesAPart(std::string_view hints, size_t hidden_at) {
  for (std::string_view part : {"label-", "label_", "title-", "overflow-", "overflow-x-", "overflow-y-"}) {
    if (hidden_at >= part.size() && hints.substr(hidden_at - part.size(), part.size()) == part) return true;
  }
  return false;
}

// A class name that joins "author" with a word for a box of its own
// ("author-box", "about_author", "AuthorBio", "author-card__text"): the
// writer's biography or card, not what they wrote.
bool NamesAuthorBox(std::string_view hints) {
  constexpr std::array<std::string_view, 9> kBoxWords = {"box", "bio", "card", "about", "info",
                                                       "desc", "detail", "section", "block"};
  for (size_t i = 0; i < hints.size();) {
    size_t end = std::min(hints.find(' ', i), hints.size());
    std::string_view name = hints.substr(i, end - i);
    i = end + 1;
    if (name.find("author") == std::string_view::npos) continue;
    for (std::string_view box : kBoxWords) {
      if (name.find(box) != std::string_view::npos) return true;
    }
  }
  return false;
}

bool HasArticleWord(std::string_view hints) {
  for (std::string_view w : kPositiveWords) {
    if (hints.find(w) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

const char* BoilerplateReason(std::string_view hints, bool* strong) {
  if (strong != nullptr) *strong = false;
  if (hints.empty()) return nullptr;
  for (const Word& w : kStrongWords) {
    size_t at = hints.find(w.text);
    if (at == std::string_view::npos) continue;
    // Opinion pages call their articles commentary.
    if (w.text == "comment" && hints.compare(at, 10, "commentary") == 0) continue;
    if (strong != nullptr) *strong = true;
    return w.reason;
  }
  if (NamesAuthorBox(hints)) {
    if (strong != nullptr) *strong = true;
    return "meta";
  }
  if (HasArticleWord(hints)) return nullptr;
  for (const Word& w : kWeakWords) {
    if (hints.find(w.text) != std::string_view::npos) return w.reason;
  }
  const char* reason = nullptr;
  AnyToken(hints, [&](std::string_view token) {
    for (const Word& w : kWholeTokens) {
      if (token == w.text) {
        reason = w.reason;
        return true;
      }
    }
    return false;
  });
  if (reason != nullptr) return reason;
  for (size_t i = 0; i < hints.size();) {
    size_t end = std::min(hints.find(' ', i), hints.size());
    std::string_view name = hints.substr(i, end - i);
    for (std::string_view hiding : kHidingClasses) {
      if (name == hiding) return "hidden";
    }
    i = end + 1;
  }
  return nullptr;
}

int HintWeight(std::string_view hints) {
  int weight = 0;
  for (std::string_view w : kPositiveWords) {
    if (hints.find(w) != std::string_view::npos) {
      weight += 25;
      break;
    }
  }
  for (std::string_view w : kNegativeWords) {
    size_t at = hints.find(w);
    // "hidden" after the name of a part hides that part, not the block:
    // "field--label-hidden" hides a field's label, "overflow-hidden" what
    // spills over its edge.
    while (at != std::string_view::npos && w == "hidden" && HidesAPart(hints, at)) at = hints.find(w, at + 1);
    if (at != std::string_view::npos) {
      weight -= 25;
      break;
    }
  }
  return weight;
}

const char* TagReason(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
      return "navigation";
    case GUMBO_TAG_FOOTER:
      return "footer";
    case GUMBO_TAG_HEADER:
      return "header";
    case GUMBO_TAG_ASIDE:
      return "sidebar";
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
      return "form";
    case GUMBO_TAG_MENU:
      return "navigation";
    case GUMBO_TAG_FIGCAPTION:
      return "caption";
    default:
      return nullptr;
  }
}

const char* RoleReason(std::string_view role) {
  if (role == "navigation" || role == "menu" || role == "menubar" || role == "search") return "navigation";
  if (role == "contentinfo") return "footer";
  if (role == "banner") return "header";
  if (role == "complementary") return "sidebar";
  if (role == "dialog" || role == "alertdialog") return "promo";
  return nullptr;
}

bool IsNeverText(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_APPLET:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_UNKNOWN:  // custom elements usually wrap inline text
      return false;
    default:
      return true;
  }
}

bool StyleHides(std::string_view style) {
  std::string compact;
  compact.reserve(style.size());
  for (char c : style) {
    if (c == ' ' || c == '\t' || c == '\n') continue;
    compact.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace storyloom::html
