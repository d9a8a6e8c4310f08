// The front door as a user meets it: an Engine over the in-memory model
// store, fed the sample corpus and an exact copy of one report, answers
// with stories largest first, a story whose copy is folded under its
// original, a timeline whose lines cite the sentences they quote, search
// hits that hold the word, and NotFound for what is not there.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "store/memory/memory_store.h"
#include "storyloom/engine.h"
#include "storyloom/views.h"

namespace storyloom {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kCopied = STORYLOOM_SOURCE_DIR "/samples/id/solmar_bantuan_oravel.txt";

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EngineOptions options;
    options.resources_dir = STORYLOOM_SOURCE_DIR "/resources";
    auto engine = Engine::Open(NewMemoryStore(), options);
    ASSERT_TRUE(engine.has_value()) << engine.error().message();
    engine_ = std::move(*engine).release();
    IngestOptions ingest;
    auto report = engine_->Ingest({STORYLOOM_SOURCE_DIR "/samples"}, ingest);
    ASSERT_TRUE(report.has_value()) << report.error().message();
    ASSERT_GT(report->documents, 5u);
    EXPECT_GT(report->stories, 0u);
    // The same report again under another name, with a trailing line break:
    // new bytes, the same text.
    report = engine_->IngestMemory({{"mirror/solmar.txt", ReadFile(kCopied) + "\n"}}, ingest);
    ASSERT_TRUE(report.has_value()) << report.error().message();
    EXPECT_EQ(report->duplicates, 1u);
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  // The id of the document read from a path ending so.
  static int64_t DocumentFrom(const std::string& ending) {
    auto docs = engine_->ListDocuments();
    EXPECT_TRUE(docs.has_value());
    for (const Document& d : *docs) {
      if (d.path.ends_with(ending)) return d.id;
    }
    return 0;
  }

  static inline Engine* engine_ = nullptr;
};

TEST_F(EngineTest, StoriesComeLargestFirstAndFiltersKeepWhatTheySay) {
  auto all = engine_->ListStories(StoryFilter());
  ASSERT_TRUE(all.has_value()) << all.error().message();
  ASSERT_GE(all->stories.size(), 2u);
  EXPECT_EQ(all->total, all->stories.size());
  for (size_t i = 1; i < all->stories.size(); ++i) {
    EXPECT_GE(all->stories[i - 1].docs.size(), all->stories[i].docs.size()) << "story " << all->stories[i].id;
  }
  StoryFilter arabic;
  arabic.lang = "ar";
  auto ar = engine_->ListStories(arabic);
  ASSERT_TRUE(ar.has_value());
  ASSERT_FALSE(ar->stories.empty());
  for (const StorySummary& s : ar->stories) {
    EXPECT_NE(std::find(s.langs.begin(), s.langs.end(), "ar"), s.langs.end()) << "story " << s.id;
  }
  StoryFilter page;
  page.offset = 1;
  page.limit = 1;
  auto second = engine_->ListStories(page);
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(second->stories.size(), 1u);
  EXPECT_EQ(second->stories[0].id, all->stories[1].id);
  EXPECT_EQ(second->total, all->total);
  StoryFilter future;
  future.from = "2999-01-01";
  EXPECT_TRUE(engine_->ListStories(future)->stories.empty());
}

