// End to end on the five seed documents: what `storyloom ingest` then
// `storyloom docs --json` must show (issue: foundation, item 1).
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

class SeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seeds_ = SharedDir() + "/seeds";
    if (!fs::exists(seeds_)) GTEST_SKIP() << "seeds not found at " << seeds_ << " (../shared is absent)";
  }
  std::vector<nlohmann::json> IngestAndList(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"ingest", seeds_, "--store", store_};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    CliResult docs = RunCli({"docs", "--json", "--store", store_});
    EXPECT_EQ(docs.exit_code, 0) << docs.err;
    return JsonLines(docs.out);
  }
  static std::vector<nlohmann::json> From(const std::vector<nlohmann::json>& docs, const std::string& seed) {
    std::vector<nlohmann::json> out;
    for (const auto& d : docs) {
      if (d["path"].get<std::string>().find(seed) != std::string::npos) out.push_back(d);
    }
    return out;
  }

  TempDir tmp_;
  std::string store_ = tmp_.Path("seeds.db");
  std::string seeds_;
};

TEST_F(SeedsTest, EachSeedBecomesTheRightDocuments) {
  auto docs = IngestAndList();
  ASSERT_EQ(docs.size(), 7u);

  auto list = From(docs, "000_");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["lang"], "vi");
  EXPECT_TRUE(list[0]["list"].get<bool>());

  auto glued = From(docs, "001_");
  ASSERT_EQ(glued.size(), 3u);
  for (const auto& d : glued) EXPECT_EQ(d["lang"], "vi");
  EXPECT_NE(glued[0]["title"].get<std::string>().find("rút quân khỏi Niger"), std::string::npos);
  EXPECT_NE(glued[1]["title"].get<std::string>().find("ECOWAS kêu gọi"), std::string::npos);
  EXPECT_NE(glued[2]["title"].get<std::string>().find("Sudan"), std::string::npos);
  // The Sudan fragment holds nothing of the Niger articles, and they nothing of it.
  EXPECT_EQ(glued[2]["text"].get<std::string>().find("Niger"), std::string::npos);
  EXPECT_EQ(glued[1]["text"].get<std::string>().find("Sudan"), std::string::npos);

  auto segmented = From(docs, "002_");
  ASSERT_EQ(segmented.size(), 1u);
  EXPECT_EQ(segmented[0]["lang"], "vi");
  EXPECT_EQ(segmented[0]["text"].get<std::string>().find('_'), std::string::npos);
  EXPECT_NE(segmented[0]["text"].get<std::string>().find("chuyên gia quân sự"), std::string::npos);
  EXPECT_EQ(segmented[0]["title"], "Nga điều chuyên gia, hệ thống phòng không đến Niger");

  auto indonesian = From(docs, "003_");
  auto arabic = From(docs, "004_");
  ASSERT_EQ(indonesian.size(), 1u);
  ASSERT_EQ(arabic.size(), 1u);
  EXPECT_EQ(indonesian[0]["lang"], "id");
  EXPECT_EQ(arabic[0]["lang"], "ar");
  for (const auto& d : {indonesian[0], arabic[0]}) {
    EXPECT_EQ(d["published"], "2023-12-05");
    EXPECT_EQ(d["source"], "Công Luận");
  }
}

TEST_F(SeedsTest, NoWebChromeIsLeftInAnyBody) {
  auto docs = IngestAndList();
  const char* chrome[] = {"[iklan", "[إعلان", "Komentar (", "تعليق (", "No data", "Dalam topik yang sama",
                          "Dalam kategori yang sama", "Dari penulis yang sama", "نفس الموضوع", "نفس الفئة",
                          "نفس المؤلف", "Video đang HOT", "Ảnh tư liệu:", "Ảnh: AFP", "Foto: AP", "الصورة:",
                          "gambar 1", "(صورة 1)", "Vietnam.vn", "Công LuậnCông Luận", "Sumber", "Sistem Politik",
                          "Hoai Phuong (menurut AP)"};
  for (const auto& d : docs) {
    std::string text = d["text"];
    for (const char* c : chrome) EXPECT_EQ(text.find(c), std::string::npos) << "'" << c << "' left in " << d["path"];
  }
}

TEST_F(SeedsTest, LeadsAsLinesAndReingestIsANoOp) {
  CliResult r = RunCli({"ingest", seeds_ + "/000_a80fcedb49878259.txt", "--format", "lines", "--store", store_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  EXPECT_EQ(docs.size(), 50u);
  CliResult again = RunCli({"ingest", seeds_ + "/000_a80fcedb49878259.txt", "--format", "lines", "--store", store_});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("already stored"), std::string::npos) << again.err;
  EXPECT_EQ(JsonLines(RunCli({"docs", "--json", "--store", store_}).out).size(), 50u);
}

TEST_F(SeedsTest, ShowTellsWhatWasRemovedAndWhy) {
  auto docs = IngestAndList();
  auto indonesian = From(docs, "003_");
  ASSERT_EQ(indonesian.size(), 1u);
  CliResult r = RunCli({"show", std::to_string(indonesian[0]["id"].get<int>()), "--store", store_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("advert"), std::string::npos);
  EXPECT_NE(r.out.find("[iklan_1]"), std::string::npos);
  EXPECT_NE(r.out.find("related"), std::string::npos);
  EXPECT_NE(r.out.find("Dalam topik yang sama"), std::string::npos);
  EXPECT_NE(r.out.find("language  id"), std::string::npos);
}

TEST_F(SeedsTest, SentenceSpansLeadBackToTheOriginalBytes) {
  auto docs = IngestAndList();
  auto arabic = From(docs, "004_");
  ASSERT_EQ(arabic.size(), 1u);
  CliResult r = RunCli({"show", std::to_string(arabic[0]["id"].get<int>()), "--json", "--store", store_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::string original = ReadAll(seeds_ + "/004_d45d6a35b88756b9.txt");
  std::string body = j["text"];
  ASSERT_FALSE(j["sentences"].empty());
  ASSERT_EQ(j["sentences"].size(), j["sentences_original"].size());
  for (size_t i = 0; i < j["sentences"].size(); ++i) {
    const auto& s = j["sentences"][i];
    const auto& o = j["sentences_original"][i];
    std::string in_body = body.substr(s[0].get<size_t>(), s[1].get<size_t>() - s[0].get<size_t>());
    std::string in_orig = original.substr(o[0].get<size_t>(), o[1].get<size_t>() - o[0].get<size_t>());
    EXPECT_EQ(in_body, in_orig);
  }
}

}  // namespace
}  // namespace storyloom::testing
