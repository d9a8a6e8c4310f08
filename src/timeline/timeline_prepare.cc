// Preparing a story's document for the timeline: its stored annotation (or
// one made here), its sentences' terms and anchors, and its publication day.
#include "timeline/timeline.h"

#include <algorithm>

#include "stories/features.h"
#include "stories/sentence_terms.h"
#include "text/segment.h"
#include "timeline/timeline_internal.h"

namespace storyloom::timeline_internal {

void Prepare(Prepared* p, const StoryResources& resources, Segmenter& segmenter) {
  Document& doc = p->in.doc;
  // What ingest stored is read as it is; a document stored without it (by
  // an older storyloom) is segmented and annotated here.
  std::optional<StoredAnnotation> stored = std::move(p->in.stored);
  p->in.stored.reset();
  if (stored && stored->sentences.size() != doc.sentences.size()) stored.reset();
  if (!stored) {
    if (doc.tokens.empty() && !doc.body.empty()) segmenter.Segment(&doc, {}, true);
    stored.emplace();
    stored->annotation = resources.annotator().Annotate(doc);
    stored->sentences = CountSentenceTerms(doc, resources.stoplist());
  }
  p->annotation = std::move(stored->annotation);
  if (p->annotation.date.value) p->published = DayNumber(*p->annotation.date.value);
  else if (doc.published) p->published = DayNumber(*doc.published);

  p->sentences.assign(doc.sentences.size(), {});
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    SentenceInfo& info = p->sentences[i];
    info.words = stored->sentences[i].words;
    info.informative = stored->sentences[i].informative;
    // The story stage's terms, counted per sentence (taken, not copied: a
    // large story holds millions).
    info.terms = std::move(stored->sentences[i].terms);
  }
  for (const SentenceAnnotation& s : p->annotation.sentences) {
    if (s.sentence >= p->sentences.size()) continue;
    std::vector<uint64_t>& a = p->sentences[s.sentence].anchors;
    for (const Anchor& anchor : s.anchors) {
      if (anchor.key.starts_with("date:") || anchor.key.starts_with("lex:")) continue;
      a.push_back(FeatureKey(anchor.key));
    }
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }
}

}  // namespace storyloom::timeline_internal
