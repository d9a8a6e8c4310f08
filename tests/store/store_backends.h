// The store contract tests' backends: each test is written once and runs on
// every backend (SQLite, PostgreSQL, the in-memory model), each time on a
// fresh, empty store.
//
// PostgreSQL runs only when STORYLOOM_TEST_PG holds a server's URL
// (postgresql://USER@HOST:PORT/DB); each test then gets a database of its
// own, made on that server and dropped after.
#ifndef STORYLOOM_TESTS_STORE_STORE_BACKENDS_H_
#define STORYLOOM_TESTS_STORE_STORE_BACKENDS_H_

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "e2e/cli_runner.h"
#include "store/memory/memory_store.h"
#include "storyloom/store.h"

namespace storyloom::testing {

// Where a fresh store lives, and how to reach it again.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  // Opens the fresh store (a second call: another connection to it).
  virtual Result<std::unique_ptr<Store>> Open() = 0;
  // Whether Open can be called twice (the memory store has one connection).
  virtual bool Reopens() const { return true; }
  // A location where no store is, and whether anything is there now.
  virtual std::string Missing() = 0;
  virtual bool Exists(const std::string& location) = 0;
};

class SqliteBackend final : public StoreBackend {
 public:
  Result<std::unique_ptr<Store>> Open() override { return Store::Open(dir_.Path("store.db")); }
  std::string Missing() override { return dir_.Path("absent.db"); }
  bool Exists(const std::string& location) override {
    // The file, or any of SQLite's companions (-wal, -shm, -writers).
    const std::string name = std::filesystem::path(location).filename().string();
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      if (entry.path().filename().string().starts_with(name)) return true;
    }
    return false;
  }

 private:
  TempDir dir_;
};

class MemoryBackend final : public StoreBackend {
 public:
  Result<std::unique_ptr<Store>> Open() override {
    if (opened_) return Fail("the memory store has one connection", ErrorKind::kConflict);
    opened_ = true;
    return NewMemoryStore();
  }
  bool Reopens() const override { return false; }
  std::string Missing() override { return ""; }
  bool Exists(const std::string&) override { return false; }

 private:
  bool opened_ = false;
};

class PgBackend final : public StoreBackend {
 public:
  // Makes a database of its own on the server at `server_url`; nullptr
  // with `error` set when it cannot.
  static std::unique_ptr<PgBackend> Make(const std::string& server_url, std::string* error) {
    std::unique_ptr<PgBackend> b(new PgBackend);
    b->admin_ = PQconnectdb(server_url.c_str());
    if (PQstatus(b->admin_) != CONNECTION_OK) {
      *error = "cannot connect to STORYLOOM_TEST_PG=" + server_url + ": " + PQerrorMessage(b->admin_);
      return nullptr;
    }
    b->name_ = "storyloom_t_" + std::to_string(::getpid()) + "_" + std::to_string(next_++);
    if (!b->Run("DROP DATABASE IF EXISTS " + b->name_ + " WITH (FORCE)", error) ||
        !b->Run("CREATE DATABASE " + b->name_, error)) {
      return nullptr;
    }
    b->url_ = WithDatabase(server_url, b->name_);
    b->missing_ = WithDatabase(server_url, b->name_ + "_absent");
    return b;
  }
  ~PgBackend() override {
    std::string ignored;
    if (!name_.empty()) Run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", &ignored);
    PQfinish(admin_);
  }
  Result<std::unique_ptr<Store>> Open() override { return Store::Open(url_); }
  // The URL of its database.
  const std::string& url() const { return url_; }
  std::string Missing() override { return missing_; }
  bool Exists(const std::string& location) override {
    std::string name = location.substr(location.rfind('/') + 1);
    name = name.substr(0, name.find('?'));
    const char* params[] = {name.c_str()};
    PGresult* r = PQexecParams(admin_, "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr, params, nullptr,
                               nullptr, 0);
    bool found = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0;
    PQclear(r);
    return found;
  }

  // `url` naming database `name` instead of its own.
  static std::string WithDatabase(const std::string& url, const std::string& name) {
    size_t scheme = url.find("://");
    size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    size_t query = url.find('?', slash == std::string::npos ? 0 : slash);
    std::string params = query == std::string::npos ? "" : url.substr(query);
    std::string base = url.substr(0, std::min(slash, query));
    return base + "/" + name + params;
  }

