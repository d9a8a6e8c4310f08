#include "storyloom/langid.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <fstream>
#include <thread>

namespace storyloom {
namespace {

const std::string kModel = STORYLOOM_SOURCE_DIR "/resources/models/lid.176.ftz";
const std::string kTable = STORYLOOM_SOURCE_DIR "/resources/langid/id_ms.tsv";

// Sentences written for these tests.
constexpr const char* kVietnamese =
    "Chính phủ hôm nay đã công bố kế hoạch mới nhằm phát triển kinh tế ở các tỉnh miền núi phía Bắc.";
constexpr const char* kArabic = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد وتحسين الخدمات في المدن الصغيرة.";
constexpr const char* kEnglish =
    "The city council approved a new budget on Tuesday after a long debate about road repairs.";
// The same news in standard Malay and in standard Indonesian.
constexpr const char* kMalay =
    "Kerajaan berkata bahawa peruntukan tambahan akan diumumkan pada bulan Disember kerana kos sara hidup "
    "terus meningkat.";
constexpr const char* kIndonesian =
    "Pemerintah mengatakan bahwa anggaran tambahan akan diumumkan pada bulan Desember karena biaya hidup "
    "terus meningkat.";
constexpr const char* kMalayPolice =
    "Polis sedang menyiasat kemalangan itu dan meminta orang ramai yang mempunyai maklumat supaya "
    "menghubungi balai polis berhampiran.";
constexpr const char* kIndonesianPolice =
    "Polisi sedang menyelidiki kecelakaan itu dan meminta masyarakat yang memiliki informasi agar "
    "menghubungi kantor polisi terdekat.";

class LangidTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModel)) {
      GTEST_SKIP() << "lid.176.ftz not found at " << kModel << " (run scripts/bootstrap)";
    }
    auto loaded = LanguageIdentifier::Load(kModel, kTable);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
    id_ = std::move(*loaded);
  }
  std::unique_ptr<LanguageIdentifier> id_;
};

TEST_F(LangidTest, RecognisesVietnameseArabicEnglish) {
  EXPECT_EQ(id_->Identify(kVietnamese).lang, "vi");
  EXPECT_EQ(id_->Identify(kArabic).lang, "ar");
  EXPECT_EQ(id_->Identify(kEnglish).lang, "en");
  EXPECT_GT(id_->Identify(kEnglish).confidence, 0.5f);
}

TEST_F(LangidTest, TellsMalayFromIndonesian) {
  EXPECT_EQ(id_->Identify(kMalay).lang, "ms");
  EXPECT_EQ(id_->Identify(kIndonesian).lang, "id");
  EXPECT_EQ(id_->Identify(kMalayPolice).lang, "ms");
  EXPECT_EQ(id_->Identify(kIndonesianPolice).lang, "id");
}

TEST_F(LangidTest, CorrectsLid176WhereItCallsMalayIndonesian) {
  // Ordinary Malay that lid.176 gives to Indonesian; "isteri" (Indonesian
  // "istri") and "2.5 peratus" (Indonesian "2,5 persen") settle it.
  for (const char* malay : {"Dia tinggal di rumah itu sejak tahun lalu bersama isteri dan dua anaknya.",
                            "Harga rumah di bandar itu naik 2.5 peratus tahun ini."}) {
    auto raw = id_->RawTopK(malay, 1);
    ASSERT_FALSE(raw.empty());
    EXPECT_EQ(raw[0].lang, "id") << "lid.176 itself now says " << raw[0].lang << " for: " << malay;
    EXPECT_EQ(id_->Identify(malay).lang, "ms") << malay;
  }
}

TEST_F(LangidTest, ReadsAParagraphAcrossLineBreaks) {
  std::string paragraph = std::string(kMalay) + "\n" + kMalayPolice + "\r\n";
  EXPECT_EQ(id_->Identify(paragraph).lang, "ms");
}

TEST_F(LangidTest, EmptyOrBlankTextHasNoLanguage) {
  for (const char* text : {"", "   ", "\n\t\n", "12345 - 678", "..."}) {
    LanguageGuess g = id_->Identify(text);
    EXPECT_EQ(g.lang, "") << "'" << text << "'";
    EXPECT_EQ(g.confidence, 0.0f) << "'" << text << "'";
    EXPECT_TRUE(id_->RawTopK(text, 3).empty()) << "'" << text << "'";
  }
}

