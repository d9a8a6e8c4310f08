// The store contract (storyloom/store.h), on every backend: inputs,
// documents, transactions and connections, annotations, the schema.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "store/store_backends.h"

namespace storyloom::testing {
namespace {

using namespace std::string_literals;

class StoreContractDocuments : public StoreContract {};
class StoreContractShared : public StoreContract {};

// ---- Inputs ----

TEST_P(StoreContractDocuments, AnInputIsFoundByItsHash) {
  StoredInput in{0, "feeds/niger.jsonl", "3f9a", "jsonl", "windows-1252", 3};
  auto id = store().AddInput(in, "bytes");
  ASSERT_TRUE(id.has_value()) << id.error().message();
  EXPECT_GT(*id, 0);
  auto found = store().FindInput("3f9a");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->path, "feeds/niger.jsonl");
  EXPECT_EQ(found->content_hash, "3f9a");
  EXPECT_EQ(found->format, "jsonl");
  EXPECT_EQ(found->encoding, "windows-1252");
  EXPECT_EQ(found->invalid_bytes, 3u);
  EXPECT_FALSE(store().FindInput("3f9b").has_value());
  EXPECT_FALSE(store().FindInput("").has_value());
}

TEST_P(StoreContractDocuments, TheSameBytesTwiceAreAConflict) {
  auto first = store().AddInput({0, "a.txt", "same-hash", "text", "UTF-8", 0}, "one");
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto second = store().AddInput({0, "b.txt", "same-hash", "text", "UTF-8", 0}, "one");
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().kind(), ErrorKind::kConflict) << second.error().message();
  auto found = store().FindInput("same-hash");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, *first);
  EXPECT_EQ(found->path, "a.txt") << "the first input stays as it was";
}

TEST_P(StoreContractDocuments, RawInputIsTheExactBytes) {
  // NUL bytes, bytes that are not UTF-8, a stray continuation byte, CR LF.
  const std::string raw = "head\0mid\xff\xfe\xc3(\x80 t\xe1\xba\r\nend\0"s;
  ASSERT_EQ(raw.size(), 23u);
  int64_t input = NewInput(raw);
  int64_t doc = AddDoc(TextDoc("mid"), input);
  auto got = store().RawInput(doc);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(*got, raw);
  auto missing = store().RawInput(doc + 1000);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
}

TEST_P(StoreContractDocuments, LargeAndEmptyInputsComeBackWhole) {
  // Stores keep raw inputs compressed: what comes back is still every byte.
  std::string big;
  for (int i = 0; big.size() < (3u << 20); ++i) {
    big += "{\"id\": " + std::to_string(i * 7919 % 100003) + ", \"text\": \"Niamey, line " + std::to_string(i) + "\"}\n";
  }
  int64_t big_doc = AddDoc(TextDoc("Niamey"), NewInput(big));
  auto got = store().RawInput(big_doc);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_TRUE(*got == big) << "a 3 MB input came back as " << got->size() << " bytes";
  auto none = store().AddInput({0, "empty.txt", "empty-hash", "text", "UTF-8", 0}, "");
  ASSERT_TRUE(none.has_value()) << none.error().message();
  int64_t empty_doc = AddDoc(TextDoc("x"), *none);
  auto empty = store().RawInput(empty_doc);
  ASSERT_TRUE(empty.has_value()) << empty.error().message();
  EXPECT_EQ(*empty, "");
}

TEST_P(StoreContractDocuments, InputDocumentIdsAreThatInputsInIdOrder) {
  int64_t a = NewInput("a"), b = NewInput("b");
  int64_t a1 = AddDoc(TextDoc("first of a"), a);
  int64_t b1 = AddDoc(TextDoc("first of b"), b);
  int64_t a2 = AddDoc(TextDoc("second of a"), a);
  int64_t a3 = AddDoc(TextDoc("third of a"), a);
  EXPECT_EQ(*store().InputDocumentIds(a), (std::vector<int64_t>{a1, a2, a3}));
  EXPECT_EQ(*store().InputDocumentIds(b), (std::vector<int64_t>{b1}));
  EXPECT_TRUE(store().InputDocumentIds(b + 1000)->empty());
}

