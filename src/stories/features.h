// What the dedup and story stages need of a document, computed once, on the
// worker threads, from its tokens and annotation: same-language terms, the
// language-independent anchors, word shingles for near-duplicates, its day.
// Pure; weights here are raw (sublinear counts): the story index applies the
// corpus's inverse document frequencies when it compares.
#ifndef STORYLOOM_STORIES_FEATURES_H_
#define STORYLOOM_STORIES_FEATURES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "annotate/annotator.h"
#include "base/calendar.h"
#include "base/sparse_vector.h"
#include "storyloom/document.h"
#include "storyloom/story_features.h"
#include "storyloom/status.h"

namespace storyloom {

// DocFeatures: storyloom/story_features.h.

// Function words per language (resources/stories/stopwords.tsv), folded as
// tokens are.
class Stoplist {
 public:
  static Result<Stoplist> Load(const std::string& resources_dir);
  bool Contains(const std::string& lang, const std::string& norm) const;

 private:
  std::unordered_map<std::string, std::unordered_set<std::string>> words_;
};

uint64_t FeatureKey(std::string_view name);

// Letters somewhere in it (numbers are anchors), and more than one byte.
bool IsWordish(std::string_view norm);

// The same-language terms of a document's tokens, as the story and timeline
// stages weigh them: Snowball stems of content words; in Vietnamese, whose
// syllables are ambiguous alone and carry meaning in pairs, syllable pairs
// and, at half weight, the content syllables alone (names). Calls
// emit(token, name, weight) in token order, names "t:<lang>:<term>".
template <typename Emit>
void ForEachTerm(const Document& doc, const Stoplist& stoplist, Emit&& emit) {
  const bool vi = doc.lang == "vi";
  const Token* previous = nullptr;  // Vietnamese: the syllable before, in the same sentence
  for (const Token& t : doc.tokens) {
    if (t.is_word) continue;  // joined words repeat their syllables
    bool content = IsWordish(t.norm) && !stoplist.Contains(doc.lang, t.norm);
    if (vi) {
      if (content) emit(t, "t:vi:" + t.norm, 0.5f);
      if (previous && previous->sentence == t.sentence && IsWordish(previous->norm) && IsWordish(t.norm) &&
          !(stoplist.Contains("vi", previous->norm) && stoplist.Contains("vi", t.norm))) {
        emit(t, "t:vi:" + previous->norm + " " + t.norm, 1.0f);
      }
      previous = &t;
    } else if (content) {
      emit(t, "t:" + doc.lang + ":" + t.stem, 1.0f);
    }
  }
}

// A document's word shingles (near-duplicate detection) from its tokens:
// those ComputeFeatures keeps, and what a store gives again from the text
// of a document whose shingles it no longer keeps.
std::vector<uint64_t> DocumentShingles(const Document& doc);

// doc must carry tokens (PipelineOptions::with_tokens).
DocFeatures ComputeFeatures(const Document& doc, const DocumentAnnotation& annotation, const Stoplist& stoplist);

// DayNumber and IsoDay: base/calendar.h.

// Publication order for stable sorts: by day; undated documents after the
// dated ones, in the order they came.
bool PublishedBefore(const DocFeatures& a, const DocFeatures& b);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_FEATURES_H_
