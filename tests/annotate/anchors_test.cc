#include "annotate/anchors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "annotate/anchor_overlap.h"
#include "annotate/lexicon.h"
#include "annotate/names.h"
#include "annotate/numbers.h"

namespace storyloom {
namespace {

const std::string kShared = STORYLOOM_SOURCE_DIR "/../shared";

// Loaded once for the whole test binary (building the ICU tables takes a moment).
const AnchorResources& Res() {
  static const std::unique_ptr<AnchorResources> r = [] {
    AnchorOptions o;
    o.resources_dir = STORYLOOM_SOURCE_DIR "/resources";
    o.lexicon_paths = DefaultLexiconPaths(o.resources_dir);
    o.languages = {"en", "vi", "id", "ar", "ms"};  // what these tests read; the others' lexicons take seconds
    return AnchorResources::Load(o);
  }();
  return *r;
}

std::vector<std::string> Keys(std::string_view text, const std::string& lang) {
  std::vector<std::string> keys;
  for (const Anchor& a : FindAnchors(text, lang, Res())) keys.push_back(a.key);
  return keys;
}

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string Join(const std::vector<std::string>& keys) {
  std::string s;
  for (const auto& k : keys) s += k + " ";
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AnchorsTest, RussiaInThreeLanguages) {
  auto vi = Keys("Nga điều chuyên gia đến Niger.", "vi");
  auto id = Keys("Niger beralih ke kerja sama pertahanan dengan Rusia.", "id");
  auto ar = Keys("النيجر تتجه للتعاون الدفاعي مع روسيا", "ar");
  auto en = Keys("Niger turns to Russia for defence.", "en");
  EXPECT_TRUE(Has(vi, "geo:RU")) << Join(vi);
  EXPECT_TRUE(Has(id, "geo:RU")) << Join(id);
  EXPECT_TRUE(Has(ar, "geo:RU")) << Join(ar);
  EXPECT_TRUE(Has(en, "geo:RU")) << Join(en);
  EXPECT_TRUE(Has(vi, "geo:NE")) << Join(vi);
  EXPECT_TRUE(Has(id, "geo:NE")) << Join(id);
  EXPECT_TRUE(Has(ar, "geo:NE")) << Join(ar);
  EXPECT_FALSE(Has(id, "geo:NG")) << Join(id);
}

TEST(AnchorsTest, ArabicCliticsAndPhrases) {
  EXPECT_TRUE(Has(Keys("وصل إلى النيجر وبالنيجر", "ar"), "geo:NE"));
  EXPECT_TRUE(Has(Keys("Các bên bắt đầu đàm phán tại Saudi Arabia", "vi"), "geo:SA"));
  EXPECT_TRUE(Has(Keys("The leaders of Burkina Faso met.", "en"), "geo:BF"));
  EXPECT_TRUE(Has(Keys("Mỹ bắt đầu đàm phán về việc rút quân khỏi Niger", "vi"), "geo:US"));
}

TEST(AnchorsTest, NiameyMeetsAcrossScripts) {
  auto vi = Keys("Người dân tuần hành ở Niamey.", "vi");
  auto id = Keys("Pawai di Niamey, Niger.", "id");
  auto ar = Keys("مسيرة في نيامي، النيجر", "ar");
  std::string city;
  for (const auto& k : id)
    if (k.starts_with("geo:NE:")) city = k;
  ASSERT_FALSE(city.empty()) << Join(id);
  EXPECT_TRUE(Has(vi, city)) << Join(vi);
  EXPECT_TRUE(Has(ar, city)) << Join(ar);
}

TEST(AnchorsTest, SkeletonJoinsSpellings) {
  EXPECT_EQ(NameSkeleton("tchiani"), NameSkeleton("tiani"));
  EXPECT_EQ(NameSkeleton("tchiani"), NameSkeleton("tshyany"));
  auto id = Keys("pemimpin kudeta Jenderal Abdourahmane Tchiani di sana", "id");
  auto en = Keys("the junta leader, General Tiani, said", "en");
  auto ar = Keys("قائد الانقلاب الجنرال عبد الرحمن تشياني في نيامي", "ar");
  std::string key = "ent:" + NameSkeleton("tchiani");
  EXPECT_TRUE(Has(id, key)) << Join(id);
  EXPECT_TRUE(Has(en, key)) << Join(en);
  EXPECT_TRUE(Has(ar, key)) << Join(ar);
}

TEST(AnchorsTest, NumbersBySeparatorsOfTheLanguage) {
  EXPECT_TRUE(Has(Keys("khoảng 1.500 binh sĩ", "vi"), "num:1500"));
  EXPECT_TRUE(Has(Keys("sekitar 1.500 tentara", "id"), "num:1500"));
  EXPECT_TRUE(Has(Keys("نحو 1500 جندي", "ar"), "num:1500"));
  EXPECT_TRUE(Has(Keys("نحو ١٥٠٠ جندي", "ar"), "num:1500"));
  EXPECT_TRUE(Has(Keys("about 1,500 troops", "en"), "num:1500"));
  EXPECT_TRUE(Has(Keys("3 triệu người", "vi"), "num:3000000"));
  EXPECT_TRUE(Has(Keys("3 juta orang", "id"), "num:3000000"));
  EXPECT_TRUE(Has(Keys("3 million people", "en"), "num:3000000"));
  EXPECT_TRUE(Has(Keys("3 ملايين شخص", "ar"), "num:3000000"));
  EXPECT_TRUE(Has(Keys("tăng 18% so với", "vi"), "num:18%"));
  EXPECT_TRUE(Has(Keys("2,5 triệu", "vi"), "num:2500000"));
  // Years and small counts are not number anchors; dates are not either.
  auto k = Keys("In 2023, 3 men met on 12/4.", "en");
  EXPECT_TRUE(std::none_of(k.begin(), k.end(), [](const std::string& s) { return s.starts_with("num:"); })) << Join(k);
}

TEST(AnchorsTest, Acronyms) {
  EXPECT_TRUE(Has(Keys("ECOWAS kêu gọi chính quyền quân sự Niger", "vi"), "acr:ECOWAS"));
  EXPECT_TRUE(Has(Keys("تدخلا عسكريا من جانب مجموعة إيكواس", "ar"), "acr:ECOWAS"));
  EXPECT_TRUE(Has(Keys("AES and UEMOA", "en"), "acr:AES"));
  EXPECT_TRUE(Has(Keys("AES and UEMOA", "en"), "acr:UEMOA"));
}

TEST(AnchorsTest, SpansPointIntoTheText) {
  std::string text = "Pawai di Niamey, Niger, dengan 1.500 orang.";
  for (const Anchor& a : FindAnchors(text, "id", Res())) {
    ASSERT_LE(a.span.end, text.size());
    ASSERT_LT(a.span.start, a.span.end);
  }
}

TEST(AnchorsTest, SeedsIndonesianAndArabicShareAnchors) {
  std::string dir = kShared + "/seeds";
  if (!std::filesystem::exists(dir + "/003_c35ea9e91ea66f2f.txt"))
    GTEST_SKIP() << "no " << dir << " (../shared absent)";
  AnchorSet id = ToAnchorSet(FindAnchors(LongLines(ReadFile(dir + "/003_c35ea9e91ea66f2f.txt")), "id", Res()));
  AnchorSet ar = ToAnchorSet(FindAnchors(LongLines(ReadFile(dir + "/004_d45d6a35b88756b9.txt")), "ar", Res()));
  std::vector<std::string> shared = SharedKeys(id, ar);
  std::cout << "seeds 003/004: " << id.size() << " and " << ar.size() << " keys, " << shared.size()
            << " shared, Jaccard " << Jaccard(id, ar) << ", weighted " << WeightedJaccard(id, ar)
            << ", without lexicon pivots " << Jaccard(WithoutPrefix(id, "lex:"), WithoutPrefix(ar, "lex:"))
            << "\n  shared:";
  for (const auto& k : shared) std::cout << " " << k;
  std::cout << "\n";
  EXPECT_TRUE(id.contains("geo:NE") && ar.contains("geo:NE"));
  EXPECT_TRUE(id.contains("geo:RU") && ar.contains("geo:RU"));
  EXPECT_GT(Jaccard(id, ar), 0.08);
  EXPECT_GT(WeightedJaccard(id, ar), 0.15);
}

TEST(AnchorsTest, NtrexTranslationsShareFarMoreThanUnrelatedArticles) {
  std::string dir = kShared + "/data/ntrex";
  if (!std::filesystem::exists(dir + "/DOCUMENT_IDS.tsv")) GTEST_SKIP() << "no " << dir << " (../shared absent)";
  auto stats = NtrexOverlap(dir, "ind", "id", "arb", "ar", Res());
  ASSERT_TRUE(stats.has_value());
  std::cout << "NTREX ind/arb: " << stats->true_pairs << " true pairs, mean Jaccard " << stats->true_mean
            << " (weighted " << stats->true_weighted_mean << "); " << stats->unrelated_pairs
            << " unrelated pairs, mean " << stats->unrelated_mean << " (weighted " << stats->unrelated_weighted_mean
            << "); " << stats->bytes / 1e6 / stats->seconds << " MB/s\n";
  std::cout << "  without lexicon pivots: true " << stats->true_identity_mean << ", unrelated "
            << stats->unrelated_identity_mean << "\n";
  // Every kind of key: translations share several times what unrelated articles do.
  EXPECT_GT(stats->true_mean, 4 * stats->unrelated_mean);
  EXPECT_GT(stats->true_weighted_mean, 6 * stats->unrelated_weighted_mean);
  // Places, names, acronyms and numbers alone: a wide absolute gap.
  EXPECT_GT(stats->true_identity_mean - stats->unrelated_identity_mean, 0.1);
}

TEST(AnchorsTest, IdfWeightsTakeCommonKeysOut) {
  AnchorSet a{{"geo:NE", 1.0f}, {"lex:say", 0.2f}, {"ent:tn", 1.0f}};
  AnchorSet b{{"geo:NE", 1.0f}, {"lex:say", 0.2f}};
  AnchorSet c{{"lex:say", 0.2f}, {"num:1500", 1.0f}};
  KeyFrequencies frequencies;
  for (const AnchorSet* s : {&a, &b, &c}) frequencies.Add(*s);
  AnchorSet wa = IdfWeighted(a, frequencies), wb = IdfWeighted(b, frequencies), wc = IdfWeighted(c, frequencies);
  EXPECT_EQ(wa.at("lex:say"), 0.0f);                       // in every document: no weight
  EXPECT_NEAR(wa.at("ent:tn"), std::log(3.0), 1e-6);       // in one: log N
  EXPECT_NEAR(wa.at("geo:NE"), std::log(3.0 / 2), 1e-6);  // in two
  // b and c share only the key every document has: nothing, once weighted.
  EXPECT_GT(Jaccard(b, c), 0.0);
  EXPECT_EQ(WeightedJaccard(wb, wc), 0.0);
  EXPECT_GT(WeightedJaccard(wa, wb), 0.0);
}

TEST(AnchorsTest, NtrexIdfWeightingWidensTheGap) {
  std::string dir = kShared + "/data/ntrex";
  if (!std::filesystem::exists(dir + "/DOCUMENT_IDS.tsv")) GTEST_SKIP() << "no " << dir << " (../shared absent)";
  auto stats = NtrexOverlap(dir, "ind", "id", "arb", "ar", Res());
  ASSERT_TRUE(stats.has_value());
  std::cout << "NTREX ind/arb, IDF-weighted Jaccard: true " << stats->true_idf_mean << ", unrelated "
            << stats->unrelated_idf_mean << " (plain: true " << stats->true_mean << ", unrelated "
            << stats->unrelated_mean << "); true pairs above the unrelated 99th percentile: IDF "
            << stats->idf_above_p99 << ", plain " << stats->true_above_p99 << "\n";
  // Translations share rare keys, unrelated articles common ones: IDF
  // weights leave unrelated pairs near nothing.
  EXPECT_GT(stats->true_idf_mean, 10 * stats->unrelated_idf_mean);
  EXPECT_GT(stats->true_idf_mean / stats->unrelated_idf_mean, stats->true_mean / stats->unrelated_mean);
  EXPECT_GT(stats->true_idf_mean - stats->unrelated_idf_mean, stats->true_mean - stats->unrelated_mean);
  EXPECT_GE(stats->idf_above_p99, stats->true_above_p99);
  EXPECT_GT(stats->idf_above_p99, 0.9);
}

}  // namespace
}  // namespace storyloom

