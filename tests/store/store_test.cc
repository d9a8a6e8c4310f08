#include "storyloom/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace storyloom {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  std::string path_ = (std::filesystem::temp_directory_path() / ("store-test-" + std::to_string(::getpid()) + ".db")).string();
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm", "-writers"}) std::filesystem::remove(path_ + suffix);
  }
};

TEST_F(StoreTest, DocumentsRoundTripWithMapAndRemovedSpans) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.has_value()) << store.error().message();
  EXPECT_EQ((*store)->SchemaVersion(), Store::kSchemaVersion);
  std::string raw = "[ad] Hello world.";
  ASSERT_TRUE((*store)->Begin().ok());
  auto input = (*store)->AddInput({0, "a.txt", "hash-a", "text", "UTF-8", 0}, raw);
  ASSERT_TRUE(input.has_value());
  Document d;
  d.path = "a.txt";
  MappedTextBuilder b;
  MappedText orig = MappedText::Identity(raw);
  b.Copy(orig, 5, static_cast<uint32_t>(raw.size()));
  d.body = std::move(b).Finish();
  d.lang = "en";
  d.published = "2024-01-02";
  d.removed.push_back({{0, 4}, "advert", "[ad]"});
  d.paragraphs.push_back({{0, 12}, "en", 0.9f});
  d.sentences.push_back({{0, 12}});
  ASSERT_TRUE((*store)->AddDocument(&d, *input).ok());
  ASSERT_TRUE((*store)->Commit().ok());
  store->reset();

  auto again = Store::Open(path_);
  ASSERT_TRUE(again.has_value());
  auto got = (*again)->GetDocument(d.id);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(got->body.text(), "Hello world.");
  EXPECT_EQ(got->body.ToOriginal({6, 11}), (Span{11, 16}));
  EXPECT_EQ(got->published, "2024-01-02");
  ASSERT_EQ(got->removed.size(), 1u);
  EXPECT_EQ(got->removed[0].reason, "advert");
  EXPECT_EQ(got->sentences.size(), 1u);
  EXPECT_EQ(*(*again)->RawInput(d.id), raw);
  EXPECT_TRUE((*again)->FindInput("hash-a").has_value());
  EXPECT_FALSE((*again)->FindInput("hash-b").has_value());
  EXPECT_FALSE((*again)->GetDocument(999).has_value());
}

TEST_F(StoreTest, NewerSchemaIsRefusedWithAClearMessage) {
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value());
  }
  {
    // Simulate a store written by a later storyloom.
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value());
  }
  std::string cmd = "sqlite3 " + path_ + " 'PRAGMA user_version = 99' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "sqlite3 shell not installed";
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message().find("newer than this storyloom"), std::string::npos);
  EXPECT_EQ(store.error().kind(), ErrorKind::kConflict);
}

