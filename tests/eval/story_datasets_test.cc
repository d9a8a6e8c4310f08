#include "eval/cluster_metrics.h"
#include "storyloom/eval.h"

#include <gtest/gtest.h>

#include "shared_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <unistd.h>

namespace storyloom {
namespace {

namespace fs = std::filesystem;

// The checks below are counts and structure, not the articles' sentences.
using testing::SharedData;

std::set<std::string> GoldGroups(const StoryDataset& data) {
  std::set<std::string> groups;
  for (const StoryItem& item : data.items) groups.insert(item.gold);
  return groups;
}

const StoryItem* Find(const StoryDataset& data, const std::string& id) {
  for (const StoryItem& item : data.items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

// Every dataset: ids unique, no empty text, dated items first and in order.
void ExpectWellFormed(const StoryDataset& data) {
  std::set<std::string> ids;
  for (size_t i = 0; i < data.items.size(); ++i) {
    const StoryItem& item = data.items[i];
    EXPECT_TRUE(ids.insert(item.id).second) << "duplicate id " << item.id;
    EXPECT_FALSE(item.text.empty()) << item.id;
    EXPECT_FALSE(item.gold.empty()) << item.id;
    if (i == 0) continue;
    const StoryItem& before = data.items[i - 1];
    if (before.published && item.published) {
      EXPECT_LE(*before.published, *item.published) << item.id;
    }
    if (item.published) {
      EXPECT_TRUE(before.published.has_value()) << "undated " << before.id << " before " << item.id;
    }
  }
}

TEST(StoryDatasetsTest, VietnameseMds) {
  const fs::path dir = SharedData() / "vietnamese-mds";
  SKIP_WITHOUT(dir);
  auto data = ReadStoryDataset(dir.string());
  ASSERT_TRUE(data) << data.error().message();
  EXPECT_EQ(data->name, "vietnamese-mds");
  EXPECT_EQ(data->items.size(), 628u);
  // 200 cluster folders, one of them (the dataset's own numbering) empty.
  EXPECT_EQ(GoldGroups(*data).size(), 199u);
  ExpectWellFormed(*data);
  for (const StoryItem& item : data->items) {
    EXPECT_EQ(item.lang, "vi");
    EXPECT_TRUE(item.published.has_value()) << item.id;
    EXPECT_EQ(item.title.find('_'), std::string::npos) << "segmented title left in " << item.id;
    EXPECT_EQ(item.id.substr(0, item.gold.size() + 1), item.gold + "/");
  }
  const StoryItem* item = Find(*data, "cluster_1/12240106");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->gold, "cluster_1");
  EXPECT_EQ(item->published, "2013-10-23");
  EXPECT_NE(item->title.find("Campuchia"), std::string::npos);
  // The body file lacks the lead; it comes back as the first paragraph, with
  // the dataset's word segmentation and tokenisation undone.
  EXPECT_TRUE(item->text.starts_with("TTO - ")) << item->text.substr(0, 80);
  const std::string lead = item->text.substr(0, item->text.find("\n\n"));
  EXPECT_LT(lead.size(), item->text.size());
  EXPECT_EQ(lead.find('_'), std::string::npos);
  EXPECT_EQ(lead.find(" ,"), std::string::npos);

  // The clusters/ folder itself reads the same.
  auto clusters = ReadStoryDataset((dir / "clusters").string());
  ASSERT_TRUE(clusters) << clusters.error().message();
  EXPECT_EQ(clusters->items.size(), data->items.size());
}

TEST(StoryDatasetsTest, Mmds) {
  const fs::path dir = SharedData() / "mmds";
  SKIP_WITHOUT(dir);
  auto data = ReadStoryDataset(dir.string());
  ASSERT_TRUE(data) << data.error().message();
  EXPECT_EQ(data->name, "mmds");
  EXPECT_EQ(data->items.size(), 209u);
  EXPECT_EQ(GoldGroups(*data).size(), 51u);
  ExpectWellFormed(*data);
  for (const StoryItem& item : data->items) {
    EXPECT_EQ(item.lang, "");  // the data does not say
    EXPECT_FALSE(item.published.has_value());  // "when" is the event's time
    EXPECT_FALSE(item.title.empty()) << item.id;
  }
  // Undated: natural order of the article IDs.
  EXPECT_EQ(data->items.front().id, "mmds/1");
  const StoryItem* item = Find(*data, "mmds/1");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->gold, "0");
  EXPECT_EQ(std::count(item->text.begin(), item->text.end(), '\n'), 36);  // 37 sentences, one a line
  EXPECT_TRUE(item->text.starts_with("SINGAPORE:"));

  auto file = ReadStoryDataset((dir / "dev.json").string());
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->items.size(), 209u);
}

TEST(StoryDatasetsTest, Timeline17) {
  const fs::path dir = SharedData() / "timeline17";
  SKIP_WITHOUT(dir);
  auto data = ReadStoryDataset(dir.string());
  ASSERT_TRUE(data) << data.error().message();
  EXPECT_EQ(data->name, "timeline17");
  // 4,352 articles in 16 sets, of which 24 have an empty text.
  EXPECT_EQ(data->items.size(), 4328u);
  EXPECT_EQ(GoldGroups(*data), (std::set<std::string>{"EgyptianProtest", "H1N1", "IraqWar", "LibyaWar", "MJ",
                                                      "SyrianCrisis", "bpoil", "haiti"}));
  ExpectWellFormed(*data);
  std::set<std::string> sets;
  for (const StoryItem& item : data->items) {
    EXPECT_EQ(item.lang, "en");
    EXPECT_TRUE(item.title.empty());
    ASSERT_TRUE(item.published.has_value()) << item.id;
    EXPECT_EQ(item.published->size(), 10u);
    sets.insert(item.id.substr(0, item.id.find('/')));
  }
  EXPECT_EQ(sets.size(), 16u);
  const StoryItem* item = Find(*data, "bpoil_bbc/235");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->gold, "bpoil");
  EXPECT_EQ(item->published, "2010-05-15");
}

