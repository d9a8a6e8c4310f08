// The store contract (storyloom/store.h), on every backend: the story
// stage's tables (features, placements in order, merges) and what story
// summaries are built from.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "store/store_backends.h"

namespace storyloom::testing {
namespace {

using namespace std::string_literals;
using Merges = std::vector<std::pair<int64_t, int64_t>>;

class StoreContractStories : public StoreContract {
 protected:
  std::vector<int64_t> Docs(int n) {
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) ids.push_back(AddDoc(TextDoc("Report number " + std::to_string(i) + ".")));
    return ids;
  }
  std::vector<int64_t> DocsOf(const std::vector<StoredPlacement>& placements) {
    std::vector<int64_t> out;
    for (const StoredPlacement& p : placements) out.push_back(p.doc);
    return out;
  }
  Merges SortedMerges(int64_t into) {
    auto m = store().StoryMerges(into);
    EXPECT_TRUE(m.has_value()) << m.error().message();
    if (!m) return {};
    std::sort(m->begin(), m->end());
    return *m;
  }
};

// The first `n` characters of UTF-8 text.
std::string FirstChars(const std::string& s, size_t n) {
  size_t end = 0;
  for (size_t seen = 0; end < s.size(); ++end) {
    if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return s.substr(0, end);
}

TEST_P(StoreContractStories, FeaturesAndShinglesComeBackAsSaved) {
  int64_t doc = AddDoc(TextDoc("features"));
  const std::string features = "\x02\0\xff feature bytes"s, shingles = "\0\x01\x02\x03\xfe"s;
  ASSERT_TRUE(store().SaveFeatures(doc, features, shingles).ok());
  auto got = store().LoadShingles(doc);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(*got, shingles);
  EXPECT_FALSE(store().LoadShingles(doc + 1000).has_value());
  StoredPlacement p;
  p.doc = doc;
  p.story = 1;
  ASSERT_TRUE(store().SavePlacement(p).ok());
  auto placed = store().LoadPlacedFeatures();
  ASSERT_TRUE(placed.has_value()) << placed.error().message();
  ASSERT_EQ(placed->size(), 1u);
  EXPECT_EQ(placed->front().features, features);
}

TEST_P(StoreContractStories, PlacementsAreNumberedInTheOrderSaved) {
  auto ids = Docs(3);
  // Placed in another order than added.
  Place(ids[1], 1);
  Place(ids[0], 2);
  Place(ids[2], 1, ids[1]);
  EXPECT_EQ(store().StorySeqs()->first, 3);
  auto all = store().LoadPlacedFeatures();
  ASSERT_TRUE(all.has_value()) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  const int64_t order[] = {ids[1], ids[0], ids[2]};
  const int64_t story[] = {1, 2, 1};
  for (size_t i = 0; i < 3; ++i) {
    const StoredFeatures& f = (*all)[i];
    EXPECT_EQ(f.doc, order[i]);
    EXPECT_EQ(f.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(f.features, "features-" + std::to_string(order[i]));
    EXPECT_EQ(f.placement.doc, order[i]);
    EXPECT_EQ(f.placement.story, story[i]);
    EXPECT_EQ(f.placement.placed, story[i]);
    EXPECT_EQ(f.placement.score, 0.5);
    EXPECT_EQ(f.placement.why, (std::vector<std::string>{"geo:NE", "niger"}));
  }
  EXPECT_EQ((*all)[2].placement.duplicate_of, ids[1]);
  EXPECT_EQ((*all)[2].placement.duplicate_kind, "exact");
  EXPECT_EQ((*all)[0].placement.duplicate_of, 0);
  auto after = store().LoadPlacedFeatures(1);
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->size(), 2u) << "only what comes after a sequence number";
  EXPECT_EQ((*after)[0].doc, ids[0]);
  EXPECT_EQ((*after)[1].doc, ids[2]);
  EXPECT_TRUE(store().LoadPlacedFeatures(3)->empty());
  // A chunk at a time, within a bound, as a restore reads a large store.
  auto bounded = store().LoadPlacedFeatures(0, 2);
  ASSERT_TRUE(bounded.has_value()) << bounded.error().message();
  ASSERT_EQ(bounded->size(), 2u) << "nothing placed after the bound";
  EXPECT_EQ((*bounded)[1].doc, ids[0]);
  auto chunk = store().LoadPlacedFeatures(1, 0, 1);
  ASSERT_TRUE(chunk.has_value());
  ASSERT_EQ(chunk->size(), 1u) << "at most the limit";
  EXPECT_EQ(chunk->front().doc, ids[0]);
  // The third is an exact copy: a restore counts the two others.
  EXPECT_EQ(*store().CountPlacedOriginals(0, 0), 2);
  EXPECT_EQ(*store().CountPlacedOriginals(1, 2), 1);
  EXPECT_EQ(*store().CountPlacedOriginals(2, 0), 0) << "the copy alone is not counted";
  EXPECT_EQ(*store().CountPlacedOriginals(3, 0), 0);
  auto one = store().StoryFeatures(1);
  ASSERT_TRUE(one.has_value()) << one.error().message();
  ASSERT_EQ(one->size(), 2u);
  EXPECT_EQ((*one)[0].doc, ids[1]);
  EXPECT_EQ((*one)[1].doc, ids[2]);
  EXPECT_EQ((*one)[1].features, "features-" + std::to_string(ids[2]));
  EXPECT_EQ((*one)[1].placement.duplicate_of, ids[1]);
  EXPECT_TRUE(store().StoryFeatures(3)->empty());
}

TEST_P(StoreContractStories, APlacementComesBackWithEverythingSaved) {
  auto ids = Docs(3);
  Place(ids[0], 4);
  StoredPlacement p;
  p.doc = ids[1];
  p.story = 4;
  p.placed = 4;
  p.score = 0.8125;
  p.why = {"geo:NE", "ent:tchn", "đảo chính"};
  p.duplicate_of = ids[0];
  p.duplicate_kind = "translation";
  p.duplicate_score = 0.75;
  p.told_first = "2023-07-26";
  p.told_last = "2023-08";
  ASSERT_TRUE(store().SavePlacement(p).ok());
  auto got = store().Placement(ids[1]);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->doc, ids[1]);
  EXPECT_EQ(got->story, 4);
  EXPECT_EQ(got->placed, 4);
  EXPECT_EQ(got->score, 0.8125);
  EXPECT_EQ(got->why, p.why);
  EXPECT_EQ(got->duplicate_of, ids[0]);
  EXPECT_EQ(got->duplicate_kind, "translation");
  EXPECT_EQ(got->duplicate_score, 0.75);
  EXPECT_EQ(got->told_first, "2023-07-26");
  EXPECT_EQ(got->told_last, "2023-08");
  auto canonical = store().Placement(ids[0]);
  ASSERT_TRUE(canonical.has_value());
  EXPECT_EQ(canonical->duplicate_of, 0);
  EXPECT_TRUE(canonical->told_first.empty());
  EXPECT_FALSE(store().Placement(ids[2]).has_value()) << "a document not placed";
  EXPECT_FALSE(store().Placement(ids[2] + 1000).has_value()) << "no such document";
  auto placements = store().StoryPlacements(4);
  ASSERT_TRUE(placements.has_value()) << placements.error().message();
  ASSERT_EQ(placements->size(), 2u);
  EXPECT_EQ((*placements)[1].why, p.why);
  EXPECT_EQ((*placements)[1].told_last, "2023-08");
}

// Documents 1 and 2 start stories 1 and 2; 3 copies 1; 4 joins story 2 and
// shows that 1 and 2 are one: 1 merges into 2.
TEST_P(StoreContractStories, AMergeMovesEveryDocumentAndIsRecorded) {
  auto ids = Docs(4);
  Place(ids[0], 1);
  Place(ids[1], 2);
  Place(ids[2], 1, ids[0]);
  Place(ids[3], 2);
  ASSERT_TRUE(store().MergeStories(1, 2, ids[3]).ok());
  EXPECT_EQ(DocsOf(*store().StoryPlacements(2)), ids) << "every document, in placement order";
  auto survivor = store().StoryPlacements(2);
  ASSERT_TRUE(survivor.has_value()) << survivor.error().message();
  for (const StoredPlacement& p : *survivor) EXPECT_EQ(p.story, 2);
  EXPECT_TRUE(store().StoryPlacements(1)->empty());
  EXPECT_EQ(store().Placement(ids[0])->story, 2);
  auto loaded = store().LoadPlacedFeatures();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message();
  ASSERT_EQ(loaded->size(), 4u);
  const int64_t placed[] = {1, 2, 1, 2};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*loaded)[i].placement.story, 2) << "where it is now";
    EXPECT_EQ((*loaded)[i].placement.placed, placed[i]) << "where it went first";
  }
  EXPECT_EQ(store().StoryFeatures(2)->size(), 4u);
  EXPECT_EQ(store().StoryFeatures(2)->front().placement.placed, 1);
  bool legacy = true;
  auto merges = store().LoadMerges(0, &legacy);
  ASSERT_TRUE(merges.has_value()) << merges.error().message();
  EXPECT_FALSE(legacy);
  ASSERT_EQ(merges->size(), 1u);
  EXPECT_EQ((*merges)[0].doc, ids[3]);
  EXPECT_EQ((*merges)[0].merged, 1);
  EXPECT_EQ((*merges)[0].into, 2);
  EXPECT_EQ((*merges)[0].seq, 1);
  EXPECT_EQ(SortedMerges(2), (Merges{{1, ids[3]}}));
  EXPECT_TRUE(SortedMerges(1).empty());
  EXPECT_EQ(*store().StorySeqs(), (std::pair<int64_t, int64_t>{4, 1}));
  EXPECT_EQ(*store().MaxStoryId(), 2);
  auto stories = store().ListStories();
  ASSERT_TRUE(stories.has_value()) << stories.error().message();
  ASSERT_EQ(stories->size(), 1u) << "one story left";
  EXPECT_EQ(stories->front().id, 2);
  EXPECT_EQ(stories->front().docs, ids);
  EXPECT_EQ(stories->front().duplicates, 1u);
}