// ---- Documents ----

TEST_P(StoreContractDocuments, ADocumentIsFoundByItsAddressAndText) {
  Document d = TextDoc("Niamey, 27 July: the guard holds the president.");
  d.url = "https://news.example/niger/1";
  AddDoc(d);
  EXPECT_TRUE(*store().HasDocument(d.url, d.content_hash));
  EXPECT_FALSE(*store().HasDocument(d.url, TextDoc("changed text").content_hash)) << "same address, other text";
  EXPECT_FALSE(*store().HasDocument("https://news.example/niger/2", d.content_hash)) << "same text, other address";
  Document no_url = TextDoc("A line without an address.");
  AddDoc(no_url);
  EXPECT_FALSE(*store().HasDocument("", TextDoc("changed text").content_hash));
}

TEST_P(StoreContractDocuments, DocumentIdsAscendInTheOrderAdded) {
  EXPECT_EQ(store().CountDocuments(), 0);
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(AddDoc(TextDoc("report " + std::to_string(i))));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "distinct ids";
  EXPECT_EQ(store().CountDocuments(), 5);
}

// A document as the cleaner leaves it: an advert cut, an entity decoded (a
// replacement in the offset map), two paragraphs in two languages.
Document FullDocument(const std::string& raw) {
  Document d;
  d.path = "feeds/sahel.html";
  d.line = 7;
  d.part = 2;
  d.format = Format::kHtml;
  d.is_list = true;
  d.raw_span = {0, static_cast<uint32_t>(raw.size())};
  d.title = "Coup in Niamey";
  d.url = "https://example.org/niger/coup?id=7&lang=en";
  d.source = "Công Luận";
  d.site = "Vietnam.vn";
  d.byline = "A. Reporter";
  d.published = "2023-07-27";
  d.published_from = "header";
  d.metadata_json = R"({"section":"world","tags":["niger","sahel"]})";
  const MappedText orig = MappedText::Identity(raw);
  const uint32_t amp = static_cast<uint32_t>(raw.find("&amp;"));
  MappedTextBuilder b;
  b.Copy(orig, 5, amp);
  b.Replace(orig, amp, amp + 5, "&");
  b.Copy(orig, amp + 5, static_cast<uint32_t>(raw.size()));
  d.body = std::move(b).Finish();
  d.removed = {{{40, 46}, "related", "[more]"}, {{0, 4}, "advert", "[ad]"}};  // not in order
  d.lang = "en";
  d.lang_confidence = 0.875f;
  d.mixed_lang = true;
  const uint32_t split = static_cast<uint32_t>(d.body.text().find("Hà"));
  const uint32_t end = static_cast<uint32_t>(d.body.size());
  d.paragraphs = {{{0, split}, "en", 0.75f}, {{split, end}, "vi", 0.5f}};
  d.sentences = {{{0, 12}}, {{12, split}}, {{split, end}}};
  d.content_hash = "c0ffee";
  return d;
}

