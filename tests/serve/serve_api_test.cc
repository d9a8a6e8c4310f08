// `storyloom serve` end to end: the real binary on a store of a few
// documents (English, Indonesian, Vietnamese and Arabic reports of one flood,
// a copy, and an article whose text carries <script>), queried over HTTP.
// One server a test process (loading resources takes seconds). The store
// is turned back into a schema-2 store first, so starting the server also
// shows the migration and the search index being backfilled.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

#include "e2e/cli_runner.h"
#include "storyloom/server.h"
#include "serve/static_files.h"
#include "serve/server_process.h"
#include "storyloom/store.h"
#include "store/row_codec.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kToken = "serve-test-token";

std::string CorpusPath() { return std::string(STORYLOOM_SOURCE_DIR) + "/tests/serve/data/flood.jsonl"; }

// Makes a store look as a storyloom before the search index left it.
void DowngradeToSchema2(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // Raw inputs as they were kept then: as given, with no codec column.
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id, raw, raw_codec, bytes FROM inputs", -1, &st, nullptr), SQLITE_OK);
  std::vector<std::pair<int64_t, std::string>> raws;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string raw(static_cast<const char*>(sqlite3_column_blob(st, 1)), static_cast<size_t>(sqlite3_column_bytes(st, 1)));
    auto bytes = DecodeRaw(raw, reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                           static_cast<size_t>(sqlite3_column_int64(st, 3)), 0);
    ASSERT_TRUE(bytes.has_value());
    raws.push_back({sqlite3_column_int64(st, 0), *bytes});
  }
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE inputs SET raw = ? WHERE id = ?", -1, &st, nullptr), SQLITE_OK);
  for (const auto& [id, raw] : raws) {
    sqlite3_bind_blob(st, 1, raw.data(), static_cast<int>(raw.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  // Texts as they were kept then: in `body`, with no compressed column.
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id, body_zstd FROM documents WHERE body_zstd IS NOT NULL", -1, &st, nullptr),
            SQLITE_OK);
  std::vector<std::pair<int64_t, std::string>> texts;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string z(static_cast<const char*>(sqlite3_column_blob(st, 1)), static_cast<size_t>(sqlite3_column_bytes(st, 1)));
    auto text = DecodeBody(z, sqlite3_column_int64(st, 0));
    ASSERT_TRUE(text.has_value());
    texts.push_back({sqlite3_column_int64(st, 0), *text});
  }
  sqlite3_finalize(st);
  ASSERT_FALSE(texts.empty()) << "the flood corpus's texts are stored compressed";
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE documents SET body = ? WHERE id = ?", -1, &st, nullptr), SQLITE_OK);
  for (const auto& [id, text] : texts) {
    sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_exec(db,
                         "ALTER TABLE documents DROP COLUMN body_zstd; ALTER TABLE inputs DROP COLUMN raw_codec; DROP TABLE placement_queue; DROP TABLE doc_fts; DROP TABLE doc_annotations; DROP INDEX story_merges_seq; ALTER TABLE story_docs DROP COLUMN placed_story; "
                         "ALTER TABLE story_merges DROP COLUMN first_into; "
                         "ALTER TABLE story_merges DROP COLUMN merge_seq; ALTER TABLE story_docs DROP COLUMN told_first; "
                         "ALTER TABLE story_docs DROP COLUMN told_last; PRAGMA user_version = 2;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

class ServeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = dir_->Path("serve.db");
    CliResult ingest = RunCli({"ingest", CorpusPath(), "--store", store_, "-q"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    DowngradeToSchema2(store_);
    server_ = new ServerProcess();
    bool started = server_->Start({"serve", "--store", store_, "--port", "0", "--token", kToken, "--max-body", "1048576"},
                                  dir_->Path("serve.err"));
    ASSERT_TRUE(started) << server_->error() << "\n" << ReadAll(dir_->Path("serve.err"));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(server_->port(), 0) << "the server did not start";
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(120, 0);
    return c;
  }
  // GET, expecting JSON back whatever the status.
  static json GetJson(const std::string& path, int expect_status) {
    auto res = Client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, expect_status) << path << "\n" << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
    json j = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": not JSON: " << res->body;
    return j;
  }
  static void ExpectError(const json& j, const std::string& path) {
    ASSERT_TRUE(j.is_object() && j.contains("error")) << path << ": " << j;
    EXPECT_TRUE(j["error"]["message"].is_string()) << path;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << path;
  }
  static httplib::Result Post(const std::string& body, const std::string& type = "application/json",
                              const std::string& token = kToken) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return Client().Post("/api/documents", h, body, type.c_str());
  }
  // The story holding the flood reports.
  static int64_t FloodStory() {
    json j = GetJson("/api/search?q=BNPB&lang=id", 200);
    if (!j.is_object() || j["hits"].empty() || j["hits"][0]["story"].is_null()) return 0;
    return j["hits"][0]["story"].get<int64_t>();
  }
  static int64_t ScriptDocument() {
    json j = GetJson("/api/search?q=Surabaya%20ferry", 200);
    if (!j.is_object() || j["hits"].empty()) return 0;
    return j["hits"][0]["doc"].get<int64_t>();
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string store_;
  static inline ServerProcess* server_ = nullptr;
};

// The checks, grouped below into three tests: ctest runs each test in its
// own process, and each process starts a server (seconds of loading).
struct ServeChecks : ServeApi {
  static void StartingMigratesTheStoreAndBackfillsTheSearchIndex() {
    EXPECT_NE(ReadAll(dir_->Path("serve.err")).find("indexed 6 document(s) for search"), std::string::npos)
        << ReadAll(dir_->Path("serve.err"));
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(store_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), Store::kSchemaVersion);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  static void ListsStoriesWithLanguagesSourcesAndCoverage() {
    json j = GetJson("/api/stories", 200);
    ASSERT_TRUE(j.is_object());
    ASSERT_GE(j["total"].get<int>(), 2);
    const json& top = j["stories"][0];
    for (const char* key : {"id", "title", "size", "langs", "independent_sources", "start", "end", "coverage"}) {
      EXPECT_TRUE(top.contains(key)) << key;
    }
    int64_t flood = FloodStory();
    ASSERT_GT(flood, 0);
    bool found = false;
    for (const json& s : j["stories"]) {
      if (s["id"] != flood) continue;
      found = true;
      std::set<std::string> langs(s["langs"].begin(), s["langs"].end());
      EXPECT_TRUE(langs.contains("vi") && langs.contains("id") && langs.contains("ar") && langs.contains("en")) << s;
      EXPECT_LT(s["independent_sources"].get<int>(), s["size"].get<int>()) << "the copy is not independent: " << s;
      EXPECT_EQ(s["reports"].get<int>(), s["size"].get<int>() - s["duplicates"].get<int>()) << s;
      EXPECT_FALSE(s["coverage"]["counts"].empty());
    }
    EXPECT_TRUE(found);

    json page = GetJson("/api/stories?limit=1&offset=1", 200);
    EXPECT_EQ(page["stories"].size(), 1u);
    EXPECT_EQ(page["total"], j["total"]);
    EXPECT_NE(page["stories"][0]["id"], j["stories"][0]["id"]);

    json ar = GetJson("/api/stories?lang=ar", 200);
    ASSERT_GE(ar["stories"].size(), 1u);
    for (const json& s : ar["stories"]) {
      std::set<std::string> langs(s["langs"].begin(), s["langs"].end());
      EXPECT_TRUE(langs.contains("ar")) << s;
    }
    // The flood ran on 5-6 March; the council report is of 11 April.
    json april = GetJson("/api/stories?from=2024-04-01&to=2024-04-30", 200);
    ASSERT_FALSE(april["stories"].empty()) << april;
    for (const json& s : april["stories"]) EXPECT_NE(s["id"], flood);
    json march = GetJson("/api/stories?from=2024-03-06&to=2024-03-06", 200);
    bool flood_in_march = false;
    for (const json& s : march["stories"]) flood_in_march |= s["id"] == flood;
    EXPECT_TRUE(flood_in_march) << march;
    json q = GetJson("/api/stories?q=banjir", 200);
    ASSERT_EQ(q["stories"].size(), 1u);
    EXPECT_EQ(q["stories"][0]["id"], flood);
  }

  static void StoryShowsDocumentsWithCopiesPointingAtTheirOriginal() {
    int64_t flood = FloodStory();
    ASSERT_GT(flood, 0);
    json s = GetJson("/api/stories/" + std::to_string(flood), 200);
    ASSERT_GE(s["docs"].size(), 5u);
    size_t copies = 0;
    for (const json& d : s["docs"]) copies += !d["duplicate_of"].is_null();
    EXPECT_GE(copies, 1u) << s;
  }

  static void TimelineHasDatedEntriesWithReportsAndContext() {
    int64_t flood = FloodStory();
    ASSERT_GT(flood, 0);
    json t = GetJson("/api/stories/" + std::to_string(flood) + "/timeline?lang=vi", 200);
    ASSERT_TRUE(t.is_object());
    ASSERT_FALSE(t["entries"].empty()) << t;
    std::set<std::string> dates;
    for (const json& e : t["entries"]) {
      dates.insert(e["date"].get<std::string>());
      ASSERT_FALSE(e["reports"].empty()) << e;
      for (const json& s : e["sentences"]) {
        ASSERT_TRUE(s.contains("context")) << s;
        const json& c = s["context"];
        std::string text = c["text"];
        EXPECT_EQ(text.substr(c["start"].get<size_t>(), c["end"].get<size_t>() - c["start"].get<size_t>()),
                  s["text"].get<std::string>());
      }
      for (const json& r : e["reports"]) EXPECT_TRUE(t["docs"].contains(std::to_string(r["doc"].get<int64_t>())));
    }
    EXPECT_TRUE(dates.contains("2024-03-04")) << t;
    json other = GetJson("/api/stories/" + std::to_string(flood) + "/timeline?lang=ar", 200);
    EXPECT_EQ(other["lang"], "ar");
  }

  static void DocumentHasCleanTextSentencesAndStory() {
    json hits = GetJson("/api/search?q=mưa%20lớn", 200);
    ASSERT_FALSE(hits["hits"].empty()) << hits;
    int64_t id = hits["hits"][0]["doc"];
    json d = GetJson("/api/documents/" + std::to_string(id), 200);
    EXPECT_EQ(d["lang"], "vi");
    EXPECT_NE(d["text"].get<std::string>().find("Jakarta"), std::string::npos);
    EXPECT_FALSE(d["sentences"].empty());
    EXPECT_FALSE(d["paragraphs"].empty());
    EXPECT_TRUE(d["story"].is_object());
    EXPECT_TRUE(d["removed"].is_array());
  }

  // The command line's --json and the API are written by the same views:
  // the same story, timeline and document answer alike from either.
  static void CommandLineAnswersInTheApisShapes() {
    int64_t flood = FloodStory();
    ASSERT_GT(flood, 0);
    const std::string id = std::to_string(flood);
    CliResult story = RunCli({"story", id, "--json", "--store", store_});
    ASSERT_EQ(story.exit_code, 0) << story.err;
    EXPECT_EQ(json::parse(story.out), GetJson("/api/stories/" + id, 200));
    CliResult timeline =
        RunCli({"timeline", id, "--format", "json", "--sentences", "3", "--lang", "vi", "--store", store_});
    ASSERT_EQ(timeline.exit_code, 0) << timeline.err;
    EXPECT_EQ(json::parse(timeline.out), GetJson("/api/stories/" + id + "/timeline?lang=vi", 200));
    int64_t doc = GetJson("/api/stories/" + id, 200)["docs"][0]["id"];
    CliResult show = RunCli({"show", std::to_string(doc), "--json", "--store", store_});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    EXPECT_EQ(json::parse(show.out), GetJson("/api/documents/" + std::to_string(doc), 200));
    // A story of the list: the API's, with its documents beside it.
    json listed = GetJson("/api/stories?limit=100", 200);
    std::vector<json> lines = JsonLines(RunCli({"stories", "--json", "--store", store_}).out);
    ASSERT_EQ(lines.size(), listed["stories"].size());
    for (size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(lines[i]["docs"].size(), lines[i]["size"].get<size_t>());
      lines[i].erase("docs");
      EXPECT_EQ(lines[i], listed["stories"][i]);
    }
  }

  static void SearchMatchesEveryLanguageAndFilters() {
    auto langs_of = [](const json& j) {
      std::set<std::string> out;
      for (const json& h : j["hits"]) out.insert(h["lang"].get<std::string>());
      return out;
    };
    EXPECT_EQ(langs_of(GetJson("/api/search?q=banjir", 200)), std::set<std::string>{"id"});
    EXPECT_EQ(langs_of(GetJson("/api/search?q=gia%20%C4%91%C3%ACnh", 200)), std::set<std::string>{"vi"});  // gia đình
    // جاكرتا and a spelling with a different alef: Arabic is folded alike.
    EXPECT_EQ(langs_of(GetJson("/api/search?q=%D8%AC%D8%A7%D9%83%D8%B1%D8%AA%D8%A7", 200)), std::set<std::string>{"ar"});
    EXPECT_EQ(langs_of(GetJson("/api/search?q=%D8%A3%D8%B3%D8%B1%D8%A9", 200)), std::set<std::string>{"ar"});   // أسرة
    // Stems: "families" finds "family"-stemmed text in English.
    json fam = GetJson("/api/search?q=family&lang=en", 200);
    EXPECT_FALSE(fam["hits"].empty());
    json jakarta = GetJson("/api/search?q=Jakarta", 200);
    EXPECT_EQ(langs_of(jakarta), (std::set<std::string>{"en", "id", "vi"}));
    EXPECT_EQ(langs_of(GetJson("/api/search?q=Jakarta&lang=en", 200)), std::set<std::string>{"en"});
    EXPECT_EQ(jakarta["total_at_least"], false) << "a small store's matches all fit the default window";
    // A window of one: the newest match alone, and a total that says more match.
    json newest = GetJson("/api/search?q=Jakarta&window=1", 200);
    EXPECT_EQ(newest["total"], 1);
    EXPECT_EQ(newest["total_at_least"], true);
    ASSERT_EQ(newest["hits"].size(), 1u);
    int64_t last = 0;
    for (const json& h : jakarta["hits"]) last = std::max(last, h["doc"].get<int64_t>());
    EXPECT_EQ(newest["hits"][0]["doc"], last);
    EXPECT_EQ(GetJson("/api/search?q=Jakarta&window=0", 200)["total"], jakarta["total"]) << "0: every match";
    // Jakarta is named on the 5th (en, id) and the 6th (vi): one day keeps
    // only its own.
    json dated = GetJson("/api/search?q=Jakarta&from=2024-03-06&to=2024-03-06", 200);
    ASSERT_FALSE(dated["hits"].empty()) << dated;
    EXPECT_LT(dated["total"].get<int>(), jakarta["total"].get<int>());
    for (const json& h : dated["hits"]) EXPECT_EQ(h["published"], "2024-03-06");
    json none = GetJson("/api/search?q=Jakarta&story=999999", 200);
    EXPECT_EQ(none["total"], 0);
    json paged = GetJson("/api/search?q=Jakarta&limit=1", 200);
    EXPECT_EQ(paged["hits"].size(), 1u);
    EXPECT_GE(paged["total"].get<int>(), 3);
    const json& hit = paged["hits"][0];
    ASSERT_TRUE(hit.contains("snippet"));
    EXPECT_FALSE(hit["snippet"]["highlights"].empty());
    // An Arabic hit is highlighted like any other.
    json arabic = GetJson("/api/search?q=%D8%AC%D8%A7%D9%83%D8%B1%D8%AA%D8%A7", 200);  // جاكرتا
    ASSERT_FALSE(arabic["hits"].empty());
    EXPECT_FALSE(arabic["hits"][0]["snippet"]["highlights"].empty()) << arabic;
    // OR takes either word; NOT and -word leave out what holds one.
    EXPECT_EQ(langs_of(GetJson("/api/search?q=banjir%20OR%20families", 200)), (std::set<std::string>{"en", "id"}));
    EXPECT_EQ(GetJson("/api/search?q=banjir%20families", 200)["total"], 0);
    EXPECT_EQ(langs_of(GetJson("/api/search?q=Jakarta%20-banjir", 200)), (std::set<std::string>{"en", "vi"}));
    EXPECT_EQ(langs_of(GetJson("/api/search?q=Jakarta%20NOT%20banjir", 200)), (std::set<std::string>{"en", "vi"}));
    EXPECT_EQ(GetJson("/api/search?q=-banjir", 200)["total"], 0);
    // FTS5 syntax in a query is text, not syntax.
    json odd = GetJson("/api/search?q=%22Jakarta%20OR%20NEAR(*)%20%5E%3A", 200);
    EXPECT_TRUE(odd["hits"].is_array());
  }

  static void ArticleTextWithScriptIsEscapedEverywhere() {
    int64_t id = ScriptDocument();
    ASSERT_GT(id, 0);
    for (std::string path : {"/api/documents/" + std::to_string(id), std::string("/api/stories?limit=100"),
                             std::string("/api/search?q=Surabaya")}) {
      auto res = Client().Get(path.c_str());
      ASSERT_TRUE(res);
      ASSERT_EQ(res->status, 200) << path;
      EXPECT_EQ(res->body.find("<script"), std::string::npos) << path << " carries raw markup";
      EXPECT_EQ(res->body.find("<img"), std::string::npos) << path;
      EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    }
    json d = GetJson("/api/documents/" + std::to_string(id), 200);
    EXPECT_NE(d["text"].get<std::string>().find("<script>alert(1)</script>"), std::string::npos)
        << "the text itself is kept as it came: " << d["text"];
    EXPECT_NE(d["title"].get<std::string>().find("<script>"), std::string::npos);
  }

  static void UnknownIdsAndEndpointsAre404Json() {
    for (const char* path : {"/api/stories/999999", "/api/stories/999999/timeline", "/api/documents/999999",
                             "/api/stories/abc", "/api/documents/-1", "/api/nothing", "/api/stories/1/nothing"}) {
      ExpectError(GetJson(path, 404), path);
    }
    ExpectError(GetJson("/no-such-page.html", 404), "/no-such-page.html");
    // The largest id, and one past any: no such document, not a malformed id.
    for (const char* id : {"9223372036854775807", "99999999999999999999999"}) {
      json j = GetJson(std::string("/api/documents/") + id, 404);
      EXPECT_NE(j["error"]["message"].get<std::string>().find("no document"), std::string::npos) << j;
    }
  }

  static void BadParametersAre400Json() {
    for (const char* path : {"/api/stories?limit=0", "/api/stories?limit=100000", "/api/stories?offset=-3",
                             "/api/stories?lang=english", "/api/stories?from=2024-13-01", "/api/stories?to=yesterday",
                             "/api/stories?sort=random", "/api/search", "/api/search?q=x&limit=abc",
                             "/api/search?q=%FF%FE", "/api/stories/1/timeline?sentences=99"}) {
      ExpectError(GetJson(path, 400), path);
    }
    std::string long_q = "/api/search?q=" + std::string(300, 'a');
    ExpectError(GetJson(long_q, 400), "long q");
    auto res = Client().Get(("/api/search?q=" + std::string(9000, 'a')).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 414);
  }

  static void WrongMethodsAre405Json() {
    auto del = Client().Delete("/api/stories");
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 405);
    ExpectError(json::parse(del->body), "DELETE");
    ExpectError(GetJson("/api/documents", 405), "GET /api/documents");
  }

  static void PostNeedsTheToken() {
    std::string body = R"({"text": "Nothing to see.", "lang": "en"})";
    auto none = Post(body, "application/json", "");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401);
    ExpectError(json::parse(none->body), "no token");
    auto wrong = Post(body, "application/json", "not-the-token");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);
  }

  static void MalformedBodiesAre400Json() {
    for (std::string body : {std::string("{not json"), std::string("{\"text\": \"ok\"}\n{broken\n"),
                             std::string("{\"title\": \"no text\"}"), std::string("[1, 2]"), std::string("   "),
                             std::string("{\"text\": 5}"), std::string("{\"text\": \"x\", \"title\": {\"a\": 1}}"),
                             std::string("\xff\xfe{}")}) {
      auto res = Post(body);
      ASSERT_TRUE(res) << body;
      EXPECT_EQ(res->status, 400) << body << "\n" << res->body;
      json j = json::parse(res->body, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << res->body;
      ExpectError(j, body);
    }
    auto line = Post("{\"text\": \"ok\"}\n{broken\n");
    EXPECT_NE(line->body.find("line 2"), std::string::npos) << line->body;
    // A feed sent as it is is named as what it is, and where it is read.
    auto feed = Post("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>", "application/rss+xml");
    ASSERT_TRUE(feed);
    EXPECT_EQ(feed->status, 415);
    EXPECT_NE(feed->body.find("storyloom ingest"), std::string::npos) << feed->body;
  }

  static void OversizedBodiesAre413Json() {
    std::string big = "{\"text\": \"" + std::string(2 << 20, 'a') + "\"}";
    auto res = Post(big);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    json j = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    ExpectError(j, "oversized");
  }

  static void StaticFilesCannotLeaveTheirFolder() {
    for (const char* path : {"/../CMakeLists.txt", "/..%2fCMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd",
                             "/web/../../etc/passwd", "/.hidden", "/%2e%2e%5cCMakeLists.txt", "//etc/passwd",
                             "/index.html%00.png", "/./index.html"}) {
      auto res = Client().Get(path);
      ASSERT_TRUE(res) << path;
      EXPECT_TRUE(res->status == 400 || res->status == 404) << path << " -> " << res->status;
      EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
      EXPECT_EQ(res->body.find("cmake_minimum_required"), std::string::npos) << path;
    }
    auto index = Client().Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(index->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    auto css = Client().Get("/app.css");
    ASSERT_TRUE(css);
    EXPECT_EQ(css->status, 200);
    EXPECT_NE(css->get_header_value("Content-Type").find("text/css"), std::string::npos);
  }

  static void OpenApiDescribesEveryEndpoint() {
    json j = GetJson("/api/openapi.json", 200);
    EXPECT_EQ(j["openapi"].get<std::string>().substr(0, 2), "3.");
    for (const char* p : {"/api/stories", "/api/stories/{id}", "/api/stories/{id}/timeline", "/api/documents/{id}",
                          "/api/documents", "/api/search", "/api/stories/{id}/feed.atom", "/feed.atom"}) {
      EXPECT_TRUE(j["paths"].contains(p)) << p;
    }
  }

  static void PostedDocumentsJoinStoriesWhileOthersRead() {
    int64_t flood = FloodStory();
    ASSERT_GT(flood, 0);
    json before = GetJson("/api/stories/" + std::to_string(flood), 200);
    // The timeline is built (and cached) before the follow-up arrives.
    const std::string timeline = "/api/stories/" + std::to_string(flood) + "/timeline?lang=en";
    auto dates_of = [](const json& t) {
      std::set<std::string> out;
      for (const json& e : t["entries"]) out.insert(e["date"].get<std::string>());
      return out;
    };
    ASSERT_FALSE(dates_of(GetJson(timeline, 200)).contains("2024-03-07"));
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, failures{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i) {
      readers.emplace_back([&] {
        auto c = Client();
        while (!done || reads < 8) {
          auto res = c.Get("/api/stories");
          ++reads;
          if (!res || res->status != 200) ++failures;
        }
      });
    }
    json docs = json::array(
        {{{"title", "Jakarta floods: 1,500 families return home as water recedes"},
          {"source", "River Gazette"},
          {"published", "2024-03-07"},
          {"lang", "en"},
          {"text", "Most of the 1,500 families who fled the floods in eastern Jakarta on 4 March 2024 returned home on "
                   "7 March, the disaster agency BNPB said. The water began to recede on 6 March. WHO teams stayed in "
                   "Jakarta to check the clean water supply."}},
         {{"title", "Harga cabai naik di Medan"},
          {"source", "Kabar Pagi"},
          {"published", "2024-05-02"},
          {"lang", "id"},
          {"text", "Harga cabai merah di pasar tradisional Medan naik tajam pada 2 Mei 2024, kata pedagang setempat. "
                   "Pemerintah kota berjanji menambah pasokan pekan depan."}}});
    // Another writer (as a command-line ingest would) holds the store's
    // write lock: the POST must wait for it, while every read goes on.
    auto other = Store::Open(store_);
    ASSERT_TRUE(other) << other.error().message();
    ASSERT_TRUE((*other)->Begin().ok());
    std::atomic<bool> posted{false};
    std::optional<httplib::Result> posting;
    std::thread poster([&] {
      posting.emplace(Post(docs.dump()));
      posted = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int reads_before = reads;
    for (int i = 0; i < 1000 && reads < reads_before + 20; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GE(reads, reads_before + 20) << "reads stalled while a write was pending";
    EXPECT_FALSE(posted) << "the POST did not wait for the other writer";
    ASSERT_TRUE((*other)->Commit().ok());
    poster.join();
    done = true;
    for (auto& t : readers) t.join();
    ASSERT_TRUE(posting.has_value());
    httplib::Result& res = *posting;
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    EXPECT_EQ(failures, 0);
    json j = json::parse(res->body);
    ASSERT_EQ(j["documents"].size(), 2u) << j;
    EXPECT_EQ(j["documents"][0]["story"], flood) << "the follow-up joins the flood story: " << j;
    EXPECT_NE(j["documents"][1]["story"], flood);

    json after = GetJson("/api/stories/" + std::to_string(flood), 200);
    EXPECT_EQ(after["docs"].size(), before["docs"].size() + 1);
    // The cached timeline gave way to one with the follow-up's day.
    EXPECT_TRUE(dates_of(GetJson(timeline, 200)).contains("2024-03-07")) << GetJson(timeline, 200);
    json found = GetJson("/api/search?q=cabai%20Medan", 200);
    ASSERT_EQ(found["total"], 1) << found;
    EXPECT_EQ(found["hits"][0]["doc"], j["documents"][1]["id"]);

    // JSONL too; the same bytes again add nothing.
    std::string jsonl = R"({"text": "Warga Medan antre membeli cabai murah pada 3 Mei 2024.", "lang": "id", "published": "2024-05-03"})"
                        "\n";
    auto first = Post(jsonl, "application/x-ndjson");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 201) << first->body;
    auto again = Post(jsonl, "application/x-ndjson");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200) << again->body;
    EXPECT_TRUE(json::parse(again->body)["already_stored"].get<bool>());

    // A report that names no publisher is a report, not a source.
    auto quake = Post(R"({"text": "Gempa berkekuatan 5,2 mengguncang Kota Palu pada 9 Mei 2024, kata BMKG. Tidak ada )"
                      R"(laporan kerusakan atau korban jiwa.", "lang": "id", "published": "2024-05-09"})");
    ASSERT_TRUE(quake);
    ASSERT_EQ(quake->status, 201) << quake->body;
    json quake_story = GetJson("/api/stories/" + std::to_string(json::parse(quake->body)["documents"][0]["story"].get<int64_t>()), 200);
    bool listed = false;
    const json all = GetJson("/api/stories?limit=100", 200);
    for (const json& st : all["stories"]) {
      if (st["id"] != quake_story["id"]) continue;
      listed = true;
      EXPECT_TRUE(st["independent_sources"].is_null()) << st;
      EXPECT_EQ(st["reports"], 1) << st;
    }
    EXPECT_TRUE(listed);
  }
};