TEST_P(StoreContractStories, LaterMergesRepointEarlierOnes) {
  auto ids = Docs(5);
  for (int i = 0; i < 4; ++i) Place(ids[i], i + 1);  // stories 1..4
  ASSERT_TRUE(store().MergeStories(1, 2, ids[1]).ok());
  ASSERT_TRUE(store().MergeStories(2, 3, ids[2]).ok());
  // The stage merged 4 into 2, which has since gone into 3.
  ASSERT_TRUE(store().MergeStories(4, 3, ids[3], 2).ok());
  Place(ids[4], 3);
  EXPECT_EQ(DocsOf(*store().StoryPlacements(3)), ids);
  EXPECT_EQ(SortedMerges(3), (Merges{{1, ids[1]}, {2, ids[2]}, {4, ids[3]}}));
  EXPECT_TRUE(SortedMerges(2).empty()) << "what went into 2 is in 3 now";
  bool legacy = true;
  auto merges = store().LoadMerges(0, &legacy);
  ASSERT_TRUE(merges.has_value()) << merges.error().message();
  EXPECT_FALSE(legacy);
  ASSERT_EQ(merges->size(), 3u);
  // As the stage made them: each with its survivor then.
  EXPECT_EQ((*merges)[0].merged, 1);
  EXPECT_EQ((*merges)[0].into, 2);
  EXPECT_EQ((*merges)[1].merged, 2);
  EXPECT_EQ((*merges)[1].into, 3);
  EXPECT_EQ((*merges)[2].merged, 4);
  EXPECT_EQ((*merges)[2].into, 2);
  EXPECT_EQ((*merges)[2].doc, ids[3]);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ((*merges)[i].seq, static_cast<int64_t>(i + 1));
  auto later = store().LoadMerges(2, &legacy);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->front().merged, 4);
  EXPECT_EQ(*store().StorySeqs(), (std::pair<int64_t, int64_t>{5, 3}));
}