TEST_P(StoreContractDocuments, GetDocumentGivesBackEveryField) {
  const std::string raw = "[ad] Troops & co: R&amp;D cut. [more] Hà Nội nói.";
  Document in = FullDocument(raw);
  int64_t id = AddDoc(in, NewInput(raw));
  auto got = store().GetDocument(id);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  const Document& d = *got;
  EXPECT_EQ(d.id, id);
  EXPECT_EQ(d.path, in.path);
  EXPECT_EQ(d.line, 7u);
  EXPECT_EQ(d.part, 2u);
  EXPECT_EQ(d.format, Format::kHtml);
  EXPECT_TRUE(d.is_list);
  EXPECT_EQ(d.raw_span, in.raw_span);
  EXPECT_EQ(d.title, in.title);
  EXPECT_EQ(d.url, in.url);
  EXPECT_EQ(d.source, in.source);
  EXPECT_EQ(d.site, in.site);
  EXPECT_EQ(d.byline, in.byline);
  EXPECT_EQ(d.published, "2023-07-27");
  EXPECT_EQ(d.published_from, "header");
  EXPECT_EQ(d.metadata_json, in.metadata_json);
  EXPECT_EQ(d.lang, "en");
  EXPECT_EQ(d.lang_confidence, 0.875f);
  EXPECT_TRUE(d.mixed_lang);
  EXPECT_EQ(d.content_hash, "c0ffee");
  // The body and its way back to the input's bytes.
  EXPECT_EQ(d.body.text(), "Troops & co: R&D cut. [more] Hà Nội nói.");
  EXPECT_EQ(d.body.runs(), in.body.runs());
  const uint32_t amp = static_cast<uint32_t>(d.body.text().find("&D"));
  EXPECT_EQ(d.body.ToOriginal({amp, amp + 1}), (Span{static_cast<uint32_t>(raw.find("&amp;")),
                                                      static_cast<uint32_t>(raw.find("&amp;") + 5)}));
  EXPECT_EQ(d.body.ToOriginal({0, 6}), (Span{5, 11})) << "Troops";
  const uint32_t hanoi = static_cast<uint32_t>(d.body.text().find("Hà Nội"));
  const uint32_t raw_hanoi = static_cast<uint32_t>(raw.find("Hà Nội"));
  EXPECT_EQ(d.body.ToOriginal({hanoi, hanoi + 9}), (Span{raw_hanoi, raw_hanoi + 9}));
  // What hangs from it.
  ASSERT_EQ(d.sentences.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(d.sentences[i].span, in.sentences[i].span);
  ASSERT_EQ(d.paragraphs.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(d.paragraphs[i].span, in.paragraphs[i].span);
    EXPECT_EQ(d.paragraphs[i].lang, in.paragraphs[i].lang);
    EXPECT_EQ(d.paragraphs[i].confidence, in.paragraphs[i].confidence);
  }
  ASSERT_EQ(d.removed.size(), 2u);
  EXPECT_EQ(d.removed[0].span, (Span{0, 4})) << "removed spans come sorted by start";
  EXPECT_EQ(d.removed[0].reason, "advert");
  EXPECT_EQ(d.removed[0].text, "[ad]");
  EXPECT_EQ(d.removed[1].span, (Span{40, 46}));
  EXPECT_EQ(d.removed[1].reason, "related");
  EXPECT_EQ(d.removed[1].text, "[more]");
}

TEST_P(StoreContractDocuments, AnUndatedDocumentStaysUndated) {
  Document in = TextDoc("No date anywhere.");
  in.published.reset();
  auto got = store().GetDocument(AddDoc(in));
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_FALSE(got->published.has_value());
  EXPECT_TRUE(got->title.empty());
  EXPECT_TRUE(got->removed.empty());
  EXPECT_TRUE(got->sentences.empty());
  EXPECT_TRUE(got->paragraphs.empty());
}

TEST_P(StoreContractDocuments, GetDocumentsGivesThemInTheOrderAskedAsGetDocumentDoes) {
  const std::string raw = "[ad] Troops & co: R&amp;D cut. [more] Hà Nội nói.";
  int64_t input = NewInput(raw);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    Document d = FullDocument(raw);
    d.title = "Report " + std::to_string(i);
    ids.push_back(AddDoc(d, input));
  }
  EXPECT_TRUE(store().GetDocuments({})->empty());
  auto some = store().GetDocuments({ids[2], ids[0], ids[2]});
  ASSERT_TRUE(some.has_value()) << some.error().message();
  ASSERT_EQ(some->size(), 3u);
  EXPECT_EQ((*some)[0].id, ids[2]);
  EXPECT_EQ((*some)[0].title, "Report 2");
  EXPECT_EQ((*some)[1].id, ids[0]);
  EXPECT_EQ((*some)[1].title, "Report 0");
  EXPECT_EQ((*some)[2].id, ids[2]) << "a document asked for twice comes twice";
  for (const Document& d : *some) {
    EXPECT_EQ(d.body.text(), "Troops & co: R&D cut. [more] Hà Nội nói.");
    EXPECT_EQ(d.body.runs(), FullDocument(raw).body.runs());
    EXPECT_EQ(d.sentences.size(), 3u);
    EXPECT_EQ(d.paragraphs.size(), 2u);
    // The removed spans too: a timeline annotating a document again dates
    // it by the dateline the cleaner cut out.
    auto one = store().GetDocument(d.id);
    ASSERT_TRUE(one.has_value());
    // Every field as GetDocument gives it.
    EXPECT_EQ(d.path, one->path);
    EXPECT_EQ(d.line, one->line);
    EXPECT_EQ(d.part, one->part);
    EXPECT_EQ(d.format, one->format);
    EXPECT_EQ(d.is_list, one->is_list);
    EXPECT_EQ(d.raw_span, one->raw_span);
    EXPECT_EQ(d.url, one->url);
    EXPECT_EQ(d.source, one->source);
    EXPECT_EQ(d.site, one->site);
    EXPECT_EQ(d.byline, one->byline);
    EXPECT_EQ(d.published, one->published);
    EXPECT_EQ(d.published_from, one->published_from);
    EXPECT_EQ(d.lang, one->lang);
    EXPECT_EQ(d.lang_confidence, one->lang_confidence);
    EXPECT_EQ(d.mixed_lang, one->mixed_lang);
    EXPECT_EQ(d.content_hash, one->content_hash);
    EXPECT_EQ(d.metadata_json, one->metadata_json);
    ASSERT_FALSE(one->removed.empty());
    ASSERT_EQ(d.removed.size(), one->removed.size());
    for (size_t i = 0; i < d.removed.size(); ++i) {
      EXPECT_EQ(d.removed[i].span, one->removed[i].span);
      EXPECT_EQ(d.removed[i].reason, one->removed[i].reason);
      EXPECT_EQ(d.removed[i].text, one->removed[i].text);
    }
  }
  auto missing = store().GetDocuments({ids[0], ids[2] + 100});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound) << missing.error().message();
}

