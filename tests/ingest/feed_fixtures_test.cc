// The feed readers against tests/data/feeds/EXPECTED.json: feeds written for
// storyloom in five languages (broken, Latin-1 and entity-laden ones too),
// annotated by their guideline (tests/data/feeds/README.md) without the
// reader's code in view.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "ingest/decode.h"
#include "ingest/reader.h"

namespace storyloom {
namespace {

namespace fs = std::filesystem;

const fs::path kDir = fs::path(STORYLOOM_SOURCE_DIR) / "tests" / "data" / "feeds";

nlohmann::json Gold() {
  std::ifstream in(kDir / "EXPECTED.json");
  return nlohmann::json::parse(in);
}

ReadResult Read(const std::string& name) {
  std::string warning;
  auto bytes = ReadFileBytes((kDir / name).string(), &warning);
  EXPECT_TRUE(bytes.has_value()) << name;
  return ReadInput(name, bytes ? *bytes : "", {});
}

std::string Str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// The day as the publisher wrote it, from the gold's date as given: the
// first ten characters of an ISO date, or "D Mon YYYY" of an RFC 822 one.
std::string LocalDay(const std::string& given) {
  if (given.size() >= 10 && given[4] == '-') return given.substr(0, 10);
  static const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int d = 0, y = 0;
  char mon[4] = {0};
  const char* s = given.c_str();
  if (const char* comma = std::strchr(s, ',')) s = comma + 1;
  if (std::sscanf(s, "%d %3s %d", &d, mon, &y) != 3) return "";
  const char* at = std::strstr(kMonths, mon);
  if (!at) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, static_cast<int>((at - kMonths) / 3 + 1), d);
  return buf;
}

std::string PrimaryLang(std::string lang) {
  lang = lang.substr(0, lang.find_first_of("-_"));
  for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lang;
}

bool SummaryOnly(const InputUnit& u) {
  auto meta = nlohmann::json::parse(u.metadata_json, nullptr, false);
  return meta.is_object() && meta.value("summary_only", false);
}

TEST(FeedFixtures, EveryItemAsTheGoldSays) {
  ASSERT_TRUE(fs::exists(kDir / "EXPECTED.json"));
  nlohmann::json gold = Gold()["files"];
  size_t checked = 0;
  for (const auto& [name, file] : gold.items()) {
    SCOPED_TRACE(name);
    ReadResult r = Read(name);
    if (!file.contains("items") || !file["items"].is_array()) continue;  // the sitemap: below
    const nlohmann::json& items = file["items"];
    if (file.contains("documents") && file["documents"].is_number()) {
      EXPECT_EQ(r.units.size(), file["documents"].get<size_t>());
    }
    if (file.contains("documents_at_least")) {
      EXPECT_GE(r.units.size(), file["documents_at_least"].get<size_t>());
    }
    if (file.value("is_error", false) || items.empty()) {
      EXPECT_TRUE(r.units.empty());
      ASSERT_FALSE(r.issues.empty()) << "nothing said about " << name;
      continue;
    }
    EXPECT_EQ(r.format, Format::kFeed);
    size_t u = 0;
    for (const nlohmann::json& item : items) {
      std::string recovery = Str(item, "recovery");
      // Items are read in order; an optional one (cut off) may be missing.
      if (u >= r.units.size()) {
        EXPECT_EQ(recovery, "optional") << "missing: " << Str(item, "title");
        continue;
      }
      const InputUnit& unit = r.units[u];
      std::string must = Str(item, "title_must_contain");
      if (!must.empty()) {
        EXPECT_NE(unit.title.find(must), std::string::npos) << unit.title;
      } else {
        EXPECT_EQ(unit.title, Str(item, "title"));
      }
      EXPECT_EQ(unit.url, Str(item, "link"));
      EXPECT_EQ(unit.published.value_or(""), LocalDay(Str(item, "date_as_given"))) << Str(item, "date_as_given");
      EXPECT_EQ(unit.byline, Str(item, "author"));
      EXPECT_EQ(PrimaryLang(unit.lang), Str(item, "language"));
      EXPECT_EQ(unit.source, Str(file, "source"));
      EXPECT_EQ(SummaryOnly(unit), Str(item, "content") == "summary");
      const std::string& text = unit.text.text();
      if (recovery != "optional") {
        EXPECT_NE(text.find(Str(item, "body_phrase")), std::string::npos) << text;
      }
      for (const auto& more : item.value("body_phrases_more", nlohmann::json::array())) {
        EXPECT_NE(text.find(more.get<std::string>()), std::string::npos) << text;
      }
      for (const auto& absent : item.value("body_absent", nlohmann::json::array())) {
        EXPECT_EQ(text.find(absent.get<std::string>()), std::string::npos) << absent << " in " << text;
      }
      ++u;
      ++checked;
    }
  }
  EXPECT_GE(checked, 30u);
}

TEST(FeedFixtures, BrokenFeedIsSaidWithItsLines) {
  ReadResult r = Read("broken_rss.xml");
  std::set<uint32_t> lines;
  for (const InputIssue& i : r.issues) {
    EXPECT_NE(i.message.find("broken XML"), std::string::npos) << i.message;
    lines.insert(i.line);
  }
  // The damage by line: a bare '&', a control character, the cut end (a
  // bare <br> is closed, and not worth a word).
  EXPECT_TRUE(lines.contains(29)) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines.contains(49)) << ::testing::PrintToString(lines);
  EXPECT_EQ(r.units.size(), 6u);
}

TEST(FeedFixtures, SitemapUrlsAreHeadlines) {
  nlohmann::json gold = Gold()["files"]["news_sitemap.xml"];
  ReadResult r = Read("news_sitemap.xml");
  ASSERT_EQ(r.units.size(), gold["urls"].size());
  for (size_t i = 0; i < r.units.size(); ++i) {
    const nlohmann::json& g = gold["urls"][i];
    EXPECT_EQ(r.units[i].url, Str(g, "url"));
    EXPECT_EQ(r.units[i].title, Str(g, "title"));
    EXPECT_EQ(r.units[i].text.text(), Str(g, "title"));
    EXPECT_EQ(r.units[i].published.value_or(""), LocalDay(Str(g, "date_as_given")));
    EXPECT_EQ(PrimaryLang(r.units[i].lang), Str(g, "language"));
    EXPECT_EQ(r.units[i].source, Str(g, "publication"));
    EXPECT_TRUE(SummaryOnly(r.units[i]));
  }
}

}  // namespace
}  // namespace storyloom
