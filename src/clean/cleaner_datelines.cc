// Datelines cut from the lead of an article (or from every lead of a list),
// a headline fused before one kept as the title or as a paragraph.
#include "clean/cleaner.h"

#include <unicode/uchar.h>

#include <memory>
#include <string>
#include <vector>

#include "clean/cleaner_internal.h"
#include "base/utf8.h"

namespace storyloom {

using namespace cleaner_internal;  // NOLINT: the cleaner's own helpers

namespace {

// Cuts a dateline out of paragraph k; the lead after it starts a paragraph.
// What stood before it is a headline fused with the lead: it becomes the
// title of an article that has none (the lead then opens the body, as on the
// page), or else stays as a paragraph of its own.
void CutDateline(CleanArticle* a, size_t k, const DatelineMatch& m, bool may_title) {
  const MappedText p = a->paragraphs[k];
  const std::string& t = p.text();
  a->removed.push_back(MakeRemoved(p, m.start, m.text_end, m.reason));
  if (!m.byline.empty() && a->byline.empty()) a->byline = m.byline;
  std::vector<MappedText> parts;
  uint32_t before = m.start;
  while (before > 0 && IsTrimSpace(static_cast<unsigned char>(t[before - 1]))) --before;
  if (before > 0) {
    std::string_view head(t.data(), before);
    if (may_title && k == 0 && a->title.empty() && !EndsSentence(head)) a->title = Slice(p, 0, before);
    else parts.push_back(Slice(p, 0, before));
  }
  if (m.end < t.size()) parts.push_back(Slice(p, m.end, static_cast<uint32_t>(t.size())));
  a->paragraphs.erase(a->paragraphs.begin() + static_cast<std::ptrdiff_t>(k));
  a->paragraphs.insert(a->paragraphs.begin() + static_cast<std::ptrdiff_t>(k), parts.begin(), parts.end());
}

}  // namespace

namespace cleaner_internal {

void StripDatelines(CleanArticle* a, const DatelineTable& table, bool may_title) {
  DatelineMatch m;
  std::unique_ptr<DatelineTable::Scanner> scanner = table.NewScanner();
  DatelineTable::Scanner* sc = scanner.get();
  if (a->is_list) {
    // Every lead of a list may open with a dateline; the first few lines may
    // also be an article's, with a headline fused before its dateline.
    bool inside = false;
    for (size_t k = 0; k < a->paragraphs.size(); ++k) {
      const std::string& t = a->paragraphs[k].text();
      size_t i = 0;
      UChar32 c = NextCodePoint(t, &i);
      // A dateline does not begin in lower case.
      if (!u_islower(c) && table.MatchAt(t, 0, /*strong_only=*/false, &m, sc) && m.end < t.size()) {
        CutDateline(a, k, m, /*may_title=*/false);
      }
      // What is left may still hold one after a fused headline or byline.
      if (!inside && k < 3 && table.FindInside(a->paragraphs[k].text(), &m, sc)) {
        CutDateline(a, k, m, /*may_title=*/false);
        inside = true;
        ++k;  // the lead cut from its headline is the next paragraph
      }
    }
    return;
  }
  if (a->paragraphs.empty()) return;
  if (table.MatchAt(a->paragraphs[0].text(), 0, /*strong_only=*/false, &m, sc) &&
      (m.end < a->paragraphs[0].size() || a->paragraphs.size() > 1)) {
    bool whole = m.end >= a->paragraphs[0].size();
    CutDateline(a, 0, m, may_title);
    // A dateline on a line of its own: the lead is the next paragraph, and
    // may open with the rest of the dateline ("HÀ NỘI –" / "(TTXVN) -").
    if (whole && !a->paragraphs.empty() && table.MatchAt(a->paragraphs[0].text(), 0, false, &m, sc) &&
        m.end < a->paragraphs[0].size()) {
      CutDateline(a, 0, m, may_title);
    }
    // After a byline, the dateline may still follow a few highlights; after
    // a time stamp, a headline or a note ("WASHINGTON | <stamp> Obama
    // signs law WASHINGTON (Reuters) -").
    if (m.reason != "byline") {
      if (!a->paragraphs.empty() && table.FindInside(a->paragraphs[0].text(), &m, sc)) {
        CutDateline(a, 0, m, /*may_title=*/false);
      }
      return;
    }
  }
  for (size_t k = 0; k < a->paragraphs.size() && k < 3; ++k) {
    const std::string& t = a->paragraphs[k].text();
    if (k > 0 && table.MatchAt(t, 0, /*strong_only=*/true, &m, sc)) {
      CutDateline(a, k, m, may_title);
      return;
    }
    if (table.FindInside(t, &m, sc)) {
      CutDateline(a, k, m, may_title);
      return;
    }
  }
}

}  // namespace cleaner_internal

}  // namespace storyloom
