// What AnchorFinder (storyloom/anchors.h) holds: the anchor tables, for
// storyloom's own stages to pass on to FindAnchors and the annotator.
#ifndef STORYLOOM_ANNOTATE_ANCHORS_API_H_
#define STORYLOOM_ANNOTATE_ANCHORS_API_H_

#include <memory>

#include "annotate/anchors.h"
#include "storyloom/anchors.h"

namespace storyloom {

struct AnchorFinder::Rep {
  std::unique_ptr<AnchorResources> resources;
};

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANCHORS_API_H_