TEST_P(StoreContractStories, MaxStoryIdCountsStoriesMergedAway) {
  EXPECT_EQ(*store().MaxStoryId(), 0);
  auto ids = Docs(2);
  Place(ids[0], 3);
  Place(ids[1], 7);
  EXPECT_EQ(*store().MaxStoryId(), 7);
  ASSERT_TRUE(store().MergeStories(7, 3, ids[1]).ok());
  EXPECT_EQ(*store().MaxStoryId(), 7) << "story 7 was handed out, though it is gone";
}

TEST_P(StoreContractStories, StoriesVersionChangesWithEachPlacementAndMerge) {
  auto ids = Docs(2);
  const auto empty = store().StoriesVersion();
  Place(ids[0], 1);
  const auto placed = store().StoriesVersion();
  EXPECT_NE(placed, empty);
  EXPECT_EQ(store().StoriesVersion(), placed) << "reading changes nothing";
  Place(ids[1], 2);
  const auto twice = store().StoriesVersion();
  EXPECT_NE(twice, placed);
  ASSERT_TRUE(store().MergeStories(2, 1, ids[1]).ok());
  EXPECT_NE(store().StoriesVersion(), twice);
}

TEST_P(StoreContractStories, StoryRowsFollowPlacementOrderWithOpeningsOfUntitledDocuments) {
  const std::string long_vi =
      "Chính quyền quân sự Niger tuyên bố đóng cửa không phận, cáo buộc các nước láng giềng chuẩn bị can thiệp.";
  Document titled = TextDoc("Niamey is calm after the coup.", "Coup in Niger", "en");
  titled.source = "Reuters";
  titled.published = "2023-07-27";
  Document untitled = TextDoc(long_vi, "", "vi");
  untitled.source = "VnExpress";
  int64_t a = AddDoc(titled), b = AddDoc(untitled), c = AddDoc(TextDoc("Niamey is calm after the coup.", "Coup in Niger"));
  StoredPlacement p;
  p.doc = b;
  p.story = 5;
  p.score = 0.25;
  p.told_first = "2023-08-06";
  p.told_last = "2023-08-07";
  ASSERT_TRUE(store().SaveFeatures(b, "f", "s").ok());
  ASSERT_TRUE(store().SavePlacement(p).ok());
  Place(a, 5, 0, 0.75);
  Place(c, 5, a, 1);
  auto rows = store().StoryRows();
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  ASSERT_EQ(rows->size(), 3u);
  const StoryRow &rb = (*rows)[0], &ra = (*rows)[1], &rc = (*rows)[2];
  EXPECT_EQ(rb.doc, b);
  EXPECT_EQ(ra.doc, a);
  EXPECT_EQ(rc.doc, c);
  EXPECT_EQ(rb.story, 5);
  EXPECT_EQ(rb.score, 0.25);
  EXPECT_FALSE(rb.duplicate);
  EXPECT_EQ(rb.lang, "vi");
  EXPECT_EQ(rb.source, "VnExpress");
  EXPECT_TRUE(rb.title.empty());
  EXPECT_FALSE(rb.published.has_value());
  EXPECT_EQ(rb.told_first, "2023-08-06");
  EXPECT_EQ(rb.told_last, "2023-08-07");
  EXPECT_EQ(rb.opening, FirstChars(long_vi, 60)) << "the first 60 characters, not bytes";
  EXPECT_EQ(ra.title, "Coup in Niger");
  EXPECT_EQ(ra.published, "2023-07-27");
  EXPECT_EQ(ra.score, 0.75);
  EXPECT_FALSE(ra.told_first.has_value());
  EXPECT_TRUE(ra.opening.empty()) << "a titled document needs no opening";
  EXPECT_TRUE(rc.duplicate);
}

