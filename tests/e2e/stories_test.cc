// Stories end to end: ingest builds them, `stories` and `story` show them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "e2e/cli_runner.h"
#include "storyloom/text.h"
#include "warc_for_tests.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

TEST(StoriesEndToEnd, SeedsMakeOneNigerStoryAndFoldTheTranslation) {
  std::string seeds = SharedDir() + "/seeds";
  if (!fs::exists(seeds)) GTEST_SKIP() << "seeds not found at " << seeds << " (../shared is absent)";
  TempDir dir;
  std::string store = dir.Path("s.db");
  CliResult ingest = RunCli({"ingest", seeds, "--store", store, "-q"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  std::map<int64_t, nlohmann::json> docs;
  for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) docs[d["id"].get<int64_t>()] = d;
  ASSERT_EQ(docs.size(), 7u);
  std::map<int64_t, int64_t> story_of;
  auto stories = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  for (const auto& s : stories) {
    for (const auto& d : s["docs"]) story_of[d.get<int64_t>()] = s["id"].get<int64_t>();
    EXPECT_EQ(s["size"].get<size_t>(), s["docs"].size());
  }
  ASSERT_EQ(story_of.size(), 7u) << "every document is in a story";
  int64_t sudan = 0, indonesian = 0, arabic = 0;
  for (const auto& [id, d] : docs) {
    std::string title = d["title"].is_string() ? d["title"].get<std::string>() : "";
    if (title.find("Sudan") != std::string::npos) sudan = id;
    if (d["lang"] == "id") indonesian = id;
    if (d["lang"] == "ar") arabic = id;
  }
  ASSERT_TRUE(sudan && indonesian && arabic);
  int64_t niger = story_of[indonesian];
  for (const auto& [id, d] : docs) {
    if (id == sudan) {
      EXPECT_NE(story_of[id], niger) << "the Sudan fragment is another story";
    } else {
      EXPECT_EQ(story_of[id], niger) << "document " << id << " (" << d["path"] << ") is a Niger report";
    }
  }

  CliResult story = RunCli({"story", std::to_string(niger), "--json", "--store", store});
  ASSERT_EQ(story.exit_code, 0) << story.err;
  nlohmann::json j = nlohmann::json::parse(story.out);
  // The API's story: each document with its placement (why it joined, and
  // what it duplicates).
  bool translation = false, why_arabic = false;
  for (const auto& d : j["docs"]) {
    if (d["id"] == arabic) why_arabic = d["why"].is_array();
    if (d["duplicate_of"].is_null()) continue;
    std::set<int64_t> pair = {d["id"].get<int64_t>(), d["duplicate_of"].get<int64_t>()};
    if (d["duplicate_kind"] == "translation" && pair == std::set<int64_t>{indonesian, arabic}) translation = true;
  }
  EXPECT_TRUE(translation) << j["docs"].dump();
  EXPECT_TRUE(why_arabic) << j["docs"].dump();
  // Text view: duplicates folded under their canonical document.
  CliResult text = RunCli({"story", std::to_string(niger), "--store", store});
  EXPECT_NE(text.out.find("[translation of"), std::string::npos) << text.out;

  // The span is what the reports tell of (the coup of July 2023 to the
  // talks on the US withdrawal in April 2024), not the one publication
  // date the seeds carry; the title is in the reader's language.
  for (const auto& s : JsonLines(RunCli({"stories", "--json", "--lang", "vi", "--store", store}).out)) {
    if (s["id"].get<int64_t>() != niger) continue;
    EXPECT_EQ(s["start"].get<std::string>().substr(0, 7), "2023-07") << s.dump();
    EXPECT_EQ(s["end"].get<std::string>().substr(0, 7), "2024-04") << s.dump();
    EXPECT_EQ(s["published_start"], "2023-12-05") << s.dump();
    std::string title = s["title"].get<std::string>();
    EXPECT_TRUE(title.find("Niger") != std::string::npos && title.find("quân sự") != std::string::npos)
        << "a Vietnamese title: " << title;
  }
}

TEST(StoriesEndToEnd, StoriesWithoutTitlesAreLabelledByTheirLeads) {
  TempDir dir;
  std::string feed = dir.Path("feed.jsonl");
  {
    std::ofstream out(feed);
    for (int i = 0; i < 3; ++i) {
      nlohmann::json j = {{"date", "2021-03-0" + std::to_string(i + 1)},
                          {"text", "PORTVILLE | Mon Mar 1 , 2021 6:16 pm EDT PORTVILLE -LRB- Reuters -RRB- - The harbour "
                                   "authority closed the northern port of Portville after a tanker ran aground on Monday "
                                   "and spilled fuel oil. Crews worked through the night " + std::to_string(i) + "."}};
      out << j.dump() << "\n";
    }
  }
  std::string store = dir.Path("s.db");
  ASSERT_EQ(RunCli({"ingest", feed, "--store", store, "-q"}).exit_code, 0);
  CliResult list = RunCli({"stories", "--store", store});
  EXPECT_EQ(list.out.find("(untitled)"), std::string::npos) << list.out;
  auto stories = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  ASSERT_EQ(stories.size(), 1u);
  std::string title = stories[0]["title"].get<std::string>();
  EXPECT_EQ(title.rfind("The harbour authority closed the northern port of Portville", 0), 0u) << title;
  EXPECT_TRUE(stories[0]["independent_sources"].is_null());
  EXPECT_EQ(stories[0]["reports"], 1) << "exact copies fold: one report";
}

TEST(StoriesEndToEnd, IngestingInTwoRunsGivesTheSameStories) {
  // A feed in publication order, cut in two: the stories after ingesting
  // both halves one after the other are those of ingesting it at once.
  std::string t17 = SharedDir() + "/data/timeline17";
  if (!fs::exists(t17)) GTEST_SKIP() << "Timeline17 not found at " << t17 << " (../shared/data is absent)";
  std::vector<nlohmann::json> articles;
  for (const char* set : {"H1N1_bbc", "MJ_bbc", "haiti_bbc"}) {
    std::ifstream in(t17 + "/" + set + "/articles.jsonl");
    std::string line;
    for (int n = 0; n < 25 && std::getline(in, line); ++n) articles.push_back(nlohmann::json::parse(line));
  }
  std::stable_sort(articles.begin(), articles.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return a["time"].get<std::string>() < b["time"].get<std::string>();
  });
  TempDir dir;
  std::string first, second;
  for (size_t i = 0; i < articles.size(); ++i) (i < articles.size() / 2 ? first : second) += articles[i].dump() + "\n";
  dir.Write("a.jsonl", first);
  dir.Write("b.jsonl", second);
  std::string once = dir.Path("once.db"), twice = dir.Path("twice.db");
  ASSERT_EQ(RunCli({"ingest", dir.Path("a.jsonl"), dir.Path("b.jsonl"), "--store", once, "-q"}).exit_code, 0);
  ASSERT_EQ(RunCli({"ingest", dir.Path("a.jsonl"), "--store", twice, "-q"}).exit_code, 0);
  ASSERT_EQ(RunCli({"ingest", dir.Path("b.jsonl"), "--store", twice, "-q"}).exit_code, 0);
  auto a = StoriesByDocument(once), b = StoriesByDocument(twice);
  ASSERT_EQ(a.size(), articles.size());
  ASSERT_EQ(b.size(), articles.size());
  EXPECT_EQ(Partition(a), Partition(b));
  EXPECT_GT(Partition(a).size(), 1u);
  EXPECT_LT(Partition(a).size(), articles.size() / 2);
}