TEST_F(StoreTest, PlacementsAndMergesKeepWhereDocumentsWentAndWhereTheyAre) {
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.has_value()) << store.error().message();
  Store& s = **store;
  ASSERT_TRUE(s.Begin().ok());
  auto input = s.AddInput({0, "a.jsonl", "hash-a", "jsonl", "UTF-8", 0}, "raw");
  ASSERT_TRUE(input.has_value());
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    Document d;
    d.path = "a.jsonl";
    d.line = static_cast<uint32_t>(i + 1);
    d.body = MappedText::Identity("Report " + std::to_string(i));
    ASSERT_TRUE(s.AddDocument(&d, *input).ok());
    ASSERT_TRUE(s.SaveFeatures(d.id, "features-" + std::to_string(i), "shingles").ok());
    ids.push_back(d.id);
  }
  // Documents 1 and 2 start stories 1 and 2; document 3 copies 1; document
  // 4 joins story 2, and shows that 1 and 2 are one: 1 merges into 2.
  auto place = [&](int64_t doc, int64_t story, int64_t placed, int64_t duplicate_of) {
    StoredPlacement p;
    p.doc = doc;
    p.story = story;
    p.placed = placed;
    p.score = 0.5;
    p.why = {"geo:NE", "niger"};
    if (duplicate_of) {
      p.duplicate_of = duplicate_of;
      p.duplicate_kind = "exact";
      p.duplicate_score = 1;
    }
    ASSERT_TRUE(s.SavePlacement(p).ok());
  };
  place(ids[0], 1, 1, 0);
  place(ids[1], 2, 2, 0);
  place(ids[2], 1, 1, ids[0]);
  place(ids[3], 2, 2, 0);
  ASSERT_TRUE(s.MergeStories(1, 2, ids[3], 2).ok());
  ASSERT_TRUE(s.Commit().ok());

  auto loaded = s.LoadPlacedFeatures();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  ASSERT_EQ(loaded->size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*loaded)[i].doc, ids[i]) << "placement order";
    EXPECT_EQ((*loaded)[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*loaded)[i].features, "features-" + std::to_string(i));
    EXPECT_EQ((*loaded)[i].placement.story, 2) << "every document is in the survivor now";
  }
  EXPECT_EQ((*loaded)[0].placement.placed, 1) << "where the document went first";
  EXPECT_EQ((*loaded)[2].placement.duplicate_of, ids[0]);
  EXPECT_EQ((*loaded)[2].placement.why, (std::vector<std::string>{"geo:NE", "niger"}));
  EXPECT_EQ(s.LoadPlacedFeatures(2)->size(), 2u) << "only what comes after a sequence number";
  bool legacy = true;
  auto merges = s.LoadMerges(0, &legacy);
  ASSERT_TRUE(merges.has_value());
  EXPECT_FALSE(legacy);
  ASSERT_EQ(merges->size(), 1u);
  EXPECT_EQ((*merges)[0].doc, ids[3]);
  EXPECT_EQ((*merges)[0].merged, 1);
  EXPECT_EQ((*merges)[0].into, 2);
  EXPECT_EQ(*s.MaxStoryId(), 2);
  EXPECT_EQ(s.StorySeqs()->first, 4);
  EXPECT_EQ(s.StorySeqs()->second, 1);
  auto into = s.StoryMerges(2);
  ASSERT_TRUE(into.has_value());
  EXPECT_EQ(*into, (std::vector<std::pair<int64_t, int64_t>>{{1, ids[3]}}));
  auto stories = s.ListStories();
  ASSERT_TRUE(stories.has_value());
  ASSERT_EQ(stories->size(), 1u);
  EXPECT_EQ(stories->front().id, 2);
  EXPECT_EQ(stories->front().docs.size(), 4u);
  EXPECT_EQ(stories->front().duplicates, 1u);
}

TEST_F(StoreTest, UnopenablePathIsNamed) {
  auto store = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message().find("/nonexistent-dir/x.db"), std::string::npos);
  EXPECT_EQ(store.error().kind(), ErrorKind::kUnavailable);
}

// A caller acts on the kind: a server answers 404 for a missing document and
// 500 for a damaged store, and tells neither from the message.
TEST_F(StoreTest, ErrorsSayWhatKindTheyAre) {
  auto missing = Store::Open(path_ + ".absent", Store::Mode::kExisting);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);

  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    auto doc = (*store)->GetDocument(12345);
    ASSERT_FALSE(doc.has_value());
    EXPECT_EQ(doc.error().kind(), ErrorKind::kNotFound);
    EXPECT_NE(doc.error().message().find("12345"), std::string::npos);
  }

  const std::string garbage = path_ + ".garbage";
  {
    std::ofstream out(garbage, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out << static_cast<char>('A' + i % 26);
  }
  auto damaged = Store::Open(garbage, Store::Mode::kExisting);
  ASSERT_FALSE(damaged.has_value());
  EXPECT_EQ(damaged.error().kind(), ErrorKind::kCorruption) << damaged.error().message();
  EXPECT_NE(damaged.error().message().find(garbage), std::string::npos);
  for (const char* suffix : {"", "-wal", "-shm", "-writers"}) std::filesystem::remove(garbage + suffix);
}

}  // namespace
}  // namespace storyloom
