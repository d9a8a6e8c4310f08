#include "eval/timeline_datasets.h"

#include <gtest/gtest.h>

#include "shared_data.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <unistd.h>

namespace storyloom {
namespace {

namespace fs = std::filesystem;

// The checks below are counts and structure, not the articles' sentences.
using testing::SharedData;

class TimelineDatasetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("storyloom-tl17-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "quake_bbc");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "quake_bbc" / name) << text;
  }
  fs::path dir_;
};

TEST_F(TimelineDatasetsTest, ReadsATopic) {
  Write("articles.jsonl",
        "{\"id\": \"7\", \"time\": \"2010-01-14\", \"text\": \"Aid arrives .\"}\n"
        "\n"
        "{\"id\": 3, \"time\": \"2010-01-12T00:00:00\", \"text\": \"A quake hits .\"}\n");
  Write("timelines.jsonl",
        "[[\"2010-01-12\", [\"A quake hits . \\n\", \"Thousands die .\"]], [\"2010-01-14\", [\"Aid arrives .\"]],"
        " [\"2010-01-12\", [\"The quake hits .\"]]]\n"
        "[]\n"
        "[[\"2010-01-13\", [\"Rescue goes on .\"]]]\n");
  auto data = ReadTimelineDataset(dir_.string());
  ASSERT_TRUE(data) << data.error().message();
  ASSERT_EQ(data->topics.size(), 1u);
  const TimelineTopic& t = data->topics[0];
  EXPECT_EQ(t.name, "quake_bbc");
  ASSERT_EQ(t.articles.size(), 2u);
  // By published day; a numeric id is kept as its text.
  EXPECT_EQ(t.articles[0].id, "3");
  EXPECT_EQ(t.articles[0].published, "2010-01-12");
  EXPECT_EQ(t.articles[1].id, "7");
  // The empty timeline is left out; a repeated date keeps its last sentences.
  ASSERT_EQ(t.timelines.size(), 2u);
  ASSERT_EQ(t.timelines[0].size(), 2u);
  EXPECT_EQ(t.timelines[0].at("2010-01-12"), (std::vector<std::string>{"The quake hits ."}));
  EXPECT_EQ(t.timelines[0].at("2010-01-14"), (std::vector<std::string>{"Aid arrives ."}));
  EXPECT_EQ(t.timelines[1].begin()->first, "2010-01-13");
}

TEST_F(TimelineDatasetsTest, MalformedInputNamesFileAndLine) {
  Write("articles.jsonl", "{\"id\": \"1\", \"time\": \"2010-01-12\", \"text\": \"x\"}\n{\"id\": \"2\", \"text\": \"y\"}\n");
  Write("timelines.jsonl", "[[\"2010-01-12\", [\"x\"]]]\n");
  auto topic = ReadTimelineTopic((dir_ / "quake_bbc").string());
  ASSERT_FALSE(topic);
  EXPECT_NE(topic.error().message().find("articles.jsonl:2:"), std::string::npos) << topic.error().message();

  Write("articles.jsonl", "{\"id\": \"1\", \"time\": \"2010-01-12\", \"text\": \"x\"}\n");
  Write("timelines.jsonl", "[[\"2010-01-12\", [\"x\"]]]\n[[\"12 Jan 2010\", [\"x\"]]]\n");
  topic = ReadTimelineTopic((dir_ / "quake_bbc").string());
  ASSERT_FALSE(topic);
  EXPECT_NE(topic.error().message().find("timelines.jsonl:2: entry 1"), std::string::npos) << topic.error().message();

  Write("timelines.jsonl", "[[\"2010-01-12\", \"x\"]]\n");
  topic = ReadTimelineTopic((dir_ / "quake_bbc").string());
  ASSERT_FALSE(topic);
  EXPECT_NE(topic.error().message().find("timelines.jsonl:1:"), std::string::npos) << topic.error().message();

  Write("timelines.jsonl", "{not json\n");
  topic = ReadTimelineTopic((dir_ / "quake_bbc").string());
  ASSERT_FALSE(topic);
  EXPECT_NE(topic.error().message().find("timelines.jsonl:1:"), std::string::npos) << topic.error().message();

  fs::remove(dir_ / "quake_bbc" / "timelines.jsonl");
  topic = ReadTimelineTopic((dir_ / "quake_bbc").string());
  ASSERT_FALSE(topic);
  EXPECT_NE(topic.error().message().find("timelines.jsonl"), std::string::npos) << topic.error().message();

  EXPECT_FALSE(ReadTimelineDataset((dir_ / "nowhere").string()));
  EXPECT_FALSE(ReadTimelineDataset(dir_.string()));  // no folder with both files
}

TEST(TimelineDatasetsRealTest, Timeline17) {
  const fs::path dir = SharedData() / "timeline17";
  SKIP_WITHOUT(dir);
  auto data = ReadTimelineDataset(dir.string());
  ASSERT_TRUE(data) << data.error().message();
  ASSERT_EQ(data->topics.size(), 16u);
  size_t articles = 0, timelines = 0;
  std::set<std::string> names;
  for (const TimelineTopic& t : data->topics) {
    names.insert(t.name);
    articles += t.articles.size();
    timelines += t.timelines.size();
    for (size_t i = 1; i < t.articles.size(); ++i) EXPECT_LE(t.articles[i - 1].published, t.articles[i].published);
  }
  EXPECT_EQ(articles, 4352u);  // the lines of the 16 articles.jsonl
  EXPECT_EQ(timelines, 18u);  // SyrianCrisis_reuters has 3
  EXPECT_TRUE(names.count("H1N1_bbc"));
  for (const TimelineTopic& t : data->topics) {
    if (t.name == "H1N1_bbc") {
      EXPECT_EQ(t.articles.size(), 122u);
      ASSERT_EQ(t.timelines.size(), 1u);
      // 9 entries, two of them repeating a date: 7 dates.
      EXPECT_EQ(t.timelines[0].size(), 7u);
      EXPECT_EQ(t.timelines[0].begin()->first, "2009-04-27");
      EXPECT_EQ(t.timelines[0].rbegin()->first, "2009-05-04");
    }
    if (t.name == "SyrianCrisis_reuters") {
      ASSERT_EQ(t.timelines.size(), 3u);
      EXPECT_EQ(t.timelines[0].size(), 32u);
      EXPECT_EQ(t.timelines[2].size(), 76u);
    }
  }
}

// Each gold timeline scored against itself: every date matches itself at
// cost 0, so AR-1, AR-2 and date F1 are all 1.
TEST(TimelineDatasetsRealTest, GoldAgainstItselfScoresOne) {
  const fs::path dir = SharedData() / "timeline17" / "H1N1_bbc";
  SKIP_WITHOUT(dir);
  auto topic = ReadTimelineTopic(dir.string());
  ASSERT_TRUE(topic) << topic.error().message();
  auto rouge = RougeTokenizer::Load(STORYLOOM_SOURCE_DIR "/resources");
  ASSERT_TRUE(rouge) << rouge.error().message();
  TimelineScores s = ScoreTimeline(topic->timelines[0], topic->timelines[0], **rouge);
  EXPECT_DOUBLE_EQ(s.rouge1.f1, 1);
  EXPECT_DOUBLE_EQ(s.rouge2.f1, 1);
  EXPECT_DOUBLE_EQ(s.dates.f1, 1);
}

}  // namespace
}  // namespace storyloom
