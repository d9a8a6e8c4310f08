// The annotate stage: for each sentence of a document, its resolved dates
// and its anchors, with the document date they were resolved against.
// Pure over one document; the tagger and the anchor tables are immutable and
// shared by all threads.
#ifndef STORYLOOM_ANNOTATE_ANNOTATOR_H_
#define STORYLOOM_ANNOTATE_ANNOTATOR_H_

#include <vector>

#include "annotate/anchors.h"
#include "annotate/temporal.h"
#include "storyloom/annotation.h"
#include "storyloom/document.h"

namespace storyloom {

// SentenceAnnotation and DocumentAnnotation are public: storyloom/annotation.h.

class Annotator {
 public:
  // Both must outlive the Annotator.
  Annotator(const TemporalTagger& tagger, const AnchorResources& anchors) : tagger_(tagger), anchors_(anchors) {}

  // The document date: its metadata or header date, else inferred from its
  // own mentions (see document_date.h); none for a list of leads.
  DocumentDate DateOf(const Document& doc) const;

  DocumentAnnotation Annotate(const Document& doc) const;

 private:
  const TemporalTagger& tagger_;
  const AnchorResources& anchors_;
};

// Sets relative_year on the year-unknown days of a newest-first list of
// leads, from the order in which they come.
void PlaceListYears(DocumentAnnotation* annotation);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANNOTATOR_H_
