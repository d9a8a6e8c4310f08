// AnchorFinder and the public NtrexOverlap (storyloom/anchors.h): the anchor
// tables and the overlap check behind a public face.
#include "annotate/anchors_api.h"

#include "annotate/anchor_overlap.h"

namespace storyloom {

AnchorFinder::AnchorFinder(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
AnchorFinder::~AnchorFinder() = default;

std::unique_ptr<AnchorFinder> AnchorFinder::Load(const AnchorOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->resources = AnchorResources::Load(options);
  return std::unique_ptr<AnchorFinder>(new AnchorFinder(std::move(rep)));
}

std::vector<Anchor> AnchorFinder::Find(std::string_view text, const std::string& lang) const {
  return FindAnchors(text, lang, *rep_->resources);
}

std::optional<OverlapStats> NtrexOverlap(const std::string& dir, const std::string& code_a, const std::string& lang_a,
                                         const std::string& code_b, const std::string& lang_b,
                                         const AnchorFinder& finder) {
  return NtrexOverlap(dir, code_a, lang_a, code_b, lang_b, *finder.rep().resources);
}

}  // namespace storyloom
