// Several ingest processes and one placer decide as one ingest does. A feed
// (three Timeline17 sources of one affair) is ingested once into a SQLite
// file, the reference; the same reports, dealt round-robin into three
// feeds, are ingested by three `ingest --no-place` processes at once (one
// of them killed -9 after its first commit and run again), and then
// `storyloom place` (killed -9 after two chunks and run again) places the
// queue. Stories, events and duplicates must be the reference's: the same
// story ids holding the same reports, folded the same way. On SQLite
// always; on PostgreSQL when STORYLOOM_TEST_PG names a server.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/cli_runner.h"
#include "stories/events.h"
#include "store/store_backends.h"
#include "storyloom/store.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

const char* const kSources[] = {"H1N1_bbc", "H1N1_guardian", "H1N1_reuters"};

// What a user compares between two stores, by content rather than by id
// (document ids follow arrival, which differs): per story, each report as
// "content hash [<- canonical's hash, kind] @event".
std::string Partition(const std::string& location, std::string* error) {
  auto opened = Store::Open(location);
  if (!opened) {
    *error = opened.error().message();
    return "";
  }
  Store& store = **opened;
  std::map<int64_t, std::string> hash;
  auto docs = store.ListDocuments();
  if (!docs) {
    *error = docs.error().message();
    return "";
  }
  for (const Document& d : *docs) hash[d.id] = d.content_hash;
  auto rows = store.StoryRows();
  if (!rows) {
    *error = rows.error().message();
    return "";
  }
  std::set<int64_t> stories;
  for (const StoryRow& r : *rows) stories.insert(r.story);
  std::ostringstream out;
  out << "documents " << docs->size() << ", placed " << rows->size() << ", queued " << store.CountQueued().value_or(-1)
      << ", stories " << stories.size() << "\n";
  for (int64_t story : stories) {
    auto placements = store.StoryPlacements(story);
    auto events = StoryEvents(store, story);
    if (!placements || !events) {
      *error = "story " + std::to_string(story) + " could not be read";
      return "";
    }
    std::map<int64_t, int> event_of;
    for (const StoryEvent& e : *events) {
      for (int64_t d : e.docs) event_of[d] = e.number;
    }
    std::multiset<std::string> lines;
    for (const StoredPlacement& p : *placements) {
      std::string line = hash[p.doc];
      if (p.duplicate_of) line += " <- " + hash[p.duplicate_of] + " " + p.duplicate_kind;
      line += " @" + std::to_string(event_of[p.doc]);
      lines.insert(line);
    }
    out << "story " << story << " (" << placements->size() << " reports, " << events->size() << " events)\n";
    for (const std::string& l : lines) out << "  " << l << "\n";
  }
  return out.str();
}

class SeveralIngestProcesses : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    // STORYLOOM_WORKERS_ALL=1 (make workers-check) runs it on every
    // Timeline17 feed, 4,352 reports, rather than three.
    std::vector<std::string> sources(std::begin(kSources), std::end(kSources));
    const char* all = std::getenv("STORYLOOM_WORKERS_ALL");
    if (all && std::string(all) == "1" && fs::exists(SharedData() / "timeline17")) {
      sources.clear();
      for (const auto& e : fs::directory_iterator(SharedData() / "timeline17")) {
        if (fs::exists(e.path() / "articles.jsonl")) sources.push_back(e.path().filename().string());
      }
      std::sort(sources.begin(), sources.end());
    }
    for (const std::string& source : sources) {
      std::string path = SharedData().string() + "/timeline17/" + source + "/articles.jsonl";
      SKIP_WITHOUT(path);
      feeds_.push_back(path);
    }
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("STORYLOOM_TEST_PG");
      if (!url || !*url) {
        GTEST_SKIP() << "STORYLOOM_TEST_PG is not set: the PostgreSQL run is skipped (.ci/run starts a server)";
      }
      std::string error;
      pg_ = PgBackend::Make(url, &error);
      ASSERT_TRUE(pg_) << error;
      store_ = pg_->url();
    } else {
      store_ = dir_.Path("shared.db");
    }
    // The reports dealt round-robin into three shares, each a folder with
    // a file per source: a worker's share is spread over the whole period,
    // as independent crawlers' would be, and is several inputs, so a worker
    // killed midway has committed some of them and not the rest.
    size_t n = 0;
    for (const std::string& feed : feeds_) {
      std::string source = fs::path(feed).parent_path().filename().string();
      std::ofstream parts[3];
      for (int i = 0; i < 3; ++i) {
        fs::create_directories(dir_.Path("part" + std::to_string(i)));
        parts[i].open(dir_.Path("part" + std::to_string(i) + "/" + source + ".jsonl"), std::ios::binary);
      }
      std::ifstream in(feed, std::ios::binary);
      std::string line;
      while (std::getline(in, line)) parts[n++ % 3] << line << "\n";
    }
  }

  std::string Worker(int i) const {
    return ShellQuote(STORYLOOM_BINARY) + " ingest " + ShellQuote(dir_.Path("part" + std::to_string(i))) +
           " --store " + ShellQuote(store_) + " --no-place --batch 40 --threads 1 -q";
  }

  TempDir dir_;
  std::vector<std::string> feeds_;
  std::unique_ptr<PgBackend> pg_;
  std::string store_;
};

