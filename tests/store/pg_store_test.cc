// What only the PostgreSQL backend has to get right: its query text, its
// write lock between connections, its data version, text PostgreSQL
// cannot hold, and tokens its own parsers would split. The behaviour every
// backend shares is the contract suite's (store_contract_*). Tests that
// need a server run when STORYLOOM_TEST_PG holds its URL; each makes a
// database of its own.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "store/postgresql/pg_connection.h"
#include "store/postgresql/pg_store.h"
#include "storyloom/store.h"

namespace storyloom {
namespace {

TEST(PgQueryText, QuotesEveryLexemeAndCombinesGroups) {
  TermQuery q;
  q.all_of = {{{{"covid", {"covid"}}, {"19", {}}}}, {{{"it's", {"it"}}}, {{"a\\b", {}}}}};
  q.none_of = {{{"flu", {}}}};
  EXPECT_EQ(TsQueryText(q),
            "(((('n:covid' | 's:covid') & 'n:19')) & (('n:it''s' | 's:it') | 'n:a\\\\b')) & !('n:flu')");
}

TEST(PgQueryText, NothingToMatch) {
  EXPECT_EQ(TsQueryText({}), "");
  TermQuery only_not;
  only_not.none_of = {{{"x", {}}}};
  EXPECT_EQ(TsQueryText(only_not), "");
  TermQuery empty_word;
  empty_word.all_of = {{{{"", {}}}}};
  EXPECT_EQ(TsQueryText(empty_word), "");
}

TEST(PgUrl, PasswordsNeverShow) {
  EXPECT_EQ(pg::RedactUrl("postgresql://u:secret@h:5/db"), "postgresql://u:***@h:5/db");
  EXPECT_EQ(pg::RedactUrl("postgresql://u@h:5/db"), "postgresql://u@h:5/db");
  EXPECT_EQ(pg::RedactUrl("postgres://h/db"), "postgres://h/db");
}

TEST(PgErrors, KindsOfSqlstates) {
  EXPECT_EQ(pg::KindOfSqlstate("23505"), ErrorKind::kConflict);
  EXPECT_EQ(pg::KindOfSqlstate("40001"), ErrorKind::kUnavailable);
  EXPECT_EQ(pg::KindOfSqlstate("40P01"), ErrorKind::kUnavailable);
  EXPECT_EQ(pg::KindOfSqlstate("08006"), ErrorKind::kUnavailable);
  EXPECT_EQ(pg::KindOfSqlstate("42P01"), ErrorKind::kInternal);
}

// A database of its own on the STORYLOOM_TEST_PG server, dropped after.
class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("STORYLOOM_TEST_PG");
    if (!url || !*url) GTEST_SKIP() << "STORYLOOM_TEST_PG is not set";
    admin_ = PQconnectdb(url);
    ASSERT_EQ(PQstatus(admin_), CONNECTION_OK) << PQerrorMessage(admin_);
    static int next = 0;
    name_ = "storyloom_pg_" + std::to_string(::getpid()) + "_" + std::to_string(next++);
    Run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    Run("CREATE DATABASE " + name_);
    std::string base = url;
    size_t slash = base.find('/', base.find("://") + 3);
    url_ = base.substr(0, slash) + "/" + name_;
  }
  void TearDown() override {
    if (admin_ && !name_.empty()) Run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    if (admin_) PQfinish(admin_);
  }
  void Run(const std::string& sql) {
    PGresult* r = PQexec(admin_, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << sql << ": " << PQerrorMessage(admin_);
    PQclear(r);
  }
  std::unique_ptr<Store> Open(Store::Mode mode = Store::Mode::kCreate) {
    auto s = Store::Open(url_, mode);
    EXPECT_TRUE(s.has_value()) << s.error().message();
    return s ? std::move(*s) : nullptr;
  }
  int64_t AddDoc(Store& store, const std::string& body, const std::string& hash) {
    auto input = store.AddInput({0, "a.txt", hash, "text", "UTF-8", 0}, body);
    EXPECT_TRUE(input.has_value()) << input.error().message();
    Document d;
    d.path = "a.txt";
    d.body = MappedText::Identity(body);
    d.content_hash = hash;
    Status s = store.AddDocument(&d, input ? *input : 0);
    EXPECT_TRUE(s.ok()) << s.message();
    return d.id;
  }

  PGconn* admin_ = nullptr;
  std::string name_, url_;
};

TEST_F(PgStoreTest, ExistingModeNeedsAStoreAndNewerSchemasAreRefused) {
  auto none = Store::Open(url_, Store::Mode::kExisting);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(none.error().message().find("no store at"), std::string::npos);
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_STREQ(store->Backend(), "postgresql");
  EXPECT_EQ(store->SchemaVersion(), Store::kSchemaVersion);
  store.reset();
  EXPECT_TRUE(Open(Store::Mode::kExisting));

  PGconn* c = PQconnectdb(url_.c_str());
  PGresult* r = PQexec(c, "UPDATE storyloom_meta SET value = '99' WHERE key = 'schema_version'");
  PQclear(r);
  PQfinish(c);
  auto newer = Store::Open(url_);
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().kind(), ErrorKind::kConflict);
}

