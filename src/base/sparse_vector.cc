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

namespace {
// Keys are mostly hashes already; this spreads any that are not.
size_t Mix(uint64_t k) { return static_cast<size_t>((k ^ (k >> 29)) * 0x9E3779B97F4A7C15ull >> 17); }
}  // namespace

void KeySums::Add(uint64_t key, double weight) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = {key, weight, true};
      ++used_;
      return;
    }
    if (s.key == key) {
      s.sum += weight;
      return;
    }
  }
}

void KeySums::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = Mix(s.key) & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

SparseVector KeySums::Sorted() const {
  SparseVector out;
  out.reserve(used_);
  for (const Slot& s : slots_) {
    if (s.used) out.push_back({s.key, static_cast<float>(s.sum)});
  }
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
