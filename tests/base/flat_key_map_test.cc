#include "base/flat_key_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

namespace storyloom {
namespace {

TEST(FlatKeyMap, HoldsWhatAMapHoldsThroughManyGrowths) {
  FlatKeyMap<uint32_t> flat;
  std::map<uint64_t, uint32_t> reference;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50000; ++i) {
    // Small keys collide often after masking; random ones exercise the spread.
    uint64_t key = i % 3 == 0 ? rng() % 1000 : rng();
    ++flat[key];
    ++reference[key];
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (const auto& [key, n] : reference) {
    const uint32_t* found = flat.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, n) << key;
  }
  size_t seen = 0;
  flat.ForEach([&](uint64_t key, uint32_t n) {
    ++seen;
    EXPECT_EQ(reference.at(key), n);
  });
  EXPECT_EQ(seen, reference.size());
}

TEST(FlatKeyMap, AKeyNeverAddedIsNotFoundAndZeroIsAKeyLikeAnyOther) {
  FlatKeyMap<float> flat;
  EXPECT_EQ(flat.Find(0), nullptr);
  EXPECT_EQ(flat.Find(42), nullptr);
  flat[0] = 1.5f;
  ASSERT_NE(flat.Find(0), nullptr);
  EXPECT_EQ(*flat.Find(0), 1.5f);
  EXPECT_EQ(flat.Find(42), nullptr);
  flat.clear();
  EXPECT_TRUE(flat.empty());
  EXPECT_EQ(flat.Find(0), nullptr);
}

TEST(FlatKeyMap, TheSameInsertionsIterateInTheSameOrder) {
  // The story index sums norms in iteration order and must restore them bit
  // for bit: two tables built alike iterate alike.
  auto build = [] {
    FlatKeyMap<double> m;
    std::mt19937_64 rng(11);
    for (int i = 0; i < 5000; ++i) m[rng() % 20000] += 0.25;
    std::vector<uint64_t> order;
    m.ForEach([&](uint64_t key, double) { order.push_back(key); });
    return order;
  };
  EXPECT_EQ(build(), build());
}

}  // namespace
}  // namespace storyloom
