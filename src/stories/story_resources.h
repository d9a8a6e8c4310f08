// What the stages after the per-document pipeline read: the temporal tagger,
// the anchor tables and lexicons, the story stoplist. Loaded once,
// immutable, shared by every thread.
#ifndef STORYLOOM_STORIES_STORY_RESOURCES_H_
#define STORYLOOM_STORIES_STORY_RESOURCES_H_

#include <memory>
#include <string>
#include <vector>

#include "annotate/annotator.h"
#include "stories/features.h"
#include "storyloom/resources.h"

namespace storyloom {

class StoryResources {
 public:
  // languages: those whose lexicons may be read (empty: all), each on its
  // first document; lexicon_paths: empty for the default ones
  // (DefaultLexiconPaths, English's words from DefaultEnglishLexiconPaths). Without `lexicons`
  // none are read (a few seconds saved): anchors then carry no lex: pivots,
  // which only the story stage weighs.
  static Result<std::unique_ptr<StoryResources>> Load(const ResourcePaths& paths,
                                                      const std::vector<std::string>& languages = {},
                                                      const std::vector<std::string>& lexicon_paths = {},
                                                      bool lexicons = true);

  const Annotator& annotator() const { return *annotator_; }
  const Stoplist& stoplist() const { return stoplist_; }

 private:
  StoryResources() = default;
  std::unique_ptr<TemporalTagger> tagger_;
  std::unique_ptr<AnchorResources> anchors_;
  std::unique_ptr<Annotator> annotator_;
  Stoplist stoplist_;
};

// Annotation and story features of a document that carries tokens. With
// `stored_annotations`, the annotation is also kept, encoded for the store
// (DocFeatures::annotations), with each sentence's counted terms.
DocFeatures Featurize(const Document& doc, const StoryResources& resources, bool stored_annotations = false);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_STORY_RESOURCES_H_
