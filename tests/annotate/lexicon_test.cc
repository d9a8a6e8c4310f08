// Lexicons beyond the first languages: a language comes from its file's
// name, inflected forms meet their headword, Japanese runs are segmented,
// and (with Debian's FreeDict installed) a German sentence meets its English
// translation through the pivots.
#include "annotate/lexicon.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "annotate/anchors.h"
#include "annotate/lexicon_test_files.h"
#include "text/language_codes.h"

namespace storyloom {
namespace {

namespace fs = std::filesystem;

using testing::WriteDictd;

class LexiconFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("storyloom-lexicon-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    WriteDictd(dir_, "freedict-deu-eng",
               {{"Regierung", "government"}, {"Steuer", "tax"}, {"ankündigen", "to announce"}});
    WriteDictd(dir_, "freedict-jpn-eng", {{"政府", "(noun)\ngovernment, administration"}, {"税金", "tax"}});
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

using testing::PivotsOf;

TEST_F(LexiconFiles, TheLanguageComesFromTheFileName) {
  Lexicon lex = Lexicon::Load({dir_.string()}, {"de"});
  ASSERT_NE(lex.Pivots("de", "regierung"), nullptr);
  EXPECT_EQ(lex.Pivots("de", "regierung")->front(), "lex:govern");
  EXPECT_EQ(lex.size("ja"), 0u);  // not asked for: not read
  EXPECT_EQ(Lexicon::Load({dir_.string()}, {"fr"}).size("de"), 0u);
}

TEST_F(LexiconFiles, InflectedFormsMeetTheirHeadword) {
  Lexicon lex = Lexicon::Load({dir_.string()}, {"de"});
  // A plural and a dative: Snowball German, on both sides.
  EXPECT_EQ(PivotsOf(lex, "Die Regierungen erheben keine Steuer.", "de"),
            (std::set<std::string>{"lex:govern", "lex:tax"}));
  EXPECT_EQ(PivotsOf(lex, "Von den Regierungen", "de"), (std::set<std::string>{"lex:govern"}));
  // English meets them through the English words themselves.
  EXPECT_EQ(PivotsOf(lex, "The government taxes", "en"), (std::set<std::string>{"lex:govern", "lex:tax"}));
}

TEST_F(LexiconFiles, JapaneseRunsAreSegmentedByTheDictionary) {
  Lexicon lex = Lexicon::Load({dir_.string()}, {"ja"});
  EXPECT_EQ(PivotsOf(lex, "日本政府は税金を", "ja"), (std::set<std::string>{"lex:govern", "lex:tax"}));
}

// A language's files are read on its first look-up; the answers are those
// of a lexicon read whole at once, whichever language comes first.
TEST_F(LexiconFiles, ReadOnFirstUseAnswersAsReadAtOnce) {
  Lexicon eager = Lexicon::Load({dir_.string()});
  eager.Preload();
  EXPECT_EQ(eager.Loaded(), (std::vector<std::string>{"de", "en", "ja"}));
  Lexicon lazy = Lexicon::Load({dir_.string()});
  EXPECT_TRUE(lazy.Loaded().empty());
  EXPECT_EQ(PivotsOf(lazy, "Die Regierungen erheben keine Steuer.", "de"),
            PivotsOf(eager, "Die Regierungen erheben keine Steuer.", "de"));
  EXPECT_EQ(lazy.Loaded(), (std::vector<std::string>{"de"}));
  EXPECT_EQ(PivotsOf(lazy, "日本政府は税金を", "ja"), PivotsOf(eager, "日本政府は税金を", "ja"));
  EXPECT_EQ(PivotsOf(lazy, "The government announced taxes", "en"),
            PivotsOf(eager, "The government announced taxes", "en"));
  EXPECT_EQ(lazy.size("de"), eager.size("de"));
  EXPECT_EQ(lazy.size("en"), eager.size("en"));
}

// English meets the pivots through the English words of its own files only:
// German coming first changes nothing for an English text.
TEST_F(LexiconFiles, EnglishPivotsDoNotDependOnWhatCameFirst) {
  std::vector<std::string> english = {(dir_ / "freedict-jpn-eng.index").string()};
  Lexicon english_first = Lexicon::Load({dir_.string()}, {}, &english);
  Lexicon german_first = Lexicon::Load({dir_.string()}, {}, &english);
  auto en_alone = PivotsOf(english_first, "The government announced taxes", "en");
  EXPECT_EQ(PivotsOf(german_first, "Die Regierung wird neue Steuern ankündigen", "de"),
            (std::set<std::string>{"lex:announc", "lex:govern", "lex:tax"}));
  EXPECT_EQ(PivotsOf(german_first, "The government announced taxes", "en"), en_alone);
  EXPECT_EQ(en_alone, (std::set<std::string>{"lex:govern", "lex:tax"}));  // `announce`: German's word only
}

// Workers meet a language for the first time together: one reads it, all
// get the same answers.
TEST_F(LexiconFiles, ConcurrentFirstLookUpsAreSafe) {
  Lexicon eager = Lexicon::Load({dir_.string()});
  eager.Preload();
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"de", "Die Regierungen erheben keine Steuer."},
      {"ja", "日本政府は税金を"},
      {"en", "The government announced taxes"}};
  std::vector<std::set<std::string>> want;
  for (const auto& [lang, text] : texts) want.push_back(PivotsOf(eager, text, lang));
  for (int round = 0; round < 20; ++round) {
    Lexicon lazy = Lexicon::Load({dir_.string()});
    constexpr int kThreads = 8;
    std::vector<std::vector<std::set<std::string>>> got(kThreads);
    std::atomic<int> waiting{kThreads};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        waiting.fetch_sub(1);
        while (waiting.load() > 0) std::this_thread::yield();
        for (size_t k = 0; k < texts.size(); ++k) {
          const auto& [lang, text] = texts[(k + t) % texts.size()];
          got[t].push_back(PivotsOf(lazy, text, lang));
          EXPECT_TRUE(lazy.Knows(lang, lang == "de" ? "regierung" : lang == "ja" ? "政府" : "government"));
        }
      });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t)
      for (size_t k = 0; k < texts.size(); ++k) EXPECT_EQ(got[t][k], want[(k + t) % texts.size()]) << t << " " << k;
  }
}

