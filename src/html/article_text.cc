#include "html/article_text.h"

#include "html/boilerplate_hints.h"

namespace storyloom::html {

namespace {

// Bytes of white space at s[i]: ASCII space and controls, and U+00A0, which
// pages use as a space that must not break.
size_t SpaceLength(std::string_view s, size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    return 2;
  }
  return 0;
}

class ParagraphWriter {
 public:
  // Ends the current paragraph; the next text starts a new one.
  void Break() {
    if (out_.size() > 0) pending_ = Pending::kParagraph;
  }

  void Add(const MappedText& t) {
    const std::string& s = t.text();
    size_t i = 0;
    while (i < s.size()) {
      size_t j = i;
      for (size_t w; j < s.size() && (w = SpaceLength(s, j)) > 0;) j += w;
      if (j > i) {
        if (pending_ == Pending::kNone && out_.size() > 0) {
          pending_ = Pending::kSpace;
          space_ = t.ToOriginal({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
        }
        i = j;
        continue;
      }
      while (j < s.size() && SpaceLength(s, j) == 0) ++j;
      if (pending_ == Pending::kParagraph) {
        uint32_t at = t.OriginalStart(static_cast<uint32_t>(i));
        out_.AppendOriginal("\n\n", at, at);
      } else if (pending_ == Pending::kSpace) {
        out_.AppendOriginal(" ", space_.start, space_.end);
      }
      pending_ = Pending::kNone;
      out_.Copy(t, static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      i = j;
    }
  }

  MappedText Finish() && { return std::move(out_).Finish(); }

 private:
  enum class Pending { kNone, kSpace, kParagraph };
  MappedTextBuilder out_;
  Pending pending_ = Pending::kNone;
  Span space_;
};

}  // namespace

MappedText WriteArticleText(const PageTree& tree, const ArticleChoice& choice) {
  ParagraphWriter writer;
  std::vector<int> open_blocks;  // subtree ends of the blocks we are inside
  for (int root : choice.roots) {
    writer.Break();
    int end = tree.node(root).subtree_end;
    int i = root;
    while (i < end) {
      while (!open_blocks.empty() && open_blocks.back() <= i) {
        open_blocks.pop_back();
        writer.Break();
      }
      const PageNode& n = tree.node(i);
      if (choice.states[i].gone || n.tag == GUMBO_TAG_H1) {
        i = n.subtree_end;
        continue;
      }
      if (n.is_text) {
        writer.Add(tree.MappedNodeText(i));
      } else if (n.tag == GUMBO_TAG_BR || n.tag == GUMBO_TAG_HR) {
        writer.Break();
      } else if (IsBlockTag(n.tag)) {
        writer.Break();
        open_blocks.push_back(n.subtree_end);
      }
      ++i;
    }
    open_blocks.clear();
  }
  return std::move(writer).Finish();
}

std::string SubtreePlainText(const PageTree& tree, int i, size_t max_bytes) {
  std::string out;
  bool space = false;
  int k = i;
  while (k < tree.node(i).subtree_end && out.size() < max_bytes) {
    const PageNode& n = tree.node(k);
    if (!n.is_text) {
      if (IsNeverText(n.tag)) {
        k = n.subtree_end;
        continue;
      }
      if (IsBlockTag(n.tag)) space = true;
      ++k;
      continue;
    }
    if (n.chars > 0) {
      std::string_view t = tree.Text(k);
      for (size_t j = 0; j < t.size();) {
        size_t w = SpaceLength(t, j);
        if (w > 0) {
          space = true;
          j += w;
          continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(t[j++]);
      }
    } else {
      space = true;
    }
    ++k;
  }
  if (out.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

}  // namespace storyloom::html