TEST_P(StoreContractDocuments, GetDocumentHeadsAreTheDocumentsUpToTheirText) {
  const std::string raw = "[ad] Troops & co: R&amp;D cut. [more] Hà Nội nói.";
  int64_t input = NewInput(raw);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    Document d = FullDocument(raw);
    d.title = "Report " + std::to_string(i);
    ids.push_back(AddDoc(d, input));
  }
  EXPECT_TRUE(store().GetDocumentHeads({})->empty());
  auto some = store().GetDocumentHeads({ids[2], ids[0], ids[2]});
  ASSERT_TRUE(some.has_value()) << some.error().message();
  ASSERT_EQ(some->size(), 3u);
  EXPECT_EQ((*some)[0].id, ids[2]);
  EXPECT_EQ((*some)[0].title, "Report 2");
  EXPECT_EQ((*some)[1].id, ids[0]);
  EXPECT_EQ((*some)[2].id, ids[2]) << "a document asked for twice comes twice";
  for (const Document& d : *some) {
    auto whole = store().GetDocument(d.id);
    ASSERT_TRUE(whole.has_value());
    // Where it came from, its names, dates and language...
    EXPECT_EQ(d.title, whole->title);
    EXPECT_EQ(d.path, whole->path);
    EXPECT_EQ(d.line, whole->line);
    EXPECT_EQ(d.part, whole->part);
    EXPECT_EQ(d.format, whole->format);
    EXPECT_EQ(d.is_list, whole->is_list);
    EXPECT_EQ(d.raw_span, whole->raw_span);
    EXPECT_EQ(d.url, whole->url);
    EXPECT_EQ(d.source, whole->source);
    EXPECT_EQ(d.site, whole->site);
    EXPECT_EQ(d.byline, whole->byline);
    EXPECT_EQ(d.published, whole->published);
    EXPECT_EQ(d.published_from, whole->published_from);
    EXPECT_EQ(d.lang, whole->lang);
    EXPECT_EQ(d.lang_confidence, whole->lang_confidence);
    EXPECT_EQ(d.mixed_lang, whole->mixed_lang);
    // ...and nothing from its text on.
    ASSERT_FALSE(whole->body.empty());
    ASSERT_FALSE(whole->removed.empty());
    ASSERT_FALSE(whole->sentences.empty());
    EXPECT_TRUE(d.body.empty());
    EXPECT_TRUE(d.body.runs().empty());
    EXPECT_TRUE(d.removed.empty());
    EXPECT_TRUE(d.sentences.empty());
    EXPECT_TRUE(d.paragraphs.empty());
    EXPECT_TRUE(d.content_hash.empty());
    EXPECT_TRUE(d.metadata_json.empty());
  }
  auto missing = store().GetDocumentHeads({ids[0], ids[2] + 100});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound) << missing.error().message();
}