TEST_P(StoreContractStories, LongTextsComeBackWholeWhereverTheyAreRead) {
  // Long enough to be stored compressed (schema 9).
  std::string text;
  for (int i = 0; i < 12; ++i) {
    text += "Chính quyền quân sự Niger tuyên bố đóng cửa không phận lần thứ " + std::to_string(i) + ". ";
  }
  int64_t doc = AddDoc(TextDoc(text, "", "vi"));
  ASSERT_TRUE(store().SaveFeatures(doc, "f", "s").ok());
  Place(doc, 9);
  auto back = store().GetDocument(doc);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->body.text(), text);
  auto all = store().ListDocuments();
  ASSERT_TRUE(all.has_value()) << all.error().message();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().body.text(), text);
  auto some = store().GetDocuments({doc});
  ASSERT_TRUE(some.has_value()) << some.error().message();
  ASSERT_EQ(some->size(), 1u);
  EXPECT_EQ(some->front().body.text(), text);
  EXPECT_EQ(*store().DocumentOpening(doc, 6), "Chính ");
  EXPECT_EQ(*store().DocumentOpening(doc, 60), FirstChars(text, 60));
  EXPECT_EQ(*store().DocumentOpening(doc, 61), FirstChars(text, 61)) << "past the plain opening";
  EXPECT_EQ(*store().DocumentOpening(doc, 100000), text);
  auto rows = store().StoryRows();
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().opening, FirstChars(text, 60));
}

