// Nothing lost, nothing corrupted: ingests killed at exact points and by real
// signals, a write that fails, and several writers on one store. Each case
// runs the real binary on real reports (Timeline17 articles, cut into small
// feed files so that a run commits many times) and checks what a user would:
// after a rerun the store holds every document, and the same stories as a
// run that was never interrupted.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include <httplib.h>
#include <sqlite3.h>

#include "e2e/cli_runner.h"
#include "serve/server_process.h"
#include "store/row_codec.h"
#include "stories/features_codec.h"
#include "storyloom/store.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

// Writes `files` feed files of `lines` articles each, taken in order from
// a Timeline17 topic, into dir/name-NN.jsonl. False when the data is absent.
bool CutTopic(const TempDir& dir, const std::string& topic, size_t files, size_t lines) {
  fs::path src = SharedData() / "timeline17" / topic / "articles.jsonl";
  std::ifstream in(src);
  if (!in) return false;
  std::string line;
  for (size_t f = 0; f < files; ++f) {
    std::string out;
    for (size_t k = 0; k < lines && std::getline(in, line); ++k) out += line + "\n";
    char name[64];
    std::snprintf(name, sizeof name, "%s-%02zu.jsonl", topic.c_str(), f);
    dir.Write(std::string("feed/") + name, out);
  }
  return true;
}

// What a user compares: the documents (by where they came from) and the
// stories as sets of them.
struct Snapshot {
  std::vector<std::string> documents;
  std::set<std::set<std::string>> stories;
  bool operator==(const Snapshot&) const = default;
};

Snapshot Take(const std::string& store) {
  Snapshot s;
  for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
    s.documents.push_back(d["path"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) + ":" +
                          std::to_string(d["part"].get<int>()));
  }
  s.stories = Partition(StoriesByDocument(store));
  return s;
}

// Runs a shell command line; its exit status as a shell reports it (128 + N
// for a process killed by signal N).
int Shell(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string IngestCommand(const std::string& feed, const std::string& store, const std::string& log) {
  return ShellQuote(STORYLOOM_BINARY) + " ingest " + ShellQuote(feed) + " --store " + ShellQuote(store) +
         " --batch 24 --threads 2 -q >>" + ShellQuote(log) + " 2>&1 </dev/null";
}

size_t StoredDocuments(const std::string& store) {
  if (!fs::exists(store)) return 0;
  auto s = Store::Open(store, Store::Mode::kExisting);
  return s ? static_cast<size_t>((*s)->CountDocuments()) : 0;
}

class CrashResume : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two unrelated affairs, 12 feed files of 16 reports each.
    if (!CutTopic(dir_, "H1N1_bbc", 6, 16) || !CutTopic(dir_, "MJ_bbc", 6, 16)) {
      GTEST_SKIP() << "no Timeline17 under " << SharedData() << " (../shared/data absent)";
    }
    feed_ = dir_.Path("feed");
    log_ = dir_.Path("log.txt");
    std::string ref = dir_.Path("reference.db");
    ASSERT_EQ(Shell(IngestCommand(feed_, ref, log_)), 0) << ReadAll(log_);
    reference_ = Take(ref);
    ASSERT_GT(reference_.documents.size(), 150u);
  }

  // Runs the ingest until it ends (killed or not), then again without the
  // hook, and compares with the uninterrupted run.
  void ExpectRerunCompletes(const std::string& store, const std::string& what) {
    ASSERT_EQ(Shell(IngestCommand(feed_, store, log_)), 0) << what << "\n" << ReadAll(log_);
    Snapshot after = Take(store);
    EXPECT_EQ(after.documents.size(), reference_.documents.size()) << what;
    EXPECT_EQ(after.documents, reference_.documents) << what;
    EXPECT_EQ(after.stories.size(), reference_.stories.size()) << what;
    EXPECT_TRUE(after.stories == reference_.stories) << what << ": stories differ from the uninterrupted run";
  }

  TempDir dir_;
  std::string feed_, log_;
  Snapshot reference_;
};

