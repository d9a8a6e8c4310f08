// Near-duplicate detection: word shingles, MinHash signatures and an LSH
// index over bands of the signature. LSH only proposes candidates; every
// candidate is verified by the exact Jaccard of the two shingle sets, so the
// index never reports a pair the reference (all pairs, exact Jaccard) would
// not, and misses one only when no band of the two signatures agrees, which
// for pairs above the threshold is rare (see kBands / kRows).
#ifndef STORYLOOM_DEDUP_MINHASH_H_
#define STORYLOOM_DEDUP_MINHASH_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace storyloom {

// 32 bands of 4 rows: two documents whose shingle sets have Jaccard s become
// candidates with probability 1 - (1 - s^4)^32: 0.9996 at s = 0.5, 0.85 at
// s = 0.3. Verification keeps the false candidates out.
inline constexpr int kBands = 32;
inline constexpr int kRows = 4;
inline constexpr int kPermutations = kBands * kRows;

using Signature = std::vector<uint32_t>;  // kPermutations minima

// Hashes of every run of k consecutive words, sorted, without repeats. A
// text shorter than k words gives one shingle of all its words.
std::vector<uint64_t> Shingles(const std::vector<std::string_view>& words, int k = 5);

// MinHash signature of a shingle set (empty set: all minima are UINT32_MAX).
Signature MinHash(const std::vector<uint64_t>& shingles);

// The hash of each band of a signature (salted by the band's index).
std::vector<uint64_t> BandHashes(const Signature& signature);

// |A ∩ B| / |A ∪ B| of two sorted sets without repeats; 0 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Documents by band hash, compactly: every document brings kBands bands,
// and nearly every band is its own (only copies share them), so a table of
// one node and one vector per band would cost about 3 KB a document. Here a
// band is a slot of two flat arrays (its hash and one 32-bit word: the
// document's number, or a chain of them when documents share it), about
// 20 bytes at the table's load.
class LshIndex {
 public:
  void Add(int64_t id, const std::vector<uint64_t>& bands);
  // Ids sharing at least one band, each once: those sharing the most bands
  // (the likeliest near copies) first, then in insertion order, at most
  // `limit` of them. A band shared by many documents (a feed of items cut
  // from one template) gives only its newest `per_band` documents: checking
  // every earlier one would make each new document cost as many checks as
  // there are documents, and ingesting quadratic.
  std::vector<int64_t> Candidates(const std::vector<uint64_t>& bands, size_t limit = 32,
                                  size_t per_band = 64) const;
  size_t size() const { return ids_.size(); }

 private:
  static constexpr uint32_t kChain = 0x80000000u;  // a slot's word names a chain, not a document
  struct Link {
    uint32_t doc;   // index in ids_
    uint32_t next;  // the link added before it, + 1 (0: none)
  };
  // The slot of `key` (a band hash, 0 stored as 1: at worst a false
  // candidate, which verification drops), or the empty slot it would take.
  size_t SlotOf(uint64_t key) const;
  void Grow();

  std::vector<uint64_t> keys_;   // 0: empty
  std::vector<uint32_t> heads_;  // a document's index, or kChain | its newest link's index
  size_t used_ = 0;
  std::vector<int64_t> ids_;     // documents, in the order added
  std::vector<Link> links_;
};

struct NearPair {
  int64_t a = 0, b = 0;  // a < b, ids as given
  double jaccard = 0;
  bool operator==(const NearPair&) const = default;
};

// The slow, obviously correct reference: every pair, exact Jaccard, those at
// or above threshold, ordered by (a, b).
std::vector<NearPair> AllPairsNearDuplicates(const std::vector<int64_t>& ids,
                                             const std::vector<std::vector<uint64_t>>& sets, double threshold);

}  // namespace storyloom

#endif  // STORYLOOM_DEDUP_MINHASH_H_
