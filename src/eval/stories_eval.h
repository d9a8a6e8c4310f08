// `storyloom eval stories DATASET`: BCubed and pairwise scores of storyloom's
// stories on a labelled dataset (see story_datasets.h), optionally beside
// the baseline a user would reach for: scikit-learn TF-IDF with average-
// linkage agglomerative clustering, its threshold tuned on the same data.
//
// Each item goes through the same stages as `storyloom ingest` (clean,
// language, sentences and tokens, annotation, features) on a pool of threads,
// then into one StoryIndex in publication order, as a stream would. An item
// the cleaner splits into several articles is labelled by its longest one.
#ifndef STORYLOOM_EVAL_STORIES_EVAL_H_
#define STORYLOOM_EVAL_STORIES_EVAL_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "eval/story_datasets.h"
#include "stories/events.h"
#include "stories/story_index.h"
#include "stories/story_resources.h"
#include "text/segment.h"
#include "storyloom/document.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

namespace storyloom {

struct StoriesEvalOptions {
  bool json = false;
  bool peer = false;
  int threads = 0;  // 0: every core
  StoryOptions story;
  StoryOptions events = EventOptions();  // the event level, within each story
  std::string dump;  // write "id<TAB>gold<TAB>story" lines here
};

// A dataset's article through the per-document pipeline, as ingest takes it:
// its headline (when it has one) above its text. Documents the cleaner
// split it into that carry no date of their own take the article's.
std::vector<Document> ProcessArticle(const std::string& path, const std::string& title, const std::string& text,
                                     const std::optional<std::string>& published, const Resources& resources,
                                     Segmenter& segmenter, bool with_tokens = true);

// One item through the per-document pipeline and the annotation, as ingest
// takes it (headline above the text): the features of its longest article.
DocFeatures FeaturesOf(const StoryItem& item, int64_t id, const Resources& resources,
                       const StoryResources& story_resources, Segmenter& segmenter);

Status RunStoriesEval(const std::string& path, const StoriesEvalOptions& options, const Resources& resources,
                      std::ostream& out);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_STORIES_EVAL_H_
