// End to end: `storyloom annotate` on the seeds resolves the dates the
// issue names, with the document dates they depend on.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

class SeedsAnnotateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string seeds = SharedDir() + "/seeds";
    if (!std::filesystem::exists(seeds)) GTEST_SKIP() << "seeds not found at " << seeds << " (../shared is absent)";
    CliResult r = RunCli({"ingest", seeds, "--store", store_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store_}).out)) {
      std::string path = d["path"];
      std::string seed = std::filesystem::path(path).filename().string().substr(0, 3);
      ids_[seed].push_back(std::to_string(d["id"].get<int>()));
    }
  }
  // Every (text -> value) the annotate command reports, by document id; one
  // call for all of them (loading the anchor tables takes a few seconds).
  std::map<std::string, std::multimap<std::string, std::string>> AllDates() {
    std::vector<std::string> args = {"annotate", "--json", "--store", store_};
    for (const auto& [seed, ids] : ids_) args.insert(args.end(), ids.begin(), ids.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, std::multimap<std::string, std::string>> out;
    for (const auto& s : JsonLines(r.out)) {
      for (const auto& d : s["dates"]) {
        auto& dates = out[s["doc"].get<std::string>()];
        dates.emplace(d["text"].get<std::string>(), d["value"].get<std::string>());
        if (d.contains("relative_year")) {  // also as "value@offset"
          dates.emplace(d["text"].get<std::string>(),
                        d["value"].get<std::string>() + "@" + std::to_string(d["relative_year"].get<int>()));
        }
      }
    }
    return out;
  }
  static bool Has(const std::multimap<std::string, std::string>& dates, const std::string& text_part,
                  const std::string& value) {
    for (const auto& [text, v] : dates) {
      if (text.find(text_part) != std::string::npos && v == value) return true;
    }
    return false;
  }

  TempDir tmp_;
  std::string store_ = tmp_.Path("annotate.db");
  std::map<std::string, std::vector<std::string>> ids_;
};

TEST_F(SeedsAnnotateTest, TheIssuesDatesResolve) {
  ASSERT_EQ(ids_["000"].size(), 1u);
  ASSERT_EQ(ids_["001"].size(), 3u);
  ASSERT_EQ(ids_["002"].size(), 1u);
  auto dates = AllDates();
  EXPECT_TRUE(Has(dates[ids_["002"][0]], "16/3", "2024-03-16"));
  EXPECT_TRUE(Has(dates[ids_["002"][0]], "tháng 7/2023", "2023-07"));
  EXPECT_TRUE(Has(dates[ids_["003"][0]], "4 Desember", "2023-12-04"));
  EXPECT_TRUE(Has(dates[ids_["004"][0]], "4 ديسمبر", "2023-12-04"));
  // 001 has no date of its own: its year comes from its own July 2023 mention.
  EXPECT_TRUE(Has(dates[ids_["001"][0]], "22/4", "2024-04-22"));
  // 000 names no year at all: its days stay year-unknown, but its leads run
  // newest first, so 10-4 falls in the year after 22-12.
  EXPECT_TRUE(Has(dates[ids_["000"][0]], "10-4", "XXXX-04-10@0"));
  EXPECT_TRUE(Has(dates[ids_["000"][0]], "22-12", "XXXX-12-22@-1"));
  EXPECT_TRUE(Has(dates[ids_["000"][0]], "1-9", "XXXX-09-01@-1"));  // out of order by two days: same year
}

}  // namespace
}  // namespace storyloom::testing
