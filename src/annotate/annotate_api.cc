// AnnotateDocument (storyloom/annotate.h): the Annotator over the public
// tagger and anchor tables.
#include "annotate/anchors_api.h"
#include "annotate/annotator.h"
#include "annotate/dates_api.h"
#include "storyloom/annotate.h"

namespace storyloom {

DocumentAnnotation AnnotateDocument(const Document& doc, const DateTagger& tagger, const AnchorFinder& anchors) {
  return Annotator(*tagger.rep().tagger, *anchors.rep().resources).Annotate(doc);
}

}  // namespace storyloom
