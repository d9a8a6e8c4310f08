// The store contract (storyloom/store.h), on every backend: the full-text
// index over storyloom's own terms, and searches given as terms.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "store/store_backends.h"

namespace storyloom::testing {
namespace {

SearchWord W(const std::string& norm, std::vector<std::string> stems = {}) { return {norm, std::move(stems)}; }
// A query of single words: each inner list one group (any of its words).
TermQuery Q(const std::vector<std::vector<SearchPiece>>& all_of, const std::vector<SearchPiece>& none_of = {}) {
  return {all_of, none_of};
}

class StoreContractSearch : public StoreContract {
 protected:
  // A document whose body is `norms` and whose terms are those norms and
  // `stems` (the norms again when none are given).
  int64_t Indexed(const std::string& norms, const std::string& stems = "") { return Indexed(TextDoc(norms), stems); }
  int64_t Indexed(const std::string& norms, const std::string& lang, std::optional<std::string> published) {
    Document d = TextDoc(norms, "", lang);
    d.published = std::move(published);
    return Indexed(d);
  }
  int64_t Indexed(const Document& d, const std::string& stems = "") {
    int64_t id = AddDoc(d);
    const std::string& norms = d.body.text();
    Status s = store().IndexTerms(id, {norms, stems.empty() ? norms : stems});
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }
  // The documents that match, whatever their order.
  std::set<int64_t> Matching(const TermQuery& terms) {
    SearchQuery q;
    q.terms = terms;
    q.limit = 1000;
    return Matching(q);
  }
  std::set<int64_t> Matching(const SearchQuery& q) {
    auto page = store().Search(q);
    EXPECT_TRUE(page.has_value()) << page.error().message();
    if (!page) return {};
    std::set<int64_t> out;
    for (const SearchHit& h : page->hits) out.insert(h.doc);
    EXPECT_EQ(page->total, out.size());
    return out;
  }
  std::vector<int64_t> Stories(const TermQuery& terms) {
    auto stories = store().MatchingStories(terms);
    EXPECT_TRUE(stories.has_value()) << stories.error().message();
    if (!stories) return {};
    std::sort(stories->begin(), stories->end());
    return *stories;
  }
};

TEST_P(StoreContractSearch, AnEmptyQueryMatchesNothing) {
  Indexed("troops seized the palace");
  auto page = store().Search(SearchQuery{});
  ASSERT_TRUE(page.has_value()) << page.error().message();
  EXPECT_TRUE(page->hits.empty());
  EXPECT_EQ(page->total, 0u);
  EXPECT_TRUE(Matching(Q({}, {{W("palace")}})).empty()) << "exclusions alone match nothing";
  EXPECT_TRUE(Stories(TermQuery{}).empty());
}

TEST_P(StoreContractSearch, GroupsAreAllNeededAndAnyPieceOfAGroupDoes) {
  int64_t palace = Indexed("troops seized the palace in niamey");
  int64_t junta = Indexed("the junta closed the airspace over niger");
  int64_t both = Indexed("the junta holds the palace");
  Indexed("floods in jakarta");
  EXPECT_EQ(Matching(Q({{{W("palace")}}})), (std::set<int64_t>{palace, both}));
  EXPECT_EQ(Matching(Q({{{W("palace")}}, {{W("junta")}}})), (std::set<int64_t>{both}));
  EXPECT_EQ(Matching(Q({{{W("palace")}, {W("airspace")}}})), (std::set<int64_t>{palace, junta, both}));
  EXPECT_EQ(Matching(Q({{{W("palace")}, {W("airspace")}}, {{W("niamey")}, {W("niger")}}})),
            (std::set<int64_t>{palace, junta}));
  EXPECT_TRUE(Matching(Q({{{W("coup")}}})).empty());
}

TEST_P(StoreContractSearch, APieceNeedsAllItsWordsAnywhere) {
  int64_t adjacent = Indexed("covid 19 cases rise");
  int64_t apart = Indexed("19 new cases of covid");
  Indexed("covid cases rise");
  Indexed("19 cases");
  EXPECT_EQ(Matching(Q({{{W("covid"), W("19")}}})), (std::set<int64_t>{adjacent, apart}));
}

TEST_P(StoreContractSearch, AWordMatchesItsNormOrAnyOfItsStems) {
  int64_t seized = Indexed("troops seized the palace", "troop seiz the palac");
  int64_t running = Indexed("soldiers running", "soldier run");
  EXPECT_EQ(Matching(Q({{{W("seizing", {"seiz"})}}})), (std::set<int64_t>{seized})) << "by its stem";
  EXPECT_EQ(Matching(Q({{{W("troops", {"nothing"})}}})), (std::set<int64_t>{seized})) << "by its norm";
  EXPECT_EQ(Matching(Q({{{W("runs", {"runn", "run"})}}})), (std::set<int64_t>{running})) << "by any stem";
  EXPECT_TRUE(Matching(Q({{{W("seiz")}}})).empty()) << "a norm is looked for among norms only";
  EXPECT_TRUE(Matching(Q({{{W("x", {"seized"})}}})).empty()) << "a stem is looked for among stems only";
}

TEST_P(StoreContractSearch, NoneOfLeavesOutWhatHoldsAPiece) {
  int64_t palace = Indexed("troops seized the palace in niamey");
  int64_t junta = Indexed("the junta closed the airspace over niger");
  int64_t both = Indexed("the junta in niamey closed the palace");
  EXPECT_EQ(Matching(Q({{{W("the")}}}, {{W("junta")}})), (std::set<int64_t>{palace}));
  EXPECT_EQ(Matching(Q({{{W("the")}}}, {{W("junta")}, {W("troops")}})), (std::set<int64_t>{}));
  EXPECT_EQ(Matching(Q({{{W("the")}}}, {{W("junta"), W("niamey")}})), (std::set<int64_t>{palace, junta}))
      << "a piece of two words leaves out only what holds both";
  EXPECT_EQ(Matching(Q({{{W("the")}}}, {{W("nowhere")}})), (std::set<int64_t>{palace, junta, both}));
}

TEST_P(StoreContractSearch, FiltersByLanguageDaysAndStory) {
  int64_t en = Indexed("niger coup", "en", "2023-07-26");
  int64_t fr = Indexed("niger coup", "fr", "2023-07-28");
  int64_t later = Indexed("niger coup", "en", "2023-08-10");
  int64_t undated = Indexed("niger coup", "en", std::nullopt);
  Place(en, 4);
  Place(later, 5);
  SearchQuery q;
  q.terms = Q({{{W("niger")}}});
  EXPECT_EQ(Matching(q), (std::set<int64_t>{en, fr, later, undated}));
  q.lang = "fr";
  EXPECT_EQ(Matching(q), (std::set<int64_t>{fr}));
  q.lang = "";
  q.from = "2023-07-28";
  EXPECT_EQ(Matching(q), (std::set<int64_t>{fr, later})) << "from is inclusive; undated documents fall out";
  q.to = "2023-07-28";
  EXPECT_EQ(Matching(q), (std::set<int64_t>{fr})) << "to is inclusive";
  q.from.reset();
  EXPECT_EQ(Matching(q), (std::set<int64_t>{en, fr}));
  q.to.reset();
  q.story = 5;
  EXPECT_EQ(Matching(q), (std::set<int64_t>{later}));
  ASSERT_TRUE(store().MergeStories(5, 4, later).ok());
  q.story = 4;
  EXPECT_EQ(Matching(q), (std::set<int64_t>{en, later})) << "the story a document is in now";
  q.lang = "en";
  q.story = 0;
  q.from = "2023-08-01";
  EXPECT_EQ(Matching(q), (std::set<int64_t>{later}));
}

TEST_P(StoreContractSearch, PagesSplitOneOrderAndEachTellsTheTotal) {
  for (int i = 0; i < 5; ++i) Indexed("niger report " + std::to_string(i));
  Indexed("unrelated report");
  SearchQuery all;
  all.terms = Q({{{W("niger")}}});
  all.limit = 100;
  auto full = store().Search(all);
  ASSERT_TRUE(full.has_value()) << full.error().message();
  ASSERT_EQ(full->hits.size(), 5u);
  EXPECT_EQ(full->total, 5u);
  std::vector<int64_t> paged;
  for (size_t offset = 0; offset < 6; offset += 2) {
    SearchQuery q = all;
    q.limit = 2;
    q.offset = offset;
    auto page = store().Search(q);
    ASSERT_TRUE(page.has_value()) << page.error().message();
    EXPECT_EQ(page->total, 5u) << "offset " << offset;
    EXPECT_EQ(page->hits.size(), offset < 4 ? 2u : 1u);
    for (const SearchHit& h : page->hits) paged.push_back(h.doc);
  }
  std::vector<int64_t> order;
  for (const SearchHit& h : full->hits) order.push_back(h.doc);
  EXPECT_EQ(paged, order) << "pages are slices of one order";
  SearchQuery past = all;
  past.limit = 2;
  past.offset = 10;
  auto beyond = store().Search(past);
  ASSERT_TRUE(beyond.has_value()) << beyond.error().message();
  EXPECT_TRUE(beyond->hits.empty());
  EXPECT_EQ(beyond->total, 5u) << "past the last page, the total is still told";
}

TEST_P(StoreContractSearch, AWindowRanksAndCountsTheNewestMatchesAlone) {
  // The oldest match holds the word most often: ranked over every match it
  // comes first; within a window of the three newest it is not looked at.
  int64_t oldest = Indexed("niger niger niger niger");
  std::vector<int64_t> newer;
  for (int i = 0; i < 4; ++i) newer.push_back(Indexed("niger report " + std::to_string(i)));
  Indexed("unrelated report");
  SearchQuery q;
  q.terms = Q({{{W("niger")}}});
  q.limit = 100;
  auto every = store().Search(q);
  ASSERT_TRUE(every.has_value()) << every.error().message();
  EXPECT_EQ(every->total, 5u);
  EXPECT_FALSE(every->total_at_least);
  ASSERT_FALSE(every->hits.empty());
  EXPECT_EQ(every->hits[0].doc, oldest);
  q.window = 3;
  auto windowed = store().Search(q);
  ASSERT_TRUE(windowed.has_value()) << windowed.error().message();
  EXPECT_EQ(windowed->total, 3u);
  EXPECT_TRUE(windowed->total_at_least) << "more match than the window";
  std::set<int64_t> got;
  for (const SearchHit& h : windowed->hits) got.insert(h.doc);
  EXPECT_EQ(got, (std::set<int64_t>{newer[1], newer[2], newer[3]}));
  q.offset = 10;
  auto past = store().Search(q);
  ASSERT_TRUE(past.has_value()) << past.error().message();
  EXPECT_TRUE(past->hits.empty());
  EXPECT_EQ(past->total, 3u) << "past the last page, the window's count";
  EXPECT_TRUE(past->total_at_least);
  q.offset = 0;
  q.window = 5;
  auto exact = store().Search(q);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->total, 5u);
  EXPECT_FALSE(exact->total_at_least) << "every match fits a window of exactly their number";
  q.window = 4;
  EXPECT_TRUE(store().Search(q)->total_at_least);
  q.window = 2;
  q.lang = "en";
  auto filtered = store().Search(q);
  ASSERT_TRUE(filtered.has_value()) << filtered.error().message();
  EXPECT_EQ(filtered->total, 5u) << "a filtered search looks at every match";
  EXPECT_FALSE(filtered->total_at_least);
}

TEST_P(StoreContractSearch, HitsCarryTheDocumentAndWhereItWasPlaced) {
  Document d = TextDoc("niger coup", "Coup in Niger", "en");
  d.published = "2023-07-26";
  d.source = "Reuters";
  d.url = "https://example.org/niger?a=1&b=2";
  int64_t report = Indexed(d);
  d.published.reset();
  d.source = "Yahoo";
  d.url.clear();
  int64_t copy = Indexed(d);
  int64_t loose = Indexed("niger coup", "fr", std::nullopt);
  Place(report, 3);
  Place(copy, 3, report);
  SearchQuery q;
  q.terms = Q({{{W("coup")}}});
  auto page = store().Search(q);
  ASSERT_TRUE(page.has_value()) << page.error().message();
  ASSERT_EQ(page->hits.size(), 3u);
  std::map<int64_t, SearchHit> by_doc;
  for (const SearchHit& h : page->hits) by_doc[h.doc] = h;
  const SearchHit& r = by_doc[report];
  EXPECT_EQ(r.lang, "en");
  EXPECT_EQ(r.title, "Coup in Niger");
  EXPECT_EQ(r.source, "Reuters");
  EXPECT_EQ(r.url, "https://example.org/niger?a=1&b=2");
  EXPECT_EQ(r.published, "2023-07-26");
  EXPECT_EQ(r.story, 3);
  EXPECT_EQ(r.duplicate_of, 0);
  EXPECT_EQ(by_doc[copy].story, 3);
  EXPECT_EQ(by_doc[copy].duplicate_of, report);
  EXPECT_FALSE(by_doc[copy].published.has_value());
  EXPECT_EQ(by_doc[loose].story, 0) << "not placed";
  EXPECT_EQ(by_doc[loose].lang, "fr");
}

TEST_P(StoreContractSearch, MoreOfTheTermRanksNoWorse) {
  int64_t twice = Indexed("niger niger");
  int64_t once = Indexed("niger mali");
  for (int i = 0; i < 4; ++i) Indexed("floods in jakarta");
  SearchQuery q;
  q.terms = Q({{{W("niger")}}});
  auto page = store().Search(q);
  ASSERT_TRUE(page.has_value()) << page.error().message();
  ASSERT_EQ(page->hits.size(), 2u);
  EXPECT_EQ(page->hits[0].doc, twice);
  EXPECT_EQ(page->hits[1].doc, once);
  EXPECT_LE(page->hits[0].rank, page->hits[1].rank) << "lower is better";
}

TEST_P(StoreContractSearch, QuotesApostrophesAndOperatorWordsAreOnlyWords) {
  int64_t apostrophe = Indexed("l'homme de niamey");
  int64_t quote = Indexed("he said \"hi\" then say\"hi");
  int64_t near = Indexed("near or and not");
  int64_t nigeria = Indexed("nigeria lagos");
  EXPECT_EQ(Matching(Q({{{W("l'homme")}}})), (std::set<int64_t>{apostrophe}));
  EXPECT_EQ(Matching(Q({{{W("say\"hi")}}})), (std::set<int64_t>{quote}));
  EXPECT_EQ(Matching(Q({{{W("near")}}})), (std::set<int64_t>{near}));
  EXPECT_EQ(Matching(Q({{{W("or")}}, {{W("not")}}})), (std::set<int64_t>{near}));
  EXPECT_TRUE(Matching(Q({{{W("niger*")}}})).count(nigeria) == 0) << "no prefix search";
  EXPECT_TRUE(Matching(Q({{{W("*")}}})).empty());
  // Whatever they match, none of these is an error.
  for (std::string word : {"NEAR", "OR", "AND", "NOT", "*", "\"", "'", "\"\"", "-niger", "^niger", "niger:",
                                  "norms:niger", "(niger", "niger)", "{niger}", "NEAR(niger lagos)", "a\"b\"c", "+"}) {
    SearchQuery q;
    q.terms = Q({{{W(word, {word})}}, {{W("lagos")}, {W(word)}}}, {{W(word)}});
    EXPECT_TRUE(store().Search(q).has_value()) << word << ": " << store().Search(q).error().message();
    EXPECT_TRUE(store().MatchingStories(q.terms).has_value()) << word;
    q.terms = Q({{{W("lagos")}}}, {{W(word, {word})}});
    EXPECT_TRUE(store().Search(q).has_value()) << word;
  }
}

TEST_P(StoreContractSearch, DiacriticsAndScriptsAreMatchedAsWritten) {
  int64_t ghost = Indexed("con ma trong làng");
  int64_t mother = Indexed("má tôi nói");
  int64_t but = Indexed("mà trời mưa");
  int64_t arabic = Indexed("قال الرئيس إن نيامي هادئة", "ar", std::nullopt);
  EXPECT_EQ(Matching(Q({{{W("ma")}}})), (std::set<int64_t>{ghost}));
  EXPECT_EQ(Matching(Q({{{W("má")}}})), (std::set<int64_t>{mother}));
  EXPECT_EQ(Matching(Q({{{W("mà")}}})), (std::set<int64_t>{but}));
  EXPECT_EQ(Matching(Q({{{W("نيامي")}}})), (std::set<int64_t>{arabic}));
}

TEST_P(StoreContractSearch, MatchingStoriesAreTheStoriesOfMatchingDocuments) {
  int64_t a = Indexed("niger coup"), b = Indexed("niger junta"), c = Indexed("floods in jakarta");
  int64_t d = Indexed("niger airspace");
  Indexed("niger never placed");
  Place(a, 1);
  Place(b, 3);
  Place(c, 2);
  Place(d, 3);
  EXPECT_EQ(Stories(Q({{{W("niger")}}})), (std::vector<int64_t>{1, 3})) << "each story once";
  EXPECT_EQ(Stories(Q({{{W("jakarta")}}})), (std::vector<int64_t>{2}));
  EXPECT_EQ(Stories(Q({{{W("niger")}}}, {{W("coup")}})), (std::vector<int64_t>{3}));
  EXPECT_TRUE(Stories(Q({{{W("nowhere")}}})).empty());
  ASSERT_TRUE(store().MergeStories(3, 1, d).ok());
  EXPECT_EQ(Stories(Q({{{W("niger")}}})), (std::vector<int64_t>{1}));
}

TEST_P(StoreContractSearch, UnindexedDocumentsAreThoseWithoutTerms) {
  int64_t a = Indexed("niger coup");
  int64_t b = AddDoc(TextDoc("stored before the index"));
  int64_t c = AddDoc(TextDoc("another one"));
  Indexed("niger junta");
  EXPECT_EQ(*store().UnindexedDocuments(), (std::vector<int64_t>{b, c}));
  ASSERT_TRUE(store().IndexTerms(b, {"stored before the index", "store befor the index"}).ok());
  EXPECT_EQ(*store().UnindexedDocuments(), (std::vector<int64_t>{c}));
  EXPECT_EQ(Matching(Q({{{W("befor")}}})), (std::set<int64_t>{})) << "stems are not norms";
  EXPECT_EQ(Matching(Q({{{W("before")}}})), (std::set<int64_t>{b}));
  EXPECT_EQ(Matching(Q({{{W("niger")}}, {{W("coup")}}})), (std::set<int64_t>{a}));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(, StoreContractSearch, StoreBackendNames(), StoreBackendName);

}  // namespace storyloom::testing
