// Drop folders: `storyloom ingest --watch DIR` and `serve --watch DIR`, run
// as a user runs them, with files dropped while they run, and kill -9.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "e2e/cli_runner.h"
#include "storyloom/store.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

const char* kTowns[] = {"Arlen", "Bexford", "Caldera", "Dunmore", "Elsworth", "Fairhaven", "Glenrock",
                        "Harwick", "Ivybridge", "Jasper", "Kestrel", "Lowmoor", "Marlow", "Northam"};
const char* kWhat[] = {"a new bridge over the river", "the repair of the flooded school", "a ban on night lorries",
                       "the sale of the old harbour", "a second water treatment plant", "free buses for pupils",
                       "a tax on empty homes"};

// One short news report, different for every n.
std::string Report(int n) {
  std::string town = kTowns[n % 14];
  std::string what = kWhat[n % 7];
  return "The council of " + town + " voted " + std::to_string(10 + n) + " to " + std::to_string(n % 5) +
         " on Tuesday for " + what + ", the mayor said after a meeting that ran late into the night.\n\n"
         "Residents of " + town + " had gathered " + std::to_string(200 + 7 * n) +
         " signatures in the spring, and the work is due to start in " + std::to_string(2025 + n % 3) + ".\n";
}

// The stored documents' paths, each with how many documents it gave.
std::map<std::string, int> StoredPaths(const std::string& store) {
  std::map<std::string, int> out;
  if (!fs::exists(store)) return out;
  for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
    out[fs::path(d["path"].get<std::string>()).filename().string()]++;
  }
  return out;
}