TEST_P(StoreContractDocuments, ListDocumentsIsEveryDocumentInIdOrderWithoutRemovedSpans) {
  EXPECT_TRUE(store().ListDocuments()->empty());
  const std::string raw = "[ad] Troops & co: R&amp;D cut. [more] Hà Nội nói.";
  int64_t input = NewInput(raw);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    Document d = FullDocument(raw);
    d.title = "Report " + std::to_string(i);
    ids.push_back(AddDoc(d, input));
  }
  auto list = store().ListDocuments();
  ASSERT_TRUE(list.has_value()) << list.error().message();
  ASSERT_EQ(list->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const Document& d = (*list)[i];
    EXPECT_EQ(d.id, ids[i]);
    EXPECT_EQ(d.title, "Report " + std::to_string(i));
    EXPECT_EQ(d.body.text(), "Troops & co: R&D cut. [more] Hà Nội nói.");
    EXPECT_EQ(d.body.runs(), FullDocument(raw).body.runs());
    EXPECT_EQ(d.sentences.size(), 3u);
    ASSERT_EQ(d.paragraphs.size(), 2u);
    EXPECT_EQ(d.paragraphs[1].lang, "vi");
    EXPECT_TRUE(d.removed.empty()) << "ListDocuments leaves removed spans out";
  }
  // A page at a time: after an id, at most so many.
  auto page = store().ListDocuments(ids[0], 1);
  ASSERT_TRUE(page.has_value()) << page.error().message();
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, ids[1]);
  EXPECT_EQ((*page)[0].title, "Report 1");
  auto rest = store().ListDocuments(ids[0], 0);
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[1].id, ids[2]);
  EXPECT_TRUE(store().ListDocuments(ids[2], 10)->empty());
}

TEST_P(StoreContractDocuments, AMissingDocumentIsNotFound) {
  AddDoc(TextDoc("the only one"));
  auto got = store().GetDocument(12345);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind(), ErrorKind::kNotFound) << got.error().message();
}

