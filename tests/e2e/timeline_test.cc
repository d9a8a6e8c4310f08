// Timelines end to end: the seeds' Niger story as a Vietnamese reader gets it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <sqlite3.h>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

class SeedsTimeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string seeds = SharedDir() + "/seeds";
    if (!fs::exists(seeds)) return;
    dir_ = new TempDir();
    store_ = dir_->Path("t.db");
    CliResult ingest = RunCli({"ingest", seeds, "--store", store_, "-q"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store_}).out)) {
      docs_[d["id"].get<int64_t>()] = d;
    }
    // The Niger story is the one holding the Indonesian report.
    for (const auto& s : JsonLines(RunCli({"stories", "--json", "--store", store_}).out)) {
      for (const auto& id : s["docs"]) {
        if (docs_[id.get<int64_t>()]["lang"] == "id") niger_ = s["id"].get<int64_t>();
      }
    }
    CliResult t = RunCli({"timeline", std::to_string(niger_), "--lang", "vi", "--format", "json", "--store", store_});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    timeline_ = nlohmann::json::parse(t.out);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!dir_) GTEST_SKIP() << "seeds not found at " << SharedDir() << "/seeds (../shared is absent)";
  }

  // The entry of a date, or null.
  static const nlohmann::json* Entry(const std::string& date) {
    for (const auto& e : timeline_["entries"]) {
      if (e["date"] == date) return &e;
    }
    return nullptr;
  }
  static std::string Text(const nlohmann::json& entry) {
    std::string all;
    for (const auto& s : entry["sentences"]) all += s["text"].get<std::string>() + "\n";
    return all;
  }
  static std::string Path(int64_t doc) { return docs_[doc]["path"].get<std::string>(); }

  void RunsInDateOrder();
  void DatesTheEventsRight();
  void PrefersVietnameseAndCitesTheOthers();
  void LeadsBackToOriginalBytes();

  static inline TempDir* dir_ = nullptr;
  static inline std::string store_;
  static inline std::map<int64_t, nlohmann::json> docs_;
  static inline int64_t niger_ = 0;
  static inline nlohmann::json timeline_;
};

// One test a ctest process pays for one ingest: the checks of the Vietnamese
// timeline share it.
TEST_F(SeedsTimeline, VietnameseTimelineOfTheNigerStory) {
  {
    SCOPED_TRACE("runs in date order from the coup to the withdrawal talks");
    RunsInDateOrder();
  }
  {
    SCOPED_TRACE("dates the events right, the list's yearless days included");
    DatesTheEventsRight();
  }
  {
    SCOPED_TRACE("prefers Vietnamese and cites the Indonesian and Arabic reports");
    PrefersVietnameseAndCitesTheOthers();
  }
  {
    SCOPED_TRACE("every sentence leads back to its original bytes");
    LeadsBackToOriginalBytes();
  }
}

void SeedsTimeline::RunsInDateOrder() {
  const auto& entries = timeline_["entries"];
  ASSERT_GE(entries.size(), 12u);
  for (size_t i = 1; i < entries.size(); ++i) {
    EXPECT_LT(entries[i - 1]["date"].get<std::string>(), entries[i]["date"].get<std::string>());
  }
  EXPECT_EQ(entries.front()["date"], "2023-07");
  EXPECT_NE(Text(entries.front()).find("đảo chính"), std::string::npos) << Text(entries.front());
  EXPECT_EQ(entries.back()["date"], "2024-04-22");
  EXPECT_NE(Text(entries.back()).find("rút"), std::string::npos) << Text(entries.back());
}

void SeedsTimeline::DatesTheEventsRight() {
  // date -> words its sentence must hold. 000's leads give "25-8", "15/12",
  // "22-12" and "10-4" with no year: the story fixes them.
  std::map<std::string, std::vector<std::string>> expected = {
      {"2023-08-25", {"Đại sứ Pháp"}},         // the French ambassador told to leave
      {"2023-12-15", {"ECOWAS", "đình chỉ"}},  // ECOWAS suspends Niger
      {"2023-12-22", {"Pháp", "rút"}},         // the French withdrawal ends
      {"2024-04-10", {"Nga", "10-4"}},         // the Russian instructors arrive
      {"2024-03-16", {"16/3"}},                // Niger ends the agreement with the US
      {"2023-12-03", {}},                      // the Russian delegation (Indonesian, Arabic)
  };
  for (const auto& [date, words] : expected) {
    const nlohmann::json* e = Entry(date);
    ASSERT_NE(e, nullptr) << "no entry for " << date << "\n" << timeline_.dump(1);
    for (const std::string& w : words) EXPECT_NE(Text(*e).find(w), std::string::npos) << date << ": " << Text(*e);
  }
  for (const auto& e : timeline_["entries"]) {
    std::string year = e["date"].get<std::string>().substr(0, 4);
    EXPECT_TRUE(year == "2023" || year == "2024") << e["date"];
  }
}