TEST_F(CrashResume, KilledAtExactPointsThenRerunLosesNothing) {
  // After the Nth commit, and after a batch is written but before its
  // commit: the store must hold whole inputs only, and a rerun the rest.
  for (std::string point : {"commit:1", "commit:4", "write:2", "write:5"}) {
    std::string store = dir_.Path("kill-" + point.substr(0, point.find(':')) + point.substr(point.find(':') + 1) + ".db");
    int code = Shell("STORYLOOM_KILL_AT=" + point + " " + IngestCommand(feed_, store, log_));
    ASSERT_EQ(code, 128 + SIGKILL) << point << ": the hook did not fire\n" << ReadAll(log_);
    size_t partial = StoredDocuments(store);
    EXPECT_LT(partial, reference_.documents.size()) << point;
    // What was committed is whole inputs: every stored input has all the
    // documents the uninterrupted run made of it.
    Snapshot mid = Take(store);
    std::map<std::string, size_t> per_input_mid, per_input_ref;
    for (const auto& d : mid.documents) ++per_input_mid[d.substr(0, d.find(':'))];
    for (const auto& d : reference_.documents) ++per_input_ref[d.substr(0, d.find(':'))];
    for (const auto& [input, n] : per_input_mid) EXPECT_EQ(n, per_input_ref[input]) << point << ": " << input;
    ExpectRerunCompletes(store, point);
  }
}

TEST_F(CrashResume, RealSignalsThenRerunLosesNothing) {
  for (int sig : {SIGKILL, SIGINT, SIGTERM}) {
    std::string store = dir_.Path("signal-" + std::to_string(sig) + ".db");
    // The ingest pauses after its first commit: the signal lands while the
    // rest is still to come, on a machine of any speed.
    setenv("STORYLOOM_PAUSE_AT", "commit:1", 1);
    pid_t pid = Spawn({"ingest", feed_, "--store", store, "--batch", "24", "--threads", "2", "-q"}, log_);
    unsetenv("STORYLOOM_PAUSE_AT");
    ASSERT_GT(pid, 0);
    // Strike once something is committed, while the rest is still coming.
    int status = 0;
    bool exited = false;
    for (int i = 0; i < 6000 && StoredDocuments(store) == 0; ++i) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(exited) << "the ingest ended before it could be interrupted";
    kill(pid, sig);
    waitpid(pid, &status, 0);
    EXPECT_LT(StoredDocuments(store), reference_.documents.size()) << "signal " << sig << " came too late to test";
    ExpectRerunCompletes(store, "signal " + std::to_string(sig));
  }
}

TEST_F(CrashResume, FailingWriteThenRerunCompletes) {
  // The store's file may not grow past ~1.5 MB (RLIMIT_FSIZE, with SIGXFSZ
  // ignored): a write fails as on a full disk. The ingest must say so,
  // exit non-zero, and leave a store that a rerun completes.
  std::string store = dir_.Path("full.db");
  int code = Shell("sh -c " + ShellQuote("trap '' XFSZ; ulimit -f 3000; exec " + IngestCommand(feed_, store, log_)));
  EXPECT_EQ(code, 1) << ReadAll(log_);
  EXPECT_NE(ReadAll(log_).find("storyloom ingest:"), std::string::npos) << ReadAll(log_);
  EXPECT_LT(StoredDocuments(store), reference_.documents.size());
  ExpectRerunCompletes(store, "failing write");
}

