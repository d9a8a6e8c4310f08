// The duplicate index alone: copies by content hash and by shingles (the LSH
// path agreeing with the exhaustive one), and translations by anchors.
#include "dedup/duplicate_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace storyloom {
namespace {

std::vector<uint64_t> Shingled(uint64_t from, uint64_t n) {
  std::vector<uint64_t> s;
  for (uint64_t i = from; i < from + n; ++i) s.push_back(i * 7919);
  return s;  // sorted, no repeats
}

double NoIdf(uint64_t) { return 1.0; }

TEST(DuplicateIndex, ACopyNamesTheCanonicalDocument) {
  for (bool exhaustive : {false, true}) {
    DuplicateIndex index(0.7, 0.5, exhaustive);
    index.KeepShingles(true);
    // Exhaustive: every earlier document is verified, no bands needed.
    auto bands_of = [&](const std::vector<uint64_t>& s) {
      return exhaustive ? std::vector<uint64_t>{} : BandsOf({}, s);
    };
    const std::vector<uint64_t> text = Shingled(0, 100);
    const std::vector<uint64_t> bands = bands_of(text);
    index.Place(1, "en", 5, nullptr);
    index.Remember(1, "hash-1", bands, text);
    // Document 2 repeats document 1 word for word.
    auto exact = index.FindCopy(2, "hash-1", text, bands);
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->kind, "exact");
    EXPECT_EQ(exact->of, 1);
    index.Link(2, 1);
    index.Place(2, "en", 5, nullptr);
    index.Remember(2, "hash-1", bands, text);
    // Document 3 changes a few shingles of document 2: a near copy of 1.
    std::vector<uint64_t> near = Shingled(0, 95);
    auto found = index.FindCopy(3, "hash-3", near, bands_of(near));
    ASSERT_TRUE(found) << "exhaustive " << exhaustive;
    EXPECT_EQ(found->kind, "near");
    EXPECT_EQ(found->of, 1);
    EXPECT_NEAR(found->score, 0.95, 1e-9);
    // Unrelated text, and text too short to call a copy.
    EXPECT_FALSE(index.FindCopy(4, "hash-4", Shingled(5000, 100), bands_of(Shingled(5000, 100))));
    EXPECT_FALSE(index.FindCopy(5, "", Shingled(0, 7), bands_of(Shingled(0, 7))));
  }
}

TEST(DuplicateIndex, BandsComeWithTheFeaturesOrFromTheShingles) {
  const std::vector<uint64_t> text = Shingled(0, 50);
  const std::vector<uint64_t> computed = BandHashes(MinHash(text));
  EXPECT_EQ(BandsOf({}, text), computed);
  EXPECT_EQ(BandsOf(computed, {}), computed);
}

TEST(DuplicateIndex, ATranslationSharesTheAnchorsInAnotherLanguage) {
  DuplicateIndex index(0.7, 0.5, false);
  const std::vector<Feature> anchors = {{1, 1.0f}, {2, 1.0f}, {3, 1.0f}};
  index.Place(10, "en", 10, &anchors);
  index.Place(11, "id", 10, &anchors);
  // The same anchors in another language and about as many sentences.
  auto t = index.FindTranslation(20, "vi", 9, anchors, {10, 11}, NoIdf);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, "translation");
  EXPECT_EQ(t->of, 10);  // ties keep the first
  EXPECT_NEAR(t->score, 1.0, 1e-9);
  // Not in its own language; not with far fewer sentences; not without anchors.
  EXPECT_FALSE(index.FindTranslation(21, "en", 10, anchors, {10}, NoIdf));
  EXPECT_FALSE(index.FindTranslation(22, "vi", 3, anchors, {10, 11}, NoIdf));
  EXPECT_FALSE(index.FindTranslation(23, "vi", 10, {}, {10, 11}, NoIdf));
  // A copy is no original.
  index.Link(12, 10);
  index.Place(12, "fr", 10, &anchors);
  EXPECT_FALSE(index.FindTranslation(24, "vi", 10, anchors, {12}, NoIdf));
}

// Two short reports that share one anchor (the day both were written) are
// no translation of each other, however few anchors either has; two shared
// anchors are evidence, and one is when it is nearly all both have.
TEST(DuplicateIndex, OneSharedAnchorIsACoincidenceUnlessItIsAlmostAll) {
  DuplicateIndex index(0.7, 0.5, false);
  const std::vector<Feature> port = {{1, 1.0f}, {2, 1.0f}};    // a day and a port
  const std::vector<Feature> budget = {{1, 1.0f}, {3, 1.0f}};  // the same day and a parliament
  index.Place(10, "fr", 4, &port);
  auto coincidence = index.FindTranslation(20, "en", 4, budget, {10}, NoIdf);
  EXPECT_FALSE(coincidence) << "cosine 0.5 from the day alone";
  const std::vector<Feature> both = {{1, 1.0f}, {2, 1.0f}, {4, 0.5f}};
  EXPECT_TRUE(index.FindTranslation(21, "en", 4, both, {10}, NoIdf)) << "the day and the port";
  const std::vector<Feature> day = {{1, 1.0f}};
  index.Place(11, "fr", 4, &day);
  EXPECT_TRUE(index.FindTranslation(22, "en", 4, day, {11}, NoIdf)) << "the one anchor either has";
}

// Letting go of the anchors of originals that have moved out of reach
// (Retire) changes no translation found: two stories grow, are merged now
// and then, and every search gives what an index keeping every anchor gives.
TEST(DuplicateIndex, RetiredAnchorsAreOnesNoSearchReadsAgain) {
  DuplicateIndex lean(0.7, 0.5, false), full(0.7, 0.5, false);
  std::mt19937_64 rng(5);
  auto anchors_of = [](int64_t doc) {
    std::vector<Feature> v;
    for (uint64_t k = 0; k < 6; ++k) v.push_back({static_cast<uint64_t>(doc) * 16 + k, 1.0f});
    return v;
  };
  std::vector<int64_t> a, b;
  size_t found = 0;
  for (int64_t doc = 1; doc <= 3000; ++doc) {
    const std::vector<Feature> anchors = anchors_of(doc);
    const std::string lang = doc % 3 == 0 ? "id" : "en";
    lean.Place(doc, lang, 10, &anchors);
    full.Place(doc, lang, 10, &anchors);
    std::vector<int64_t>& story = rng() % 2 ? a : b;
    story.push_back(doc);
    lean.Retire(story);
    if (doc % 500 == 0) {
      // A merge keeps each side's order.
      std::vector<int64_t> held = DuplicateIndex::InReach(a), in_b = DuplicateIndex::InReach(b);
      held.insert(held.end(), in_b.begin(), in_b.end());
      std::vector<int64_t> merged;
      std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
      a = std::move(merged);
      b.clear();
      lean.Retire(held, a);
    }
    // A translation of a recent or an older original of either story.
    const std::vector<int64_t>& in = rng() % 2 ? a : b;
    if (in.empty()) continue;
    const int64_t original = in[in.size() - 1 - rng() % std::min<size_t>(in.size(), 100)];
    auto want = full.FindTranslation(-doc, "vi", 10, anchors_of(original), in, NoIdf);
    auto got = lean.FindTranslation(-doc, "vi", 10, anchors_of(original), in, NoIdf);
    ASSERT_EQ(got.has_value(), want.has_value()) << "document " << doc;
    if (want) {
      EXPECT_EQ(got->of, want->of);
      EXPECT_EQ(got->score, want->score);
      ++found;
    }
  }
  EXPECT_GT(found, 1000u);  // the recent ones are found
}

}  // namespace
}  // namespace storyloom
