// The SQLite backend's own ways: its file, a damaged file, a newer schema.
// What every backend does is in the contract tests (store_contract_*_test.cc).
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
  // Runs `sql` on the store's file with the sqlite3 shell (to damage a row
  // as a disk might); false when the shell is not there.
  bool Sql(const std::string& sql) const {
    return std::system(("sqlite3 " + path_ + " \"" + sql + "\" 2>/dev/null").c_str()) == 0;
  }
  // A read that failed as corruption, naming the document.
  template <typename R>
  static void ExpectCorruptionNaming(const R& r, int64_t doc) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind(), ErrorKind::kCorruption);
    EXPECT_NE(r.error().message().find("document " + std::to_string(doc)), std::string::npos) << r.error().message();
  }
};

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

TEST_F(StoreTest, ADamagedRawInputIsCorruptionNamingTheDocument) {
  int64_t doc = 0;
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value());
    auto input = (*store)->AddInput({0, "a.jsonl", "hash-a", "jsonl", "UTF-8", 0}, std::string(4000, 'x') + "Niamey");
    ASSERT_TRUE(input.has_value());
    Document d;
    d.body = MappedText::Identity("Niamey");
    d.content_hash = "h";
    ASSERT_TRUE((*store)->AddDocument(&d, *input).ok());
    doc = d.id;
    auto raw = (*store)->RawInput(doc);
    ASSERT_TRUE(raw.has_value()) << raw.error().message();
    EXPECT_EQ(*raw, std::string(4000, 'x') + "Niamey");
  }
  // One byte of the frame's payload flipped: the checksum catches it.
  if (!Sql("UPDATE inputs SET raw = substr(raw, 1, length(raw) - 6) || "
           "CASE WHEN substr(raw, length(raw) - 5, 1) = x'00' THEN x'01' ELSE x'00' END || substr(raw, length(raw) - 4)")) {
    GTEST_SKIP() << "sqlite3 shell not installed";
  }
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.has_value());
  ExpectCorruptionNaming((*store)->RawInput(doc), doc);
}

TEST_F(StoreTest, ParagraphsOutsideTheTextAreCorruptionNotACrash) {
  int64_t doc = 0;
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value());
    auto input = (*store)->AddInput({0, "a.txt", "hash-a", "text", "UTF-8", 0}, "Niamey. Dosso.");
    ASSERT_TRUE(input.has_value());
    Document d;
    d.body = MappedText::Identity("Niamey. Dosso.");
    d.content_hash = "h";
    d.sentences = {Sentence{{0, 7}}, Sentence{{8, 14}}};
    d.paragraphs = {Paragraph{{0, 14}, "en", 1.0f}};
    ASSERT_TRUE((*store)->AddDocument(&d, *input).ok());
    doc = d.id;
    auto back = (*store)->GetDocument(doc);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_EQ(back->paragraphs.size(), 1u);
  }
  // The paragraph's end (bytes 4..7 of its 16) pushed far past the text.
  if (!Sql("UPDATE documents SET paragraphs = substr(paragraphs, 1, 4) || x'00000010' || substr(paragraphs, 9)")) {
    GTEST_SKIP() << "sqlite3 shell not installed";
  }
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.has_value());
  ExpectCorruptionNaming((*store)->GetDocument(doc), doc);
  auto all = (*store)->ListDocuments();
  ASSERT_FALSE(all.has_value());
  EXPECT_EQ(all.error().kind(), ErrorKind::kCorruption);
}

TEST_F(StoreTest, ALongTextIsStoredCompressedAndADamagedOneIsCorruption) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Niamey stays calm on day " + std::to_string(i) + ". ";
  int64_t doc = 0;
  {
    auto store = Store::Open(path_);
    ASSERT_TRUE(store.has_value());
    auto input = (*store)->AddInput({0, "a.txt", "hash-a", "text", "UTF-8", 0}, text);
    ASSERT_TRUE(input.has_value());
    Document d;
    d.body = MappedText::Identity(text);
    d.content_hash = "h";
    ASSERT_TRUE((*store)->AddDocument(&d, *input).ok());
    doc = d.id;
  }
  FILE* p = popen(("sqlite3 " + path_ + " \"SELECT length(body), length(body_zstd) FROM documents\" 2>/dev/null").c_str(), "r");
  char buf[64] = {0};
  const bool read = p && std::fgets(buf, sizeof buf, p);
  if (p) pclose(p);
  if (!read) GTEST_SKIP() << "sqlite3 shell not installed";
  int plain = -1, packed = -1;
  ASSERT_EQ(std::sscanf(buf, "%d|%d", &plain, &packed), 2) << buf;
  EXPECT_EQ(plain, 60) << "only the opening is kept plain beside the compressed text";
  EXPECT_GT(packed, 0);
  EXPECT_LT(packed, static_cast<int>(text.size()) / 2) << "repetitive text compresses";
  // A byte of the frame flipped.
  ASSERT_TRUE(Sql("UPDATE documents SET body_zstd = substr(body_zstd, 1, 20) || x'5A' || substr(body_zstd, 22)"));
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.has_value());
  ExpectCorruptionNaming((*store)->GetDocument(doc), doc);
  EXPECT_EQ(*(*store)->DocumentOpening(doc, 10), text.substr(0, 10)) << "the plain opening answers";
  auto opening = (*store)->DocumentOpening(doc, 1000);
  ASSERT_FALSE(opening.has_value());
  EXPECT_EQ(opening.error().kind(), ErrorKind::kCorruption);
}

}  // namespace
}  // namespace storyloom
