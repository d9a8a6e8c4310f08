#include "storyloom/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/reader.h"
#include "text/segment.h"

namespace storyloom {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResourcePaths paths = FindResources(std::string(STORYLOOM_SOURCE_DIR) + "/resources", "");
    if (!std::filesystem::exists(paths.langid_model)) {
      GTEST_SKIP() << "language-id model absent (" << paths.langid_model << "): run scripts/bootstrap";
    }
    auto r = Resources::Load(paths);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    resources_ = std::move(*r);
  }
  std::vector<Document> Process(const std::string& text, PipelineOptions options = {}) {
    InputUnit unit;
    unit.path = "t.txt";
    unit.text = MappedText::Identity(text);
    unit.raw_span = {0, static_cast<uint32_t>(text.size())};
    return ProcessUnit(unit, *resources_, segmenter_, options);
  }
  std::unique_ptr<Resources> resources_;
  Segmenter segmenter_;
};

TEST_F(PipelineTest, MixedLanguageDocumentsAreReported) {
  auto docs = Process(
      "Floods close the northern highway\n"
      "Heavy rain flooded the northern highway on Monday, and the police closed it to all traffic until the water "
      "goes down.\n"
      "Mưa lớn kéo dài nhiều ngày khiến quốc lộ phía bắc bị ngập sâu, cảnh sát phải cấm mọi phương tiện qua lại.\n"
      "Chính quyền địa phương cho biết sẽ mở lại tuyến đường khi nước rút và mặt đường được kiểm tra an toàn.\n"
      "Engineers will inspect the road surface before it reopens, the regional transport office said in a "
      "statement.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].mixed_lang);
  std::vector<std::string> langs;
  for (const Paragraph& p : docs[0].paragraphs) langs.push_back(p.lang);
  EXPECT_EQ(langs, (std::vector<std::string>{"en", "vi", "vi", "en"}));
}

TEST_F(PipelineTest, OneLanguageIsNotMixed) {
  auto docs = Process(
      "Pemerintah kota membuka kembali jembatan utama setelah perbaikan selama tiga bulan, kata wali kota pada "
      "Senin.\n"
      "Warga menyambut baik pembukaan jembatan itu karena perjalanan ke pasar kini jauh lebih singkat.\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].lang, "id");
  EXPECT_FALSE(docs[0].mixed_lang);
  EXPECT_EQ(docs[0].sentences.size(), 2u);
  EXPECT_FALSE(docs[0].content_hash.empty());
}

TEST_F(PipelineTest, ForcedLanguageWins) {
  PipelineOptions options;
  options.forced_lang = "ms";
  auto docs = Process("Pemerintah kota membuka kembali jembatan utama setelah perbaikan selama tiga bulan.\n", options);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].lang, "ms");
}

TEST_F(PipelineTest, AFeedsLanguageGivesWayOnlyToTextThatSaysOtherwise) {
  auto item = [&](const std::string& text, const std::string& declared) {
    InputUnit unit;
    unit.path = "feed.xml";
    unit.format = Format::kFeed;
    unit.lang = declared;
    unit.text = MappedText::Identity(text);
    unit.raw_span = {0, static_cast<uint32_t>(text.size())};
    auto docs = ProcessUnit(unit, *resources_, segmenter_, {});
    EXPECT_EQ(docs.size(), 1u);
    return docs.empty() ? Document{} : docs[0];
  };
  const std::string vietnamese =
      "Mưa lớn kéo dài nhiều ngày khiến quốc lộ phía bắc bị ngập sâu, cảnh sát phải cấm mọi phương tiện qua lại.\n"
      "Chính quyền địa phương cho biết sẽ mở lại tuyến đường khi nước rút và mặt đường được kiểm tra an toàn.\n";
  // A channel tagged en-US by its software, carrying Vietnamese.
  Document d = item(vietnamese, "en-US");
  EXPECT_EQ(d.lang, "vi");
  EXPECT_NE(d.metadata_json.find("\"declared_lang\":\"en-US\""), std::string::npos) << d.metadata_json;
  EXPECT_EQ(item(vietnamese, "vi").lang, "vi");
  // Indonesian text in a feed that says Malay: the model tells them apart
  // poorly, so the feed is believed.
  const std::string indonesian =
      "Pemerintah kota membuka kembali jembatan utama setelah perbaikan selama tiga bulan, kata wali kota pada "
      "Senin.\nWarga menyambut baik pembukaan jembatan itu karena perjalanan ke pasar kini jauh lebih singkat.\n";
  EXPECT_EQ(item(indonesian, "ms").lang, "ms");
  // Too little text to overrule anyone.
  EXPECT_EQ(item("Mưa lớn ở Hà Nội.\n", "en").lang, "en");
}

TEST_F(PipelineTest, TokensOnlyWhenAsked) {
  std::string text = "The harbour reopened on Monday after a week of repairs to the main quay.\n";
  EXPECT_TRUE(Process(text)[0].tokens.empty());
  PipelineOptions options;
  options.with_tokens = true;
  auto docs = Process(text, options);
  ASSERT_FALSE(docs[0].tokens.empty());
  EXPECT_EQ(docs[0].tokens[1].norm, "harbour");
}

}  // namespace
}  // namespace storyloom
