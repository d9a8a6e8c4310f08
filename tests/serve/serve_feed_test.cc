// The Atom feeds of `storyloom serve`, end to end: the real binary on a
// store of the flood reports (tests/serve/data/flood.jsonl) and of two
// reports with hostile titles, read over HTTP as a feed reader reads them.
// Every feed is parsed and validated (atom_check.h).
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "e2e/cli_runner.h"
#include "serve/atom_check.h"
#include "serve/server_process.h"
#include "storyloom/store.h"

namespace storyloom::testing {
namespace {

using nlohmann::json;

const char* const kAtomType = "application/atom+xml; charset=utf-8";

std::string Schema() { return std::string(STORYLOOM_SOURCE_DIR) + "/tests/serve/data/atom.rng"; }

// Two reports with hostile titles: a market fire's with markup, quotes,
// control characters and Arabic; a rice price's with bytes that are not
// UTF-8 (ingest reads them as U+FFFD).
std::string HostileJsonl() {
  return R"j({"title": "Market fire & <script>alert(1)</script> \"Pasar\" \u0001\u001b حريق السوق", )j"
         R"j("source": "Bandung <Daily> & Co", "published": "2024-06-10", "lang": "id", "url": "javascript:alert(1)", )j"
         R"j("text": "Kebakaran besar melanda Pasar Kosambi di Bandung pada 9 Juni 2024. Petugas pemadam kebakaran )j"
         R"j(memadamkan api setelah empat jam, kata kepala dinas."})j"
         "\n"
         "{\"title\": \"Bad bytes \xC3\x28\xFF in a title\", \"published\": \"2024-07-03\", \"lang\": \"id\", "
         "\"text\": \"Harga beras di pasar Makassar turun pada 3 Juli 2024 setelah panen raya, kata pedagang.\"}\n";
}

// The day an event entry is about: its title starts with it.
std::string DateOf(const AtomEntryRead& e) { return e.title.substr(0, e.title.find(' ')); }

// The entries of `now` that `before` (by id) did not have; and checks that
// every entry of `before` is still there with its id, for the same day.
std::vector<AtomEntryRead> Added(const std::map<std::string, AtomEntryRead>& before, const AtomRead& now) {
  std::vector<AtomEntryRead> added;
  for (const AtomEntryRead& e : now.entries) {
    auto it = before.find(e.id);
    if (it == before.end()) {
      added.push_back(e);
      continue;
    }
    EXPECT_EQ(DateOf(e), DateOf(it->second)) << "an entry keeps its id as long as it is the same event";
  }
  for (const auto& [id, e] : before) {
    EXPECT_TRUE(std::any_of(now.entries.begin(), now.entries.end(), [&](const AtomEntryRead& a) { return a.id == id; }))
        << "the event of " << DateOf(e) << " is still there with its id";
  }
  return added;
}

