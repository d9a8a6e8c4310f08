// The temporal tagger and the annotator the annotate tests share, loaded once
// from the source tree's resources (no lexicons: dates and local anchors).
#ifndef STORYLOOM_TESTS_ANNOTATE_ANNOTATE_RESOURCES_H_
#define STORYLOOM_TESTS_ANNOTATE_ANNOTATE_RESOURCES_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "annotate/annotator.h"
#include "annotate/temporal.h"

namespace storyloom::testing {

inline const TemporalTagger& TestTagger() {
  static const std::unique_ptr<TemporalTagger> tagger = [] {
    auto t = TemporalTagger::Load(std::string(STORYLOOM_SOURCE_DIR) + "/resources/temporal");
    EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message());
    return t ? std::move(*t) : nullptr;
  }();
  return *tagger;
}

inline const Annotator& TestAnnotator() {
  static const std::unique_ptr<AnchorResources> anchors = [] {
    AnchorOptions o;
    o.resources_dir = STORYLOOM_SOURCE_DIR "/resources";
    return AnchorResources::Load(o);
  }();
  static const Annotator annotator(TestTagger(), *anchors);
  return annotator;
}

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_ANNOTATE_ANNOTATE_RESOURCES_H_