TEST(StoryDatasetsTest, Ntrex) {
  const fs::path dir = SharedData() / "ntrex";
  SKIP_WITHOUT(dir);
  auto data = ReadStoryDataset(dir.string());
  ASSERT_TRUE(data) << data.error().message();
  EXPECT_EQ(data->name, "ntrex");
  EXPECT_EQ(data->original_lang, "en");
  EXPECT_EQ(data->headline_langs, (std::vector<std::string>{"en", "vi", "id", "ar", "ms"}));
  EXPECT_EQ(GoldGroups(*data).size(), 123u);
  ExpectWellFormed(*data);
  // Every group holds the same article in every language, line for line.
  std::map<std::string, std::set<std::string>> langs;
  std::map<std::string, std::set<long>> line_counts;
  for (const StoryItem& item : data->items) {
    EXPECT_FALSE(item.published.has_value());
    langs[item.gold].insert(item.lang);
    line_counts[item.gold].insert(std::count(item.text.begin(), item.text.end(), '\n'));
  }
  const std::set<std::string> all = langs.begin()->second;
  EXPECT_EQ(data->items.size(), 123u * all.size());
  for (const char* l : {"ar", "en", "id", "ms", "vi"}) EXPECT_TRUE(all.contains(l)) << l;
  for (const auto& [gold, set] : langs) {
    EXPECT_EQ(set, all) << gold;
    EXPECT_EQ(line_counts[gold].size(), 1u) << gold;
  }
  const StoryItem* item = Find(*data, "ntrex/vie/bbc.381790");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->gold, "bbc.381790");
  EXPECT_EQ(item->lang, "vi");
  EXPECT_TRUE(item->title.empty());
}