 private:
  PgBackend() = default;
  bool Run(const std::string& sql, std::string* error) {
    PGresult* r = PQexec(admin_, sql.c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) *error = sql + ": " + PQerrorMessage(admin_);
    PQclear(r);
    return ok;
  }
  static inline int next_ = 0;
  PGconn* admin_ = nullptr;
  std::string name_, url_, missing_;
};

// Every backend, by name, for INSTANTIATE_TEST_SUITE_P.
inline auto StoreBackendNames() { return ::testing::Values(std::string("sqlite"), std::string("postgresql"), std::string("memory")); }
// The backends a second connection and a location can reach.
inline auto SharedStoreBackendNames() { return ::testing::Values(std::string("sqlite"), std::string("postgresql")); }
inline std::string StoreBackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// A contract test: a fresh store of the backend named by the parameter,
// and a few ways to fill it as the engine does.
class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string& name = GetParam();
    if (name == "sqlite") {
      backend_ = std::make_unique<SqliteBackend>();
    } else if (name == "memory") {
      backend_ = std::make_unique<MemoryBackend>();
    } else {
      const char* url = std::getenv("STORYLOOM_TEST_PG");
      if (!url || !*url) {
        GTEST_SKIP() << "STORYLOOM_TEST_PG is not set: PostgreSQL contract tests skipped (.ci/run starts a server)";
      }
      std::string error;
      backend_ = PgBackend::Make(url, &error);
      ASSERT_TRUE(backend_) << error;
    }
    auto store = backend_->Open();
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    backend_.reset();
  }

  Store& store() { return *store_; }
  // Another connection to the same store; skips the test on a backend with
  // only one.
  std::unique_ptr<Store> OpenAgain() {
    if (!backend_->Reopens()) return nullptr;
    auto again = backend_->Open();
    EXPECT_TRUE(again.has_value()) << again.error().message();
    return again ? std::move(*again) : nullptr;
  }

  // Stores `raw` as a new input; 0 (and a failure) when it cannot.
  int64_t NewInput(std::string_view raw = "raw bytes", const std::string& path = "input.jsonl") {
    StoredInput in{0, path, "hash-" + std::to_string(++inputs_), "jsonl", "UTF-8", 0};
    auto id = store_->AddInput(in, raw);
    EXPECT_TRUE(id.has_value()) << id.error().message();
    return id ? *id : 0;
  }
  // Adds `d` (from a shared input unless one is given); its id.
  int64_t AddDoc(Document d, int64_t input = 0) {
    if (input == 0) {
      if (shared_input_ == 0) shared_input_ = NewInput();
      input = shared_input_;
    }
    Status s = store_->AddDocument(&d, input);
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_GT(d.id, 0);
    return d.id;
  }
  // A document whose body is `body`, as read from one line of JSONL.
  static Document TextDoc(const std::string& body, const std::string& title = "", const std::string& lang = "en") {
    Document d;
    d.path = "input.jsonl";
    d.line = 1;
    d.format = Format::kJsonl;
    d.body = MappedText::Identity(body);
    d.raw_span = {0, static_cast<uint32_t>(body.size())};
    d.title = title;
    d.lang = lang;
    d.content_hash = "body-" + std::to_string(std::hash<std::string>()(body));
    return d;
  }
  // Saves a placement of `doc` in `story` (its features first, as the
  // story stage does).
  void Place(int64_t doc, int64_t story, int64_t duplicate_of = 0, double score = 0.5) {
    ASSERT_TRUE(store_->SaveFeatures(doc, "features-" + std::to_string(doc), "shingles-" + std::to_string(doc)).ok());
    StoredPlacement p;
    p.doc = doc;
    p.story = story;
    p.placed = story;
    p.score = score;
    p.why = {"geo:NE", "niger"};
    if (duplicate_of) {
      p.duplicate_of = duplicate_of;
      p.duplicate_kind = "exact";
      p.duplicate_score = 1;
    }
    Status s = store_->SavePlacement(p);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;

 private:
  int64_t shared_input_ = 0;
  int inputs_ = 0;
};

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_STORE_STORE_BACKENDS_H_
