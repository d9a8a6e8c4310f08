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
  // A head alone has no sentences: its annotation's are its own.
  const bool head = doc.body.empty() && doc.sentences.empty() && stored;
  if (stored && !head && stored->sentences.size() != doc.sentences.size()) stored.reset();
  if (!stored) {
    if (doc.tokens.empty() && !doc.body.empty()) segmenter.Segment(&doc, {}, true);
    stored.emplace();
    stored->annotation = resources.annotator().Annotate(doc);
    stored->sentences = CountSentenceTerms(doc, resources.stoplist());
  }
  p->annotation = std::move(stored->annotation);
  if (p->annotation.date.value) p->published = DayNumber(*p->annotation.date.value);
  else if (doc.published) p->published = DayNumber(*doc.published);

  p->sentences.assign(stored->sentences.size(), {});
  for (size_t i = 0; i < p->sentences.size(); ++i) {
    SentenceInfo& info = p->sentences[i];
    info.words = stored->sentences[i].words;
    info.informative = stored->sentences[i].informative;
    // The story stage's terms, counted per sentence (taken, not copied: a
    // large story holds millions).
    info.terms = std::move(stored->sentences[i].terms);
  }
  // Each sentence's anchors as the story stage keys them, dates and pivots
  // left out; from the keys listed once when the annotation was decoded by
  // reference.
  auto wanted = [](std::string_view key) { return !key.starts_with("date:") && !key.starts_with("lex:"); };
  std::vector<uint64_t> hashed(stored->anchor_keys.size());
  for (size_t k = 0; k < hashed.size(); ++k) {
    hashed[k] = wanted(stored->anchor_keys[k]) ? FeatureKey(stored->anchor_keys[k]) : 0;
  }
  const bool by_reference = stored->anchor_refs.size() == p->annotation.sentences.size() && !hashed.empty();
  for (size_t i = 0; i < p->annotation.sentences.size(); ++i) {
    SentenceAnnotation& s = p->annotation.sentences[i];
    if (s.sentence >= p->sentences.size()) continue;
    std::vector<uint64_t>& a = p->sentences[s.sentence].anchors;
    if (by_reference) {
      for (uint32_t ref : stored->anchor_refs[i]) {
        if (hashed[ref] != 0) a.push_back(hashed[ref]);
      }
    }
    for (const Anchor& anchor : s.anchors) {
      if (wanted(anchor.key)) a.push_back(FeatureKey(anchor.key));
    }
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    // The builder reads the dates alone: the anchors' names go now, on this
    // thread, rather than with the whole story at the end.
    std::vector<Anchor>().swap(s.anchors);
  }
}

}  // namespace storyloom::timeline_internal