TEST_F(PgStoreTest, OpenersAtOnceCreateTheSchemaOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> ok = 0;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto s = Store::Open(url_);
      if (s.has_value()) ++ok;
      else ADD_FAILURE() << s.error().message();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 6);
}

TEST_F(PgStoreTest, DataVersionMovesWithOtherConnectionsCommitsOnly) {
  auto a = Open(), b = Open();
  ASSERT_TRUE(a && b);
  const int64_t a0 = a->DataVersion(), b0 = b->DataVersion();
  ASSERT_TRUE(a->Begin().ok());
  AddDoc(*a, "One.", "h1");
  ASSERT_TRUE(a->Commit().ok());
  EXPECT_EQ(a->DataVersion(), a0);
  EXPECT_NE(b->DataVersion(), b0);
  // A write outside a transaction is a commit of its own.
  const int64_t b1 = b->DataVersion();
  AddDoc(*a, "Two.", "h2");
  EXPECT_EQ(a->DataVersion(), a0);
  EXPECT_NE(b->DataVersion(), b1);
}

TEST_F(PgStoreTest, ASecondWriterWaitsSaysSoAndGivesUp) {
  auto a = Open(), b = Open();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Begin().ok());
  int told = 0;
  b->OnWait([&] { ++told; });
  b->SetWaitSeconds(1.6);
  auto start = std::chrono::steady_clock::now();
  Status s = b->Begin();
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.kind(), ErrorKind::kUnavailable) << s.message();
  EXPECT_GE(waited, 1.5);
  EXPECT_LT(waited, 5);
  EXPECT_EQ(told, 1);
  // b is usable, and goes once a commits.
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    a->Rollback();
  });
  b->SetWaitSeconds(30);
  EXPECT_TRUE(b->Begin().ok());
  release.join();
  AddDoc(*b, "Three.", "h3");
  EXPECT_TRUE(b->Commit().ok());
  EXPECT_EQ(a->CountDocuments(), 1);
}

TEST_F(PgStoreTest, AWaitingWriterGoesBeforeTheHolderWritesAgain) {
  auto a = Open(), b = Open();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Begin().ok());
  std::atomic<bool> b_has_it = false;
  std::thread waiter([&] {
    ASSERT_TRUE(b->Begin().ok());
    b_has_it = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    AddDoc(*b, "B.", "b");
    EXPECT_TRUE(b->Commit().ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // b is queued
  ASSERT_TRUE(a->Commit().ok());
  // A long writer asking again at once waits for the one that waited.
  ASSERT_TRUE(a->Begin().ok());
  EXPECT_TRUE(b_has_it.load());
  EXPECT_EQ(a->CountDocuments(), 1) << "b committed before a's next turn";
  a->Rollback();
  waiter.join();
}

TEST_F(PgStoreTest, SameBytesTwiceIsAConflictAndTheTransactionGoesOn) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Begin().ok());
  AddDoc(*store, "Body.", "same");
  auto again = store->AddInput({0, "b.txt", "same", "text", "UTF-8", 0}, "Body.");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind(), ErrorKind::kConflict);
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(store->CountDocuments(), 1);
}