TEST_P(StoreContractStories, DocumentOpeningCountsCharactersNotBytes) {
  int64_t vi = AddDoc(TextDoc("Hà Nội: nắng nóng kéo dài."));
  int64_t ar = AddDoc(TextDoc("قال الرئيس إن نيامي هادئة."));
  EXPECT_EQ(*store().DocumentOpening(vi, 6), "Hà Nội");
  EXPECT_EQ(*store().DocumentOpening(vi, 1), "H");
  EXPECT_EQ(*store().DocumentOpening(vi, 2), "Hà");
  EXPECT_EQ(*store().DocumentOpening(vi, 1000), "Hà Nội: nắng nóng kéo dài.");
  EXPECT_EQ(*store().DocumentOpening(ar, 3), "قال");
  auto missing = store().DocumentOpening(ar + 1000, 10);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
}

TEST_P(StoreContractStories, ListStoriesIsLargestFirstWithWhatEachHolds) {
  auto doc = [&](const std::string& title, const std::string& lang, const std::string& source,
                 std::optional<std::string> published) {
    Document d = TextDoc(title + " body text.", title, lang);
    d.source = source;
    d.published = published;
    return AddDoc(d);
  };
  int64_t small = doc("Floods in Jakarta", "id", "Kompas", "2024-01-03");
  int64_t a = doc("Coup in Niger", "en", "Reuters", "2023-07-27");
  int64_t b = doc("Coup au Niger", "fr", "RFI", "2023-07-28");
  int64_t copy = doc("Coup in Niger", "en", "Yahoo", "2023-07-29");
  int64_t c = doc("Đảo chính ở Niger", "vi", "Reuters", "2023-07-26");
  Place(small, 1);
  Place(a, 2, 0, 0.9);
  Place(b, 2, 0, 0.8);
  Place(copy, 2, a, 1);
  Place(c, 2, 0, 0.7);
  auto stories = store().ListStories();
  ASSERT_TRUE(stories.has_value()) << stories.error().message();
  ASSERT_EQ(stories->size(), 2u);
  const StorySummary& big = (*stories)[0];
  EXPECT_EQ(big.id, 2) << "largest first";
  EXPECT_EQ(big.docs, (std::vector<int64_t>{a, b, copy, c}));
  EXPECT_EQ(big.title, "Coup in Niger");
  EXPECT_EQ(big.title_doc, a);
  EXPECT_EQ(big.langs, (std::vector<std::string>{"en", "fr", "vi"}));
  EXPECT_EQ(big.sources, (std::vector<std::string>{"Reuters", "RFI", "Yahoo"}));
  EXPECT_EQ(big.duplicates, 1u);
  EXPECT_EQ(big.reports, 3u);
  EXPECT_EQ(big.independent, 2u) << "Reuters twice, RFI; the copy is no source of its own";
  EXPECT_EQ(big.start, "2023-07-26");
  EXPECT_EQ(big.end, "2023-07-29");
  const StorySummary& other = (*stories)[1];
  EXPECT_EQ(other.id, 1);
  EXPECT_EQ(other.docs, (std::vector<int64_t>{small}));
  EXPECT_EQ(other.title, "Floods in Jakarta");
  auto french = store().ListStories("fr");
  ASSERT_TRUE(french.has_value()) << french.error().message();
  EXPECT_EQ(french->front().title, "Coup au Niger") << "a title in the language asked for";
}

}  // namespace

