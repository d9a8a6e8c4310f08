// The whole product on PostgreSQL: the sample corpus ingested into a
// PostgreSQL database gives the very documents, stories and timelines a
// SQLite file gives, and `storyloom serve` answers the same from either.
// Runs when STORYLOOM_TEST_PG names a server (.ci/run starts one).
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "e2e/cli_runner.h"
#include "serve/server_process.h"
#include "store/store_backends.h"

namespace storyloom::testing {
namespace {

class OnBothBackends : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* url = std::getenv("STORYLOOM_TEST_PG");
    if (!url || !*url) return;
    dir_ = new TempDir();
    pg_ = PgBackend::Make(url, &error_).release();
    if (!pg_) return;
    sqlite_ = dir_->Path("samples.db");
    postgres_ = pg_->url();
    for (const std::string& store : {sqlite_, postgres_}) {
      CliResult ingest = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/samples", "--store", store, "-q"});
      if (ingest.exit_code != 0) error_ += store + ": " + ingest.err;
    }
  }
  static void TearDownTestSuite() {
    delete pg_;
    pg_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!std::getenv("STORYLOOM_TEST_PG") || !*std::getenv("STORYLOOM_TEST_PG")) {
      GTEST_SKIP() << "STORYLOOM_TEST_PG is not set: PostgreSQL end-to-end tests skipped (.ci/run starts a server)";
    }
    ASSERT_TRUE(error_.empty()) << error_;
  }
  // The command's output on each store; both must succeed.
  static std::pair<std::string, std::string> Both(std::vector<std::string> args) {
    std::vector<std::string> a = args, b = args;
    a.insert(a.end(), {"--store", sqlite_});
    b.insert(b.end(), {"--store", postgres_});
    CliResult x = RunCli(a), y = RunCli(b);
    EXPECT_EQ(x.exit_code, 0) << x.err;
    EXPECT_EQ(y.exit_code, 0) << y.err;
    return {x.out, y.out};
  }

  static inline TempDir* dir_ = nullptr;
  static inline PgBackend* pg_ = nullptr;
  static inline std::string sqlite_, postgres_, error_;
};

TEST_F(OnBothBackends, SameDocumentsStoriesAndTimelines) {
  auto [docs_a, docs_b] = Both({"docs", "--json"});
  EXPECT_GE(JsonLines(docs_a).size(), 10u);
  EXPECT_EQ(docs_a, docs_b);
  auto [stories_a, stories_b] = Both({"stories", "--json"});
  EXPECT_EQ(stories_a, stories_b);
  auto stories = JsonLines(stories_a);
  ASSERT_GE(stories.size(), 3u);
  for (const auto& s : stories) {
    const std::string id = std::to_string(s["id"].get<int64_t>());
    auto [ta, tb] = Both({"timeline", id, "--format", "json"});
    EXPECT_EQ(ta, tb) << "story " << id;
    auto [va, vb] = Both({"story", id, "--json"});
    EXPECT_EQ(va, vb) << "story " << id;
  }
  // The original bytes of a document come back the same from both.
  auto [show_a, show_b] = Both({"show", "1"});
  EXPECT_EQ(show_a, show_b);
}

TEST_F(OnBothBackends, ServerAnswersTheSameFromEither) {
  ServerProcess a, b;
  ASSERT_TRUE(a.Start({"serve", "--store", sqlite_, "--port", "0"}, dir_->Path("a.err"))) << a.error();
  ASSERT_TRUE(b.Start({"serve", "--store", postgres_, "--port", "0"}, dir_->Path("b.err"))) << b.error();
  auto get = [](int port, const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return std::string();
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
    return res->body;
  };
  std::string stories = get(a.port(), "/api/stories");
  EXPECT_EQ(stories, get(b.port(), "/api/stories"));
  auto list = nlohmann::json::parse(stories, nullptr, false);
  ASSERT_TRUE(list.is_object() || list.is_array()) << stories;
  const auto& items = list.is_array() ? list : list["stories"];
  ASSERT_FALSE(items.empty()) << stories;
  const std::string id = std::to_string(items[0]["id"].get<int64_t>());
  for (const std::string& path : {"/api/stories/" + id, "/api/stories/" + id + "/timeline?lang=vi",
                                 std::string("/api/documents/1")}) {
    std::string x = get(a.port(), path);
    EXPECT_EQ(x, get(b.port(), path)) << path;
    EXPECT_GT(x.size(), 20u) << path;
  }
  // Search finds the same documents with the same snippets; each backend
  // ranks with its own full-text engine, so the scores (and the order of
  // near ties) are their own.
  for (const std::string path : {"/api/search?q=Dovan", "/api/search?q=banjir&lang=id", "/api/search?q=sơ%20tán"}) {
    auto hits = [&](int port) {
      auto j = nlohmann::json::parse(get(port, path), nullptr, false);
      std::map<int64_t, std::string> out;
      if (!j.is_object()) return std::make_pair(size_t{0}, out);
      for (const auto& h : j["hits"]) out[h["doc"].get<int64_t>()] = h["snippet"].dump() + h["title"].dump();
      return std::make_pair(j["total"].get<size_t>(), out);
    };
    auto x = hits(a.port()), y = hits(b.port());
    EXPECT_GT(x.first, 0u) << path;
    EXPECT_EQ(x.first, y.first) << path;
    EXPECT_EQ(x.second, y.second) << path;
  }
}

}  // namespace
}  // namespace storyloom::testing
