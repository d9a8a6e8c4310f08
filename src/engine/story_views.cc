// The plain views' own helpers: a document in brief, and a story's
// documents with copies and translations folded under what they repeat.
#include "storyloom/story.h"

namespace storyloom {

DocumentBrief BriefOf(const Document& d) { return {d.id, d.lang, d.title, d.source, d.url, d.published}; }

const StoryDocument* StoryView::Find(int64_t doc) const {
  for (const StoryDocument& d : docs) {
    if (d.brief.id == doc) return &d;
  }
  return nullptr;
}

std::vector<const StoryDocument*> StoryView::FoldedUnder(int64_t doc) const {
  std::vector<const StoryDocument*> out;
  for (const StoryDocument& d : docs) {
    if (d.duplicate_of == doc) out.push_back(&d);
  }
  return out;
}

}  // namespace storyloom
