#include "dedup/minhash.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace storyloom {
namespace {

std::vector<std::string_view> Words(const std::vector<std::string>& w) { return {w.begin(), w.end()}; }

TEST(MinHash, ShinglesAreRunsOfWords) {
  std::vector<std::string> w = {"a", "b", "c", "d", "e", "f"};
  EXPECT_EQ(Shingles(Words(w), 5).size(), 2u);  // abcde, bcdef
  EXPECT_EQ(Shingles(Words({"a", "b"}), 5).size(), 1u);  // shorter than k: one shingle of all
  EXPECT_TRUE(Shingles({}, 5).empty());
  // The same run twice is one shingle.
  std::vector<std::string> rep = {"x", "y", "x", "y", "x", "y"};
  EXPECT_EQ(Shingles(Words(rep), 2).size(), 2u);  // xy, yx
}

TEST(MinHash, JaccardByHand) {
  EXPECT_DOUBLE_EQ(Jaccard({1, 2, 3, 4}, {3, 4, 5, 6}), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(Jaccard({1, 2}, {1, 2}), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard({1}, {2}), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

TEST(MinHash, SignatureAgreementEstimatesJaccard) {
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 1000; ++i) a.push_back(i * 7919);
  for (uint64_t i = 500; i < 1500; ++i) b.push_back(i * 7919);  // Jaccard 500/1500
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  Signature sa = MinHash(a), sb = MinHash(b);
  int same = 0;
  for (int i = 0; i < kPermutations; ++i) same += sa[i] == sb[i];
  EXPECT_NEAR(static_cast<double>(same) / kPermutations, 1.0 / 3.0, 0.12);
}

// Documents made of shared and own word runs: the LSH index with exact
// verification finds exactly the pairs the all-pairs reference finds.
TEST(MinHash, LshWithVerificationMatchesAllPairsReference) {
  std::mt19937 rng(7);
  std::vector<std::vector<std::string>> bases(12);
  for (auto& b : bases) {
    for (int i = 0; i < 120; ++i) b.push_back("w" + std::to_string(rng() % 5000));
  }
  std::vector<int64_t> ids;
  std::vector<std::vector<uint64_t>> sets;
  for (int d = 0; d < 60; ++d) {
    std::vector<std::string> words = bases[rng() % bases.size()];
    // A third are close copies (up to 3 words changed), the rest far apart.
    int edits = static_cast<int>(rng() % 3 == 0 ? rng() % 4 : rng() % 40);
    for (int e = 0; e < edits; ++e) words[rng() % words.size()] = "x" + std::to_string(rng());
    ids.push_back(d + 1);
    sets.push_back(Shingles(Words(words)));
  }
  for (double threshold : {0.5, 0.7, 0.9}) {
    std::vector<NearPair> reference = AllPairsNearDuplicates(ids, sets, threshold);
    ASSERT_FALSE(reference.empty()) << threshold;
    LshIndex index;
    std::vector<NearPair> fast;
    for (size_t i = 0; i < sets.size(); ++i) {
      std::vector<uint64_t> bands = BandHashes(MinHash(sets[i]));
      for (int64_t c : index.Candidates(bands)) {
        double j = Jaccard(sets[i], sets[c - 1]);
        if (j >= threshold) fast.push_back({std::min(c, ids[i]), std::max(c, ids[i]), j});
      }
      index.Add(ids[i], bands);
    }
    std::sort(fast.begin(), fast.end(), [](const NearPair& x, const NearPair& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    EXPECT_EQ(fast, reference) << "threshold " << threshold;
  }
}

// The index against the plainest one (a vector of documents per band):
// the same candidates in the same order (most bands shared first, then the
// order they came in; at most 32, and of a band shared by many only its 64
// newest), through many growths of its table, bands shared by several
// documents, a band hash of 0 and a document added twice.
TEST(MinHash, LshCandidatesAreThoseOfAMapOfBands) {
  std::mt19937_64 rng(11);
  LshIndex index;
  std::unordered_map<uint64_t, std::vector<std::pair<int64_t, uint32_t>>> plain;  // band -> (id, addition)
  std::vector<uint64_t> pool = {0, 1};
  auto candidates = [&](const std::vector<uint64_t>& bands) {
    struct Hit {
      uint32_t first;
      int hits;
    };
    std::map<int64_t, Hit> by_id;
    for (uint64_t h : bands) {
      auto it = plain.find(h);
      if (it == plain.end()) continue;
      const auto& list = it->second;
      for (size_t k = list.size() > 64 ? list.size() - 64 : 0; k < list.size(); ++k) {
        auto [at, added] = by_id.emplace(list[k].first, Hit{list[k].second, 0});
        at->second.first = std::min(at->second.first, list[k].second);
        ++at->second.hits;
      }
    }
    std::vector<std::pair<int64_t, Hit>> ranked(by_id.begin(), by_id.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second.hits != b.second.hits ? a.second.hits > b.second.hits : a.second.first < b.second.first;
    });
    std::vector<int64_t> out;
    for (size_t k = 0; k < ranked.size() && k < 32; ++k) out.push_back(ranked[k].first);
    return out;
  };
  size_t shared_candidates = 0;
  for (int64_t doc = 1; doc <= 20000; ++doc) {
    std::vector<uint64_t> bands(kBands);
    for (uint64_t& b : bands) {
      // A tenth of the bands repeat one seen before.
      b = rng() % 10 == 0 ? pool[rng() % pool.size()] : rng();
      if (b > 1) pool.push_back(b);
    }
    std::vector<int64_t> want = candidates(bands);
    shared_candidates += want.size();
    ASSERT_EQ(index.Candidates(bands), want) << "document " << doc;
    const int64_t id = doc % 1000 == 0 ? doc - 1 : doc;  // now and then an id again
    index.Add(id, bands);
    for (uint64_t b : bands) plain[b].push_back({id, static_cast<uint32_t>(doc - 1)});
  }
  EXPECT_GT(shared_candidates, 20000u);
  EXPECT_EQ(index.size(), 20000u);
}

}  // namespace
}  // namespace storyloom