TEST_P(StoreContractDocuments, VietnameseAndArabicComeBackByteForByte) {
  // Precomposed and combining Vietnamese marks, Arabic with tatweel and
  // harakat, a right-to-left mark, an emoji.
  const std::string vi = "Thủ tướng Phạm Minh Chính: \"Hà Nội\" và Ha\xcc\x80 No\xcc\xa3\xcc\x82i 🇻🇳.";
  const std::string ar = "\xe2\x80\x8fقالَ الرئيسُ إنّ نيامـــي هادئة؛ ٢٠٢٣.";
  Document d1 = TextDoc(vi, "Thủ tướng", "vi");
  d1.source = "Báo Tuổi Trẻ";
  Document d2 = TextDoc(ar, "نيامي", "ar");
  d2.byline = "مراسل";
  int64_t id1 = AddDoc(d1), id2 = AddDoc(d2);
  auto got1 = store().GetDocument(id1);
  auto got2 = store().GetDocument(id2);
  ASSERT_TRUE(got1.has_value() && got2.has_value());
  EXPECT_EQ(got1->body.text(), vi);
  EXPECT_EQ(got1->title, "Thủ tướng");
  EXPECT_EQ(got1->source, "Báo Tuổi Trẻ");
  EXPECT_EQ(got2->body.text(), ar);
  EXPECT_EQ(got2->title, "نيامي");
  EXPECT_EQ(got2->byline, "مراسل");
}

// ---- Transactions and connections ----

TEST_P(StoreContractDocuments, ATransactionRollsBackUnlessCommitted) {
  int64_t doc = 0;
  {
    Transaction txn(store());
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    doc = AddDoc(TextDoc("written, never committed"), NewInput("uncommitted"));
    EXPECT_EQ(store().CountDocuments(), 1) << "a transaction sees its own writes";
  }
  EXPECT_EQ(store().CountDocuments(), 0);
  EXPECT_FALSE(store().GetDocument(doc).has_value());
  EXPECT_FALSE(store().FindInput("hash-1").has_value());
  {
    Transaction txn(store());
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    doc = AddDoc(TextDoc("committed"), NewInput("committed"));
    ASSERT_TRUE(txn.Commit().ok());
  }
  EXPECT_EQ(store().CountDocuments(), 1);
  auto got = store().GetDocument(doc);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(got->body.text(), "committed");
}

TEST_P(StoreContractDocuments, RollbackWithoutATransactionIsHarmless) {
  store().Rollback();
  int64_t doc = AddDoc(TextDoc("written outside any transaction"));
  store().Rollback();
  EXPECT_TRUE(store().GetDocument(doc).has_value());
  Transaction txn(store());
  ASSERT_TRUE(txn.status().ok()) << "a transaction still begins: " << txn.status().message();
  AddDoc(TextDoc("inside"));
  EXPECT_TRUE(txn.Commit().ok());
  EXPECT_EQ(store().CountDocuments(), 2);
}

TEST_P(StoreContractShared, AnotherConnectionSeesWhatIsCommittedAndOnlyThat) {
  auto other = OpenAgain();
  ASSERT_TRUE(other) << "a second connection to the " << GetParam() << " store";
  const std::string raw = "[ad] Troops & co: R&amp;D cut. [more] Hà Nội nói.";
  int64_t id = 0;
  {
    Transaction txn(store());
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    id = AddDoc(FullDocument(raw), NewInput(raw));
    EXPECT_EQ(other->CountDocuments(), 0) << "not committed yet";
    EXPECT_FALSE(other->GetDocument(id).has_value());
    ASSERT_TRUE(txn.Commit().ok());
  }
  EXPECT_EQ(other->CountDocuments(), 1);
  // And once the writer is gone, a store opened afresh has it all.
  store_.reset();
  other.reset();
  auto again = OpenAgain();
  ASSERT_TRUE(again);
  auto got = again->GetDocument(id);
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(got->body.text(), "Troops & co: R&D cut. [more] Hà Nội nói.");
  EXPECT_EQ(got->body.ToOriginal({0, 6}), (Span{5, 11}));
  EXPECT_EQ(got->removed.size(), 2u);
  EXPECT_EQ(*again->RawInput(id), raw);
  EXPECT_TRUE(again->FindInput("hash-1").has_value());
}

