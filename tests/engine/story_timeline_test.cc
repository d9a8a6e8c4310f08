// A stored story's timeline, on the in-memory model store: the dates are the
// same whether the annotations were stored at ingest or are found again
// while the timeline is built, even for a report dated only by the dateline
// the cleaner cut from its lead.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/story_timeline.h"
#include "store/memory/memory_store.h"
#include "stories/story_resources.h"
#include "text/segment.h"

namespace storyloom {
namespace {

const StoryResources& Resources() {
  static const std::unique_ptr<StoryResources> r = [] {
    ResourcePaths paths;
    paths.dir = STORYLOOM_SOURCE_DIR "/resources";
    auto loaded = StoryResources::Load(paths, {}, {}, /*lexicons=*/false);
    EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message());
    return loaded ? std::move(*loaded) : nullptr;
  }();
  return *r;
}

// An undated wire report whose dateline was cut from its lead.
Document WireReport(const std::string& dateline, const std::string& body) {
  Document d;
  d.lang = "en";
  d.body = MappedText::Identity(body, 0);
  d.paragraphs.push_back({{0, static_cast<uint32_t>(body.size())}, "en", 1});
  d.removed.push_back({{0, static_cast<uint32_t>(dateline.size())}, "dateline", dateline});
  Segmenter segmenter;
  segmenter.Segment(&d, {}, true);  // sentences and tokens, as the pipeline leaves them
  return d;
}

// Stores the reports as one story, with their annotations or without.
std::unique_ptr<Store> StoryOf(std::vector<Document> docs, bool with_annotations) {
  std::unique_ptr<Store> store = NewMemoryStore();
  auto input = store->AddInput({0, "wire", "wire", "text", "UTF-8", 0}, "wire");
  EXPECT_TRUE(input.has_value());
  for (Document& d : docs) {
    std::string annotations = Featurize(d, Resources(), /*stored_annotations=*/true).annotations;
    EXPECT_FALSE(annotations.empty());
    d.tokens.clear();
    EXPECT_TRUE(store->AddDocument(&d, *input).ok());
    if (with_annotations) {
      EXPECT_TRUE(store->SaveAnnotations(d.id, annotations).ok());
    }
    StoredPlacement p;
    p.doc = d.id;
    p.story = 1;
    EXPECT_TRUE(store->SavePlacement(p).ok());
  }
  return store;
}

std::vector<std::string> Dates(const Timeline& t) {
  std::vector<std::string> out;
  for (const TimelineEntry& e : t.entries) out.push_back(e.date + " " + e.sentences.at(0).text);
  return out;
}

TEST(StoryTimeline, DatesTheSameFromStoredAnnotationsAndWithout) {
  std::vector<Document> reports = {
      WireReport("WASHINGTON | Wed Mar 30, 2011 6:16 pm EDT",
                 "The Senate approved the emergency budget on Tuesday after a long debate. "
                 "Lawmakers said the vote would be followed by talks on the deficit."),
      WireReport("WASHINGTON | Thu Mar 31, 2011 9:02 am EDT",
                 "The Senate approved the emergency budget on Tuesday, officials said. "
                 "The House takes up the budget on Friday, its leaders said."),
  };
  TimelineOptions options;
  options.threads = 1;
  auto stored_store = StoryOf(reports, true);
  auto stored = StoryTimeline(*stored_store, 1, Resources(), options);
  ASSERT_TRUE(stored.has_value()) << stored.error().message();
  auto fresh_store = StoryOf(reports, false);
  auto fresh = StoryTimeline(*fresh_store, 1, Resources(), options);
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message();
  // Tuesday is 29 March 2011: the datelines date the reports.
  ASSERT_FALSE(stored->entries.empty());
  EXPECT_EQ(stored->entries.front().date, "2011-03-29") << ::testing::PrintToString(Dates(*stored));
  EXPECT_EQ(Dates(*stored), Dates(*fresh));
  EXPECT_EQ(stored->candidates, fresh->candidates);
  EXPECT_EQ(stored->documents, 2u);
}

TEST(StoryTimeline, AMissingStoryIsSaid) {
  std::unique_ptr<Store> store = NewMemoryStore();
  auto t = StoryTimeline(*store, 7, Resources(), TimelineOptions{});
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message().find("no story 7"), std::string::npos) << t.error().message();
}

}  // namespace
}  // namespace storyloom
