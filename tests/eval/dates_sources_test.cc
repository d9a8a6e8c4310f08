// Date gold that points into the shared data instead of copying its text:
// the eval must rebuild each document exactly as the annotators read it
// (scripts/dates_gold.py), or every offset is off.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include "eval/dates_eval.h"
#include "shared_data.h"

namespace storyloom {
namespace {

namespace fs = std::filesystem;

class DatesSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("storyloom-dates-src-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "ntrex");
    fs::create_directories(dir_ / "mmds");
    fs::create_directories(dir_ / "vmds");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(DatesSourcesTest, EachShapeOfSourceGivesTheDocumentAsAnnotated) {
  // NTREX files have CRLF line ends; a document is its lines, joined by "\n".
  Write("ntrex/DOCUMENT_IDS.tsv", "a.1\r\na.1\r\nb.2\r\n");
  Write("ntrex/ref.vie.txt", "Hôm qua mưa.\r\nHôm nay nắng.\r\nNgày 5/3 họp.\r\n");
  Write("mmds/dev.json",
        R"({"articles": [{"ID": "7", "sentences": [{"content": "Pada Senin hujan."}, {"content": "Besok cerah."}]}]})");
  Write("t17.jsonl", "{\"id\": \"12\", \"time\": \"2010-05-15\", \"text\": \"On Monday it rained.\"}\n");
  Write("vmds/1.body.txt", "Sáng nay trời mưa.");
  const std::string data = dir_.string();
  EXPECT_EQ(*SourceText(data, "ntrex/ref.vie.txt#a.1"), "Hôm qua mưa.\nHôm nay nắng.");
  EXPECT_EQ(*SourceText(data, "ntrex/ref.vie.txt#b.2"), "Ngày 5/3 họp.");
  EXPECT_EQ(*SourceText(data, "mmds/dev.json#7"), "Pada Senin hujan.\nBesok cerah.");
  EXPECT_EQ(*SourceText(data, "t17.jsonl#12"), "On Monday it rained.");
  EXPECT_EQ(*SourceText(data, "vmds/1.body.txt"), "Sáng nay trời mưa.");
  // Missing pieces are named.
  auto no_doc = SourceText(data, "ntrex/ref.vie.txt#zz.9");
  ASSERT_FALSE(no_doc);
  EXPECT_NE(no_doc.error().message().find("zz.9"), std::string::npos);
  auto no_file = SourceText(data, "vmds/2.body.txt");
  ASSERT_FALSE(no_file);
  EXPECT_NE(no_file.error().message().find("--data"), std::string::npos);
}

TEST_F(DatesSourcesTest, AGoldOffsetThatDoesNotMatchItsTextIsAnError) {
  Write("vmds/1.body.txt", "Sáng nay trời mưa, hôm qua nắng.");
  const std::string gold = (dir_ / "gold.jsonl").string();
  // "hôm qua" starts at byte 23 (the Vietnamese letters are two or three bytes).
  std::ofstream(gold) << R"({"lang": "vi", "dct": "2013-10-23", "source": "vmds/1.body.txt", "timexes": [)"
                      << R"({"start": 0, "text": "Sáng nay", "value": "2013-10-23"}, )"
                      << R"({"start": 23, "text": "hôm qua", "value": "2013-10-22"}]})" << "\n";
  auto ok = ReadDatesFile(gold, dir_.string());
  ASSERT_TRUE(ok) << ok.error().message();
  ASSERT_EQ(ok->size(), 1u);
  std::vector<Span> spans = LocateGold((*ok)[0]);
  EXPECT_EQ(spans[1].start, 23u);
  std::ofstream(gold) << R"({"lang": "vi", "dct": "2013-10-23", "source": "vmds/1.body.txt", "timexes": [)"
                      << R"({"start": 3, "text": "hôm qua", "value": "2013-10-22"}]})" << "\n";
  auto bad = ReadDatesFile(gold, dir_.string());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("gold.jsonl:1"), std::string::npos) << bad.error().message();
}

// The committed dev and test splits resolve against the shared data, and
// hold at least 200 gold expressions in each main language.
TEST(DatesGoldTest, TheSplitsResolveAndCoverTheMainLanguages) {
  SKIP_WITHOUT(testing::SharedData() / "ntrex");
  std::map<std::string, int> per_lang;
  for (const char* split : {"dev", "test"}) {
    const std::string path = std::string(STORYLOOM_SOURCE_DIR) + "/tests/data/dates/" + split + ".jsonl";
    auto examples = ReadDatesFile(path, testing::SharedData().string());
    ASSERT_TRUE(examples) << examples.error().message();
    for (const DatesExample& ex : *examples) per_lang[ex.lang] += static_cast<int>(ex.gold.size());
  }
  for (const char* lang : {"vi", "id", "ar", "en"}) EXPECT_GE(per_lang[lang], 200) << lang;
}

}  // namespace
}  // namespace storyloom
