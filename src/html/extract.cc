// ExtractArticle: parse, read the metadata, find the article, write its text.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "html/article_finder.h"
#include "html/article_text.h"
#include "html/page_metadata.h"
#include "html/page_tree.h"
#include "html/slim_html.h"
#include "storyloom/html.h"

namespace storyloom {

namespace {

// No article is this long; a larger input is cut here so parsing time and
// memory stay bounded (and offsets fit the 32-bit maps).
constexpr size_t kMaxHtmlBytes = 32u << 20;

// Below this many characters a first try has probably cut the article along
// with the chrome around it, so a second try keeps blocks with chrome names.
constexpr int kShortArticleChars = 250;

// The text of removed blocks is kept for review, not for reading.
constexpr size_t kMaxRemovedTextBytes = 600;

std::string_view CutAtCharBoundary(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

bool LooksLikeHtml(std::string_view head) {
  std::string lower(head.substr(0, 2048));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view mark : {"<!doctype html", "<html", "<head", "<body"}) {
    if (lower.find(mark) != std::string::npos) return true;
  }
  size_t first = lower.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos || lower[first] != '<') return false;
  for (std::string_view tag : {"<meta", "<title", "<div", "<p>", "<article", "<section", "<!--"}) {
    if (lower.compare(first, tag.size(), tag) == 0) return true;
  }
  return false;
}

HtmlArticle ExtractArticle(std::string_view html) {
  HtmlArticle article;
  html = CutAtCharBoundary(html, kMaxHtmlBytes);
  if (html.empty()) return article;

  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are normal on the web; do not keep them
  html::SlimHtml slim(html);
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, slim.text().data(), slim.text().size()));
  if (output == nullptr) return article;
  html::PageTree tree(*output, slim, html);

  html::PageMetadata meta = html::ReadPageMetadata(tree);
  article.title = std::move(meta.title);
  article.published = std::move(meta.published);
  article.site = std::move(meta.site);
  article.byline = std::move(meta.byline);
  article.lang = std::move(meta.lang);
  article.url = std::move(meta.url);

  html::ArticleChoice choice = html::FindArticle(tree, {});
  MappedText body = html::WriteArticleText(tree, choice);
  if (html::CountVisibleChars(body.text()) < kShortArticleChars) {
    html::ArticleChoice second = html::FindArticle(tree, {.prune_by_hints = false});
    MappedText second_body = html::WriteArticleText(tree, second);
    if (html::CountVisibleChars(second_body.text()) > html::CountVisibleChars(body.text())) {
      choice = std::move(second);
      body = std::move(second_body);
    }
  }
  article.body = std::move(body);

  for (int i = 0; i < static_cast<int>(choice.states.size()); ++i) {
    const char* reason = choice.states[i].removed;
    if (reason == nullptr || *reason == '\0' || tree.node(i).chars == 0) continue;
    std::string text = html::SubtreePlainText(tree, i, kMaxRemovedTextBytes);
    if (text.empty()) continue;
    article.removed.push_back({tree.SourceSpan(i), reason, std::move(text)});
  }
  return article;
}

}  // namespace storyloom