class ServeFeeds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = dir_->Path("feeds.db");
    dir_->Write("hostile.jsonl", HostileJsonl());
    CliResult ingest = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/tests/serve/data/flood.jsonl",
                               dir_->Path("hostile.jsonl"), "--store", store_, "-q"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    StartServer();
  }
  static void StartServer(const std::vector<std::string>& more = {}) {
    delete server_;
    server_ = new ServerProcess();
    std::vector<std::string> args = {"serve", "--store", store_, "--port", "0"};
    args.insert(args.end(), more.begin(), more.end());
    bool started = server_->Start(args, dir_->Path("serve.err"));
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
  static std::string Base() { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  // GET a feed, expecting valid Atom.
  static AtomRead Feed(const std::string& path, const httplib::Headers& headers = {}) {
    auto res = Client().Get(path.c_str(), headers);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), kAtomType) << path;
    AtomRead feed = ReadAtom(res->body, Schema());
    EXPECT_TRUE(feed.errors.empty()) << path << ": " << ::testing::PrintToString(feed.errors) << "\n" << res->body;
    return feed;
  }
  static json GetJson(const std::string& path) {
    auto res = Client().Get(path.c_str());
    if (!res || res->status != 200) return nullptr;
    return json::parse(res->body, nullptr, false);
  }
  static int StatusOf(const std::string& path) {
    auto res = Client().Get(path.c_str());
    return res ? res->status : -1;
  }
  static int64_t FloodStory() {
    json j = GetJson("/api/search?q=BNPB&lang=id");
    if (!j.is_object() || j["hits"].empty() || j["hits"][0]["story"].is_null()) return 0;
    return j["hits"][0]["story"].get<int64_t>();
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string store_;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(ServeFeeds, StoryFeedHasOneEntryPerTimelineEvent) {
  const int64_t flood = FloodStory();
  ASSERT_GT(flood, 0);
  const std::string path = "/api/stories/" + std::to_string(flood) + "/feed.atom";
  AtomRead feed = Feed(path);
  json timeline = GetJson("/api/stories/" + std::to_string(flood) + "/timeline?sentences=1");
  ASSERT_TRUE(timeline.is_object());
  std::set<std::string> dates, entry_dates;
  for (const json& e : timeline["entries"]) dates.insert(e["date"].get<std::string>());
  ASSERT_GE(dates.size(), 3u) << timeline;
  for (const AtomEntryRead& e : feed.entries) entry_dates.insert(DateOf(e));
  EXPECT_EQ(entry_dates, dates);
  EXPECT_EQ(feed.entries.size(), dates.size());
  // The latest event first; updated is the feed's newest.
  EXPECT_GT(DateOf(feed.entries.front()), DateOf(feed.entries.back()));
  std::string newest;
  for (const AtomEntryRead& e : feed.entries) newest = std::max(newest, e.updated);
  EXPECT_EQ(feed.updated, newest);

  const std::string story_page = Base() + "/story.html?id=" + std::to_string(flood);
  bool self = false;
  for (const AtomLinkRead& l : feed.links) self = self || (l.rel == "self" && l.href == Base() + path);
  EXPECT_TRUE(self) << "the feed links to itself";
  for (const AtomEntryRead& e : feed.entries) {
    SCOPED_TRACE(e.title);
    EXPECT_TRUE(e.id.starts_with("urn:uuid:")) << e.id;
    EXPECT_FALSE(e.summary.empty()) << "the event's sentence";
    EXPECT_TRUE(std::set<std::string>({"en", "id", "vi", "ar"}).contains(e.lang)) << e.lang;
    EXPECT_FALSE(e.categories.empty()) << "its sources' languages";
    // The event's date is when it happened; published and updated are when
    // it was first and last reported (the flood's reports: 5 to 6 March).
    EXPECT_TRUE(e.published.starts_with("2024-03-0")) << e.published;
    EXPECT_LE(e.published, e.updated);
    int alternates = 0, sources = 0;
    for (const AtomLinkRead& l : e.links) {
      if (l.rel == "alternate") {
        ++alternates;
        EXPECT_EQ(l.href, story_page);
      }
      if (l.rel == "related") {
        ++sources;
        EXPECT_TRUE(l.href.starts_with(Base() + "/doc.html?id=")) << l.href;
      }
    }
    EXPECT_EQ(alternates, 1);
    EXPECT_GE(sources, 1) << "links to the source documents";
    EXPECT_NE(e.content.find("<a href=\"" + Base() + "/doc.html?id="), std::string::npos) << e.content;
  }

  // In Arabic: the feed says its language, entries quote Arabic where a
  // source has the event in Arabic.
  AtomRead ar = Feed(path + "?lang=ar");
  EXPECT_EQ(ar.lang, "ar");
  EXPECT_NE(ar.id, feed.id) << "a feed filtered to a language is another feed";
  ASSERT_EQ(ar.entries.size(), feed.entries.size());
  size_t arabic = 0;
  for (size_t i = 0; i < ar.entries.size(); ++i) {
    EXPECT_EQ(ar.entries[i].id, feed.entries[i].id) << "the same event in another language is the same entry";
    arabic += ar.entries[i].lang == "ar";
  }
  EXPECT_GE(arabic, 1u);
  for (const AtomLinkRead& l : ar.entries[0].links) {
    if (l.rel == "alternate") {
      EXPECT_EQ(l.href, story_page + "&lang=ar");
    }
  }

  // Links follow the Host the reader used.
  AtomRead proxied = Feed(path, {{"Host", "news.example.org:8443"}});
  ASSERT_FALSE(proxied.entries.empty());
  for (const AtomLinkRead& l : proxied.entries[0].links) {
    EXPECT_TRUE(l.href.starts_with("http://news.example.org:8443/")) << l.href;
  }
  auto bad_host = Client().Get(path.c_str(), {{"Host", "evil\"host"}});
  ASSERT_TRUE(bad_host);
  EXPECT_EQ(bad_host->status, 400) << bad_host->body;

  // A story that does not exist, or a path that names none.
  EXPECT_EQ(StatusOf("/api/stories/999999/feed.atom"), 404);
  EXPECT_EQ(StatusOf("/api/stories/abc/feed.atom"), 404);
  EXPECT_EQ(StatusOf(path + "?lang=arabic"), 400);
}

TEST_F(ServeFeeds, StoriesFeedIsNewestFirstFilteredAndEscaped) {
  AtomRead all = Feed("/feed.atom?limit=100");
  ASSERT_GE(all.entries.size(), 3u);
  for (size_t i = 1; i < all.entries.size(); ++i) {
    EXPECT_GE(all.entries[i - 1].updated, all.entries[i].updated) << "newest first";
  }
  // The hostile titles: well-formed (Feed checked), and read back as text.
  bool hostile = false;
  for (const AtomEntryRead& e : all.entries) {
    if (e.title.find("Market fire") == std::string::npos) continue;
    hostile = true;
    EXPECT_NE(e.title.find("& <script>alert(1)</script> \"Pasar\""), std::string::npos) << e.title;
    EXPECT_NE(e.title.find("حريق السوق"), std::string::npos) << e.title;
    EXPECT_EQ(e.title.find('\x01'), std::string::npos) << "control characters are dropped";
    // Its own feed is valid Atom too, and cites no javascript: address.
    std::string own;
    for (const AtomLinkRead& l : e.links) {
      if (l.type == "application/atom+xml") own = l.href;
    }
    ASSERT_TRUE(own.starts_with(Base() + "/api/stories/")) << own;
    AtomRead story = Feed(own.substr(Base().size()));
    EXPECT_FALSE(story.entries.empty());
    for (const AtomEntryRead& s : story.entries) EXPECT_EQ(s.content.find("javascript:"), std::string::npos);
  }
  EXPECT_TRUE(hostile) << "the market fire story is listed";
  EXPECT_TRUE(std::any_of(all.entries.begin(), all.entries.end(), [](const AtomEntryRead& e) {
    return e.title == "Bad bytes \xEF\xBF\xBD(\xEF\xBF\xBD in a title";
  })) << "the rice story is listed, its title's bad bytes replaced";

  AtomRead vi = Feed("/feed.atom?lang=vi");
  EXPECT_EQ(vi.lang, "vi");
  ASSERT_FALSE(vi.entries.empty());
  for (const AtomEntryRead& e : vi.entries) {
    EXPECT_TRUE(std::find(e.categories.begin(), e.categories.end(), "vi") != e.categories.end()) << e.title;
  }
  EXPECT_LT(vi.entries.size(), all.entries.size());
  EXPECT_NE(vi.id, all.id) << "another filter, another feed";

  AtomRead one = Feed("/feed.atom?limit=1");
  ASSERT_EQ(one.entries.size(), 1u);
  EXPECT_EQ(one.entries[0].id, all.entries[0].id);

  const int64_t flood = FloodStory();
  AtomRead found = Feed("/feed.atom?q=BNPB");
  ASSERT_EQ(found.entries.size(), 1u);
  bool to_flood = false;
  for (const AtomLinkRead& l : found.entries[0].links) {
    to_flood = to_flood || l.href == Base() + "/story.html?id=" + std::to_string(flood);
  }
  EXPECT_TRUE(to_flood);
  EXPECT_EQ(Feed("/feed.atom?from=2030-01-01").entries.size(), 0u);

  EXPECT_EQ(StatusOf("/feed.atom?limit=0"), 400);
  EXPECT_EQ(StatusOf("/feed.atom?from=2024-13-01"), 400);
}

TEST_F(ServeFeeds, NewEventIsANewEntryAndIdsSurviveRestarts) {
  const int64_t flood = FloodStory();
  ASSERT_GT(flood, 0);
  const std::string path = "/api/stories/" + std::to_string(flood) + "/feed.atom";
  AtomRead before = Feed(path);
  ASSERT_FALSE(before.entries.empty());
  std::map<std::string, AtomEntryRead> old;
  for (const AtomEntryRead& e : before.entries) {
    old[e.id] = e;
    ASSERT_NE(DateOf(e), "2024-03-12");
  }

  // A later development: the schools reopen, a day after they were due to.
  json doc = {{"title", "Jakarta schools reopen after the floods"},
              {"source", "River Gazette"},
              {"published", "2024-03-12"},
              {"lang", "en"},
              {"text", "Schools in eastern Jakarta reopened on 12 March 2024, a week after the floods forced 1,500 "
                       "families from their homes, the disaster agency BNPB said."}};
  auto posted = Client().Post("/api/documents", doc.dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  ASSERT_EQ(json::parse(posted->body)["documents"][0]["story"], flood) << "the report joins the flood story";

  AtomRead after = Feed(path);
  std::vector<AtomEntryRead> added = Added(old, after);
  ASSERT_EQ(added.size(), 1u) << "exactly the new event is a new entry";
  EXPECT_EQ(DateOf(added[0]), "2024-03-12");
  EXPECT_EQ(added[0].updated, "2024-03-12T00:00:00Z");
  EXPECT_EQ(after.updated, "2024-03-12T00:00:00Z") << "the feed was updated by the new report";

  // A late report of an earlier event: it takes its place in the timeline,
  // and still no other entry changes its id.
  for (const AtomEntryRead& e : after.entries) old[e.id] = e;
  json warning = {{"title", "BNPB had warned of the Jakarta floods"},
                  {"source", "Harbor Post"},
                  {"published", "2024-03-12"},
                  {"lang", "en"},
                  {"text", "The disaster agency BNPB warned of floods in eastern Jakarta on 2 March 2024, two days "
                           "before heavy rain forced 1,500 families from their homes."}};
  posted = Client().Post("/api/documents", warning.dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  ASSERT_EQ(json::parse(posted->body)["documents"][0]["story"], flood) << "the warning joins the flood story";
  after = Feed(path);
  added = Added(old, after);
  ASSERT_EQ(added.size(), 1u) << "exactly the earlier event is a new entry";
  EXPECT_EQ(DateOf(added[0]), "2024-03-02");

  // The same store opened again, now served behind a proxy: the same ids,
  // links to where readers reach it.
  StartServer({"--base-url", "https://news.example.org/"});
  AtomRead reopened = Feed(path);
  std::set<std::string> ids_after, ids_reopened;
  for (const AtomEntryRead& e : after.entries) ids_after.insert(e.id);
  for (const AtomEntryRead& e : reopened.entries) ids_reopened.insert(e.id);
  EXPECT_EQ(ids_reopened, ids_after);
  EXPECT_EQ(reopened.id, after.id);
  ASSERT_FALSE(reopened.entries.empty());
  for (const AtomLinkRead& l : reopened.entries[0].links) {
    EXPECT_TRUE(l.href.starts_with("https://news.example.org/")) << l.href;
  }

  // A base URL that is not one is refused at once, saying so.
  ServerProcess bad;
  EXPECT_FALSE(bad.Start({"serve", "--store", store_, "--port", "0", "--base-url", "news.example.org"},
                         dir_->Path("bad.err")));
  const std::string err = ReadAll(dir_->Path("bad.err"));
  EXPECT_NE(err.find("--base-url must be an http:// or https:// address"), std::string::npos) << err;
}

// A story merged into another lives on there: whoever followed its feed or
// kept its link is sent on (301, as merges are never undone), and the
// command line says where it went. The merges are made through the store,
// as the story stage makes them: c into b, then b into a.
TEST(ServeMerged, AMergedStorysLinksLeadToTheStoryItWentInto) {
  TempDir dir;
  const std::string store = dir.Path("merged.db");
  dir.Write("hostile.jsonl", HostileJsonl());
  CliResult ingest = RunCli({"ingest", std::string(STORYLOOM_SOURCE_DIR) + "/tests/serve/data/flood.jsonl",
                             dir.Path("hostile.jsonl"), "--store", store, "-q"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  std::vector<std::pair<int64_t, int64_t>> stories;  // (id, a document of it)
  for (const auto& s : JsonLines(RunCli({"stories", "--json", "--store", store}).out)) {
    stories.push_back({s["id"].get<int64_t>(), s["docs"][0].get<int64_t>()});
  }
  ASSERT_GE(stories.size(), 3u);
  const auto [a, doc_a] = stories[0];
  const auto [b, doc_b] = stories[1];
  const auto [c, doc_c] = stories[2];
  {
    auto s = Store::Open(store);
    ASSERT_TRUE(s.has_value()) << s.error().message();
    ASSERT_TRUE((*s)->Begin().ok());
    ASSERT_TRUE((*s)->MergeStories(c, b, doc_c).ok());
    ASSERT_TRUE((*s)->MergeStories(b, a, doc_b).ok());
    ASSERT_TRUE((*s)->Commit().ok());
  }
  const std::string to_a = std::to_string(a);
  CliResult story = RunCli({"story", std::to_string(c), "--store", store});
  EXPECT_EQ(story.exit_code, 1);
  EXPECT_NE(story.err.find("it was merged into story " + to_a + ": storyloom story " + to_a), std::string::npos)
      << story.err;
  CliResult timeline = RunCli({"timeline", std::to_string(b), "--store", store});
  EXPECT_EQ(timeline.exit_code, 1);
  EXPECT_NE(timeline.err.find("merged into story " + to_a + ": storyloom timeline " + to_a), std::string::npos)
      << timeline.err;
  CliResult missing = RunCli({"story", "99999", "--store", store});
  EXPECT_EQ(missing.err.find("was merged into"), std::string::npos) << missing.err;

  ServerProcess server;
  ASSERT_TRUE(server.Start({"serve", "--store", store, "--port", "0"}, dir.Path("serve.err")))
      << server.error() << "\n" << ReadAll(dir.Path("serve.err"));
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(120, 0);
  for (const std::string suffix : {"", "/timeline", "/feed.atom"}) {
    auto res = client.Get("/api/stories/" + std::to_string(c) + suffix + "?lang=id");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 301) << suffix << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/api/stories/" + to_a + suffix + "?lang=id");
    EXPECT_EQ(json::parse(res->body)["merged_into"], a);
  }
  // A feed reader follows the move and reads the story it went into.
  httplib::Client reader("127.0.0.1", server.port());
  reader.set_follow_location(true);
  auto feed = reader.Get("/api/stories/" + std::to_string(b) + "/feed.atom");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  AtomRead read = ReadAtom(feed->body, Schema());
  EXPECT_TRUE(read.errors.empty()) << ::testing::PrintToString(read.errors);
  auto direct = reader.Get("/api/stories/" + to_a + "/feed.atom");
  ASSERT_TRUE(direct);
  EXPECT_EQ(ReadAtom(direct->body, Schema()).id, read.id) << "the feed of the story it went into";
  auto none = client.Get("/api/stories/99999");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

}  // namespace
}  // namespace storyloom::testing
