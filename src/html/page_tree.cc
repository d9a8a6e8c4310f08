#include "html/page_tree.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cstring>

namespace storyloom::html {

namespace {

// Raw-text containers: their "text" is code or markup, never prose.
bool HoldsRawText(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

void AppendLower(std::string* out, const char* s) {
  for (; *s; ++s) {
    char c = *s;
    out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

// Length of an entity reference starting at original[j] == '&' (up to and
// including ';' when there is one), or 1 when it is not one.
size_t EntityLength(std::string_view original, size_t j) {
  size_t k = j + 1;
  size_t limit = std::min(original.size(), j + 40);
  while (k < limit) {
    char c = original[k];
    bool name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#';
    if (!name) break;
    ++k;
  }
  if (k < original.size() && original[k] == ';') return k + 1 - j;
  return std::max<size_t>(k - j, 1);
}

// The UTF-8 an entity reference (`ref`, from '&' to ';') stands for, by
// HTML's table (libxml2's) or its number; "" when it is none.
std::string DecodeEntity(std::string_view ref) {
  if (ref.size() < 3 || ref.front() != '&' || ref.back() != ';') return "";
  std::string_view name = ref.substr(1, ref.size() - 2);
  uint32_t cp = 0;
  if (name[0] == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return "";
    for (char c : digits) {
      int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c)) ? (std::tolower(c) - 'a' + 10)
                                                                   : -1;
      if (v < 0) return "";
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
    }
  } else {
    const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(std::string(name).c_str()));
    if (!e) return "";
    cp = e->value;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "";
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

// True when text and original agree for the next few bytes from i and j
// (or both end there): the point where the two streams line up again.
bool InStep(std::string_view text, size_t i, std::string_view original, size_t j) {
  if (i > text.size() || j > original.size()) return false;
  size_t n = std::min<size_t>({8, text.size() - i, original.size() - j});
  if (n == 0) return i == text.size() && j == original.size();
  return std::memcmp(text.data() + i, original.data() + j, n) == 0;
}

}  // namespace

int CountVisibleChars(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) continue;
    ++n;
  }
  return n;
}

MappedText MapDecodedText(std::string_view text, std::string_view original, uint32_t orig_offset) {
  if (text == original) return MappedText::Identity(std::string(text), orig_offset);
  MappedTextBuilder b;
  size_t i = 0, j = 0;
  size_t same_from_i = 0, same_from_j = 0;
  auto flush_same = [&] {
    if (i > same_from_i) {
      b.AppendOriginal(text.substr(same_from_i, i - same_from_i), orig_offset + static_cast<uint32_t>(same_from_j),
                       orig_offset + static_cast<uint32_t>(j));
    }
  };
  while (i < text.size() && j < original.size()) {
    if (text[i] == original[j] && original[j] != '&') {
      ++i;
      ++j;
      continue;
    }
    flush_same();
    same_from_i = i;  // flushed: a later flush starts here
    same_from_j = j;
    size_t entity = original[j] == '&' ? EntityLength(original, j) : 0;
    // An entity whose decoded form the text holds here: exactly its bytes,
    // however close the next one is.
    if (entity > 0) {
      std::string decoded = DecodeEntity(original.substr(j, entity));
      if (!decoded.empty() && text.substr(i, decoded.size()) == decoded) {
        b.AppendOriginal(decoded, orig_offset + static_cast<uint32_t>(j), orig_offset + static_cast<uint32_t>(j + entity));
        i += decoded.size();
        j += entity;
        same_from_i = i;
        same_from_j = j;
        continue;
      }
    }
    // Find where the streams meet again: an entity has a known source
    // length, anything else (a normalised CR, a NUL) is searched for.
    size_t found_i = std::string_view::npos, found_j = 0;
    size_t dj_first = entity > 0 ? entity : 1, dj_last = entity > 0 ? entity : 16;
    for (size_t dj = dj_first; dj <= dj_last && found_i == std::string_view::npos; ++dj) {
      for (size_t di = 0; di <= 12; ++di) {
        if (InStep(text, i + di, original, j + dj)) {
          found_i = i + di;
          found_j = j + dj;
          break;
        }
      }
    }
    if (found_i == std::string_view::npos) {
      if (entity > 0) {  // '&' that is not an entity after all: plain byte
        if (text[i] == '&') {
          same_from_i = i++;
          same_from_j = j++;
          continue;
        }
      }
      break;  // lost track: the rest stands for the rest
    }
    b.AppendOriginal(text.substr(i, found_i - i), orig_offset + static_cast<uint32_t>(j),
                     orig_offset + static_cast<uint32_t>(found_j));
    i = found_i;
    j = found_j;
    same_from_i = i;
    same_from_j = j;
  }
  flush_same();
  if (i < text.size() || j < original.size()) {
    b.AppendOriginal(text.substr(i), orig_offset + static_cast<uint32_t>(j),
                     orig_offset + static_cast<uint32_t>(original.size()));
  }
  return std::move(b).Finish();
}

PageTree::PageTree(const GumboOutput& output, const SlimHtml& slim, std::string_view html, int max_depth)
    : slim_(slim), html_(html) {
  struct Pending {
    const GumboNode* node;
    int parent;
    int depth;
  };
  std::vector<Pending> stack;
  if (output.root != nullptr) stack.push_back({output.root, -1, 0});
  while (!stack.empty()) {
    Pending p = stack.back();
    stack.pop_back();
    const GumboNode* g = p.node;
    if ((g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) && p.depth > max_depth) {
      // Too deep to keep as an element: its children (its text) go to the
      // deepest element kept above it.
      const GumboElement& e = g->v.element;
      for (unsigned k = e.children.length; k > 0; --k) {
        stack.push_back({static_cast<const GumboNode*>(e.children.data[k - 1]), p.parent, p.depth});
      }
      continue;
    }
    PageNode n;
    n.source = g;
    n.parent = p.parent;
    n.depth = p.depth;
    int index = static_cast<int>(nodes_.size());
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = g->v.element;
      n.tag = e.tag;
      if (const GumboAttribute* a = gumbo_get_attribute(&e.attributes, "class")) AppendLower(&n.hints, a->value);
      if (const GumboAttribute* a = gumbo_get_attribute(&e.attributes, "id")) {
        n.hints.push_back(' ');
        AppendLower(&n.hints, a->value);
      }
      if (e.tag == GUMBO_TAG_BODY && body_ == 0) body_ = index;
      nodes_.push_back(std::move(n));
      for (unsigned k = e.children.length; k > 0; --k) {
        stack.push_back({static_cast<const GumboNode*>(e.children.data[k - 1]), index, p.depth + 1});
      }
    } else if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
      n.is_text = true;
      nodes_.push_back(std::move(n));
    }
  }
  for (int i = size() - 1; i >= 0; --i) {
    nodes_[i].subtree_end = std::max(nodes_[i].subtree_end, i + 1);
    int parent = nodes_[i].parent;
    if (parent >= 0) nodes_[parent].subtree_end = std::max(nodes_[parent].subtree_end, nodes_[i].subtree_end);
  }
  CountText();
}