TEST_F(EngineTest, AStoryFoldsTheCopyUnderItsOriginal) {
  int64_t original = DocumentFrom("samples/id/solmar_bantuan_oravel.txt");
  int64_t copy = DocumentFrom("mirror/solmar.txt");
  ASSERT_NE(original, 0);
  ASSERT_NE(copy, 0);
  // The report may itself repeat one read earlier (the feed carries it too):
  // the copy is folded under the canonical one.
  auto first = engine_->GetDocument(original);
  ASSERT_TRUE(first.has_value() && first->placement.has_value());
  if (first->placement->duplicate_of) original = first->placement->duplicate_of;
  auto doc = engine_->GetDocument(copy);
  ASSERT_TRUE(doc.has_value());
  ASSERT_TRUE(doc->placement.has_value());
  EXPECT_EQ(doc->placement->duplicate_of, original);
  auto story = engine_->GetStory(doc->placement->story);
  ASSERT_TRUE(story.has_value()) << story.error().message();
  const StoryDocument* folded_copy = nullptr;
  for (const StoryDocument* d : story->FoldedUnder(original)) {
    if (d->brief.id == copy) folded_copy = d;
  }
  ASSERT_NE(folded_copy, nullptr) << "the copy is folded under " << original;
  EXPECT_EQ(folded_copy->duplicate_kind, "exact");
  ASSERT_NE(story->Find(original), nullptr);
  EXPECT_EQ(story->Find(original)->duplicate_of, 0) << "the original is a report of its own";
  EXPECT_LT(story->summary.reports, story->docs.size()) << "the copy is no report of its own";
  // Every document of the story is in one of its events.
  std::set<int64_t> in_events;
  for (const StoryEvent& e : story->events) in_events.insert(e.docs.begin(), e.docs.end());
  for (const StoryDocument& d : story->docs) EXPECT_TRUE(in_events.contains(d.brief.id)) << d.brief.id;
  // The view as JSON: the API's shape.
  nlohmann::json j = StoryViewJson(*story);
  EXPECT_EQ(j["id"], story->summary.id);
  EXPECT_EQ(j["docs"].size(), story->docs.size());
  bool copy_seen = false;
  for (const auto& d : j["docs"]) copy_seen |= d["id"] == copy && d["duplicate_of"] == original;
  EXPECT_TRUE(copy_seen) << j["docs"].dump();
}

TEST_F(EngineTest, ATimelinesLinesCiteTheSentencesTheyQuote) {
  auto stories = engine_->ListStories(StoryFilter());
  ASSERT_TRUE(stories.has_value());
  TimelineOptions options;
  options.sentences = 2;
  auto view = engine_->GetTimeline(stories->stories[0].id, options);
  ASSERT_TRUE(view.has_value()) << view.error().message();
  const Timeline& t = view->timeline;
  ASSERT_FALSE(t.entries.empty());
  ASSERT_EQ(view->reports.size(), t.entries.size());
  for (const TimelineEntry& e : t.entries) {
    for (const TimelineSentence& s : e.sentences) {
      EXPECT_NE(std::find(e.sources.begin(), e.sources.end(), s.doc), e.sources.end()) << e.date;
      auto doc = engine_->GetDocument(s.doc);
      ASSERT_TRUE(doc.has_value());
      const std::string& body = doc->doc.body.text();
      ASSERT_LE(s.body_span.end, body.size());
      EXPECT_EQ(body.substr(s.body_span.start, s.body_span.size()), s.text) << e.date;
      EXPECT_TRUE(view->docs.contains(s.doc)) << "every cited document is shown in brief";
    }
  }
  nlohmann::json j = TimelineViewJson(*view);
  EXPECT_EQ(j["entries"].size(), t.entries.size());
  EXPECT_TRUE(j["entries"][0].contains("reports"));
  EXPECT_TRUE(j["entries"][0]["sentences"][0].contains("context"));
}

TEST_F(EngineTest, SearchFindsTheWordAndHighlightsIt) {
  SearchOptions options;
  auto found = engine_->Search("Solmar", options);
  ASSERT_TRUE(found.has_value()) << found.error().message();
  ASSERT_GT(found->total, 0u);
  EXPECT_EQ(found->terms, std::vector<std::string>{"solmar"});
  for (const SearchResultHit& h : found->hits) {
    ASSERT_TRUE(h.snippet.has_value()) << h.hit.doc;
    ASSERT_FALSE(h.snippet->highlights.empty()) << h.snippet->text;
    auto [a, b] = h.snippet->highlights[0];
    std::string word = h.snippet->text.substr(a, b - a);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_EQ(word, "solmar");
  }
  auto nothing = engine_->Search("zzqxv", options);
  ASSERT_TRUE(nothing.has_value());
  EXPECT_EQ(nothing->total, 0u);
  EXPECT_TRUE(nothing->hits.empty());
}