TEST(ConcurrentWriters, TwoIngestsAndAServerKeepUnrelatedAffairsApart) {
  TempDir dir;
  // Two affairs that one process never mixes, in either order (checked on
  // this cut): swine flu for one command-line ingest, the BP oil spill for
  // another, and more oil-spill reports (another paper's) posted to a
  // server on the same store meanwhile.
  if (!CutTopic(dir, "H1N1_reuters", 12, 10) || !CutTopic(dir, "bpoil_bbc", 12, 10) ||
      !CutTopic(dir, "bpoil_guardian", 4, 10)) {
    GTEST_SKIP() << "no Timeline17 under " << SharedData() << " (../shared/data absent)";
  }
  for (const char* half : {"a", "b", "c"}) fs::create_directories(dir.Path(half));
  for (const auto& e : fs::directory_iterator(dir.Path("feed"))) {
    std::string name = e.path().filename().string();
    const char* half = name.rfind("H1N1", 0) == 0 ? "a/" : name.rfind("bpoil_bbc", 0) == 0 ? "b/" : "c/";
    fs::rename(e.path(), dir.Path(half + name));
  }
  std::string store = dir.Path("shared.db");
  std::string log = dir.Path("log.txt");
  ServerProcess server;
  ASSERT_TRUE(server.Start({"serve", "--store", store, "--port", "0"}, dir.Path("serve.log"))) << server.error();
  // A batch of at most 10 documents: each file (and each POST) is one
  // batch and one transaction, so the order in which the three writers
  // took turns can be replayed exactly below.
  // The two ingests start writing together: the test holds the store's
  // write lock until both say they are waiting for it (each finishes
  // loading at its own pace, and one could otherwise be done before the
  // other has begun).
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(store.c_str(), &holder), SQLITE_OK);
  sqlite3_busy_timeout(holder, 60000);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(holder);
  pid_t a = Spawn({"ingest", dir.Path("a"), "--store", store, "--batch", "10", "--threads", "1", "-q"}, log);
  pid_t b = Spawn({"ingest", dir.Path("b"), "--store", store, "--batch", "10", "--threads", "1", "-q"}, log);
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  auto waiting = [&] {
    std::string text = ReadAll(log);
    size_t n = 0;
    for (size_t at = text.find("waiting for another writer"); at != std::string::npos;
         at = text.find("waiting for another writer", at + 1))
      ++n;
    return n;
  };
  for (int i = 0; i < 1200 && waiting() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_GE(waiting(), 2u) << "both ingests wait for the writer that holds the store";
  ASSERT_EQ(sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(holder);
  // Once the ingests are under way, each of the other paper's files is
  // one POST.
  for (int i = 0; i < 3000 && StoredDocuments(store) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::set<int64_t> posted;
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(120);
  for (const auto& e : fs::directory_iterator(dir.Path("c"))) {
    std::string body, line;
    std::ifstream in(e.path());
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line);
      if (j["text"].get<std::string>().empty()) continue;
      body += nlohmann::json{{"text", j["text"]}, {"published", j["time"]}, {"source", "guardian"}}.dump() + "\n";
    }
    auto res = c.Post("/api/documents", body, "application/x-ndjson");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    auto answer = nlohmann::json::parse(res->body);
    EXPECT_FALSE(answer["documents"].empty()) << res->body;
    for (const auto& d : answer["documents"]) posted.insert(d["id"].get<int64_t>());
  }
  int sa = 0, sb = 0;
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  server.Stop();
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << ReadAll(log);
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << ReadAll(log);
  EXPECT_GE(posted.size(), 30u);

  // Which affair each stored document came from, and the stories.
  std::map<int64_t, char> affair;
  for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
    std::string path = d["path"];
    int64_t id = d["id"];
    affair[id] = path.find("/a/") != std::string::npos ? 'a' : path.find("/b/") != std::string::npos ? 'b' : 'c';
    if (affair[id] == 'c') {
      EXPECT_TRUE(posted.contains(id)) << path;
    }
  }
  std::map<char, size_t> count;
  for (const auto& [id, x] : affair) ++count[x];
  EXPECT_GE(count['a'], 100u);
  EXPECT_GE(count['b'], 100u);
  EXPECT_EQ(count['c'], posted.size());
  auto listed = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  size_t placed = 0, mixed = 0;
  std::set<int64_t> ids;
  for (const auto& s : listed) {
    std::set<char> affairs;  // the flu ('a') or the oil spill (posted or not)
    for (const auto& d : s["docs"]) affairs.insert(affair[d.get<int64_t>()] == 'a' ? 'a' : 'b');
    placed += s["docs"].size();
    if (affairs.size() > 1) {
      ++mixed;
      std::string what;
      for (const auto& d : s["docs"]) what += std::string(1, affair[d.get<int64_t>()]) + std::to_string(d.get<int64_t>()) + " ";
      ADD_FAILURE() << "story " << s["id"] << " mixes affairs: " << what;
    }
    // Story ids are never handed out twice: each id is one story.
    EXPECT_TRUE(ids.insert(s["id"].get<int64_t>()).second) << "story id " << s["id"] << " listed twice";
  }
  EXPECT_EQ(placed, affair.size()) << "every document is in a story";
  EXPECT_EQ(mixed, 0u) << "stories mixing swine flu and the oil spill";

  // One writer given the same documents, placing at the points the writers
  // placed, makes the same stories. Each writer places what waits on the
  // queue when it places: the queue's head in its order (day, content hash,
  // id), against everything placed before. The points are where the placed
  // order steps back in the queue's order (passes that do not step back
  // place as one pass of both would). A pass may hold part of an input (a
  // writer places ten at a time, and the server may place the rest), so the
  // replay is made of the placed documents' own lines, pass by pass.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id, raw, path, raw_codec, bytes FROM inputs ORDER BY id", -1, &st, nullptr), SQLITE_OK);
  std::string turns;  // the writer of each commit, in order: a, b or c (the server)
  std::map<int64_t, std::string> raws;  // input id -> its bytes
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string path = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    char writer = path.find("/a/") != std::string::npos ? 'a' : path.find("/b/") != std::string::npos ? 'b' : 'c';
    if (turns.empty() || turns.back() != writer) turns += writer;
    std::string raw(static_cast<const char*>(sqlite3_column_blob(st, 1)), static_cast<size_t>(sqlite3_column_bytes(st, 1)));
    auto bytes = DecodeRaw(raw, reinterpret_cast<const char*>(sqlite3_column_text(st, 3)),
                           static_cast<size_t>(sqlite3_column_int64(st, 4)), 0);
    ASSERT_TRUE(bytes.has_value()) << bytes.error().message();
    raws[sqlite3_column_int64(st, 0)] = std::move(*bytes);
  }
  sqlite3_finalize(st);
  // The writers took turns, not one after the other.
  EXPECT_GE(turns.size(), 6u) << "turns: " << turns;
  std::cout << "writers' turns, in commit order: " << turns << "\n";
  std::vector<std::map<int64_t, std::string>> passes;  // each pass's documents (by id): their lines
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT p.doc, d.content_hash, d.input_id, d.raw_start, d.raw_end, f.features "
                               "FROM story_docs p JOIN documents d ON d.id = p.doc "
                               "JOIN doc_features f ON f.doc = p.doc ORDER BY p.seq",
                               -1, &st, nullptr),
            SQLITE_OK);
  std::optional<std::tuple<bool, int32_t, std::string, int64_t>> previous;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string blob(static_cast<const char*>(sqlite3_column_blob(st, 5)), static_cast<size_t>(sqlite3_column_bytes(st, 5)));
    auto f = DecodeFeatures(blob);
    ASSERT_TRUE(f.has_value()) << f.error().message();
    const int64_t doc = sqlite3_column_int64(st, 0);
    const std::string hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    std::tuple<bool, int32_t, std::string, int64_t> key{!f->day.has_value(), f->day.value_or(0), hash, doc};
    if (!previous || key < *previous) passes.emplace_back();
    previous = key;
    const std::string& raw = raws.at(sqlite3_column_int64(st, 2));
    const size_t from = static_cast<size_t>(sqlite3_column_int64(st, 3)), to = static_cast<size_t>(sqlite3_column_int64(st, 4));
    ASSERT_LE(to, raw.size());
    passes.back()[doc] = raw.substr(from, to - from);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::cout << "placing passes: " << passes.size() << "\n";
  std::string replay = dir.Path("replay.db");
  for (size_t k = 0; k < passes.size(); ++k) {
    // In id order: documents of the same day and text keep their order.
    std::string lines;
    for (const auto& [doc, line] : passes[k]) lines += line + "\n";
    std::string name = dir.Path("replay-" + std::to_string(k) + ".jsonl");
    dir.Write("replay-" + std::to_string(k) + ".jsonl", lines);
    ASSERT_EQ(RunCli({"ingest", name, "--store", replay, "--threads", "1", "--no-place", "-q"}).exit_code, 0);
    ASSERT_EQ(RunCli({"place", "--store", replay}).exit_code, 0);
  }
  // Stories as sets of texts (document ids differ between the stores).
  auto by_text = [](const std::string& path) {
    std::map<int64_t, std::string> hashes;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT id, content_hash FROM documents", -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      hashes[sqlite3_column_int64(st, 0)] = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    std::set<std::multiset<std::string>> out;
    for (const auto& s : JsonLines(RunCli({"stories", "--json", "--store", path}).out)) {
      std::multiset<std::string> texts;
      for (const auto& d : s["docs"]) texts.insert(hashes.at(d.get<int64_t>()));
      out.insert(texts);
    }
    return out;
  };
  EXPECT_EQ(by_text(store), by_text(replay))
      << "the writers' stories differ from one writer's placing the same documents at the same points";
}

