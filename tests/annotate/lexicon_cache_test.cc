// A language's lexicon table is kept in storyloom's cache folder: the next
// command reads it instead of the dictionaries, with the same answers; a
// damaged or outdated cached table is never used.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "annotate/anchors.h"
#include "annotate/lexicon_test_files.h"
#include "annotate/lexicon.h"
#include "base/file_cache.h"

namespace storyloom {
namespace {

namespace fs = std::filesystem;

using testing::WriteDictd;

// What a text gets from a lexicon: its pivots in two languages, whether
// common words are known, and a cognate.
struct Answers {
  std::set<std::string> de, ja, en;
  bool knows_regierung = false, knows_rutte = false;
  std::string cognate;
  bool operator==(const Answers&) const = default;
};

Answers Ask(const Lexicon& lex) {
  auto pivots = [&](const std::string& text, const std::string& lang) { return testing::PivotsOf(lex, text, lang); };
  Answers a;
  a.de = pivots("Die Regierungen erheben keine Steuer, sagt das Hohes Gericht.", "de");
  a.ja = pivots("日本政府は税金を", "ja");
  a.en = pivots("The government announced taxes", "en");
  a.knows_regierung = lex.Knows("de", "regierungen");
  a.knows_rutte = lex.Knows("de", "rutte");
  const std::string* cognate = lex.Cognate("de", "gouvernement");
  a.cognate = cognate ? *cognate : "";
  return a;
}

class LexiconCache : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("storyloom-lexicon-cache-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    dicts_ = root_ / "dicts";
    cache_ = root_ / "cache";
    fs::create_directories(dicts_);
    ::setenv("STORYLOOM_CACHE_DIR", cache_.c_str(), 1);
    WriteDictd(dicts_, "freedict-deu-eng",
               {{"Regierung", "government"},
                {"Steuer", "tax"},
                {"Hohes Gericht", "high court"},
                {"ankündigen", "to announce"}});
    WriteDictd(dicts_, "freedict-jpn-eng", {{"政府", "(noun)\ngovernment, administration"}, {"税金", "tax"}});
  }
  void TearDown() override {
    ::unsetenv("STORYLOOM_CACHE_DIR");
    fs::remove_all(root_);
  }
  Lexicon Fresh() {
    Lexicon lex = Lexicon::Load({dicts_.string()});
    lex.Preload();
    return lex;
  }
  std::vector<fs::path> Cached() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_, ec)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
  static ino_t Inode(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
  }
  fs::path root_, dicts_, cache_;
};

TEST_F(LexiconCache, ASecondCommandReadsTheCachedTablesAndAnswersTheSame) {
  Answers built = Ask(Fresh());
  EXPECT_EQ(built.de, (std::set<std::string>{"lex:govern", "lex:tax", "lex:high_court"}));
  EXPECT_EQ(built.ja, (std::set<std::string>{"lex:govern", "lex:tax"}));
  EXPECT_TRUE(built.knows_regierung);
  EXPECT_FALSE(built.knows_rutte);
  EXPECT_EQ(built.cognate, "lex:govern");
  // One table a language: German, Japanese, and the English side of both.
  std::vector<fs::path> files = Cached();
  ASSERT_EQ(files.size(), 3u);
  std::vector<ino_t> inodes;
  for (const fs::path& f : files) inodes.push_back(Inode(f));

  Answers cached = Ask(Fresh());
  EXPECT_EQ(cached, built);
  // Read, not made again: a table made again is written anew (a new file).
  ASSERT_EQ(Cached(), files);
  for (size_t i = 0; i < files.size(); ++i) EXPECT_EQ(Inode(files[i]), inodes[i]) << files[i];
}

TEST_F(LexiconCache, ADamagedCachedTableIsMadeAgain) {
  Answers built = Ask(Fresh());
  for (const fs::path& f : Cached()) {
    std::string bytes;
    {
      std::ifstream in(f, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_GT(bytes.size(), 40u);
    bytes[bytes.size() / 2] ^= 0x5a;  // one flipped byte in the middle
    std::ofstream(f, std::ios::binary | std::ios::trunc) << bytes;
  }
  EXPECT_EQ(Ask(Fresh()), built);
  // And cut short.
  for (const fs::path& f : Cached()) fs::resize_file(f, fs::file_size(f) / 3);
  EXPECT_EQ(Ask(Fresh()), built);
  // Each is whole again.
  for (const fs::path& f : Cached()) EXPECT_TRUE(ReadCached(f.filename().string()).has_value()) << f;
}

TEST_F(LexiconCache, AChangedDictionaryIsNeverAnsweredFromTheOldTable) {
  Answers before = Ask(Fresh());
  EXPECT_TRUE(before.knows_regierung);
  // Same file names, other words.
  WriteDictd(dicts_, "freedict-deu-eng", {{"Steuer", "tax"}, {"Wahl", "election"}});
  Answers after = Ask(Fresh());
  EXPECT_FALSE(after.knows_regierung);
  EXPECT_EQ(after.de, (std::set<std::string>{"lex:tax"}));
  EXPECT_TRUE(Fresh().Knows("de", "wahl"));
}

TEST_F(LexiconCache, ACachedFileIsReadWholeAndCheckedOrNotAtAll) {
  const std::string payload(5000, 'x');
  WriteCached("probe.bin", payload);
  ASSERT_EQ(ReadCached("probe.bin"), payload);
  const fs::path file = cache_ / "probe.bin";
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t at : {size_t{30}, bytes.size() / 2, bytes.size() - 20, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] ^= 0x01;  // one bit, in the payload or its checksum
    std::ofstream(file, std::ios::binary | std::ios::trunc) << damaged;
    EXPECT_FALSE(ReadCached("probe.bin").has_value()) << "a bit flipped at " << at;
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 1);
  EXPECT_FALSE(ReadCached("probe.bin").has_value()) << "cut short";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes << "more";
  EXPECT_FALSE(ReadCached("probe.bin").has_value()) << "with bytes after";
  // No temporary file is left behind.
  for (const fs::path& f : Cached()) EXPECT_EQ(f.filename().string().find(".tmp."), std::string::npos) << f;
}

TEST(ProgramBuildId, IsThereAndTheSameEachTime) {
  EXPECT_FALSE(ProgramBuildId().empty());
  EXPECT_EQ(ProgramBuildId(), ProgramBuildId());
}

TEST_F(LexiconCache, TurnedOffNothingIsWritten) {
  ::setenv("STORYLOOM_CACHE_DIR", "off", 1);
  Answers built = Ask(Fresh());
  EXPECT_EQ(built.ja, (std::set<std::string>{"lex:govern", "lex:tax"}));
  EXPECT_TRUE(Cached().empty());
}

}  // namespace
}  // namespace storyloom