TEST(LanguageCodesTest, FileCodesAndNames) {
  EXPECT_EQ(IsoLanguage("deu"), "de");
  EXPECT_EQ(IsoLanguage("arb"), "ar");
  EXPECT_EQ(IsoLanguage("zho-CN"), "zh");
  EXPECT_EQ(IsoLanguage("msa"), "ms");
  EXPECT_EQ(IsoLanguage("en"), "en");
  EXPECT_EQ(LanguageFromEnglishName("Indonesian"), "id");
  EXPECT_EQ(LanguageFromEnglishName("Vietnamese"), "vi");
  EXPECT_EQ(LanguageFromEnglishName("Klingonish"), "");
}

// Debian's FreeDict German-English, as storyloom reads it by default.
TEST(LexiconDebianTest, GermanSentenceMeetsItsEnglishTranslation) {
  const std::string resources = STORYLOOM_SOURCE_DIR "/resources";
  std::vector<std::string> paths = DefaultLexiconPaths(resources);
  if (!fs::exists("/usr/share/dictd/freedict-deu-eng.index"))
    GTEST_SKIP() << "dict-freedict-deu-eng not installed (scripts/bootstrap installs it)";
  std::vector<std::string> english = DefaultEnglishLexiconPaths(resources);
  Lexicon lex = Lexicon::Load(paths, {"de", "en"}, &english);
  auto de = PivotsOf(lex, "Die Regierung kündigte am Dienstag neue Steuern für Unternehmen an.", "de");
  auto en = PivotsOf(lex, "The government announced new taxes on companies on Tuesday.", "en");
  std::vector<std::string> shared;
  std::set_intersection(de.begin(), de.end(), en.begin(), en.end(), std::back_inserter(shared));
  EXPECT_GE(shared.size(), 3u);
  for (const char* k : {"lex:govern", "lex:tax"})
    EXPECT_NE(std::find(shared.begin(), shared.end(), k), shared.end()) << k;
}

}  // namespace
}  // namespace storyloom
