// The story index: online clustering of documents into stories, in
// publication order, with duplicates folded under their canonical document.
//
// A document first looks for a copy of itself (dedup/duplicate_index.h): the
// same normalised text (exact), or a shingle set at or above the
// near-duplicate threshold (MinHash LSH proposes, exact Jaccard decides).
// Otherwise it is scored against the stories that share its rarest features:
//
//   a language the story has: term_share * cos(terms) + (1 - term_share) * cos(anchors)
//   another language:          cross_scale * ((1 - pivot_share) * cos(anchors) + pivot_share * cos(pivots))
//
// where anchors are places, names, acronyms, numbers and dates, and pivots
// content words through bilingual lexicons to English (within a language the
// terms already carry them).
//
// cosines of tf-idf vectors, with the corpus's current document frequencies
// applied to both the document and the story's centroid (the sum of its
// documents' normalised vectors), so early stories are not judged with the
// idf of a nearly empty corpus (the document's idf-weighted vectors are
// computed once per document and shared by every candidate). The score fades
// with the days between the document and the story's dates:
// exp(-gap / (fade_days + fade_span * span + fade_documents / density)),
// where span is the story's own length in days, so a story that has run for
// months survives a silence of weeks while a one-day event fades in days,
// and density is the stream's documents per day, so in a sparse feed (a
// handful of reports over a year) a silence of months is no silence at all. The best story at or above
// `join` takes the document; else it starts a story. But first the leading
// candidates (up to three, scoring at least half of `join`) that hold
// documents in another language are searched for the document's original:
// a document whose anchors match one of them closely enough is recorded as
// its translation and joins that story. When another scored story is also
// above `join` and the two stories are alike (`merge`), they are merged.
//
// Deterministic: the same documents in the same order give the same stories,
// whatever the batches they arrived in (the state after a batch is the state
// before the next; Restore rebuilds it from stored placements).
#ifndef STORYLOOM_STORIES_STORY_INDEX_H_
#define STORYLOOM_STORIES_STORY_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/flat_key_map.h"
#include "dedup/duplicate_index.h"
#include "stories/features.h"
#include "storyloom/story.h"

namespace storyloom {

// StoryOptions: the knobs, in storyloom/story.h.

struct Placement {
  int64_t doc = 0;
  int64_t story = 0;
  bool new_story = false;
  double score = 0;                       // of the story it joined (1 for a duplicate's)
  std::vector<std::string> why;           // strongest shared anchors and terms
  std::optional<DuplicateLink> duplicate;
  std::vector<int64_t> merged;            // stories merged into `story` after it joined
  int64_t joined = 0;                     // the story it joined, before any merge
  std::vector<int64_t> merged_into;       // for each of `merged`, the survivor of that merge
};

class StoryIndex {
 public:
  explicit StoryIndex(StoryOptions options = {});

  // Where f belongs; updates the index. Documents come in publication order.
  Placement Add(const DocFeatures& f);

  // Rebuilds state from a stored placement without deciding anything.
  // Given the story the document joined and, after it, the merges it caused
  // (ReplayMerge), in the order they were made, the index is exactly the
  // one that made them; given where documents are now, it is the same
  // stories with slightly different sums.
  void Restore(const DocFeatures& f, int64_t story, const std::optional<DuplicateLink>& duplicate);
  void ReplayMerge(int64_t merged, int64_t into);
  // Before restoring (or catching up) up to `documents` documents in all:
  // norms are not computed before the last refresh point on the way, which
  // recomputes every story's from its weights and the idf then (a refresh
  // makes them independent of their past), so a restore costs one refresh,
  // not one per fiftieth, and the result is the same bit for bit.
  void BeginBulkRestore(size_t documents);
  // After it: norms are computed now if fewer documents came than announced.
  void EndBulkRestore();

  // Shingle sets of earlier documents, for verifying near-duplicate
  // candidates when they are not kept in memory (a store).
  using ShingleSource = DuplicateIndex::ShingleSource;
  void SetShingleSource(ShingleSource source) { duplicates_.SetShingleSource(std::move(source)); }
  // Keep every document's shingles in memory instead (evaluation, tests).
  void KeepShingles(bool keep) { duplicates_.KeepShingles(keep); }

  // The live story a (possibly merged) story id now is.
  int64_t Resolve(int64_t story) const;
  int64_t next_story_id() const { return next_story_; }
  // New stories are numbered above `id`.
  void ReserveStoryIds(int64_t id) { next_story_ = std::max(next_story_, id + 1); }
  size_t documents() const { return documents_; }
  size_t live_stories() const;
  const StoryOptions& options() const { return options_; }