TEST_P(StoreContractStories, TheQueueGivesDocumentsByDayThenContentHashNeverByArrival) {
  // Stored in an order unrelated to the one they are placed in.
  auto ids = Docs(6);
  struct Entry {
    int64_t doc;
    std::optional<int32_t> day;
    std::string hash;
  };
  const std::vector<Entry> entries = {
      {ids[0], std::nullopt, "00aa"},  // undated: after every dated one
      {ids[1], 19500, "ff01"},
      {ids[2], 19400, "b2"},
      {ids[3], 19500, "0a99"},         // same day: the smaller hash first, bytewise
      {ids[4], 19500, "0a99"},         // same day and hash: the smaller id first
      {ids[5], std::nullopt, "0001"},
  };
  for (const Entry& e : entries) {
    ASSERT_TRUE(store().SaveFeatures(e.doc, "features of " + std::to_string(e.doc), "sh").ok());
    auto st = store().QueueForPlacement(e.doc, e.day, e.hash, "pending\0bytes "s + std::to_string(e.doc));
    ASSERT_TRUE(st.ok()) << st.message();
  }
  EXPECT_EQ(*store().CountQueued(), 6);
  auto all = store().Queued(100);
  ASSERT_TRUE(all.has_value()) << all.error().message();
  std::vector<int64_t> order;
  for (const QueuedDocument& q : *all) order.push_back(q.doc);
  EXPECT_EQ(order, (std::vector<int64_t>{ids[2], ids[3], ids[4], ids[1], ids[5], ids[0]}));
  const QueuedDocument& first = all->front();
  EXPECT_EQ(first.features, "features of " + std::to_string(ids[2]));
  EXPECT_EQ(first.shingles, "sh");
  EXPECT_EQ(first.pending, "pending\0bytes "s + std::to_string(ids[2]));
  // The head of the queue, as a placer takes it.
  auto head = store().Queued(2);
  ASSERT_TRUE(head.has_value());
  ASSERT_EQ(head->size(), 2u);
  EXPECT_EQ((*head)[1].doc, ids[3]);
}

TEST_P(StoreContractStories, PlacingADocumentTakesItOffTheQueueAndQueueingAgainReplaces) {
  auto ids = Docs(2);
  for (int64_t doc : ids) {
    ASSERT_TRUE(store().SaveFeatures(doc, "f", "s").ok());
    ASSERT_TRUE(store().QueueForPlacement(doc, 19000, "aa", "old").ok());
  }
  // Queued again (a rerun that stores it anew): one entry, the new key.
  ASSERT_TRUE(store().QueueForPlacement(ids[0], 19001, "aa", "new").ok());
  EXPECT_EQ(*store().CountQueued(), 2);
  auto q = store().Queued(10);
  ASSERT_TRUE(q.has_value());
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ((*q)[1].doc, ids[0]);
  EXPECT_EQ((*q)[1].pending, "new");
  Place(ids[1], 1);
  EXPECT_EQ(*store().CountQueued(), 1);
  ASSERT_EQ(store().Queued(10)->size(), 1u);
  EXPECT_EQ(store().Queued(10)->front().doc, ids[0]);
  // Placed documents are what restoring reads; queued ones are not.
  auto placed = store().LoadPlacedFeatures();
  ASSERT_TRUE(placed.has_value());
  ASSERT_EQ(placed->size(), 1u);
  EXPECT_EQ(placed->front().doc, ids[1]);
}

TEST_P(StoreContractStories, AQueueRolledBackIsNotThere) {
  auto ids = Docs(1);
  {
    Transaction txn(store());
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    ASSERT_TRUE(store().SaveFeatures(ids[0], "f", "s").ok());
    ASSERT_TRUE(store().QueueForPlacement(ids[0], 19000, "aa", "p").ok());
    EXPECT_EQ(*store().CountQueued(), 1);
  }  // not committed
  EXPECT_EQ(*store().CountQueued(), 0);
  EXPECT_TRUE(store().Queued(10)->empty());
}

INSTANTIATE_TEST_SUITE_P(, StoreContractStories, StoreBackendNames(), StoreBackendName);

}  // namespace storyloom::testing
