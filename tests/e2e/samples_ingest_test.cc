// End to end on the sample corpus the project ships (what `make run` shows):
// every shape storyloom reads, in four languages.
#include <gtest/gtest.h>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

TEST(SamplesIngest, EveryShapeIsReadCleanlyAndTagged) {
  TempDir tmp;
  std::string store = tmp.Path("samples.db");
  CliResult r = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/samples", "--store", store});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store}).out);
  std::map<std::string, std::vector<nlohmann::json>> by_file;
  std::set<std::string> langs;
  for (const auto& d : docs) {
    std::string path = d["path"];
    by_file[path.substr(path.find("samples/") + 8)].push_back(d);
    langs.insert(d["lang"].get<std::string>());
  }
  EXPECT_EQ(langs, (std::set<std::string>{"ar", "en", "id", "vi"}));

  // The web page: article only, metadata from the page.
  ASSERT_EQ(by_file["en/solmar_pledge_oravel.html"].size(), 1u);
  const auto& page = by_file["en/solmar_pledge_oravel.html"][0];
  EXPECT_EQ(page["format"], "html");
  EXPECT_EQ(page["published"], "2025-03-18");
  // The API's document shape: a missing title or source is "", not null.
  EXPECT_FALSE(page["title"].get<std::string>().empty());
  std::string body = page["text"];
  EXPECT_NE(body.find("45 million"), std::string::npos);
  for (const char* gone : {"Related stories", "Comments (", "Share this", "All rights reserved", "Subscribe"}) {
    EXPECT_EQ(body.find(gone), std::string::npos) << gone;
  }

  // The feed: one document an item, fields and extra metadata kept.
  auto& feed = by_file["feed.jsonl"];
  ASSERT_EQ(feed.size(), 4u);
  for (const auto& d : feed) {
    EXPECT_FALSE(d["published"].is_null());
    EXPECT_FALSE(d["source"].get<std::string>().empty());
    EXPECT_TRUE(d["metadata"].contains("section"));
  }

  // The segmented corpus line and the list of leads.
  ASSERT_EQ(by_file["vi/corpus_segmented.txt"].size(), 1u);
  EXPECT_EQ(by_file["vi/corpus_segmented.txt"][0]["text"].get<std::string>().find('_'), std::string::npos);
  ASSERT_EQ(by_file["vi/leads.txt"].size(), 1u);
  EXPECT_TRUE(by_file["vi/leads.txt"][0]["list"].get<bool>());

  // The scraped page saved as text: header read, chrome gone.
  ASSERT_EQ(by_file["vi/baomau_vo_dap_dovan.txt"].size(), 1u);
  const auto& scraped = by_file["vi/baomau_vo_dap_dovan.txt"][0];
  EXPECT_EQ(scraped["source"], "Báo Mẫu");
  EXPECT_EQ(scraped["published"], "2025-03-14");
  std::string text = scraped["text"];
  for (const char* gone : {"quảng_cáo", "quảng cáo", "Bình luận", "Cùng chủ đề", "Cùng tác giả", "Ảnh: KNA"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  }
}

}  // namespace
}  // namespace storyloom::testing