TEST_F(LangidTest, VeryShortTextIsALowConfidenceGuess) {
  LanguageGuess g = id_->Identify("ok");
  EXPECT_LT(g.confidence, 0.2f);
}

TEST_F(LangidTest, LongTextIsReadOnlyAtItsStart) {
  // A megabyte of Malay, then Vietnamese that is never reached.
  std::string text;
  while (text.size() < (1 << 20)) text += std::string(kMalay) + " ";
  text += kVietnamese;
  EXPECT_EQ(id_->Identify(text).lang, "ms");
}

TEST_F(LangidTest, CutsLongTextOnACharacterBoundary) {
  // Vietnamese is mostly multi-byte; a cut inside a character must not
  // confuse the answer.
  std::string text;
  while (text.size() < 10000) text += std::string(kVietnamese) + " ";
  EXPECT_EQ(id_->Identify(text).lang, "vi");
}

TEST_F(LangidTest, RawTopKIsLid176WithIsoCodes) {
  auto top = id_->RawTopK(kEnglish, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].lang, "en");
  EXPECT_GE(top[0].confidence, top[1].confidence);
  EXPECT_GE(top[1].confidence, top[2].confidence);
}

TEST_F(LangidTest, ConcurrentCallsAgreeWithSequentialOnes) {
  const std::vector<std::string> texts = {kVietnamese, kArabic,      kEnglish,         kMalay,
                                          kIndonesian, kMalayPolice, kIndonesianPolice};
  std::vector<std::string> expected;
  for (const auto& t : texts) expected.push_back(id_->Identify(t).lang);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (id_->Identify(texts[i]).lang != expected[i]) ++mismatches[w];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int w = 0; w < 4; ++w) EXPECT_EQ(mismatches[w], 0) << "thread " << w;
}

TEST(LangidLoad, MissingModelIsAnErrorNamingThePath) {
  const std::string bad = "/nonexistent/models/lid.176.ftz";
  auto loaded = LanguageIdentifier::Load(bad, kTable);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message().find(bad), std::string::npos) << loaded.error().message();
}

TEST(LangidLoad, UnreadableModelIsAnErrorNamingThePath) {
  // The table is a real file but not a fastText model.
  auto loaded = LanguageIdentifier::Load(kTable, kTable);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message().find(kTable), std::string::npos) << loaded.error().message();
}

TEST(LangidLoad, MissingTableIsAnErrorNamingThePath) {
  if (!std::filesystem::exists(kModel)) GTEST_SKIP() << "lid.176.ftz not found at " << kModel;
  const std::string bad = "/nonexistent/langid/id_ms.tsv";
  auto loaded = LanguageIdentifier::Load(kModel, bad);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message().find(bad), std::string::npos) << loaded.error().message();
}