TEST(ConcurrentWriters, CreatingOneNewStoreFromManyConnectionsAtOnce) {
  TempDir dir;
  std::string path = dir.Path("new.db");
  std::vector<std::thread> threads;
  std::vector<std::string> errors(6);
  for (size_t i = 0; i < errors.size(); ++i) {
    threads.emplace_back([&, i] {
      auto s = Store::Open(path);
      if (!s) errors[i] = s.error().message();
      else if ((*s)->SchemaVersion() != Store::kSchemaVersion) errors[i] = "schema not migrated";
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");
}

TEST(ServerCrash, KilledDuringAPostThenTheSameBodyStoresEverything) {
  fs::path src = SharedData() / "timeline17" / "H1N1_guardian" / "articles.jsonl";
  SKIP_WITHOUT(src);
  // 120 reports in one body, as a client would send them.
  std::ifstream in(src);
  std::string body, line;
  size_t sent = 0;
  while (sent < 120 && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    if (j["text"].get<std::string>().empty()) continue;
    body += nlohmann::json{{"text", j["text"]}, {"published", j["time"]}, {"source", "guardian"}}.dump() + "\n";
    ++sent;
  }
  TempDir dir;
  std::string store = dir.Path("served.db");
  {
    // The server kills itself once the body's documents are written and
    // before they are committed: the client sees the connection drop.
    ServerProcess server;
    ::setenv("STORYLOOM_KILL_AT", "write:1", 1);
    bool started = server.Start({"serve", "--store", store, "--port", "0"}, dir.Path("serve1.log"));
    ::unsetenv("STORYLOOM_KILL_AT");
    ASSERT_TRUE(started) << server.error();
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(120);
    auto res = c.Post("/api/documents", body, "application/x-ndjson");
    EXPECT_FALSE(res) << "the server answered " << res->status << " though it was killed";
  }
  EXPECT_EQ(StoredDocuments(store), 0u) << "a POST that was never answered must leave nothing half stored";
  ServerProcess server;
  ASSERT_TRUE(server.Start({"serve", "--store", store, "--port", "0"}, dir.Path("serve2.log"))) << server.error();
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(120);
  auto res = c.Post("/api/documents", body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  auto out = nlohmann::json::parse(res->body);
  EXPECT_FALSE(out["already_stored"].get<bool>());
  EXPECT_EQ(out["documents"].size(), sent);
  // Sent a third time (an answer lost on the way): nothing new, and the
  // answer names the documents stored the second time.
  auto again = c.Post("/api/documents", body, "application/x-ndjson");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  auto out2 = nlohmann::json::parse(again->body);
  EXPECT_TRUE(out2["already_stored"].get<bool>());
  EXPECT_EQ(out2["documents"], out["documents"]);
  server.Stop();
  EXPECT_EQ(StoredDocuments(store), sent);
}

}  // namespace
}  // namespace storyloom::testing
