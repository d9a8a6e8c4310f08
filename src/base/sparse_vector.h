// Sparse vectors: (key, weight) lists sorted by key, as the dedup, story and
// timeline stages compare documents and sentences by their terms and anchors.
#ifndef STORYLOOM_BASE_SPARSE_VECTOR_H_
#define STORYLOOM_BASE_SPARSE_VECTOR_H_

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storyloom/story_features.h"

namespace storyloom {

// Feature, one (key, weight) of a document's terms or anchors: storyloom/story_features.h.

// A sparse term vector, sorted by key: a sentence's or a centroid's, L2-normalised.
using SparseVector = std::vector<std::pair<uint64_t, float>>;

// The dot product, summed in key order whichever way it is computed.
double Dot(const SparseVector& a, const SparseVector& b);

// Scales v to unit length; a zero vector stays as it is.
void Normalize(SparseVector* v);

// The normalised sum of some vectors: each(add) calls add(v) for every one.
template <typename Each>
SparseVector Centroid(Each&& each) {
  std::unordered_map<uint64_t, double> sum;
  each([&](const SparseVector& v) {
    for (const auto& [k, w] : v) sum[k] += w;
  });
  SparseVector c;
  c.reserve(sum.size());
  for (const auto& [k, w] : sum) c.push_back({k, static_cast<float>(w)});
  std::sort(c.begin(), c.end());
  Normalize(&c);
  return c;
}

}  // namespace storyloom

#endif  // STORYLOOM_BASE_SPARSE_VECTOR_H_
