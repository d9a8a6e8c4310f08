// Transitional: bench/stories_latency.cc and bench/timeline_size.cc reach
// for the per-document helpers below through this header. RunStoriesEval
// and its options are public (storyloom/eval.h), and so is ProcessArticle
// (storyloom/article.h); FeaturesOf lives with the story stage
// (stories/article_features.h), declared here with its private types only
// named. Delete this header when those two benches no longer include it.
#ifndef STORYLOOM_EVAL_STORIES_EVAL_H_
#define STORYLOOM_EVAL_STORIES_EVAL_H_

#include <cstdint>

#include "storyloom/article.h"
#include "storyloom/eval.h"
#include "storyloom/resources.h"
#include "storyloom/text.h"

namespace storyloom {

struct DocFeatures;
class StoryResources;

// One item through the per-document pipeline and the annotation, as ingest
// takes it (headline above the text): the features of its longest article.
DocFeatures FeaturesOf(const StoryItem& item, int64_t id, const Resources& resources,
                       const StoryResources& story_resources, Segmenter& segmenter);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_STORIES_EVAL_H_