// The NTREX layout in a temp folder: every newstest2019-ref.<code>.txt
// beside the English source is a language, named by its ISO 639-1 code.
TEST(StoryDatasetsTest, NtrexLayoutReadsEveryLanguage) {
  const fs::path dir = fs::temp_directory_path() / ("storyloom-ntrex-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "DOCUMENT_IDS.tsv") << "a.1\tx\na.1\tx\nb.2\ty\n";
  std::ofstream(dir / "newstest2019-src.eng.txt") << "Berlin is big.\nIt has trams.\nRain in Rome.\n";
  std::ofstream(dir / "newstest2019-ref.deu.txt") << "Berlin ist gross.\nEs hat Trams.\nRegen in Rom.\n";
  std::ofstream(dir / "newstest2019-ref.zho-CN.txt") << "柏林很大。\n有电车。\n罗马下雨。\n";
  std::ofstream(dir / "notes.txt") << "not a version\n";
  auto data = ReadStoryDataset(dir.string());
  fs::remove_all(dir);
  ASSERT_TRUE(data) << data.error().message();
  ASSERT_EQ(data->items.size(), 6u);
  const StoryItem* de = Find(*data, "ntrex/deu/a.1");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->lang, "de");
  EXPECT_EQ(de->gold, "a.1");
  EXPECT_EQ(de->text, "Berlin ist gross.\nEs hat Trams.");
  const StoryItem* zh = Find(*data, "ntrex/zho-CN/b.2");
  ASSERT_NE(zh, nullptr);
  EXPECT_EQ(zh->lang, "zh");
  ASSERT_NE(Find(*data, "ntrex/eng/b.2"), nullptr);
  EXPECT_EQ(Find(*data, "ntrex/eng/b.2")->lang, "en");

  // The per-pair report: each language's share placed with its English original.
  std::vector<std::string> gold, lang;
  std::vector<int64_t> predicted;
  for (const StoryItem& item : data->items) {
    gold.push_back(item.gold);
    lang.push_back(item.lang);
    // a.1 all together; b.2's Chinese version alone.
    predicted.push_back(item.gold == "a.1" ? 1 : item.lang == "zh" ? 3 : 2);
  }
  auto shares = JoinedToOriginal(gold, lang, predicted, data->original_lang);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares["de"].joined, 2u);
  EXPECT_EQ(shares["de"].items, 2u);
  EXPECT_EQ(shares["zh"].joined, 1u);
  EXPECT_DOUBLE_EQ(shares["zh"].share(), 0.5);
}

TEST(StoryDatasetsTest, MissingPathIsNamed) {
  const std::string path = (fs::temp_directory_path() / "storyloom-no-such-dataset").string();
  auto data = ReadStoryDataset(path);
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().message().find(path), std::string::npos) << data.error().message();
  EXPECT_NE(data.error().message().find("no such"), std::string::npos) << data.error().message();
}

TEST(StoryDatasetsTest, FolderOfTheWrongKindIsRefused) {
  const fs::path dir = fs::temp_directory_path() / ("storyloom-wrong-kind-" + std::to_string(::getpid()));
  fs::create_directories(dir / "pages");
  std::ofstream(dir / "pages" / "index.html") << "<html></html>\n";
  auto data = ReadStoryDataset(dir.string());
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().message().find(dir.string()), std::string::npos) << data.error().message();
  EXPECT_NE(data.error().message().find("not a story dataset"), std::string::npos) << data.error().message();

  // A JSON file without {"articles", "clusters"} is no mmds file.
  std::ofstream(dir / "other.json") << "{\"pages\": []}\n";
  auto json = ReadStoryDataset((dir / "other.json").string());
  ASSERT_FALSE(json);
  EXPECT_NE(json.error().message().find("other.json"), std::string::npos) << json.error().message();
  fs::remove_all(dir);
}

TEST(StoryDatasetsTest, WrongKindInsideTheSharedData) {
  const fs::path dir = SharedData() / "article-extraction";
  SKIP_WITHOUT(dir);
  auto data = ReadStoryDataset(dir.string());
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().message().find("article-extraction"), std::string::npos) << data.error().message();
}

}  // namespace
}  // namespace storyloom
