// An article in hand through the per-document pipeline and annotation: its
// story features, as the story stage computes them for a stored document.
#ifndef STORYLOOM_STORIES_ARTICLE_FEATURES_H_
#define STORYLOOM_STORIES_ARTICLE_FEATURES_H_

#include <cstdint>

#include "stories/features.h"
#include "stories/story_resources.h"
#include "storyloom/article.h"
#include "storyloom/resources.h"
#include "storyloom/text.h"

namespace storyloom {

// The features of the article's longest document (the cleaner may split
// it), as document `id`; an article with nothing left has only its id and
// day. `segmenter` must be this thread's.
DocFeatures ArticleFeatures(const Article& article, int64_t id, const Resources& resources,
                            const StoryResources& story_resources, Segmenter& segmenter);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_ARTICLE_FEATURES_H_