TEST(StoriesEndToEnd, ThreadsChangeNothing) {
  // The seeds and a cut of Timeline17 on one worker and on four: the same
  // documents, ids, languages and stories.
  std::string t17 = SharedDir() + "/data/timeline17/haiti_bbc/articles.jsonl";
  SKIP_WITHOUT(t17);
  TempDir dir;
  std::ifstream in(t17);
  std::string cut, line;
  for (int n = 0; n < 60 && std::getline(in, line); ++n) cut += line + "\n";
  dir.Write("haiti.jsonl", cut);
  auto run = [&](const std::string& threads) {
    std::string store = dir.Path("t" + threads + ".db");
    CliResult r = RunCli({"ingest", SharedDir() + "/seeds", dir.Path("haiti.jsonl"), "--store", store, "--threads",
                          threads, "--batch", "16", "-q"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> docs;
    for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
      docs.push_back(std::to_string(d["id"].get<int64_t>()) + " " + d["lang"].get<std::string>() + " " +
                     d["text"].get<std::string>());
    }
    return std::make_pair(docs, Partition(StoriesByDocument(store)));
  };
  auto one = run("1"), four = run("4");
  EXPECT_GE(one.first.size(), 60u);
  EXPECT_EQ(one.first, four.first);
  EXPECT_EQ(one.second, four.second);
}

TEST(StoriesEndToEnd, ListsFilterAndUnknownStoriesFail) {
  std::string samples = std::string(STORYLOOM_SOURCE_DIR) + "/samples";
  TempDir dir;
  std::string store = dir.Path("s.db");
  ASSERT_EQ(RunCli({"ingest", samples, "--store", store, "-q"}).exit_code, 0);
  auto all = JsonLines(RunCli({"stories", "--json", "--store", store}).out);
  ASSERT_FALSE(all.empty());
  // The samples hold Arabic reports: the filter keeps exactly the stories
  // that have one.
  size_t with_arabic = 0;
  for (const auto& s : all) {
    auto langs = s["langs"].get<std::vector<std::string>>();
    with_arabic += std::find(langs.begin(), langs.end(), "ar") != langs.end();
  }
  ASSERT_GT(with_arabic, 0u);
  auto arabic = JsonLines(RunCli({"stories", "--json", "--lang", "ar", "--store", store}).out);
  EXPECT_EQ(arabic.size(), with_arabic);
  for (const auto& s : arabic) {
    auto langs = s["langs"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(langs.begin(), langs.end(), "ar"), langs.end());
  }
  EXPECT_TRUE(JsonLines(RunCli({"stories", "--json", "--since", "2999-01-01", "--store", store}).out).empty());
  // A day not written YYYY-MM-DD, or no day at all, is refused: compared as
  // text it would keep a wrong set of stories.
  for (const std::string bad : {"2024-5-1", "21/05/2024", "2024-13-45"}) {
    CliResult r = RunCli({"stories", "--since", bad, "--store", store});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--since takes a day as YYYY-MM-DD, not '" + bad + "'"), std::string::npos) << r.err;
  }
  CliResult missing = RunCli({"story", "99999", "--store", store});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("no story 99999"), std::string::npos);
}

