// What the dedup and story stages keep of a document: its same-language
// terms, the language-independent anchors and pivots, word shingles and
// their LSH bands, its day. Ingest computes them once, on the worker
// threads, and stores them with the document; the story index compares
// documents by them. Public for tools that build streams of their own from
// real features (the latency bench draws a synthetic archive this way) and
// place them with StoryPlacer (storyloom/story_clustering.h).
#ifndef STORYLOOM_STORY_FEATURES_H_
#define STORYLOOM_STORY_FEATURES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace storyloom {

// One key of a document's sparse vector (a term, an anchor) and its weight.
struct Feature {
  uint64_t key = 0;
  float weight = 0;
};

struct DocFeatures {
  int64_t doc = 0;  // the stored document's id
  std::string lang;
  std::optional<int32_t> day;  // days since 1970-01-01 of its date (metadata, header or inferred)
  std::string title;
  std::string content_hash;
  std::vector<Feature> terms;    // sorted by key; "t:<lang>:<stem>" (Vietnamese: syllable bigrams)
  std::vector<Feature> anchors;  // sorted by key; places, names, acronyms, numbers, dates
  std::vector<Feature> pivots;   // sorted by key; lex: words through the English pivot
  std::vector<uint64_t> shingles;  // word 5-shingles, sorted
  std::vector<uint64_t> bands;     // LSH band hashes of their MinHash signature (ShingleBands)
  uint32_t sentences = 0;
  uint32_t words = 0;
  // The earliest and latest dates its sentences tell of ("2023-07",
  // "2024-04-10"; empty: none), within a few years before its own date and
  // weeks after: what the story's span is made of. Not stored with the
  // features: the placement keeps them.
  std::string told_first, told_last;
  // Readable names of the keys above, for explaining why a document joined
  // a story. Not stored: rebuilt state does not need them.
  std::unordered_map<uint64_t, std::string> names;
  // The annotate stage's results, encoded; saved beside the features when
  // set. Not part of the features' bytes.
  std::string annotations;
};

// The LSH band hashes of a sorted shingle set, as ingest computes `bands`.
std::vector<uint64_t> ShingleBands(const std::vector<uint64_t>& shingles);

}  // namespace storyloom

#endif  // STORYLOOM_STORY_FEATURES_H_