 private:
  // A centroid's norm under the idf is kept, not computed per score: it is
  // computed again when the centroid changes, and for every story each time
  // the corpus has grown by a fiftieth. Both happen at points fixed by the
  // documents alone (never by which stories happened to be scored), so an
  // index restored from the store holds the very norms of the one that
  // placed them.
  // Features are interned: each key seen gets a dense id (in the order
  // first counted), and document frequencies and postings are arrays by id.
  // Nothing decided depends on the ids' values.
  // A centroid is keyed by feature key, not id: writers sharing a store
  // number features in different orders, and the table's order (in which
  // norms are summed) must not depend on that.
  struct Weight {
    float w = 0;      // sum of normalised raw vectors
    uint32_t id = 0;  // the feature's id, for its document frequency
  };
  struct Centroid {
    FlatKeyMap<Weight> weights;  // by feature key
    double norm = 0;             // under the idf, as above
  };
  struct Story {
    int64_t id = 0;
    uint32_t number = 0;  // its index in story_ids_, which postings hold
    bool alive = true;
    int64_t merged_into = 0;
    std::unordered_map<std::string, Centroid> terms;  // by language
    std::unordered_map<std::string, int> langs;       // documents by language
    Centroid anchors, pivots;
    std::optional<int32_t> start, end;
    std::vector<int64_t> docs;                        // canonical documents, in order
    size_t size = 0;                                  // with duplicates
    std::unordered_map<uint64_t, int> core;           // documents by main country
    int core_docs = 0;                                // documents with a main country
  };
  // A vector with the corpus's current idf applied, and its norm: a
  // document's, computed once per Add and shared by every candidate.
  struct Weighted {
    std::vector<Feature> v;     // weight * idf
    std::vector<float> idf;     // of each key in v
    std::vector<uint32_t> ids;  // of each key in v: a document's, for its candidate stories (AsDocument leaves it empty)
    double norm = 0;
  };
  struct WeightedDoc {
    Weighted terms, anchors, pivots;
  };

  // Recent stories per posting list are enough to find the live ones: a
  // candidate search reads the last kPostingScan of a list, and a list
  // keeps no more than kPostingKeep others (dropped kPostingKeep at a time
  // from the front, so what is read is the same).
  static constexpr size_t kPostingScan = 400;
  static constexpr size_t kPostingKeep = kPostingScan / 4;

  double Idf(uint64_t key) const;
  // The id of a counted feature (every feature of a document is counted
  // before it is scored or joins a story).
  uint32_t IdOf(uint64_t key) const { return *ids_.Find(key) - 1; }
  void AddTo(Centroid& c, const std::vector<Feature>& v, double scale) const;
  void Absorb(Centroid& into, const Centroid& other) const;
  void Prune(Centroid& c, size_t keep) const;
  // A centroid as a document to score against another: its entries in key order, weighed.
  Weighted AsDocument(const Centroid& c) const;
  // The idf of a feature in `df` documents, at the current corpus size:
  // computed once per size and df, then looked up (the same value as the
  // formula's, bit for bit).
  double IdfOfDf(uint32_t df) const;
  Weighted Weigh(const std::vector<Feature>& v) const;
  WeightedDoc Weigh(const DocFeatures& f) const;
  double Cosine(const Weighted& doc, const Centroid& c) const;
  void Renorm(Centroid& c) const;
  void Renorm(Story& s) const;
  // After each document is counted: every story's norms again, when the
  // corpus has grown by a fiftieth since they last were.
  void RefreshNormsIfDue();
  double StorySimilarity(const Story& a, const Story& b) const;
  double Score(const DocFeatures& f, const WeightedDoc& w, const Story& s) const;
  double Fade(const Story& s, const std::optional<int32_t>& day) const;
  // The heaviest country anchor of a document (0: none); whether a story
  // has `core` among its main countries (or too few to say); a story's
  // most common main country.
  uint64_t CoreOf(const std::vector<Feature>& anchors) const;
  bool SharesCore(uint64_t core, const Story& s) const;
  uint64_t MainCore(const Story& s) const;
  std::vector<int64_t> CandidateStories(const WeightedDoc& w) const;
  // The document of `story` that f translates, if the story holds one in
  // another language.
  std::optional<DuplicateLink> FindTranslation(const DocFeatures& f, const Story& story) const;
  std::vector<std::string> Why(const DocFeatures& f, const Story& s) const;
  void Join(Story& s, const DocFeatures& f, bool add_to_centroid);
  void Count(const DocFeatures& f);
  int64_t MergeStories(int64_t a, int64_t b);
  Story& NewStory(int64_t id);

  StoryOptions options_;
  // Documents counted in the statistics (document frequencies, idf, the
  // refresh points): every placed one but copies. A copy adds no new
  // words, so counting it would only make the words of recopied pages look
  // rarer, and a second crawl of the same pages would regroup them.
  size_t documents_ = 0;
  size_t next_refresh_ = 0;           // documents_ at which every norm is computed again
  size_t bulk_until_ = 0;             // a bulk restore computes no norm before this many documents
  size_t dated_ = 0;                  // documents with a day, and the days they span
  int32_t first_day_ = 0, last_day_ = 0;
  FlatKeyMap<uint32_t> ids_;   // feature key -> id + 1
  std::vector<uint32_t> df_;    // id -> documents holding it
  // IdfOfDf's cache: idf_by_df_[df] holds the idf when idf_stamp_[df] is
  // documents_ + 1. Only the placing thread uses an index.
  mutable std::vector<double> idf_by_df_;
  mutable std::vector<size_t> idf_stamp_;
  std::unordered_map<int64_t, Story> stories_;
  int64_t next_story_ = 1;
  std::vector<std::vector<uint32_t>> postings_;  // feature id -> numbers of the stories holding it
  std::vector<int64_t> story_ids_;               // story number -> id
  std::unordered_map<int64_t, int64_t> story_of_;  // document -> the story it joined
  std::unordered_set<uint64_t> countries_;  // keys of "geo:XX"
  DuplicateIndex duplicates_;
};

// The brute-force reference: the same decisions with every story scored
// (no candidate retrieval, no LSH: every earlier document's exact Jaccard).
// Small inputs only; the tests check StoryIndex against it.
std::vector<Placement> ReferenceClusters(const std::vector<DocFeatures>& docs, const StoryOptions& options);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_STORY_INDEX_H_