// The same pages at another address (a mirror, a syndicating site) are
// copies: they fold under the first pages and must not regroup them. Copies
// once counted in the statistics (a story's fade is scaled by how many
// documents a day brings), so the 181 pages and their mirror made 83
// stories where the pages alone made 76. A re-crawl of the same addresses
// stores nothing new at all. (A later run that restores the stories from a
// store holding copies counts them as the first did: StoryIndex's
// ReplayingJoinsAndMergesIsExact.)
TEST(StoriesEndToEnd, CopiesOfThePagesRegroupNothing) {
  fs::path pages = fs::path(SharedDir()) / "data" / "article-extraction" / "html";
  if (!fs::exists(pages)) GTEST_SKIP() << "article-extraction pages not found at " << pages << " (../shared is absent)";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(pages)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 150u);
  // The first and second halves of the pages, as a crawl of `site` has them.
  auto crawl = [&](const std::string& site, bool first) {
    std::string out;
    for (size_t i = first ? 0 : files.size() / 2; i < (first ? files.size() / 2 : files.size()); ++i) {
      std::string warning;
      auto page = ReadFileBytes(files[i].string(), &warning);
      EXPECT_TRUE(page.has_value()) << files[i];
      if (page) out += WarcRecord("response", site + files[i].filename().string(), HttpResponse(*page));
    }
    return out;
  };
  const std::string site = "https://pages.example/", mirror = "https://mirror.example/";
  const std::string first_half = crawl(site, true), second_half = crawl(site, false);
  TempDir dir;
  dir.Write("crawl.warc", first_half + second_half);
  dir.Write("recrawl.warc", first_half + second_half + first_half + second_half);
  dir.Write("mirrored.warc", first_half + second_half + crawl(mirror, true) + crawl(mirror, false));
  // Each ingest of `runs` is its own run, into one new store. Stories as
  // sets of page addresses; a copy's address is its original's.
  size_t pages_stored = 0;
  auto stories_of = [&](const std::vector<std::string>& runs) {
    std::string store = dir.Path(runs.front() + "-" + std::to_string(runs.size()) + ".db");
    for (const std::string& input : runs) {
      CliResult r = RunCli({"ingest", dir.Path(input), "--store", store, "-q"});
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    std::map<int64_t, std::string> url;
    for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
      url[d["id"].get<int64_t>()] = d["url"].get<std::string>();
    }
    pages_stored = url.size();
    std::set<std::set<std::string>> out;
    size_t placed = 0;
    for (const auto& s : JsonLines(RunCli({"stories", "--json", "--store", store}).out)) {
      std::set<std::string> urls;
      for (const auto& d : s["docs"]) urls.insert(url.at(d.get<int64_t>()));
      placed += s["docs"].size();
      out.insert(urls);
    }
    EXPECT_EQ(placed, url.size()) << runs.front() << ": every page is in a story";
    return out;
  };
  // How many of `a`'s stories `b` does not have, with one for the message.
  auto regrouped = [](const std::set<std::set<std::string>>& a, const std::set<std::set<std::string>>& b) {
    size_t n = 0;
    for (const auto& story : a) n += !b.contains(story);
    return std::to_string(n) + " of " + std::to_string(a.size()) + " stories regrouped";
  };
  // A mirror's page is known by its own address, a page by the part after it.
  auto page_of = [&](const std::set<std::set<std::string>>& stories) {
    std::set<std::set<std::string>> out;
    for (const auto& story : stories) {
      std::set<std::string> names;
      for (const std::string& url : story) names.insert(url.substr(url.find(".example/")));
      out.insert(names);
    }
    return out;
  };
  const auto once = stories_of({"crawl.warc"});
  const size_t pages_once = pages_stored;
  EXPECT_EQ(regrouped(once, stories_of({"recrawl.warc"})), "0 of " + std::to_string(once.size()) + " stories regrouped");
  EXPECT_EQ(pages_stored, pages_once) << "a re-crawl of the same addresses stores nothing new";
  const auto mirrored = page_of(stories_of({"mirrored.warc"}));
  EXPECT_EQ(pages_stored, 2 * pages_once) << "the mirror's pages are stored";
  EXPECT_EQ(regrouped(page_of(once), mirrored), "0 of " + std::to_string(once.size()) + " stories regrouped");
  EXPECT_EQ(mirrored.size(), once.size());
}
}  // namespace
}  // namespace storyloom::testing