TEST_P(StoreContractShared, DataVersionChangesWhenAnotherConnectionCommits) {
  const int64_t before = store().DataVersion();
  {
    Transaction txn(store());
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    AddDoc(TextDoc("this connection's own write"));
    ASSERT_TRUE(txn.Commit().ok());
  }
  EXPECT_EQ(store().DataVersion(), before) << "this connection's own commits leave it";
  auto other = OpenAgain();
  ASSERT_TRUE(other) << "a second connection to the " << GetParam() << " store";
  EXPECT_EQ(store().DataVersion(), before) << "another connection opening is no commit";
  {
    Transaction txn(*other);
    ASSERT_TRUE(txn.status().ok()) << txn.status().message();
    auto input = other->AddInput({0, "other.txt", "other-hash", "text", "UTF-8", 0}, "other");
    ASSERT_TRUE(input.has_value()) << input.error().message();
    Document d = TextDoc("another connection's write");
    ASSERT_TRUE(other->AddDocument(&d, *input).ok());
    ASSERT_TRUE(txn.Commit().ok());
  }
  const int64_t after = store().DataVersion();
  EXPECT_NE(after, before);
  EXPECT_EQ(store().DataVersion(), after) << "and stays until the next commit";
}

// ---- Annotations ----

TEST_P(StoreContractDocuments, AnnotationsComeBackAsSavedAndReplaced) {
  int64_t a = AddDoc(TextDoc("annotated")), b = AddDoc(TextDoc("annotated later")), c = AddDoc(TextDoc("never"));
  const std::string bytes = "\x01\0\xff\xfe anchors\0geo:NE\x80"s;
  ASSERT_TRUE(store().SaveAnnotations(a, bytes).ok());
  auto got = store().LoadAnnotations({a, b, c, c + 1000});
  ASSERT_TRUE(got.has_value()) << got.error().message();
  ASSERT_EQ(got->size(), 1u) << "documents without annotations are absent";
  EXPECT_EQ(got->at(a), bytes);
  ASSERT_TRUE(store().SaveAnnotations(b, "b's").ok());
  ASSERT_TRUE(store().SaveAnnotations(a, "replaced").ok());
  got = store().LoadAnnotations({a, b, c});
  ASSERT_TRUE(got.has_value()) << got.error().message();
  EXPECT_EQ(got->size(), 2u);
  EXPECT_EQ(got->at(a), "replaced");
  EXPECT_EQ(got->at(b), "b's");
  EXPECT_TRUE(store().LoadAnnotations({})->empty());
}

// ---- The schema ----

TEST_P(StoreContractDocuments, AFreshStoreIsOfThisSchemaAndEmpty) {
  EXPECT_EQ(store().SchemaVersion(), Store::kSchemaVersion);
  EXPECT_EQ(std::string(store().Backend()), GetParam());
  EXPECT_EQ(store().CountDocuments(), 0);
  EXPECT_TRUE(store().ListDocuments()->empty());
  EXPECT_TRUE(store().UnindexedDocuments()->empty());
  EXPECT_EQ(*store().StorySeqs(), (std::pair<int64_t, int64_t>{0, 0}));
  EXPECT_EQ(*store().MaxStoryId(), 0);
  EXPECT_TRUE(store().ListStories()->empty());
}

TEST_P(StoreContractShared, OpeningAnExistingStoreWhereThereIsNoneIsNotFoundAndMakesNothing) {
  const std::string missing = backend_->Missing();
  auto opened = Store::Open(missing, Store::Mode::kExisting);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().kind(), ErrorKind::kNotFound) << opened.error().message();
  EXPECT_NE(opened.error().message().find(missing), std::string::npos) << opened.error().message();
  EXPECT_FALSE(backend_->Exists(missing)) << "nothing is left behind at " << missing;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(, StoreContractDocuments, StoreBackendNames(), StoreBackendName);
// What needs a second connection or a location: the backends that have them
// (the in-memory model has one connection and no location).
INSTANTIATE_TEST_SUITE_P(, StoreContractShared, SharedStoreBackendNames(), StoreBackendName);

}  // namespace storyloom::testing
