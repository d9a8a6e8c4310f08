#include "stories/story_resources.h"

#include "annotate/annotation_codec.h"
#include "stories/sentence_terms.h"

namespace storyloom {

Result<std::unique_ptr<StoryResources>> StoryResources::Load(const ResourcePaths& paths,
                                                             const std::vector<std::string>& languages,
                                                             const std::vector<std::string>& lexicon_paths,
                                                             bool lexicons) {
  std::unique_ptr<StoryResources> r(new StoryResources());
  auto tagger = TemporalTagger::Load(paths.dir + "/temporal");
  if (!tagger) return Unexpected(tagger.error());
  r->tagger_ = std::move(*tagger);
  AnchorOptions options;
  options.resources_dir = paths.dir;
  if (lexicons) {
    options.lexicon_paths = lexicon_paths.empty() ? DefaultLexiconPaths(paths.dir, languages) : lexicon_paths;
    if (lexicon_paths.empty()) options.english_lexicon_paths = DefaultEnglishLexiconPaths(paths.dir);
  }
  options.languages = languages;
  r->anchors_ = AnchorResources::Load(options);
  if (!r->anchors_) return Fail("cannot load the anchor tables under " + paths.dir + "/anchors");
  auto stoplist = Stoplist::Load(paths.dir);
  if (!stoplist) return Unexpected(stoplist.error());
  r->stoplist_ = std::move(*stoplist);
  r->annotator_ = std::make_unique<Annotator>(*r->tagger_, *r->anchors_);
  return r;
}

DocFeatures Featurize(const Document& doc, const StoryResources& resources, bool stored_annotations) {
  if (!stored_annotations) return ComputeFeatures(doc, resources.annotator().Annotate(doc), resources.stoplist());
  StoredAnnotation stored;
  stored.annotation = resources.annotator().Annotate(doc);
  DocFeatures f = ComputeFeatures(doc, stored.annotation, resources.stoplist());
  stored.sentences = CountSentenceTerms(doc, resources.stoplist());
  f.annotations = EncodeAnnotation(stored);
  return f;
}

}  // namespace storyloom
