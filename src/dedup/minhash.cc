#include "dedup/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>

#include "storyloom/story_features.h"

namespace storyloom {

namespace {

// One 64-bit mix (splitmix64's finaliser): permutation i of shingle x is
// the low half of Mix(x ^ seed_i); distinct seeds give independent-enough
// orderings for MinHash.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

const std::vector<uint64_t>& Seeds() {
  static const std::vector<uint64_t> seeds = [] {
    std::vector<uint64_t> s(kPermutations);
    uint64_t state = 0x5354524f594c4f4fULL;  // fixed: signatures are stored, so they must not change
    for (uint64_t& v : s) v = Mix(state += 0x9e3779b97f4a7c15ULL);
    return s;
  }();
  return seeds;
}

}  // namespace

std::vector<uint64_t> Shingles(const std::vector<std::string_view>& words, int k) {
  std::vector<uint64_t> out;
  if (words.empty() || k <= 0) return out;
  size_t n = words.size() < static_cast<size_t>(k) ? 1 : words.size() - k + 1;
  size_t width = std::min<size_t>(k, words.size());
  out.reserve(n);
  std::string joined;
  for (size_t i = 0; i < n; ++i) {
    joined.clear();
    for (size_t j = 0; j < width; ++j) {
      joined.append(words[i + j]);
      joined.push_back('\x1f');
    }
    out.push_back(XXH3_64bits(joined.data(), joined.size()));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Signature MinHash(const std::vector<uint64_t>& shingles) {
  const std::vector<uint64_t>& seeds = Seeds();
  Signature sig(kPermutations, std::numeric_limits<uint32_t>::max());
  for (uint64_t x : shingles) {
    for (int i = 0; i < kPermutations; ++i) {
      uint32_t h = static_cast<uint32_t>(Mix(x ^ seeds[i]));
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

std::vector<uint64_t> BandHashes(const Signature& signature) {
  std::vector<uint64_t> out(kBands);
  for (int b = 0; b < kBands; ++b) {
    out[b] = XXH3_64bits_withSeed(signature.data() + b * kRows, kRows * sizeof(uint32_t), b + 1);
  }
  return out;
}

std::vector<uint64_t> ShingleBands(const std::vector<uint64_t>& shingles) { return BandHashes(MinHash(shingles)); }

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

void LshIndex::Add(int64_t id, const std::vector<uint64_t>& bands) {
  for (uint64_t h : bands) buckets_[h].push_back(id);
  ++size_;
}

std::vector<int64_t> LshIndex::Candidates(const std::vector<uint64_t>& bands) const {
  std::vector<int64_t> out;
  std::unordered_set<int64_t> seen;
  for (uint64_t h : bands) {
    auto it = buckets_.find(h);
    if (it == buckets_.end()) continue;
    for (int64_t id : it->second) {
      if (seen.insert(id).second) out.push_back(id);
    }
  }
  return out;
}

std::vector<NearPair> AllPairsNearDuplicates(const std::vector<int64_t>& ids,
                                             const std::vector<std::vector<uint64_t>>& sets, double threshold) {
  std::vector<NearPair> out;
  for (size_t i = 0; i < sets.size(); ++i) {
    for (size_t j = i + 1; j < sets.size(); ++j) {
      double s = Jaccard(sets[i], sets[j]);
      if (s >= threshold) out.push_back({std::min(ids[i], ids[j]), std::max(ids[i], ids[j]), s});
    }
  }
  std::sort(out.begin(), out.end(), [](const NearPair& x, const NearPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  return out;
}

}  // namespace storyloom
