#include "storyloom/store.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace storyloom {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  std::string path_ = (std::filesystem::temp_directory_path() / ("store-test-" + std::to_string(::getpid()) + ".db")).string();
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
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
}

TEST_F(StoreTest, UnopenablePathIsNamed) {
  auto store = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message().find("/nonexistent-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace storyloom
