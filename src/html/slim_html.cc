#include "html/slim_html.h"

#include <algorithm>
#include <string>

namespace storyloom::html {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (Lower(s[at + k]) != prefix[k]) return false;
  }
  return true;
}

// First "</name" at or after `from` (any case), or npos.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  while (true) {
    size_t at = s.find("</", from);
    if (at == std::string_view::npos) return at;
    if (StartsWithNoCase(s, at + 2, name)) return at;
    from = at + 2;
  }
}

// End of the start tag beginning at `lt` (one past its '>'), stepping over
// quoted attribute values as the tokenizer does; npos when it never ends.
size_t StartTagEnd(std::string_view s, size_t lt) {
  char quote = 0;
  for (size_t k = lt + 1; k < s.size(); ++k) {
    char c = s[k];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // Only a quote right after '=' opens a value.
      size_t p = k;
      while (p > lt && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n')) --p;
      if (p > lt && s[p - 1] == '=') quote = c;
    } else if (c == '>') {
      return k + 1;
    }
  }
  return std::string_view::npos;
}

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsNameChar(char c) { return IsLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':'; }

std::string LowerName(std::string_view s) {
  std::string out(s.substr(0, 16));
  for (char& c : out) c = Lower(c);
  return out;
}

// Tags that open an element which stays open until its end tag. Void
// elements never open one, and the parser closes p, li, td and the like by
// itself when the next one starts, so those cannot pile up.
bool Nests(std::string_view name) {
  static constexpr std::string_view kNeverPileUp[] = {
      "area", "base", "br",    "col",   "embed",    "hr",   "img",   "input", "link",  "meta",   "param",
      "source", "track", "wbr", "keygen", "p",     "li",       "dt",   "dd",    "tr",    "td",    "th",
      "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "html", "head", "body", "rb",   "rt",
      "rp",   "frame", "basefont", "bgsound",
  };
  for (std::string_view v : kNeverPileUp) {
    if (name == v) return false;
  }
  return true;
}

}  // namespace

void SlimHtml::Keep(std::string_view html, size_t from, size_t to) {
  if (to <= from) return;
  segments_.push_back({static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(from)});
  text_.append(html.substr(from, to - from));
}

SlimHtml::SlimHtml(std::string_view html) {
  text_.reserve(html.size() / 2);
  size_t kept_from = 0;
  size_t i = 0;
  int depth = 0;  // estimated open elements, counting only tags that nest
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool end_tag = html[lt + 1] == '/';
    size_t name_start = lt + (end_tag ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    if (name_end == name_start || !IsLetter(html[name_start])) {
      i = lt + 1;
      continue;
    }
    std::string name = LowerName(html.substr(name_start, name_end - name_start));
    bool nests = Nests(name);
    if (end_tag) {
      if (nests && depth > 0) --depth;
      i = name_end;
      continue;
    }
    size_t tag_end = StartTagEnd(html, lt);
    if (tag_end == std::string_view::npos) break;
    if (name == "script" || name == "style") {
      std::string_view tag = html.substr(lt, tag_end - lt);
      bool json_ld = false;
      for (size_t k = 0; k + 7 <= tag.size() && !json_ld; ++k) json_ld = StartsWithNoCase(tag, k, "ld+json");
      size_t close = FindEndTag(html, tag_end, name);
      if (close == std::string_view::npos) break;
      if (!json_ld && close > tag_end) {
        Keep(html, kept_from, tag_end);
        kept_from = close;
      }
      i = close + 2;
      continue;
    }
    bool self_closing = html[tag_end - 2] == '/';
    if (nests && !self_closing) {
      if (depth >= kMaxNesting) {
        Keep(html, kept_from, lt);
        kept_from = tag_end;
      } else {
        ++depth;
      }
    }
    i = tag_end;
  }
  Keep(html, kept_from, html.size());
}

uint32_t SlimHtml::ToPage(uint32_t pos) const {
  if (segments_.empty()) return pos;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](uint32_t p, const Segment& s) { return p < s.slim_start; });
  if (it != segments_.begin()) --it;
  return it->page_start + (pos - it->slim_start);
}

}  // namespace storyloom::html