TEST_F(PgStoreTest, AFailedStatementMakesCommitFail) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Begin().ok());
  AddDoc(*store, "Body.", "h");
  // Features of a document that does not exist: a broken reference.
  EXPECT_EQ(store->SaveFeatures(12345, "f", "s").kind(), ErrorKind::kConflict);
  Status s = store->Commit();
  EXPECT_FALSE(s.ok());
  store->Rollback();
  EXPECT_EQ(store->CountDocuments(), 0);
  // The connection is usable again.
  AddDoc(*store, "Body.", "h");
  EXPECT_EQ(store->CountDocuments(), 1);
}

TEST_F(PgStoreTest, NulBytesInABodyAreRefusedAndBlobsKeepThem) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::string raw("a\0b\xff", 4);
  auto input = store->AddInput({0, "a.bin", "h", "text", "UTF-8", 0}, raw);
  ASSERT_TRUE(input.has_value()) << input.error().message();
  Document d;
  d.path = "a.bin";
  d.body = MappedText::Identity(std::string("a\0b", 3));
  Status s = store->AddDocument(&d, *input);
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(s.message().find("NUL"), std::string::npos);
  Document ok;
  ok.path = "a.bin";
  ok.body = MappedText::Identity("ab");
  ASSERT_TRUE(store->AddDocument(&ok, *input).ok());
  auto got = store->RawInput(ok.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, raw);
  ASSERT_TRUE(store->SaveAnnotations(ok.id, std::string("\0\1\2", 3)).ok());
  auto ann = store->LoadAnnotations({ok.id, 999});
  ASSERT_TRUE(ann.has_value());
  ASSERT_EQ(ann->size(), 1u);
  EXPECT_EQ(ann->at(ok.id), std::string("\0\1\2", 3));
}

TEST_F(PgStoreTest, TokensAreMatchedVerbatimInEveryScript) {
  auto store = Open();
  ASSERT_TRUE(store);
  const int64_t vi = AddDoc(*store, "Hà Nội", "vi");
  const int64_t ar = AddDoc(*store, "العربية", "ar");
  const int64_t quote = AddDoc(*store, "it's", "q");
  ASSERT_TRUE(store->IndexTerms(vi, {"hà nội", "hà nội"}).ok());
  ASSERT_TRUE(store->IndexTerms(ar, {"وال-عربية العربية", "عرب عرب"}).ok());
  ASSERT_TRUE(store->IndexTerms(quote, {"it's o'neil a\\b covid-19 :* & |", "it o'neil a\\b covid-19 :* & |"}).ok());
  auto find = [&](const std::string& norm, std::vector<std::string> stems = {}) {
    SearchQuery q;
    q.terms.all_of = {{{{norm, std::move(stems)}}}};
    auto page = store->Search(q);
    EXPECT_TRUE(page.has_value()) << page.error().message();
    std::vector<int64_t> docs;
    if (page) {
      for (const SearchHit& h : page->hits) docs.push_back(h.doc);
    }
    return docs;
  };
  EXPECT_EQ(find("nội"), std::vector<int64_t>{vi});
  EXPECT_EQ(find("noi"), std::vector<int64_t>{});  // tones count
  EXPECT_EQ(find("وال-عربية"), std::vector<int64_t>{ar});
  EXPECT_EQ(find("x", {"عرب"}), std::vector<int64_t>{ar});
  EXPECT_EQ(find("it's"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("o'neil"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("a\\b"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("covid-19"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("covid"), std::vector<int64_t>{});
  EXPECT_EQ(find(":*"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("&"), std::vector<int64_t>{quote});
  EXPECT_EQ(find("it"), std::vector<int64_t>{});  // "it" is a stem, not a norm
  EXPECT_EQ(find("zzz", {"it"}), std::vector<int64_t>{quote});
  auto unindexed = store->UnindexedDocuments();
  ASSERT_TRUE(unindexed.has_value());
  EXPECT_TRUE(unindexed->empty());
}

}  // namespace
}  // namespace storyloom
