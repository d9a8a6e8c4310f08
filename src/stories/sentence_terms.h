// Each sentence's words and the story stage's terms in it, counted, and
// whether it reports something: what a timeline compares and quotes by. Computed once in the per-document
// pipeline and stored with the annotations (annotate/annotation_codec.h).
#ifndef STORYLOOM_STORIES_SENTENCE_TERMS_H_
#define STORYLOOM_STORIES_SENTENCE_TERMS_H_

#include <vector>

#include "annotate/annotation_codec.h"
#include "stories/features.h"
#include "storyloom/document.h"

namespace storyloom {

// One entry per Document::sentences entry; doc must carry tokens.
std::vector<SentenceTerms> CountSentenceTerms(const Document& doc, const Stoplist& stoplist);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_SENTENCE_TERMS_H_