TEST(LangidLoad, MalformedTableLineIsReportedWithItsNumber) {
  if (!std::filesystem::exists(kModel)) GTEST_SKIP() << "lid.176.ftz not found at " << kModel;
  std::filesystem::path path = std::filesystem::temp_directory_path() / "storyloom_langid_bad_table.tsv";
  {
    std::ofstream out(path);
    out << "# comment\n"
        << "word\tkerana\tms\t3.0\tbecause\n"
        << "word\tbahwa\txx\t3.0\tnot a language\n";
  }
  auto loaded = LanguageIdentifier::Load(kModel, path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(loaded.has_value());
  const std::string& message = loaded.error().message();
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
}

// A folder of its own with a hand-made table and, optionally, a generated one
// beside it (id_ms_apertium.tsv), removed at the end of the test.
class LangidDerivedTableTest : public ::testing::Test {
 protected:
  // Ordinary Malay that lid.176 gives to Indonesian, with one Malay word
  // ("isteri", Indonesian "istri") that the test tables below list or not.
  static constexpr const char* kMalayWife = "Dia tinggal di rumah itu sejak tahun lalu bersama isteri dan dua anaknya.";

  void SetUp() override {
    if (!std::filesystem::exists(kModel)) GTEST_SKIP() << "lid.176.ftz not found at " << kModel;
    dir_ = std::filesystem::temp_directory_path() /
           ("storyloom_langid_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream out(dir_ / name);
    out << text;
  }
  Result<std::unique_ptr<LanguageIdentifier>> Load() {
    return LanguageIdentifier::Load(kModel, (dir_ / "id_ms.tsv").string());
  }
  std::filesystem::path dir_;
};

TEST_F(LangidDerivedTableTest, MissingGeneratedTableIsNotAnError) {
  Write("id_ms.tsv", "word\tkerana\tms\t3.0\tbecause\n");
  auto loaded = Load();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  auto raw = (*loaded)->RawTopK(kMalayWife, 1);
  ASSERT_FALSE(raw.empty());
  ASSERT_EQ(raw[0].lang, "id") << "lid.176 itself now says " << raw[0].lang;
  EXPECT_EQ((*loaded)->Identify(kMalayWife).lang, "id");
}

TEST_F(LangidDerivedTableTest, GeneratedTableWordsAreEvidence) {
  Write("id_ms.tsv", "word\tkerana\tms\t3.0\tbecause\n");
  Write("id_ms_apertium.tsv", "# generated\nword\tisteri\tms\t2\tid istri\nword\tistri\tid\t2\tms isteri\n");
  auto loaded = Load();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ((*loaded)->Identify(kMalayWife).lang, "ms");
}

TEST_F(LangidDerivedTableTest, HandMadeEntryWinsOverGeneratedOne) {
  // The hand-made table calls "isteri" neutral: the generated entry is not
  // read, so lid.176's Indonesian stands.
  Write("id_ms.tsv", "word\tisteri\t-\t0\tneutral for this test\n");
  Write("id_ms_apertium.tsv", "word\tisteri\tms\t2\tid istri\n");
  auto loaded = Load();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ((*loaded)->Identify(kMalayWife).lang, "id");
}

TEST_F(LangidDerivedTableTest, HandMadeSuffixRuleWinsOverGeneratedWord) {
  // "komuniti" matches the hand-made -iti rule (Malay); a generated entry
  // calling it Indonesian is not read.
  Write("id_ms.tsv", "suffix\t-iti\tms\t2.5\tMalay -iti\n");
  Write("id_ms_apertium.tsv", "word\tkomuniti\tid\t2\twrong on purpose\n");
  auto loaded = Load();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ((*loaded)->Identify("Dia tinggal di rumah itu bersama komuniti dan dua anaknya.").lang, "ms");
}

TEST_F(LangidDerivedTableTest, MalformedGeneratedTableIsAnErrorNamingIt) {
  Write("id_ms.tsv", "word\tkerana\tms\t3.0\tbecause\n");
  // Only word entries belong in the generated table.
  Write("id_ms_apertium.tsv", "word\tisteri\tms\t2\tid istri\nsuffix\t-iti\tms\t2\tnot here\n");
  auto loaded = Load();
  ASSERT_FALSE(loaded.has_value());
  const std::string& message = loaded.error().message();
  EXPECT_NE(message.find("id_ms_apertium.tsv"), std::string::npos) << message;
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
}

// Spelling evidence: Debian's Indonesian hunspell dictionary, found in
// STORYLOOM_HUNSPELL_DIR (default /usr/share/hunspell). These tests load with
// a table that knows none of the sentences' words, so lid.176 and spelling
// decide alone.
class LangidSpellingTest : public LangidDerivedTableTest {
 protected:
  static constexpr const char* kSystemDir = "/usr/share/hunspell";
  // Malay and Indonesian written for this test: the Malay words pesakit,
  // menghidap, berdepan and jurucakap are not Indonesian spelling.
  static constexpr const char* kMalayPatient =
      "Pesakit itu menghidap penyakit jantung dan kini berdepan dengan kos rawatan yang tinggi, kata jurucakap.";
  static constexpr const char* kIndonesianPatient =
      "Pasien itu mengidap penyakit jantung dan kini menghadapi biaya perawatan yang tinggi, kata juru bicara.";

  void SetUp() override {
    LangidDerivedTableTest::SetUp();
    if (IsSkipped()) return;
    if (const char* old = std::getenv("STORYLOOM_HUNSPELL_DIR")) saved_ = old;
    Write("id_ms.tsv", "word\tkerana\tms\t3.0\tbecause\n");
  }
  void TearDown() override {
    if (saved_) {
      setenv("STORYLOOM_HUNSPELL_DIR", saved_->c_str(), 1);
    } else {
      unsetenv("STORYLOOM_HUNSPELL_DIR");
    }
    LangidDerivedTableTest::TearDown();
  }
  Result<std::unique_ptr<LanguageIdentifier>> LoadWithDictionaryIn(const std::string& dir) {
    setenv("STORYLOOM_HUNSPELL_DIR", dir.c_str(), 1);
    return Load();
  }
  std::optional<std::string> saved_;
};

TEST_F(LangidSpellingTest, MissingDictionaryIsNotAnError) {
  auto loaded = LoadWithDictionaryIn((dir_ / "no-such-folder").string());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  // Without spelling, this Malay text is taken for Indonesian (lid.176's
  // leaning, which the word table alone does not overturn here): the
  // dictionary is what tells them apart (see the test below).
  EXPECT_EQ((*loaded)->Identify(kMalayPatient).lang, "id");
  EXPECT_EQ((*loaded)->Identify(kIndonesianPatient).lang, "id");
  EXPECT_EQ((*loaded)->Identify(kVietnamese).lang, "vi");
}

TEST_F(LangidSpellingTest, UnreadableDictionaryIsNotAnError) {
  Write("id_ID.aff", "not an affix file\n");
  Write("id_ID.dic", "");
  auto loaded = LoadWithDictionaryIn(dir_.string());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  EXPECT_EQ((*loaded)->Identify(kIndonesianPatient).lang, "id");
}

TEST_F(LangidSpellingTest, WordsIndonesianSpellingRejectsAreMalayEvidence) {
  if (!std::filesystem::exists(std::string(kSystemDir) + "/id_ID.dic")) {
    GTEST_SKIP() << "no Indonesian hunspell dictionary in " << kSystemDir << " (run scripts/bootstrap)";
  }
  auto without = LoadWithDictionaryIn((dir_ / "no-such-folder").string());
  auto with = LoadWithDictionaryIn(kSystemDir);
  ASSERT_TRUE(without.has_value() && with.has_value());
  LanguageGuess before = (*without)->Identify(kMalayPatient);
  LanguageGuess after = (*with)->Identify(kMalayPatient);
  EXPECT_EQ(after.lang, "ms");
  // The evidence moves the decision toward Malay: a flip, or more confidence.
  if (before.lang == "ms") {
    EXPECT_GT(after.confidence, before.confidence);
  }
  // Indonesian spelled as Indonesian stays Indonesian.
  EXPECT_EQ((*with)->Identify(kIndonesianPatient).lang, "id");
  EXPECT_EQ((*with)->Identify(kIndonesian).lang, "id");
  EXPECT_EQ((*with)->Identify(kIndonesianPolice).lang, "id");
}

TEST_F(LangidSpellingTest, ConcurrentSpellingChecksAgree) {
  if (!std::filesystem::exists(std::string(kSystemDir) + "/id_ID.dic")) GTEST_SKIP() << "no Indonesian hunspell";
  auto loaded = LoadWithDictionaryIn(kSystemDir);
  ASSERT_TRUE(loaded.has_value());
  const LanguageIdentifier& id = **loaded;
  const std::string texts[] = {kMalayPatient, kIndonesianPatient, kMalayPolice, kIndonesianPolice};
  std::string expected[4];
  for (int i = 0; i < 4; ++i) expected[i] = id.Identify(texts[i]).lang;
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < 200; ++r) {
        int i = (t + r) % 4;
        if (id.Identify(texts[i]).lang != expected[i]) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(LangidLoad, ShippedTablesLoad) {
  if (!std::filesystem::exists(kModel)) GTEST_SKIP() << "lid.176.ftz not found at " << kModel;
  auto loaded = LanguageIdentifier::Load(kModel, kTable);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  // Model and both tables (the generated one when present); how fast is
  // for `make bench`, not for a test.
  EXPECT_EQ((*loaded)->Identify(kVietnamese).lang, "vi");
}

}  // namespace
}  // namespace storyloom
