// The duplicate index: which earlier document a new one repeats. A copy has
// the same normalised text (exact: its content hash) or a shingle set at or
// above the near-duplicate threshold (near: MinHash LSH proposes, exact
// Jaccard decides). A translation says the same things in another language:
// the same places, names, numbers and dates, and about as many sentences.
//
// The story index owns one: it asks for a copy before placing a document,
// for a translation among the documents of the stories it might join, and
// tells the index about every document it places.
#ifndef STORYLOOM_DEDUP_DUPLICATE_INDEX_H_
#define STORYLOOM_DEDUP_DUPLICATE_INDEX_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/flat_key_map.h"
#include "base/sparse_vector.h"
#include "dedup/minhash.h"

namespace storyloom {

struct DuplicateLink {
  int64_t doc = 0;
  int64_t of = 0;       // its canonical document
  std::string kind;     // "exact", "near", "translation"
  double score = 0;
};

// The LSH bands of a document: those computed with its features (when there
// are kBands of them), else from its shingles.
std::vector<uint64_t> BandsOf(const std::vector<uint64_t>& bands, const std::vector<uint64_t>& shingles);

class DuplicateIndex {
 public:
  // near_duplicate: the shingle Jaccard of a near copy; translation: the
  // anchor similarity of a translation. Exhaustive: every earlier document's
  // shingles are verified (no LSH); small inputs only.
  DuplicateIndex(double near_duplicate, double translation, bool exhaustive);

  // Shingle sets of earlier documents, for verifying near-duplicate
  // candidates when they are not kept in memory (a store).
  using ShingleSource = std::function<std::vector<uint64_t>(int64_t doc)>;
  void SetShingleSource(ShingleSource source) { shingle_source_ = std::move(source); }
  // Keep every document's shingles in memory instead (evaluation, tests).
  void KeepShingles(bool keep) { keep_shingles_ = keep; }

  // The earlier document `doc` copies, as its canonical document: the first
  // with the same content hash, else the best near copy among the documents
  // sharing a band (`bands`, from BandsOf; every earlier one when exhaustive).
  std::optional<DuplicateLink> FindCopy(int64_t doc, const std::string& content_hash,
                                        const std::vector<uint64_t>& shingles,
                                        const std::vector<uint64_t>& bands) const;

  // The document among the last of `originals` (a story's canonical
  // documents, in order) that `doc`, in `lang` with `sentences` sentences,
  // translates: the best anchor cosine, under `idf`, at or above the
  // threshold, scaled down when the two differ by over 30% in sentences.
  std::optional<DuplicateLink> FindTranslation(int64_t doc, const std::string& lang, uint32_t sentences,
                                               const std::vector<Feature>& anchors,
                                               const std::vector<int64_t>& originals,
                                               const std::function<double(uint64_t)>& idf) const;

  // What a placed document leaves behind. Link: it repeats `canonical` (set
  // before Place). Place: its language and sentences, and its anchors when
  // it is an original that a later translation may match (nullptr: a copy).
  void Link(int64_t doc, int64_t canonical) { docs_[doc].canonical = canonical; }
  void Place(int64_t doc, const std::string& lang, uint32_t sentences, const std::vector<Feature>* anchors);
  // Of a story's originals (in its order), those FindTranslation reads:
  // the last ones. A document only moves away from the end of its story (a
  // merge keeps each side's order), so one out of reach is never read
  // again, and its anchors are let go:
  static std::vector<int64_t> InReach(const std::vector<int64_t>& originals);
  // after one original joined the end of `originals`, the one it pushed out;
  void Retire(const std::vector<int64_t>& originals);
  // after a merge, those of `held` (both sides' reach before it) out of
  // the reach of the merged `originals`.
  void Retire(const std::vector<int64_t>& held, const std::vector<int64_t>& originals);
  // Its content hash, bands and shingles, for finding its copies: as a new
  // document (Remember) or one rebuilt from the store (Restore).
  void Remember(int64_t doc, const std::string& content_hash, const std::vector<uint64_t>& bands,
                const std::vector<uint64_t>& shingles);
  void Restore(int64_t doc, const std::string& content_hash, const std::vector<uint64_t>& bands,
               const std::vector<uint64_t>& shingles);

 private:
  struct DocState {
    int64_t canonical = 0;  // itself unless a duplicate
    std::vector<Feature> anchors;
    uint32_t sentences = 0;
    uint16_t lang = 0;  // in langs_ (set by Place)
  };

  double near_duplicate_, translation_;
  bool exhaustive_;
  std::unordered_map<int64_t, DocState> docs_;
  std::vector<std::string> langs_;                      // the languages met, by number
  std::unordered_map<std::string, uint16_t> lang_ids_;  // and their numbers
  // The first document of each content hash, by two 64-bit hashes of it
  // (a table of strings cost 110 bytes a document): one keys the table,
  // the other must match too. Should two contents' first hashes meet (a
  // chance of a few in a hundred at a billion documents), the table keeps
  // the first, and the second's copies are still found as near copies.
  struct FirstOfHash {
    int64_t doc = 0;
    uint64_t check = 0;
  };
  static std::pair<uint64_t, uint64_t> HashKeys(const std::string& content_hash);
  void RememberHash(const std::string& content_hash, int64_t doc);
  void ReleaseAnchors(int64_t doc);
  FlatKeyMap<FirstOfHash> by_hash_;
  LshIndex lsh_;
  bool keep_shingles_ = false;
  std::unordered_map<int64_t, std::vector<uint64_t>> shingles_;
  ShingleSource shingle_source_;
};

}  // namespace storyloom

#endif  // STORYLOOM_DEDUP_DUPLICATE_INDEX_H_
