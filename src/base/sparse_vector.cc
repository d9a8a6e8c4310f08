// Dot products and normalisation of sparse vectors (base/sparse_vector.h).
#include "base/sparse_vector.h"

#include <algorithm>
#include <cmath>

namespace storyloom {

double Dot(const SparseVector& a, const SparseVector& b) {
  if (a.size() > b.size()) return Dot(b, a);
  double s = 0;
  // A sentence against a centroid of thousands of terms: look each of its
  // few terms up rather than walk the centroid (same sum, same order).
  if (b.size() > 16 * a.size()) {
    auto from = b.begin();
    for (const auto& [key, weight] : a) {
      from = std::lower_bound(from, b.end(), key, [](const auto& e, uint64_t k) { return e.first < k; });
      if (from == b.end()) break;
      if (from->first == key) s += double(weight) * from->second;
    }
    return s;
  }
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first < b[j].first) ++i;
    else if (b[j].first < a[i].first) ++j;
    else s += double(a[i++].second) * b[j++].second;
  }
  return s;
}

SparseVector KeySums::Sorted() const {
  SparseVector out;
  out.reserve(sums_.size());
  sums_.ForEach([&](uint64_t key, double sum) { out.push_back({key, static_cast<float>(sum)}); });
  std::sort(out.begin(), out.end());
  return out;
}

void Normalize(SparseVector* v) {
  double n = 0;
  for (const auto& [k, w] : *v) n += double(w) * w;
  if (n <= 0) return;
  float inv = static_cast<float>(1.0 / std::sqrt(n));
  for (auto& [k, w] : *v) w *= inv;
}

}  // namespace storyloom
