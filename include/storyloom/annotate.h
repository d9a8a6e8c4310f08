// Annotate: a document's sentences with their resolved dates and their
// anchors (annotation.h), and the document date they were resolved against.
// The ingest pipeline does this for every document it places into stories;
// AnnotateDocument does it for any document, for tools that show or compare
// annotations.
//
//   auto tagger = DateTagger::Load(paths);   // dates.h
//   auto finder = AnchorFinder::Load(o);     // anchors.h
//   DocumentAnnotation a = AnnotateDocument(doc, **tagger, *finder);
#ifndef STORYLOOM_ANNOTATE_H_
#define STORYLOOM_ANNOTATE_H_

#include "storyloom/anchors.h"
#include "storyloom/annotation.h"
#include "storyloom/dates.h"
#include "storyloom/document.h"

namespace storyloom {

// The document date (its metadata or header date, else inferred from its
// own mentions; none for a list of leads) and each sentence's dates and
// anchors, in sentence order. Pure; safe on many threads.
DocumentAnnotation AnnotateDocument(const Document& doc, const DateTagger& tagger, const AnchorFinder& anchors);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_H_