void PageTree::CountText() {
  // Pre-order puts parents first, so "inside a link" flows down in one pass
  // and counts flow up in one reverse pass.
  std::vector<char> in_link(nodes_.size(), 0), raw(nodes_.size(), 0);
  for (int i = 0; i < size(); ++i) {
    PageNode& n = nodes_[i];
    int parent = n.parent;
    if (parent >= 0) {
      in_link[i] = in_link[parent];
      raw[i] = raw[parent];
    }
    if (n.tag == GUMBO_TAG_A) in_link[i] = 1;
    if (!n.is_text && HoldsRawText(n.tag)) raw[i] = 1;
    if (n.is_text && !raw[i]) {
      n.chars = CountVisibleChars(Text(i));
      if (in_link[i]) n.link_chars = n.chars;
    }
  }
  for (int i = size() - 1; i > 0; --i) {
    int parent = nodes_[i].parent;
    if (parent < 0) continue;
    nodes_[parent].chars += nodes_[i].chars;
    nodes_[parent].link_chars += nodes_[i].link_chars;
  }
}

std::string_view PageTree::Text(int i) const {
  const PageNode& n = nodes_[i];
  if (!n.is_text || n.source->v.text.text == nullptr) return {};
  return n.source->v.text.text;
}

int64_t PageTree::SlimOffset(const char* data) const {
  const std::string& parsed = slim_.text();
  if (data == nullptr || data < parsed.data() || data > parsed.data() + parsed.size()) return -1;
  return data - parsed.data();
}

