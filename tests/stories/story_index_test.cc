#include "stories/story_index.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>

#include "base/zstd_blob.h"
#include "eval/cluster_metrics.h"
#include "stories/features_codec.h"

namespace storyloom {
namespace {

// A synthetic stream: topics with their own words and anchors; documents
// draw mostly from their topic and some from a shared pool, in one of two
// languages (whose words differ, anchors do not).
std::vector<DocFeatures> Stream(int topics, int docs, uint32_t seed, std::vector<int>* gold) {
  std::mt19937 rng(seed);
  std::vector<DocFeatures> out;
  for (int d = 0; d < docs; ++d) {
    int topic = static_cast<int>(rng() % topics);
    DocFeatures f;
    f.doc = d + 1;
    f.lang = rng() % 4 == 0 ? "id" : "en";
    f.day = 19000 + d / 4;
    std::map<uint64_t, float> terms, anchors;
    for (int i = 0; i < 30; ++i) {
      bool own = rng() % 10 < 7;
      uint64_t word = own ? topic * 1000 + rng() % 40 : 900000 + rng() % 300;
      terms[FeatureKey(f.lang + std::to_string(word))] += 1;
    }
    for (int i = 0; i < 6; ++i) anchors[FeatureKey("a" + std::to_string(topic * 100 + rng() % 8))] += 1;
    for (const auto& [k, w] : terms) f.terms.push_back({k, w});
    for (const auto& [k, w] : anchors) f.anchors.push_back({k, w});
    f.sentences = 10;
    for (int i = 0; i < 20; ++i) f.shingles.push_back(rng());
    std::sort(f.shingles.begin(), f.shingles.end());
    f.content_hash = std::to_string(rng());
    gold->push_back(topic);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<int64_t> Partition(const std::vector<int64_t>& labels) {
  // Canonical labels: the index of the first item with the same label.
  std::map<int64_t, int64_t> first;
  std::vector<int64_t> out;
  for (size_t i = 0; i < labels.size(); ++i) out.push_back(first.try_emplace(labels[i], i).first->second);
  return out;
}

TEST(StoryIndex, MatchesTheBruteForceReference) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    std::vector<int> gold;
    std::vector<DocFeatures> docs = Stream(8, 150, seed, &gold);
    StoryIndex index;
    index.KeepShingles(true);
    std::vector<int64_t> fast;
    for (const DocFeatures& f : docs) fast.push_back(index.Add(f).story);
    for (int64_t& s : fast) s = index.Resolve(s);
    std::vector<int64_t> slow;
    for (const Placement& p : ReferenceClusters(docs, StoryOptions{})) slow.push_back(p.story);
    // Candidate retrieval and LSH prune without changing a decision.
    EXPECT_EQ(Partition(fast), Partition(slow)) << "seed " << seed;
    // And both find the topics the stream was drawn from: not singletons,
    // not one heap, not topics mixed.
    std::vector<std::string> topics;
    for (int t : gold) topics.push_back(std::to_string(t));
    ClusterScores score = ScoreClusters(topics, fast);
    EXPECT_GT(score.bcubed_precision, 0.95) << "seed " << seed;
    EXPECT_GT(score.bcubed_f1, 0.6) << "seed " << seed;
  }
}

TEST(StoryIndex, FoldsExactAndNearCopies) {
  std::vector<int> gold;
  std::vector<DocFeatures> docs = Stream(3, 10, 5, &gold);
  for (DocFeatures& f : docs) f.lang = "en";  // no translations among them
  DocFeatures copy = docs[2];
  copy.doc = 100;
  DocFeatures near = docs[4];
  near.doc = 101;
  near.content_hash = "different";
  near.shingles.back() += 1;  // one shingle of twenty differs: Jaccard 19/21
  StoryIndex index;
  index.KeepShingles(true);
  std::map<int64_t, int64_t> story;
  for (const DocFeatures& f : docs) story[f.doc] = index.Add(f).story;
  Placement c = index.Add(copy);
  ASSERT_TRUE(c.duplicate);
  EXPECT_EQ(c.duplicate->kind, "exact");
  EXPECT_EQ(c.duplicate->of, docs[2].doc);
  EXPECT_EQ(index.Resolve(c.story), index.Resolve(story[docs[2].doc]));
  Placement n = index.Add(near);
  ASSERT_TRUE(n.duplicate);
  EXPECT_EQ(n.duplicate->kind, "near");
  EXPECT_EQ(n.duplicate->of, docs[4].doc);
  EXPECT_NEAR(n.duplicate->score, 19.0 / 21.0, 1e-9);
}

TEST(StoryIndex, RestoringPlacementsContinuesLikeOneRun) {
  std::vector<int> gold;
  std::vector<DocFeatures> docs = Stream(6, 120, 11, &gold);
  StoryIndex once;
  std::vector<Placement> first_half;
  std::vector<int64_t> all;
  for (size_t i = 0; i < docs.size(); ++i) {
    Placement p = once.Add(docs[i]);
    if (i < docs.size() / 2) first_half.push_back(p);
    all.push_back(p.story);
  }
  for (int64_t& s : all) s = once.Resolve(s);
  // Second run: restore the first half from its placements (as resolved at
  // the end of that run, as the store keeps them), add the rest.
  StoryIndex first;
  for (size_t i = 0; i < docs.size() / 2; ++i) first.Add(docs[i]);
  StoryIndex resumed;
  std::vector<int64_t> split;
  for (size_t i = 0; i < docs.size() / 2; ++i) {
    int64_t s = first.Resolve(first_half[i].story);
    resumed.Restore(docs[i], s, first_half[i].duplicate);
    split.push_back(s);
  }
  for (size_t i = docs.size() / 2; i < docs.size(); ++i) split.push_back(resumed.Add(docs[i]).story);
  for (int64_t& s : split) s = resumed.Resolve(s);
  EXPECT_EQ(Partition(split), Partition(all));
}

TEST(StoryIndex, ReplayingJoinsAndMergesIsExact) {
  // Loose topics, so that stories merge along the way.
  std::vector<int> gold;
  std::vector<DocFeatures> docs = Stream(12, 240, 23, &gold);
  // Every fifth document comes again, as a second crawl would bring it: the
  // copies count in no statistic, so a restore announces the originals.
  for (size_t i = docs.size(); i-- > 0;) {
    if (i % 5 != 0) continue;
    DocFeatures copy = docs[i];
    copy.doc = 10000 + docs[i].doc;
    docs.insert(docs.begin() + static_cast<std::ptrdiff_t>(i) + 1, copy);
  }
  StoryOptions loose;
  loose.merge = 0.2;
  StoryIndex once(loose);
  std::vector<Placement> placed;
  for (const DocFeatures& f : docs) placed.push_back(once.Add(f));
  size_t merges = 0;
  for (const Placement& p : placed) merges += p.merged.size();
  ASSERT_GT(merges, 0u) << "the stream must make merges for this test to mean anything";
  size_t copies = 0;
  for (const Placement& p : placed) copies += p.duplicate && p.duplicate->kind == "exact";
  ASSERT_EQ(copies, 48u);
  // Restore each cut as the store does (the story each document joined,
  // then its merges in order) and go on: every later decision, score
  // included, is the one the single run made.
  for (size_t cut : {docs.size() / 4, docs.size() / 2, 3 * docs.size() / 4}) {
    StoryIndex resumed(loose);
    // As the store restores: the norms computed once, at the last refresh.
    size_t originals = 0;
    for (size_t i = 0; i < cut; ++i) originals += !placed[i].duplicate || placed[i].duplicate->kind == "translation";
    resumed.BeginBulkRestore(originals);
    for (size_t i = 0; i < cut; ++i) {
      resumed.Restore(docs[i], placed[i].joined, placed[i].duplicate);
      for (size_t k = 0; k < placed[i].merged.size(); ++k) resumed.ReplayMerge(placed[i].merged[k], placed[i].merged_into[k]);
    }
    for (size_t i = cut; i < docs.size(); ++i) {
      Placement p = resumed.Add(docs[i]);
      ASSERT_EQ(p.story, placed[i].story) << "cut " << cut << ", document " << i;
      ASSERT_EQ(p.score, placed[i].score) << "cut " << cut << ", document " << i;
      ASSERT_EQ(p.merged, placed[i].merged) << "cut " << cut << ", document " << i;
    }
  }
}

TEST(FeaturesCodec, RoundTrips) {
  DocFeatures f;
  f.doc = 42;
  f.lang = "vi";
  f.day = 19700;
  f.title = "Mỹ bắt đầu đàm phán";
  f.content_hash = "abc";
  f.terms = {{1, 1.5f}, {7, 2.0f}};
  f.anchors = {{FeatureKey("geo:NE"), 1.0f}};
  f.pivots = {{9, 0.5f}};
  f.sentences = 12;
  f.words = 300;
  f.bands = {11, 22, 33};
  auto back = DecodeFeatures(EncodeFeatures(f));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->doc, 42);
  EXPECT_EQ(back->lang, "vi");
  EXPECT_EQ(back->day, 19700);
  EXPECT_EQ(back->title, f.title);
  ASSERT_EQ(back->terms.size(), 2u);
  EXPECT_EQ(back->terms[1].key, 7u);
  EXPECT_FLOAT_EQ(back->terms[1].weight, 2.0f);
  EXPECT_EQ(back->anchors[0].key, FeatureKey("geo:NE"));
  EXPECT_EQ(back->pivots.size(), 1u);
  EXPECT_EQ(back->sentences, 12u);
  EXPECT_EQ(back->bands, f.bands);
  EXPECT_FALSE(DecodeFeatures(EncodeFeatures(f).substr(0, 20)).has_value());
  // Stored compressed (version 3: size, then one zstd frame); what stores
  // kept before, the same fields plain (version 2), still reads.
  const std::string packed = EncodeFeatures(f);
  ASSERT_EQ(packed[0], '\x03');
  uint32_t size = 0;
  std::memcpy(&size, packed.data() + 1, sizeof size);
  auto fields = ZstdDecompress(std::string_view(packed).substr(5), size);
  ASSERT_TRUE(fields.has_value());
  auto plain = DecodeFeatures(std::string(1, '\x02') + *fields);
  ASSERT_TRUE(plain.has_value()) << plain.error().message();
  EXPECT_EQ(plain->terms.size(), 2u);
  EXPECT_EQ(plain->bands, f.bands);
  EXPECT_EQ(plain->title, f.title);
  std::string flipped = packed;
  flipped[flipped.size() / 2] ^= 0x10;
  EXPECT_FALSE(DecodeFeatures(flipped).has_value()) << "a damaged frame is refused";

  std::vector<uint64_t> shingles = {3, 1000, 1ull << 40, ~0ull};
  auto s = DecodeShingles(EncodeShingles(shingles));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(*s, shingles);
  EXPECT_FALSE(DecodeShingles(std::string(1, '\x80')).has_value());
}

TEST(Features, DayNumbers) {
  EXPECT_EQ(DayNumber("1970-01-02"), 1);
  EXPECT_EQ(IsoDay(*DayNumber("2023-12-05")), "2023-12-05");
  EXPECT_FALSE(DayNumber("2023-13-05").has_value());
  EXPECT_FALSE(DayNumber("XXXX-04-10").has_value());
}

}  // namespace
}  // namespace storyloom
