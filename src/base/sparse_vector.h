// Sparse vectors: (key, weight) lists sorted by key, as the dedup, story and
// timeline stages compare documents and sentences by their terms and anchors.
#ifndef STORYLOOM_BASE_SPARSE_VECTOR_H_
#define STORYLOOM_BASE_SPARSE_VECTOR_H_

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/flat_key_map.h"
#include "storyloom/story_features.h"

namespace storyloom {

// Feature, one (key, weight) of a document's terms or anchors: storyloom/story_features.h.

// A sparse term vector, sorted by key: a sentence's or a centroid's, L2-normalised.
using SparseVector = std::vector<std::pair<uint64_t, float>>;

// The dot product, summed in key order whichever way it is computed.
double Dot(const SparseVector& a, const SparseVector& b);

// Scales v to unit length; a zero vector stays as it is.
void Normalize(SparseVector* v);

// Weights summed by key in one flat open-addressed table: a story's
// centroid adds up hundreds of thousands of terms, which a node-based map
// does several times slower.
class KeySums {
 public:
  void Add(uint64_t key, double weight) { sums_[key] += weight; }
  size_t size() const { return sums_.size(); }
  // The sums, sorted by key.
  SparseVector Sorted() const;

 private:
  FlatKeyMap<double> sums_ = FlatKeyMap<double>(512);
};

// The normalised sum of some vectors: each(add) calls add(v) for every one.
template <typename Each>
SparseVector Centroid(Each&& each) {
  KeySums sum;
  each([&](const SparseVector& v) {
    for (const auto& [k, w] : v) sum.Add(k, w);
  });
  SparseVector c = sum.Sorted();
  Normalize(&c);
  return c;
}

}  // namespace storyloom

#endif  // STORYLOOM_BASE_SPARSE_VECTOR_H_