TEST_F(ServeApi, ReadsStoriesTimelinesDocumentsAndSearch) {
  {
    SCOPED_TRACE("StartingMigratesTheStoreAndBackfillsTheSearchIndex");
    ServeChecks::StartingMigratesTheStoreAndBackfillsTheSearchIndex();
  }
  {
    SCOPED_TRACE("ListsStoriesWithLanguagesSourcesAndCoverage");
    ServeChecks::ListsStoriesWithLanguagesSourcesAndCoverage();
  }
  {
    SCOPED_TRACE("StoryShowsDocumentsWithCopiesPointingAtTheirOriginal");
    ServeChecks::StoryShowsDocumentsWithCopiesPointingAtTheirOriginal();
  }
  {
    SCOPED_TRACE("TimelineHasDatedEntriesWithReportsAndContext");
    ServeChecks::TimelineHasDatedEntriesWithReportsAndContext();
  }
  {
    SCOPED_TRACE("DocumentHasCleanTextSentencesAndStory");
    ServeChecks::DocumentHasCleanTextSentencesAndStory();
  }
  {
    SCOPED_TRACE("CommandLineAnswersInTheApisShapes");
    ServeChecks::CommandLineAnswersInTheApisShapes();
  }
  {
    SCOPED_TRACE("SearchMatchesEveryLanguageAndFilters");
    ServeChecks::SearchMatchesEveryLanguageAndFilters();
  }
  {
    SCOPED_TRACE("OpenApiDescribesEveryEndpoint");
    ServeChecks::OpenApiDescribesEveryEndpoint();
  }
}