MappedText PageTree::MappedNodeText(int i) const {
  const GumboText& t = nodes_[i].source->v.text;
  std::string_view text = Text(i);
  int64_t at = SlimOffset(t.original_text.data);
  if (at < 0) {
    // Text the parser made up has no source; it stands at its position.
    uint32_t pos = std::min<uint32_t>(slim_.ToPage(t.start_pos.offset), static_cast<uint32_t>(html_.size()));
    MappedTextBuilder b;
    b.AppendOriginal(text, pos, pos);
    return std::move(b).Finish();
  }
  std::string_view parsed = slim_.text();
  size_t length = std::min<size_t>(t.original_text.length, parsed.size() - static_cast<size_t>(at));
  MappedText in_slim =
      MapDecodedText(text, parsed.substr(static_cast<size_t>(at), length), static_cast<uint32_t>(at));
  // Runs point into the slim copy; move them to the page. A run that spans
  // a cut keeps its ends and so becomes a replacement.
  std::vector<OffsetRun> runs = in_slim.runs();
  for (OffsetRun& r : runs) {
    uint32_t start = slim_.ToPage(r.orig_start);
    uint32_t end = r.orig_len == 0 ? start : slim_.ToPage(r.orig_start + r.orig_len - 1) + 1;
    r.orig_start = start;
    r.orig_len = end - start;
  }
  return MappedText::FromParts(in_slim.text(), std::move(runs));
}

std::string_view PageTree::Attribute(int i, const char* name) const {
  const PageNode& n = nodes_[i];
  if (n.is_text) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n.source->v.element.attributes, name);
  return a == nullptr || a->value == nullptr ? std::string_view() : std::string_view(a->value);
}

bool PageTree::HasAttribute(int i, const char* name) const {
  const PageNode& n = nodes_[i];
  return !n.is_text && gumbo_get_attribute(&n.source->v.element.attributes, name) != nullptr;
}

Span PageTree::SourceSpan(int i) const {
  const PageNode& n = nodes_[i];
  int64_t slim_size = static_cast<int64_t>(slim_.text().size());
  // [start, end) in the slim copy; the last byte maps to the page, one past
  // it may sit across a cut.
  auto to_page = [&](int64_t start, int64_t end) -> Span {
    end = std::min(end, slim_size);
    if (start < 0 || end <= start) return {};
    return {slim_.ToPage(static_cast<uint32_t>(start)), slim_.ToPage(static_cast<uint32_t>(end - 1)) + 1};
  };
  if (n.is_text) {
    const GumboText& t = n.source->v.text;
    int64_t start = SlimOffset(t.original_text.data);
    return to_page(start, start + static_cast<int64_t>(t.original_text.length));
  }
  const GumboElement& e = n.source->v.element;
  int64_t start = SlimOffset(e.original_tag.data);
  int64_t end = SlimOffset(e.original_end_tag.data);
  if (end >= 0) end += e.original_end_tag.length;
  if (start >= 0 && end > start) return to_page(start, end);
  // A tag the parser implied, or an element closed without its end tag:
  // stretch over the text inside.
  Span span = start >= 0 ? to_page(start, start + static_cast<int64_t>(e.original_tag.length)) : Span{};
  bool any = start >= 0 && span.end > span.start;
  for (int k = i + 1; k < n.subtree_end; ++k) {
    if (!nodes_[k].is_text) continue;
    Span s = SourceSpan(k);
    if (s.end <= s.start) continue;
    if (!any) {
      span = s;
      any = true;
    }
    span.start = std::min(span.start, s.start);
    span.end = std::max(span.end, s.end);
  }
  return span;
}

}  // namespace storyloom::html
