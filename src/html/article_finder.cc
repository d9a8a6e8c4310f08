#include "html/article_finder.h"

#include <algorithm>
#include <string_view>

#include "html/boilerplate_hints.h"

namespace storyloom::html {

namespace {

// Commas of the scripts news is written in: Latin, CJK (full-width and
// ideographic) and Arabic. Commas mean sentences, and sentences mean prose.
int CountCommas(std::string_view text) {
  int n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ',') {
      ++n;
    } else if (c == 0xEF && text.substr(i, 3) == "\xEF\xBC\x8C") {
      ++n;
    } else if (c == 0xE3 && text.substr(i, 3) == "\xE3\x80\x81") {
      ++n;
    } else if (c == 0xD8 && text.substr(i, 2) == "\xD8\x8C") {
      ++n;
    }
  }
  return n;
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool IsEmbed(GumboTag tag) {
  return tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_EMBED || tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_VIDEO;
}

// Readability's prior on a container by its tag: divs usually hold
// articles, list and heading elements rarely do.
double TagPrior(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

double LinkDensity(const NodeState& s) {
  return s.live_chars > 0 ? static_cast<double>(s.live_link_chars) / s.live_chars : 0;
}

// A block of article prose whatever its name says: several paragraphs'
// worth of sentences, most of its text in them, few links.
bool IsProse(const NodeState& s) {
  return s.prose_chars >= 200 && s.prose_chars * 2 >= s.live_chars && LinkDensity(s) < 0.25;
}

class Finder {
 public:
  Finder(const PageTree& tree, const FinderOptions& options)
      : tree_(tree), options_(options), s_(tree.size()), owner_(tree.size(), -1) {}

  ArticleChoice Run() {
    FindBlockOwners();
    CountText();
    Prune();
    CountText();
    Score();
    ArticleChoice choice;
    int top = ChooseTop();
    if (top >= 0) {
      choice.roots = GatherSiblings(top);
      for (int root : choice.roots) Clean(root);
    }
    choice.states = std::move(s_);
    return choice;
  }

 private:
  const PageNode& node(int i) const { return tree_.node(i); }

  void FindBlockOwners() {
    for (int i = 0; i < tree_.size(); ++i) {
      const PageNode& n = node(i);
      int parent_owner = n.parent >= 0 ? owner_[n.parent] : -1;
      owner_[i] = !n.is_text && IsBlockTag(n.tag) ? i : parent_owner;
    }
  }

  // Own and live text counts from the nodes still in.
  void CountText() {
    for (NodeState& s : s_) {
      s.own_chars = s.own_link_chars = s.own_commas = 0;
      s.live_chars = s.live_link_chars = s.live_commas = s.prose_chars = 0;
    }
    for (int i = 0; i < tree_.size(); ++i) {
      const PageNode& n = node(i);
      if (!n.is_text || s_[i].gone || n.chars == 0) continue;
      int commas = CountCommas(tree_.Text(i));
      s_[i].live_chars = n.chars;
      s_[i].live_link_chars = n.link_chars;
      s_[i].live_commas = commas;
      int owner = owner_[i];
      if (owner >= 0) {
        s_[owner].own_chars += n.chars;
        s_[owner].own_link_chars += n.link_chars;
        s_[owner].own_commas += commas;
      }
    }
    for (int i = 0; i < tree_.size(); ++i) {
      const NodeState& s = s_[i];
      if (s.own_chars >= 60 && s.own_link_chars * 3 < s.own_chars) s_[i].prose_chars = s.own_chars;
    }
    for (int i = tree_.size() - 1; i > 0; --i) {
      int parent = node(i).parent;
      if (parent < 0 || s_[i].gone) continue;
      s_[parent].live_chars += s_[i].live_chars;
      s_[parent].live_link_chars += s_[i].live_link_chars;
      s_[parent].live_commas += s_[i].live_commas;
      s_[parent].prose_chars += s_[i].prose_chars;
    }
  }

  void Cut(int i, const char* reason) {
    s_[i].removed = reason;
    for (int k = i; k < node(i).subtree_end; ++k) s_[k].gone = true;
  }

  // Takes a cut subtree's live text out of its ancestors' tallies.
  void SubtractFromAncestors(int i) {
    NodeState taken = s_[i];
    for (int a = node(i).parent; a >= 0; a = node(a).parent) {
      s_[a].live_chars -= taken.live_chars;
      s_[a].live_link_chars -= taken.live_link_chars;
      s_[a].live_commas -= taken.live_commas;
      s_[a].prose_chars -= taken.prose_chars;
    }
  }

  // Pass 1: cut what the markup itself calls chrome.
  void Prune() {
    // Nodes marked as the article body by schema.org microdata, and their
    // ancestors, are never cut for their names.
    std::vector<char> holds_body(tree_.size(), 0);
    for (int i = tree_.size() - 1; i >= 0; --i) {
      const PageNode& n = node(i);
      if (!n.is_text) {
        std::string_view itemprop = tree_.Attribute(i, "itemprop");
        if (itemprop == "articleBody" || itemprop == "articlebody") holds_body[i] = 1;
      }
      if (holds_body[i] && n.parent >= 0) holds_body[n.parent] = 1;
    }
    int page_prose = s_[0].prose_chars;
    int i = 0;
    while (i < tree_.size()) {
      const PageNode& n = node(i);
      if (n.is_text) {
        ++i;
        continue;
      }
      if (IsNeverText(n.tag)) {
        Cut(i, "");
        i = n.subtree_end;
        continue;
      }
      const char* reason = nullptr;
      if ((tree_.HasAttribute(i, "hidden") && !IsStreamedIn(i)) || tree_.Attribute(i, "aria-hidden") == "true" ||
          StyleHides(tree_.Attribute(i, "style"))) {
        reason = IsFoldedPanel(i) ? nullptr : "hidden";
      }
      if (reason != nullptr && !options_.prune_by_hints) reason = nullptr;
      if (reason == nullptr) reason = TagReason(n.tag);
      if (reason == nullptr) reason = RoleReason(tree_.Attribute(i, "role"));
      if (reason == nullptr && options_.prune_by_hints) {
        bool strong = false;
        reason = BoilerplateReason(n.hints, &strong);
        if (reason != nullptr && !strong && std::string_view(reason) != "hidden" && IsProse(s_[i])) reason = nullptr;
      }
      // Hidden blocks go whatever they hold: pages hide duplicate copies,
      // teasers and templates. (The second try keeps them.)
      bool hidden = reason != nullptr && std::string_view(reason) == "hidden" && options_.prune_by_hints;
      bool protect = !hidden && (n.tag == GUMBO_TAG_HTML || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_MAIN ||
                                 holds_body[i] ||
                                 (page_prose > 0 && s_[i].prose_chars * 2 > page_prose &&
                                  std::string_view(reason ? reason : "") != "comments"));
      if (reason != nullptr && !protect) {
        Cut(i, reason);
        i = n.subtree_end;
        continue;
      }
      ++i;
    }
  }

  // React streams the parts of a page that were slow to render at the end
  // of the body, in hidden divs with ids "S:0", "S:1", ...; a script moves
  // each into its place. The reader sees them.
  bool IsStreamedIn(int i) const {
    std::string_view id = tree_.Attribute(i, "id");
    if (id.size() < 3 || id[0] != 'S' || id[1] != ':') return false;
    return std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  // An accordion's panel is hidden until its heading is clicked, a tab's
  // until its tab is: a reader opens them. Panels say what they are in
  // their role or their class.
  bool IsFoldedPanel(int i) const {
    std::string_view role = tree_.Attribute(i, "role");
    if (role == "region" || role == "tabpanel") return true;
    std::string_view h = node(i).hints;
    return h.find("accordion") != std::string_view::npos || h.find("collaps") != std::string_view::npos;
  }

  // Pass 2: prose votes for the containers above it.
  void Score() {
    for (int i = 0; i < tree_.size(); ++i) {
      const PageNode& n = node(i);
      const NodeState& s = s_[i];
      if (n.is_text || s.gone || IsHeading(n.tag) || s.own_chars < 25) continue;
      if (s.own_link_chars * 2 > s.own_chars) continue;  // a link list, not prose
      double vote = 1 + s.own_commas + std::min(s.own_chars / 100.0, 3.0);
      int a = n.parent;
      for (int level = 0; level < 5 && a >= 0; ++level, a = node(a).parent) {
        NodeState& c = s_[a];
        c.candidate = true;
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        c.score += vote / divider;
      }
    }
    for (int i = 0; i < tree_.size(); ++i) {
      NodeState& c = s_[i];
      if (!c.candidate) continue;
      // Class words amplify the evidence of prose, never stand in for it: a
      // "content-title" div with one line must not beat the article.
      int weight = HintWeight(node(i).hints);
      double votes = c.score;
      c.score = (votes + TagPrior(node(i).tag) + (weight > 0 ? std::min<double>(weight, votes) : weight)) *
                (1 - LinkDensity(c));
    }
  }

  bool Contains(int ancestor, int i) const { return i >= ancestor && i < node(ancestor).subtree_end; }

  int ChooseTop() {
    std::vector<int> best;  // the five best candidates
    for (int i = 0; i < tree_.size(); ++i) {
      if (!s_[i].candidate || s_[i].gone) continue;
      best.push_back(i);
      std::sort(best.begin(), best.end(), [&](int a, int b) { return s_[a].score > s_[b].score; });
      if (best.size() > 5) best.pop_back();
    }
    int body = tree_.body();
    if (best.empty()) return s_[body].gone ? -1 : body;
    int top = best[0];
    double top_score = s_[top].score;
    // When several strong candidates share an ancestor, the article is
    // split across them (one div per paragraph group): take the ancestor.
    std::vector<int> alternatives;
    for (size_t k = 1; k < best.size(); ++k) {
      if (s_[best[k]].score >= 0.75 * top_score) alternatives.push_back(best[k]);
    }
    // Page builders put each part of the article in a section of its own:
    // two strong candidates apart from the best one (neither inside it nor
    // holding it) are parts of the same article too.
    int apart = 0;
    for (int alt : alternatives) apart += !Contains(top, alt) && !Contains(alt, top) ? 1 : 0;
    if (alternatives.size() >= 3 || apart >= 2) {
      int needed = alternatives.size() >= 3 ? 3 : 2;
      for (int a = node(top).parent; a >= 0 && a != body; a = node(a).parent) {
        int inside = 0;
        for (int alt : alternatives) {
          bool counts = needed == 3 || (!Contains(top, alt) && !Contains(alt, top));
          inside += counts && Contains(a, alt) ? 1 : 0;
        }
        if (inside >= needed) {
          top = a;
          break;
        }
      }
    }
    if (!s_[top].candidate) {
      s_[top].candidate = true;
      s_[top].score = TagPrior(node(top).tag) + HintWeight(node(top).hints);
    }
    // A parent scoring better than the child it was reached from holds more
    // of the article.
    double last = s_[top].score;
    double threshold = last / 3;
    for (int a = node(top).parent; a >= 0 && a != body; a = node(a).parent) {
      if (!s_[a].candidate) continue;
      double score = s_[a].score;
      if (score < threshold) break;
      if (score > last) {
        top = a;
        break;
      }
      last = score;
    }
    // An only child says nothing its parent does not.
    while (top != body && node(top).parent >= 0 && ElementChildren(node(top).parent) == 1) {
      top = node(top).parent;
    }
    // A close ancestor made mostly of prose, with much more of it than the
    // best block, holds the rest of the article: parts the scoring saw
    // apart (sections under their own headings, one block per stretch).
    // Wrappers that add next to nothing (a div around a div) are no step
    // away from the best block.
    int level = 0;
    int below = s_[top].live_chars;
    for (int a = node(top).parent; a >= 0 && a != body && level < 4; a = node(a).parent) {
      const NodeState& up = s_[a];
      if (up.live_chars - below > 50) ++level;
      below = up.live_chars;
      // Lists of teasers are prose too, but every one leads elsewhere: the
      // text added must hold few links (a guide citing its sources has
      // some, a list of teasers many).
      int added = up.live_chars - s_[top].live_chars;
      int added_links = up.live_link_chars - s_[top].live_link_chars;
      // Nor may other <article>s make up much of it: a page marks each
      // story it shows as one, and the others are not this one. (A small
      // card marked so, a contact or an author, is no story.)
      if (OtherArticleChars(a, top) * 4 >= added) break;
      if (up.prose_chars * 10 >= s_[top].prose_chars * 13 && up.prose_chars * 2 >= up.live_chars &&
          added_links * 100 < added * 15) {
        top = a;
        level = 0;
      }
    }
    return top;
  }

  // True when `a` holds a live <article> element that neither holds `top`
  // nor lies inside it.
  bool HoldsOtherArticle(int a, int top) const { return OtherArticleChars(a, top) >= 0; }

  // The live text of the <article> elements in `a` that neither hold `top`
  // nor lie inside it; -1 when there are none.
  int OtherArticleChars(int a, int top) const {
    int chars = -1;
    for (int k = a + 1; k < node(a).subtree_end;) {
      if (s_[k].gone || k == top) {
        k = node(k).subtree_end;
        continue;
      }
      if (node(k).tag == GUMBO_TAG_ARTICLE && !Contains(k, top)) {
        chars = std::max(chars, 0) + s_[k].live_chars;
        k = node(k).subtree_end;
        continue;
      }
      ++k;
    }
    return chars;
  }

  int ElementChildren(int parent) const {
    int count = 0;
    for (int c = parent + 1; c < node(parent).subtree_end; c = node(c).subtree_end) {
      if (!node(c).is_text && !s_[c].gone) ++count;
    }
    return count;
  }

  std::vector<int> GatherSiblings(int top) {
    int parent = node(top).parent;
    if (top == tree_.body() || parent < 0) return {top};
    double top_score = s_[top].score;
    double threshold = std::max(10.0, top_score * 0.2);
    std::vector<int> roots;
    for (int c = parent + 1; c < node(parent).subtree_end; c = node(c).subtree_end) {
      if (node(c).is_text || s_[c].gone) continue;
      if (c == top) {
        roots.push_back(c);
        continue;
      }
      double bonus = SameFirstClass(top, c) ? top_score * 0.2 : 0;
      const NodeState& s = s_[c];
      bool append = s.candidate && s.score + bonus >= threshold;
      // Builders cut an article into blocks, one per stretch of text
      // between pictures: a sibling of prose is more of it.
      if (!append && IsProse(s) && node(c).tag != GUMBO_TAG_ARTICLE && !HoldsOtherArticle(c, top)) append = true;
      if (!append && IsSingleParagraph(c)) {
        double density = LinkDensity(s);
        if (s.live_chars > 80 && density < 0.25) append = true;
        else if (s.live_chars > 0 && s.live_chars <= 80 && density == 0 && EndsSentence(c)) append = true;
      }
      if (append) roots.push_back(c);
    }
    // A heading between two parts of the article heads the part after it.
    if (roots.size() >= 2) {
      std::vector<int> with_headings;
      for (int c = roots.front(); c <= roots.back(); c = node(c).subtree_end) {
        if (std::find(roots.begin(), roots.end(), c) != roots.end()) {
          with_headings.push_back(c);
        } else if (!node(c).is_text && !s_[c].gone && IsHeadingBlock(c)) {
          with_headings.push_back(c);
        }
      }
      roots = std::move(with_headings);
    }
    return roots;
  }

  // A block whose text is a short heading, not a link.
  bool IsHeadingBlock(int i) const {
    const NodeState& s = s_[i];
    if (s.live_chars == 0 || s.live_chars > 200 || LinkDensity(s) > 0.5) return false;
    if (IsHeading(node(i).tag)) return true;
    return TakeCensus(i).heading_chars * 2 > s.live_chars;
  }

  // A <p>, or a block that holds one block of text (sites write paragraphs
  // as <div class="paragraph"> or wrap each <p> in a div of its own).
  bool IsSingleParagraph(int i) const {
    if (node(i).tag == GUMBO_TAG_P) return true;
    int blocks = 0;
    int k = i;
    while (k < node(i).subtree_end) {
      if (s_[k].gone) {
        k = node(k).subtree_end;
        continue;
      }
      if (s_[k].own_chars > 0 && ++blocks > 1) return false;
      ++k;
    }
    return blocks == 1;
  }

  // Blocks cut from one template ("story-text", "story-text version-2")
  // share their first class.
  bool SameFirstClass(int a, int b) const {
    auto first = [&](int i) {
      std::string_view h = node(i).hints;
      size_t end = h.find(' ');
      return h.substr(0, end);
    };
    if (node(a).tag != node(b).tag || node(a).hints.empty()) return false;
    if (node(a).hints == node(b).hints) return true;
    // Layout classes ("row", "grid-x") are shared by everything; only an
    // article word makes a shared first class mean the same kind of block.
    std::string_view fa = first(a);
    return fa == first(b) && HintWeight(fa) > 0;
  }

  bool EndsSentence(int i) const {
    for (int k = node(i).subtree_end - 1; k >= i; --k) {
      if (!node(k).is_text || s_[k].gone) continue;
      std::string_view t = tree_.Text(k);
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) t.remove_suffix(1);
      if (t.empty()) continue;
      return t.back() == '.' || t.find(". ") != std::string_view::npos;
    }
    return false;
  }

  // Counts inside a subtree that say what kind of block it is.
  struct Census {
    int paragraphs = 0;
    int images = 0;
    int inputs = 0;
    int embeds = 0;
    int heading_chars = 0;
  };

  Census TakeCensus(int i) const {
    Census c;
    int k = i + 1;
    while (k < node(i).subtree_end) {
      const PageNode& n = node(k);
      if (n.is_text) {
        ++k;
        continue;
      }
      if (IsEmbed(n.tag) && (n.parent < 0 || !s_[n.parent].gone)) ++c.embeds;
      if (s_[k].gone) {
        k = n.subtree_end;
        continue;
      }
      if (n.tag == GUMBO_TAG_P) ++c.paragraphs;
      if (n.tag == GUMBO_TAG_IMG) ++c.images;
      if (n.tag == GUMBO_TAG_INPUT) ++c.inputs;
      if (IsHeading(n.tag)) c.heading_chars += s_[k].live_chars;
      ++k;
    }
    return c;
  }

  bool IsListLike(int i) const { return node(i).tag == GUMBO_TAG_UL || node(i).tag == GUMBO_TAG_OL; }

  bool HasFigureAncestor(int i) const {
    for (int a = node(i).parent; a >= 0; a = node(a).parent) {
      if (node(a).tag == GUMBO_TAG_FIGURE) return true;
    }
    return false;
  }

  // Readability's conditional clean: a block inside the article that looks
  // like a gallery, a form, a link list or a stray widget goes.
  const char* CleanReason(int i) const {
    const PageNode& n = node(i);
    switch (n.tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_FIGURE:
        break;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
        return HintWeight(n.hints) < 0 ? "boilerplate" : nullptr;
      default:
        // A paragraph that is all link text points elsewhere ("Read
        // more: ...", a teaser); it is not part of this article.
        if (IsBlockTag(n.tag) && s_[i].own_chars > 0 && s_[i].own_link_chars * 5 >= s_[i].own_chars * 4 &&
            s_[i].own_chars == s_[i].live_chars) {
          return "links";
        }
        return nullptr;
    }
    const NodeState& s = s_[i];
    int weight = HintWeight(n.hints);
    // A chrome word in the name is outweighed by the prose the block holds,
    // as its score counts both: page builders call every block a "widget".
    if (weight < 0 && !(s.candidate && s.score > 0)) {
      bool strong = false;
      if (BoilerplateReason(n.hints, &strong) == nullptr || strong || !IsProse(s)) return "boilerplate";
    }
    if (s.live_commas >= 10) return nullptr;
    Census c = TakeCensus(i);
    bool list = IsListLike(i);
    double density = LinkDensity(s);
    double heading_density = s.live_chars > 0 ? static_cast<double>(c.heading_chars) / s.live_chars : 0;
    if (c.images > 1 && c.paragraphs * 2 < c.images && !HasFigureAncestor(i)) return "gallery";
    if (c.inputs > c.paragraphs / 3) return "form";
    if (!list && heading_density < 0.9 && s.live_chars < 25 && (c.images == 0 || c.images > 2) &&
        !HasFigureAncestor(i) && s.live_chars > 0) {
      return "boilerplate";
    }
    if (!list && weight < 25 && density > 0.2) return "links";
    if (weight >= 25 && density > 0.5) return "links";
    if ((c.embeds == 1 && s.live_chars < 75) || c.embeds > 1) return "embed";
    return nullptr;
  }

  // Pass 3, innermost first so an outer block is judged on what is left.
  void Clean(int root) {
    int root_chars = s_[root].live_chars;
    for (int i = node(root).subtree_end - 1; i > root; --i) {
      if (node(i).is_text || s_[i].gone) continue;
      // A block holding most of the article is the article, whatever it
      // looks like.
      if (s_[i].live_chars * 2 > root_chars) continue;
      if (const char* reason = CleanReason(i)) {
        SubtractFromAncestors(i);
        Cut(i, reason);
      }
    }
  }

  const PageTree& tree_;
  FinderOptions options_;
  std::vector<NodeState> s_;
  std::vector<int> owner_;  // nearest block element of each node
};

}  // namespace

ArticleChoice FindArticle(const PageTree& tree, const FinderOptions& options) {
  if (tree.size() == 0) return {};
  return Finder(tree, options).Run();
}

}  // namespace storyloom::html