TEST_F(ServeApi, RefusesBadRequestsWithJsonErrors) {
  {
    SCOPED_TRACE("ArticleTextWithScriptIsEscapedEverywhere");
    ServeChecks::ArticleTextWithScriptIsEscapedEverywhere();
  }
  {
    SCOPED_TRACE("UnknownIdsAndEndpointsAre404Json");
    ServeChecks::UnknownIdsAndEndpointsAre404Json();
  }
  {
    SCOPED_TRACE("BadParametersAre400Json");
    ServeChecks::BadParametersAre400Json();
  }
  {
    SCOPED_TRACE("WrongMethodsAre405Json");
    ServeChecks::WrongMethodsAre405Json();
  }
  {
    SCOPED_TRACE("PostNeedsTheToken");
    ServeChecks::PostNeedsTheToken();
  }
  {
    SCOPED_TRACE("MalformedBodiesAre400Json");
    ServeChecks::MalformedBodiesAre400Json();
  }
  {
    SCOPED_TRACE("OversizedBodiesAre413Json");
    ServeChecks::OversizedBodiesAre413Json();
  }
  {
    SCOPED_TRACE("StaticFilesCannotLeaveTheirFolder");
    ServeChecks::StaticFilesCannotLeaveTheirFolder();
  }
}

TEST_F(ServeApi, PostedDocumentsJoinStoriesWhileOthersRead) { ServeChecks::PostedDocumentsJoinStoriesWhileOthersRead(); }

