// End to end: `storyloom annotate --compare` on the Indonesian and Arabic
// seeds (003, 004: one story in two languages and scripts) lists the places
// they share and a Jaccard above zero, in text and in JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

// The seed file whose name starts with prefix ("003_"), or "".
std::string Seed(const std::string& prefix) {
  std::string dir = SharedDir() + "/seeds";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().filename().string().starts_with(prefix)) return e.path().string();
  return "";
}

class AnnotateCompareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    id_ = Seed("003_");
    ar_ = Seed("004_");
    if (id_.empty() || ar_.empty()) GTEST_SKIP() << "seeds 003/004 not found in " << SharedDir() << "/seeds";
  }
  std::string id_, ar_;
};

TEST_F(AnnotateCompareTest, IndonesianAndArabicSeedsShareNigerAndRussia) {
  CliResult r = RunCli({"annotate", "--compare", id_, ar_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line, geo;
  double jaccard = -1;
  while (std::getline(lines, line)) {
    if (line.starts_with("  geo ")) geo = line + " ";
    // "Jaccard   0.1457  (37 of 254 keys)"; not "Jaccard without lex:".
    if (line.starts_with("Jaccard ") && !line.starts_with("Jaccard without")) jaccard = std::stod(line.substr(8));
  }
  EXPECT_NE(geo.find(" geo:NE "), std::string::npos) << r.out;
  EXPECT_NE(geo.find(" geo:RU "), std::string::npos) << r.out;
  EXPECT_GT(jaccard, 0.0) << r.out;
}

TEST_F(AnnotateCompareTest, JsonListsSharedKeysByKind) {
  CliResult r = RunCli({"annotate", "--compare", id_, ar_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto objects = JsonLines(r.out);
  ASSERT_EQ(objects.size(), 1u) << r.out;
  const auto& j = objects[0];
  std::vector<std::string> geo = j["shared"]["geo"];
  EXPECT_NE(std::find(geo.begin(), geo.end(), "geo:NE"), geo.end()) << r.out;
  EXPECT_NE(std::find(geo.begin(), geo.end(), "geo:RU"), geo.end()) << r.out;
  EXPECT_EQ(j["a"]["lang"], "id");
  EXPECT_EQ(j["b"]["lang"], "ar");
  EXPECT_GT(j["jaccard"].get<double>(), 0.0);
  EXPECT_GE(j["jaccard_without_lex"].get<double>(), 0.0);
  EXPECT_GT(j["weighted_jaccard"].get<double>(), 0.0);
}

TEST(AnnotateCompareArgsTest, NeedsExactlyTwoDocuments) {
  CliResult r = RunCli({"annotate", "--compare", "1"});
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace storyloom::testing