void SeedsTimeline::PrefersVietnameseAndCitesTheOthers() {
  for (const char* date : {"2023-12-03", "2023-12-04"}) {
    const nlohmann::json* e = Entry(date);
    ASSERT_NE(e, nullptr) << date;
    std::set<std::string> paths;
    for (const auto& id : (*e)["sources"]) paths.insert(fs::path(Path(id.get<int64_t>())).filename().string().substr(0, 3));
    EXPECT_TRUE(paths.contains("003")) << date;
    EXPECT_TRUE(paths.contains("004")) << date;
    // No Vietnamese report tells it: the original (Indonesian), not its
    // translation, is quoted, with its language.
    EXPECT_EQ((*e)["sentences"][0]["lang"], "id") << date;
  }
  // Everything else is told in Vietnamese.
  for (const auto& e : timeline_["entries"]) {
    if (e["date"].get<std::string>().starts_with("2023-12-0")) continue;
    EXPECT_EQ(e["sentences"][0]["lang"], "vi") << e["date"];
  }
}

void SeedsTimeline::LeadsBackToOriginalBytes() {
  for (const auto& e : timeline_["entries"]) {
    for (const auto& s : e["sentences"]) {
      int64_t doc = s["doc"].get<int64_t>();
      std::string raw = ReadAll(Path(doc));
      size_t start = s["start"].get<size_t>(), end = s["end"].get<size_t>();
      ASSERT_LE(end, raw.size());
      ASSERT_LT(start, end);
      // The seeds' bytes are the cleaned text's bytes, but for Vietnamese
      // corpus lines where '_' joined words.
      std::string original = raw.substr(start, end - start);
      std::string text = s["text"].get<std::string>();
      for (char& c : original) {
        if (c == '_') c = ' ';
      }
      // The whole sentence, not a prefix: cleaning may fold or drop white
      // space (a corpus line's space before a comma), nothing else.
      auto squeeze = [](const std::string& x) {
        std::string out;
        for (char c : x) {
          if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
        }
        return out;
      };
      EXPECT_EQ(squeeze(original), squeeze(text)) << e["date"];
      bool cited = false;
      for (const auto& id : e["sources"]) cited |= id.get<int64_t>() == doc;
      EXPECT_TRUE(cited) << "the quoted document is among the sources of " << e["date"];
    }
  }
}

TEST_F(SeedsTimeline, OtherFormatsAndClearErrors) {
  CliResult html = RunCli({"timeline", std::to_string(niger_), "--format", "html", "--store", store_});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_NE(html.out.find("<svg"), std::string::npos);
  EXPECT_NE(html.out.find("2023-12-22"), std::string::npos);
  EXPECT_EQ(html.out.find("<script"), std::string::npos) << "the page needs no script";
  CliResult md = RunCli({"timeline", std::to_string(niger_), "--format", "markdown", "--store", store_});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("## 2024-04-10"), std::string::npos);
  CliResult missing = RunCli({"timeline", "999", "--store", store_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no story 999"), std::string::npos) << missing.err;
  CliResult bad = RunCli({"timeline", std::to_string(niger_), "--format", "pdf", "--store", store_});
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace storyloom::testing

namespace storyloom::testing {
namespace {

// The sample corpus (ours, always present): the dam story happened in March
// 2025, whatever year the reports left unsaid.
TEST(SamplesTimeline, EveryDateOfTheDamStoryIsInMarch2025) {
  TempDir dir;
  std::string store = dir.Path("s.db");
  CliResult ingest = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/samples", "--store", store, "-q"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto stories = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  ASSERT_FALSE(stories.empty());
  const auto& largest = stories.front();  // largest first: the dam story, in four languages
  EXPECT_EQ(largest["langs"].size(), 4u) << largest.dump();
  CliResult t = RunCli({"timeline", std::to_string(largest["id"].get<int64_t>()), "--format", "json", "--store", store});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  auto timeline = nlohmann::json::parse(t.out);
  ASSERT_GE(timeline["entries"].size(), 8u);
  for (const auto& e : timeline["entries"]) {
    EXPECT_TRUE(e["date"].get<std::string>().starts_with("2025-03")) << e["date"] << " " << e["sentences"][0]["text"];
  }
}

// Ingest stores each document's annotations, and the timeline reads them
// instead of annotating again: a store without them (one an older storyloom
// wrote) gives the same timeline, annotated afresh.
TEST(SamplesTimeline, ReadsStoredAnnotationsAndOlderStoresAlike) {
  TempDir dir;
  std::string store = dir.Path("s.db");
  CliResult ingest = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/samples", "--store", store, "-q"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  auto count = [&](const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  };
  const int64_t docs = count("SELECT count(*) FROM documents");
  ASSERT_GT(docs, 10);
  EXPECT_EQ(count("SELECT count(*) FROM doc_annotations"), docs);
  auto stories = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  ASSERT_FALSE(stories.empty());
  std::vector<std::string> before;
  for (const auto& s : stories) {
    CliResult t = RunCli({"timeline", std::to_string(s["id"].get<int64_t>()), "--format", "json", "--store", store});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    before.push_back(t.out);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "DELETE FROM doc_annotations", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  ASSERT_EQ(count("SELECT count(*) FROM doc_annotations"), 0);
  for (size_t i = 0; i < stories.size(); ++i) {
    CliResult t = RunCli({"timeline", std::to_string(stories[i]["id"].get<int64_t>()), "--format", "json", "--store", store});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.out, before[i]) << "story " << stories[i]["id"];
  }
}

}  // namespace
}  // namespace storyloom::testing