TEST_F(ServeApi, HalfOpenConnectionsDoNotHoldOthersUp) {
  // More silent connections than the server has threads: each is dropped
  // once it has sent nothing for a few seconds, and a real request is
  // answered meanwhile, well within its client's patience.
  std::vector<int> silent;
  for (int i = 0; i < 200; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) silent.push_back(fd);
    else ::close(fd);
  }
  EXPECT_GE(silent.size(), 150u);
  httplib::Client c("127.0.0.1", server_->port());
  c.set_read_timeout(15, 0);
  auto res = c.Get("/api/stories");
  ASSERT_TRUE(res) << "no answer while silent connections were open";
  EXPECT_EQ(res->status, 200);
  // The server closed the silent ones: each reads end-of-file.
  size_t closed = 0;
  for (int fd : silent) {
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char b;
    closed += ::recv(fd, &b, 1, 0) == 0;
    ::close(fd);
  }
  EXPECT_EQ(closed, silent.size());
}

TEST(ServeLibrary, LoopbackAndStaticPaths) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("192.168.1.10"));
  TempDir dir;
  dir.Write("web/index.html", "<!doctype html>");
  dir.Write("web/a/b.css", "x");
  dir.Write("secret.txt", "secret");
  fs::create_directory_symlink(dir.Path("."), dir.Path("web/link"));
  StaticFiles files(dir.Path("web"));
  EXPECT_TRUE(files.Find("/"));
  EXPECT_TRUE(files.Find("/a/b.css"));
  EXPECT_EQ(files.Find("/a/b.css")->content_type, "text/css; charset=utf-8");
  EXPECT_FALSE(files.Find("/../secret.txt"));
  EXPECT_FALSE(files.Find("/a/../../secret.txt"));
  EXPECT_FALSE(files.Find("/link/secret.txt")) << "a link out of the folder is not followed";
  EXPECT_FALSE(files.Find("/a"));
  EXPECT_FALSE(files.Find("a/b.css"));
  EXPECT_FALSE(files.Find("/a\\b.css"));
}

}  // namespace
}  // namespace storyloom::testing