namespace storyloom {
namespace {

TEST(AnchorNumbersTest, SeparatorsByLanguage) {
  EXPECT_EQ(ParseNumber("1.500", "vi"), 1500);
  EXPECT_EQ(ParseNumber("1.500", "id"), 1500);
  EXPECT_EQ(ParseNumber("1,500", "en"), 1500);
  EXPECT_EQ(ParseNumber("1500", "ar"), 1500);
  EXPECT_EQ(ParseNumber("2,5", "vi"), 2.5);
  EXPECT_EQ(ParseNumber("1.5", "vi"), 1.5);
  EXPECT_EQ(ParseNumber("1.234.567", "id"), 1234567);
  EXPECT_EQ(NumberKey(3e6), "3000000");
  EXPECT_EQ(NumberKey(2.5), "2.5");
}

TEST(AnchorLexiconTest, OnlyTheLanguagesAskedForAreRead) {
  std::vector<std::string> paths = DefaultLexiconPaths(STORYLOOM_SOURCE_DIR "/resources");
  if (!std::filesystem::exists(paths[0])) GTEST_SKIP() << "FreeDict not installed (" << paths[0] << ")";
  Lexicon ar = Lexicon::Load(paths, {"ar"});
  EXPECT_GT(ar.size("ar"), 10000u);
  EXPECT_EQ(ar.size("id"), 0u);
  EXPECT_EQ(Lexicon::Load({"/nonexistent/lexicon.index"}).size("ar"), 0u);  // missing: skipped
}

}  // namespace
}  // namespace storyloom