// Waits (up to a minute) until `done` holds; false when it never did.
template <typename Fn>
bool WaitFor(Fn done) {
  for (int i = 0; i < 1200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool LogSays(const std::string& log, const std::string& what) { return ReadAll(log).find(what) != std::string::npos; }

// A file written as crawlers write them: under a temporary name, then
// renamed into place; or (odd n) written straight in, in two goes with a
// pause longer than the settle time between them (a slow download): the
// half written is not taken, the whole is, once.
void Drop(const std::string& dir, int n) {
  std::string name = "report-" + std::to_string(n) + ".txt";
  std::string text = Report(n);
  if (n % 2 == 0) {
    std::string tmp = (fs::path(dir) / ("." + name + ".part")).string();
    std::ofstream(tmp, std::ios::binary) << text;
    fs::rename(tmp, fs::path(dir) / name);
  } else {
    std::ofstream out(fs::path(dir) / name, std::ios::binary);
    out << text.substr(0, text.size() / 2) << std::flush;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    out << text.substr(text.size() / 2);
  }
}

bool AllOnce(const std::map<std::string, int>& stored, int n) {
  if (stored.size() != static_cast<size_t>(n)) return false;
  for (int i = 0; i < n; ++i) {
    auto it = stored.find("report-" + std::to_string(i) + ".txt");
    if (it == stored.end() || it->second != 1) return false;
  }
  return true;
}

TEST(Watch, DroppedFilesAreStoredAndAKillLosesAndDoublesNothing) {
  TempDir dir;
  std::string drop = dir.Path("drop"), store = dir.Path("w.db"), log = dir.Path("watch.log");
  fs::create_directories(drop);
  Drop(drop, 0);  // there before the watch starts
  std::vector<std::string> args = {"ingest", "--watch", drop, "--store", store, "--settle", "0.2", "--threads", "1"};

  // 1. Files dropped while it runs are stored, each once.
  pid_t pid = Spawn(args, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitFor([&] { return LogSays(log, "watching"); })) << ReadAll(log);
  for (int n = 1; n < 5; ++n) Drop(drop, n);
  EXPECT_TRUE(WaitFor([&] { return AllOnce(StoredPaths(store), 5); })) << ReadAll(log);
  EXPECT_TRUE(LogSays(log, "after settling")) << ReadAll(log);
  // Files still being written (hidden, .part, .tmp) are left alone.
  std::ofstream(fs::path(drop) / "half-written.tmp") << Report(99);
  // SIGTERM: it stops cleanly, and says so.
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadAll(log);
  EXPECT_TRUE(LogSays(log, "stopped watching"));
  EXPECT_TRUE(AllOnce(StoredPaths(store), 5));

  // 2. Killed (-9) with files written but not committed: nothing of them is
  // stored, and a restart stores them, once.
  for (int n = 5; n < 8; ++n) Drop(drop, n);
  setenv("STORYLOOM_KILL_AT", "write:1", 1);
  pid = Spawn(args, log);
  unsetenv("STORYLOOM_KILL_AT");
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << ReadAll(log);
  EXPECT_TRUE(AllOnce(StoredPaths(store), 5));

  pid = Spawn(args, log);
  EXPECT_TRUE(WaitFor([&] { return AllOnce(StoredPaths(store), 8); })) << ReadAll(log);

  // 3. Killed at moments of the test's choosing while files keep coming,
  // past the settle time so that some land inside an ingest: after a
  // restart every file is there once.
  int next = 8;
  for (int delay_ms : {260, 330, 420}) {
    for (int k = 0; k < 2; ++k, ++next) Drop(drop, next);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    pid = Spawn(args, log);
  }
  for (int stop = next + 2; next < stop; ++next) Drop(drop, next);
  EXPECT_TRUE(WaitFor([&] { return AllOnce(StoredPaths(store), next); })) << ReadAll(log);
  kill(pid, SIGTERM);
  waitpid(pid, &status, 0);
  EXPECT_TRUE(AllOnce(StoredPaths(store), next));
  // The half-written file was never taken.
  EXPECT_EQ(StoredPaths(store).count("half-written.tmp"), 0u);
  // And the stories are whole: every document is in one.
  auto stories = StoriesByDocument(store);
  EXPECT_EQ(stories.size(), static_cast<size_t>(next));
}

// The store kept inside the watched folder (the default store, `ingest
// --watch .`) is not read as input after each commit; a link dropped in is.
TEST(Watch, AStoreInsideTheFolderIsNotInputALinkIs) {
  TempDir dir;
  std::string drop = dir.Path("drop"), log = dir.Path("watch.log");
  fs::create_directories(drop);
  std::string store = (fs::path(drop) / "news.db").string();
  pid_t pid = Spawn({"ingest", "--watch", drop, "--store", store, "--settle", "0.2"}, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitFor([&] { return LogSays(log, "watching"); })) << ReadAll(log);
  for (int n = 0; n < 3; ++n) Drop(drop, n);
  EXPECT_TRUE(WaitFor([&] { return AllOnce(StoredPaths(store), 3); })) << ReadAll(log);
  // A link to a whole file is made, never written: it is taken too.
  dir.Write("elsewhere.txt", Report(3));
  fs::create_symlink(dir.Path("elsewhere.txt"), fs::path(drop) / "report-3.txt");
  EXPECT_TRUE(WaitFor([&] { return AllOnce(StoredPaths(store), 4); })) << ReadAll(log);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // a round after the last commit
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_FALSE(LogSays(log, "news.db")) << ReadAll(log);
  EXPECT_TRUE(AllOnce(StoredPaths(store), 4));
}

TEST(Watch, ServeWatchIngestsWhileServing) {
  TempDir dir;
  std::string drop = dir.Path("drop"), store = dir.Path("s.db"), log = dir.Path("serve.log");
  fs::create_directories(drop);
  dir.Write("first.txt", Report(0));
  ASSERT_EQ(RunCli({"ingest", dir.Path("first.txt"), "--store", store, "-q"}).exit_code, 0);
  pid_t pid = Spawn({"serve", "--store", store, "--port", "0", "--watch", drop, "--settle", "0.2"}, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitFor([&] { return LogSays(log, "listening on") && LogSays(log, "watching"); })) << ReadAll(log);
  for (int n = 1; n < 4; ++n) Drop(drop, n);
  EXPECT_TRUE(WaitFor([&] { return StoredPaths(store).size() == 4; })) << ReadAll(log);
  EXPECT_TRUE(LogSays(log, "after settling")) << ReadAll(log);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadAll(log);
}

TEST(Watch, AMissingFolderIsSaid) {
  TempDir dir;
  CliResult r = RunCli({"ingest", "--watch", dir.Path("nowhere"), "--store", dir.Path("x.db")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not a folder"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("watching"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("x.db"))) << "no store is made for a watch that cannot start";
  // The server says so before it starts, rather than serving without its watch.
  r = RunCli({"serve", "--watch", dir.Path("nowhere"), "--store", dir.Path("x.db"), "--port", "0"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not a folder"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace storyloom::testing