// An engine on a new in-memory store holding `jsonl`, all of whose
// `documents` lines must be stored.
std::unique_ptr<Engine> EngineHolding(const std::string& jsonl, size_t documents) {
  EngineOptions options;
  options.resources_dir = STORYLOOM_SOURCE_DIR "/resources";
  auto engine = Engine::Open(NewMemoryStore(), options);
  EXPECT_TRUE(engine.has_value()) << engine.error().message();
  if (!engine) return nullptr;
  auto report = (*engine)->IngestMemory({{"desk.jsonl", jsonl}}, IngestOptions());
  EXPECT_TRUE(report.has_value()) << report.error().message();
  if (!report || report->documents != documents) {
    ADD_FAILURE() << "stored " << (report ? report->documents : 0) << " document(s), not " << documents;
    return nullptr;
  }
  return std::move(*engine);
}

// A headline word finds its article, though the text never repeats it.
TEST(EngineSearch, AHeadlineWordFindsItsArticle) {
  const std::string line =
      R"({"title": "Effectifs réduits à l'hôpital de Nantes", "lang": "fr", "published": "2024-05-17", )"
      R"("text": "Le service des urgences ferme ses portes la nuit jusqu'à la fin du mois, faute de médecins, )"
      R"(a annoncé la direction vendredi."})"
      "\n";
  std::unique_ptr<Engine> engine = EngineHolding(line, 1);
  ASSERT_NE(engine, nullptr);
  auto found = engine->Search("effectifs", SearchOptions());
  ASSERT_TRUE(found.has_value()) << found.error().message();
  EXPECT_EQ(found->total, 1u) << "a word of the title alone";
  auto both = engine->Search("hôpital urgences", SearchOptions());
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->total, 1u) << "a word of the title and one of the text";
}

// A word typed without its accents or marks finds it, and is highlighted:
// Vietnamese without tone marks, French without accents.
TEST(EngineSearch, AWordTypedWithoutItsAccentsFindsIt) {
  const std::string lines =
      R"({"title": "Công nhân cảng Hải Phòng ngừng việc", "lang": "vi", "published": "2024-05-16", )"
      R"("text": "Hàng trăm công nhân tại cảng Hải Phòng đã ngừng việc sáng thứ Năm vì chưa được trả thưởng."})"
      "\n"
      R"({"title": "Le café du port ferme", "lang": "fr", "published": "2024-05-17", )"
      R"("text": "Le café historique du port fermera ses portes à la fin du mois, a annoncé son propriétaire."})"
      "\n";
  std::unique_ptr<Engine> engine = EngineHolding(lines, 2);
  ASSERT_NE(engine, nullptr);
  for (const std::string q : {"hai phong", "Hải Phòng", "cong nhan", "cafe", "café"}) {
    auto found = engine->Search(q, SearchOptions());
    ASSERT_TRUE(found.has_value()) << found.error().message();
    EXPECT_EQ(found->total, 1u) << q;
    if (found->hits.empty() || !found->hits[0].snippet) continue;
    EXPECT_FALSE(found->hits[0].snippet->highlights.empty()) << q << ": " << found->hits[0].snippet->text;
  }
  auto nothing = engine->Search("hai phongx", SearchOptions());
  ASSERT_TRUE(nothing.has_value());
  EXPECT_EQ(nothing->total, 0u);
}

TEST_F(EngineTest, WhatIsNotThereIsNotFound) {
  auto story = engine_->GetStory(999999);
  ASSERT_FALSE(story.has_value());
  EXPECT_EQ(story.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(story.error().message().find("no story 999999"), std::string::npos) << story.error().message();
  auto timeline = engine_->GetTimeline(999999, TimelineOptions());
  ASSERT_FALSE(timeline.has_value());
  EXPECT_EQ(timeline.error().kind(), ErrorKind::kNotFound);
  auto events = engine_->GetEvents(999999);
  ASSERT_FALSE(events.has_value());
  EXPECT_EQ(events.error().kind(), ErrorKind::kNotFound);
  auto doc = engine_->GetDocument(999999);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().kind(), ErrorKind::kNotFound);
}

TEST(EngineOpen, AStoreThatIsNotThereIsNotFoundAndNotMade) {
  std::string path = ::testing::TempDir() + "/storyloom-engine-test-missing.db";
  std::remove(path.c_str());
  auto engine = Engine::Open(path, EngineOptions());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kNotFound) << engine.error().message();
  EXPECT_FALSE(std::ifstream(path).good());
}

}  // namespace
}  // namespace storyloom
