#include "stories/article_features.h"

#include <algorithm>
#include <vector>

#include "eval/stories_eval.h"

namespace storyloom {

DocFeatures ArticleFeatures(const Article& article, int64_t id, const Resources& resources,
                            const StoryResources& story_resources, Segmenter& segmenter) {
  std::vector<Document> docs = ProcessArticle(article, resources, segmenter);
  if (docs.empty()) {
    DocFeatures f;
    f.doc = id;
    if (article.published) f.day = DayNumber(*article.published);
    return f;
  }
  auto longest = std::max_element(docs.begin(), docs.end(), [](const Document& a, const Document& b) {
    return a.body.text().size() < b.body.text().size();
  });
  longest->id = id;
  DocFeatures f = Featurize(*longest, story_resources);
  f.doc = id;
  return f;
}

// Transitional (eval/stories_eval.h): what two benchmarks still call.
DocFeatures FeaturesOf(const StoryItem& item, int64_t id, const Resources& resources,
                       const StoryResources& story_resources, Segmenter& segmenter) {
  return ArticleFeatures({item.id, item.title, item.text, item.published}, id, resources, story_resources, segmenter);
}

}  // namespace storyloom