TEST_P(SeveralIngestProcesses, ThreeWorkersAndAPlacerGiveTheStoriesOfOneIngestEvenAfterKills) {
  // The reference: one ordinary ingest of the whole feed into SQLite.
  std::string reference = dir_.Path("reference.db");
  std::vector<std::string> args = {"ingest"};
  args.insert(args.end(), feeds_.begin(), feeds_.end());
  args.insert(args.end(), {"--store", reference, "-q"});
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&clock](const char* what) {
    auto now = std::chrono::steady_clock::now();
    std::printf("  %-44s %6.1f s\n", what, std::chrono::duration<double>(now - clock).count());
    clock = now;
  };
  CliResult one = RunCli(args);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  lap("one ingest into SQLite (the reference)");
  std::string error;
  std::string want = Partition(reference, &error);
  ASSERT_TRUE(error.empty()) << error;

  // Three workers at once; the second dies (kill -9) once its first input
  // is committed.
  std::string together = "(" + Worker(0) + ") & (STORYLOOM_KILL_AT=commit:1 " + Worker(1) + ") & (" + Worker(2) +
                         ") & wait";
  ASSERT_EQ(std::system(("sh -c " + ShellQuote(together) + " 2>" + ShellQuote(dir_.Path("workers.err"))).c_str()), 0);
  lap("three workers at once, one killed -9");
  std::string before = Partition(store_, &error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_NE(before.find("placed 0,"), std::string::npos) << "workers with --no-place place nothing:\n" << before;
  EXPECT_NE(before.substr(0, before.find(',')), want.substr(0, want.find(',')))
      << "the killed worker was to leave part of its share unstored";
  // The killed worker, run again, stores what it had not committed.
  ASSERT_EQ(std::system(Worker(1).c_str()), 0);
  lap("the killed worker run again");

  // The placer dies after two chunks of 100; run again, it places the rest.
  std::string placer = ShellQuote(STORYLOOM_BINARY) + " place --store " + ShellQuote(store_) + " --batch 100 -q";
  int killed = std::system(("STORYLOOM_KILL_AT=place:2 " + placer + " 2>/dev/null").c_str());
  EXPECT_NE(killed, 0) << "the placer was to be killed after its second chunk";
  lap("the placer, killed -9 after two chunks");
  ASSERT_EQ(std::system(placer.c_str()), 0);
  lap("the placer run again");

  std::string got = Partition(store_, &error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_NE(want.find("queued 0,"), std::string::npos) << want;
  EXPECT_GT(want.size(), 1000u) << "the reference holds stories";
  std::printf("  %s", got.substr(0, got.find('\n') + 1).c_str());
  EXPECT_EQ(got, want) << "three workers and a placer on " << GetParam() << " decided otherwise than one ingest";

  // Ingesting the feed again through a worker adds nothing: no report doubled.
  ASSERT_EQ(std::system(Worker(0).c_str()), 0);
  EXPECT_EQ(Partition(store_, &error), want);
}

INSTANTIATE_TEST_SUITE_P(, SeveralIngestProcesses, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace storyloom::testing
