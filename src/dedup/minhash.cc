#include "dedup/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/flat_key_map.h"
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

size_t LshIndex::SlotOf(uint64_t key) const {
  const size_t mask = keys_.size() - 1;
  size_t i = MixKey(key) & mask;
  while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
  return i;
}

void LshIndex::Grow() {
  std::vector<uint64_t> keys = std::move(keys_);
  std::vector<uint32_t> heads = std::move(heads_);
  keys_.assign(keys.empty() ? 1024 : keys.size() * 2, 0);
  heads_.assign(keys_.size(), 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0) continue;
    size_t j = SlotOf(keys[i]);
    keys_[j] = keys[i];
    heads_[j] = heads[i];
  }
}

void LshIndex::Add(int64_t id, const std::vector<uint64_t>& bands) {
  // Two billion documents would overflow a slot's word; a store that size
  // needs far more memory than this index first.
  const auto doc = static_cast<uint32_t>(ids_.size());
  ids_.push_back(id);
  for (uint64_t h : bands) {
    const uint64_t key = h == 0 ? 1 : h;
    if ((used_ + 1) * 4 > keys_.size() * 3) Grow();
    const size_t i = SlotOf(key);
    if (keys_[i] == 0) {
      keys_[i] = key;
      heads_[i] = doc;
      ++used_;
      continue;
    }
    uint32_t& head = heads_[i];
    if ((head & kChain) == 0) {
      links_.push_back({head, 0});
      head = kChain | static_cast<uint32_t>(links_.size() - 1);
    }
    links_.push_back({doc, (head & ~kChain) + 1});
    head = kChain | static_cast<uint32_t>(links_.size() - 1);
  }
}

std::vector<int64_t> LshIndex::Candidates(const std::vector<uint64_t>& bands, size_t limit, size_t per_band) const {
  std::vector<int64_t> out;
  if (keys_.empty() || limit == 0) return out;
  struct Hit {
    int64_t id;
    uint32_t first;  // its first addition, for insertion order
    int hits;
  };
  std::vector<Hit> hits;
  std::unordered_map<int64_t, size_t> at;
  std::vector<uint32_t> chain;
  for (uint64_t h : bands) {
    const size_t i = SlotOf(h == 0 ? 1 : h);
    if (keys_[i] == 0) continue;
    chain.clear();
    if ((heads_[i] & kChain) == 0) {
      chain.push_back(heads_[i]);
    } else {
      // Newest first, as the chain is linked.
      for (uint32_t l = (heads_[i] & ~kChain) + 1; l != 0 && chain.size() < per_band; l = links_[l - 1].next) {
        chain.push_back(links_[l - 1].doc);
      }
    }
    for (uint32_t d : chain) {
      auto [it, added] = at.emplace(ids_[d], hits.size());
      if (added) hits.push_back({ids_[d], d, 0});
      Hit& hit = hits[it->second];
      hit.first = std::min(hit.first, d);
      ++hit.hits;
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.hits != b.hits ? a.hits > b.hits : a.first < b.first;
  });
  if (hits.size() > limit) hits.resize(limit);
  out.reserve(hits.size());
  for (const Hit& hit : hits) out.push_back(hit.id);
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
