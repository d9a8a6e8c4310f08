#include "annotate/temporal.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "annotate/annotate_resources.h"
#include "annotate/document_date.h"
#include "e2e/cli_runner.h"
#include "eval/dates_eval.h"

namespace storyloom {
namespace {

const TemporalTagger& Tagger() { return testing::TestTagger(); }

// The one expression found in `text`; fails when there is not exactly one.
TimeExpression One(std::string_view text, std::string_view lang, std::string_view dct) {
  std::vector<TimeExpression> found = Tagger().Tag(text, lang, dct);
  EXPECT_EQ(found.size(), 1u) << text;
  if (found.size() != 1) {
    for (const auto& e : found) ADD_FAILURE() << "found '" << e.text << "' -> " << e.value;
    return {};
  }
  return found[0];
}

std::string Value(std::string_view text, std::string_view lang, std::string_view dct) {
  return One(text, lang, dct).value;
}

TEST(TemporalTest, SeedShapesVietnamese) {
  EXPECT_EQ(Value("Lầu Năm Góc hôm 22/4 cho biết", "vi", "2024-04-23"), "2024-04-22");
  EXPECT_EQ(Value("Tổng thống Pháp hôm 15/12 tuyên bố", "vi", "2024-01-10"), "2023-12-15");
  EXPECT_EQ(Value("đại tá Amadou, ngày 16/3 cho biết", "vi", "2024-04-10"), "2024-03-16");
  EXPECT_EQ(Value("Quân đội Niger tháng 7/2023 đảo chính", "vi", ""), "2023-07");
  EXPECT_EQ(Value("hồi tháng 3, chính quyền quân sự", "vi", "2024-04-23"), "2024-03");
  EXPECT_EQ(Value("Ngày 2/10, ông nhậm chức", "vi", "2023-12-05"), "2023-10-02");
  EXPECT_EQ(Value("ký ngày 2/8/2023 tại Niamey", "vi", ""), "2023-08-02");
  EXPECT_EQ(Value("hôm thứ Sáu (25/8) họ họp", "vi", "2023-09-01"), "2023-08-25");
  EXPECT_EQ(Value("ngày 2 tháng 8 năm 2023", "vi", ""), "2023-08-02");
  EXPECT_EQ(Value("Vào tuần trước, Washington", "vi", "2024-04-23"), "2024-W16");
  EXPECT_EQ(Value("Hôm qua, bộ trưởng", "vi", "2024-04-23"), "2024-04-22");

  TimeExpression e = One("Ngày 10-4, người dân đổ ra đường", "vi", "");
  EXPECT_EQ(e.value, "XXXX-04-10");
  EXPECT_TRUE(e.year_unknown);
  EXPECT_EQ(e.text, "Ngày 10-4");
  const std::string text = "Ngày 10-4, người dân";
  EXPECT_EQ(text.substr(e.span.start, e.span.size()), e.text);
}

TEST(TemporalTest, SeedShapesIndonesianArabic) {
  EXPECT_EQ(Value("pada tanggal 4 Desember, Kementerian", "id", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("Senin (29/12/2014), tim menemukan", "id", "2023-12-05"), "2014-12-29");
  EXPECT_EQ(Value("Bulan lalu, Prancis", "id", "2023-12-05"), "2023-11");
  EXPECT_EQ(Value("أعلنت الوزارة في 4 ديسمبر/كانون الأول إلغاء", "ar", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("في الرابع من ديسمبر، وقع الجانبان", "ar", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("قال المتحدث أمس إن", "ar", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("في ١٤ مارس أعلنت السلطات", "ar", "2024-04-23"), "2024-03-14");
  TimeExpression pair = One("في 4 ديسمبر/كانون الأول إلغاء", "ar", "2023-12-05");
  EXPECT_EQ(pair.text, "في 4 ديسمبر/كانون الأول");
}

TEST(TemporalTest, SeedShapesEnglishAndOthers) {
  EXPECT_EQ(Value("Israel struck last Tuesday, officials said", "en", "2024-04-25"), "2024-04-23");
  EXPECT_EQ(Value("signed on Sept. 19, 2010 in Paris", "en", ""), "2010-09-19");
  EXPECT_EQ(Value("On March 14, 2025, the board met", "en", ""), "2025-03-14");
  EXPECT_EQ(Value("The Pentagon said on Monday that", "en", "2024-04-23"), "2024-04-22");
  EXPECT_EQ(Value("moved in 2012 to Dublin", "en", ""), "2012");
  EXPECT_EQ(Value("the coup in July 2023 was", "en", ""), "2023-07");
  EXPECT_EQ(Value("held from March 15 to 17 with", "en", "2024-03-20"), "2024-03-15/2024-03-17");
  EXPECT_EQ(Value("le 4 décembre, le ministère", "fr", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("el 4 de diciembre de 2023", "es", ""), "2023-12-04");
  EXPECT_EQ(Value("am 4. Dezember kündigte", "de", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("МИД 4 декабря объявил", "ru", "2023-12-05"), "2023-12-04");
  EXPECT_EQ(Value("в июле 2023 года", "ru", ""), "2023-07");
}

TEST(TemporalTest, Quarters) {
  EXPECT_EQ(Value("lợi nhuận quý I năm 2024 giảm", "vi", ""), "2024-Q1");
  EXPECT_EQ(Value("revenue in the third quarter rose", "en", "2024-04-23"), "2023-Q3");
}

TEST(TemporalTest, UnitsAgo) {
  EXPECT_EQ(Value("Two weeks ago, the minister resigned", "en", "2024-03-20"), "2024-W10");
  EXPECT_EQ(Value("Dua hari lalu, kapal tiba", "id", "2023-12-05"), "2023-12-03");
  EXPECT_EQ(Value("3 ngày trước, đoàn đã đến", "vi", "2024-04-23"), "2024-04-20");
  EXPECT_EQ(Value("hace tres días llegó", "es", "2024-04-23"), "2024-04-20");
  EXPECT_TRUE(Tagger().Tag("He spent two weeks in Paris.", "en", "2024-04-23").empty());
}

TEST(TemporalTest, FutureTenseLooksForward) {
  EXPECT_EQ(Value("The trial will resume on May 6.", "en", "2024-04-23"), "2024-05-06");
  EXPECT_EQ(Value("The trial resumed on May 6.", "en", "2024-04-23"), "2023-05-06");
  // A report dated a day before what it tells (time zones): the same year.
  EXPECT_EQ(Value("Protesters gathered on 6 March.", "en", "2024-03-05"), "2024-03-06");
  EXPECT_EQ(Value("Hội nghị sẽ diễn ra ngày 15/5 tại Abuja", "vi", "2024-04-23"), "2024-05-15");
}

TEST(TemporalTest, WireClockTimesAreNoYears) {
  // "19 JANUARY, 1130 GMT": the day, and no year 1130.
  EXPECT_EQ(Value("PORT-AU-PRINCE, 19 JANUARY , 1130 GMT - Aid arrived.", "en", "2010-01-20"), "2010-01-19");
  for (const char* text : {"The curfew starts at 1815 GMT.", "By 0600 hrs the roads were closed.",
                           "Flights resume at 2030 UTC."}) {
    for (const TimeExpression& e : Tagger().Tag(text, "en", "2010-01-19")) {
      ADD_FAILURE() << text << ": read a date " << e.value << " from \"" << e.text << "\"";
    }
  }
  // A year that is no clock time stays a year.
  EXPECT_EQ(Value("The vote of March 2010 was close.", "en", "2012-05-01"), "2010-03");
}

TEST(TemporalTest, AFewDaysAheadInThePastTenseIsThisYear) {
  // "by 25 January" in a report of 20 January 2010: not 2009.
  EXPECT_EQ(Value("Aid was due to reach the city by 25 January.", "en", "2010-01-20"), "2010-01-25");
  // Far ahead in the past tense is last year's.
  EXPECT_EQ(Value("The quake struck on 25 December.", "en", "2010-01-20"), "2009-12-25");
}

TEST(TemporalTest, NoDctLeavesRelativeOut) {
  EXPECT_TRUE(Tagger().Tag("Yesterday the minister resigned.", "en", "").empty());
  TimeExpression e = One("on December 4 in Niamey", "en", "");
  EXPECT_EQ(e.value, "XXXX-12-04");
  EXPECT_TRUE(e.year_unknown);
}

TEST(TemporalTest, NoFalsePositivesOnTraps) {
  const char* traps[][2] = {
      {"vi", "Tỉ số 2-1 sau 90 phút, lúc 19:30, với 1.500 lính và tỉ lệ 3/4."},
      {"vi", "Lần thứ tư trong năm, suốt 50 năm, giá tăng 6-6,5%."},
      {"id", "Skor 3-0, pukul 19.30 WIB, harga Rp 13.500, rasio 1:500."},
      {"ar", "بنتيجة 2-1 عند الساعة 10:30 بزيادة 1.5 في المئة و1500 شخص."},
      {"en", "The team won 2-1 at 9:30 with 1,500 fans; a ratio of 3:2; you may go; 12.5%."},
      {"en", "They march on; version 2.0.1; call 555-1234; score 10-12."},
  };
  for (const auto& t : traps) {
    for (const TimeExpression& e : Tagger().Tag(t[1], t[0], "2024-04-23")) {
      ADD_FAILURE() << t[0] << ": '" << e.text << "' -> " << e.value;
    }
  }
}

TEST(DocumentDateTest, GivenDateWins) {
  DocumentDate d = ResolveDocumentDate(std::string("2023-12-05"), "header", "ngày 4/12", "vi", Tagger());
  EXPECT_EQ(d.value, "2023-12-05");
  EXPECT_EQ(d.from, "header");
}

TEST(DocumentDateTest, InferredFromYearAndYearlessDays) {
  // A year-bearing mention (July 2023) anchors the yearless days after it.
  const std::string text =
      "Lầu Năm Góc hôm 22/4 cho biết Mỹ đàm phán. Quan hệ căng thẳng sau cuộc đảo chính vào tháng 7/2023.";
  DocumentDate d = ResolveDocumentDate(std::nullopt, "", text, "vi", Tagger());
  EXPECT_EQ(d.value, "2024-04-22");
  EXPECT_EQ(d.from, "inferred");
  // With that date the tagger resolves the text.
  auto found = Tagger().Tag(text, "vi", *d.value);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, "2024-04-22");
}

TEST(DocumentDateTest, InferredFromLatestFullDate) {
  DocumentDate d = ResolveDocumentDate(std::nullopt, "",
                                       "The deal was signed on March 3, 2021 and renewed on May 9, 2022.", "en",
                                       Tagger());
  EXPECT_EQ(d.value, "2022-05-09");
  EXPECT_EQ(d.from, "inferred");
}

TEST(DocumentDateTest, YearlessDayBesideAFullDateIsNearIt) {
  // "13 Maret" four days before "17/3/2025" is March 2025, not March 2026.
  DocumentDate d = ResolveDocumentDate(
      std::nullopt, "", "Dorn berkunjung pada Senin (17/3/2025). Pada 13 Maret, hujan mencapai 312 milimeter.", "id",
      Tagger());
  EXPECT_EQ(d.value, "2025-03-17");
  // A yearless day in the weeks before a month named ahead is that year's.
  d = ResolveDocumentDate(std::nullopt, "", "Sáng 24/3, Quốc lộ 7 thông xe. Trường học sẽ mở cửa vào đầu tháng 4/2025.",
                          "vi", Tagger());
  EXPECT_EQ(d.value, "2025-03-24");
}

TEST(DocumentDateTest, BareYearIsNoAnchor) {
  // Seed 000's shape: yearless days and a historical year.
  DocumentDate d = ResolveDocumentDate(std::nullopt, "",
                                       "Niger độc lập vào năm 1960. Ngày 10-4, quân nhân Nga đến Niger.", "vi",
                                       Tagger());
  EXPECT_FALSE(d.value.has_value());
}

TEST(DocumentDateTest, NothingToInferFrom) {
  DocumentDate d = ResolveDocumentDate(std::nullopt, "", "Ngày 10-4 và Ngày 22-12, người dân xuống đường.", "vi",
                                       Tagger());
  EXPECT_FALSE(d.value.has_value());
}

TEST(DatesEvalTest, OverlapAndExactValue) {
  DatesExample ex;
  ex.lang = "en";
  ex.text = "On May 6 and on May 9 they met.";
  ex.gold = {{"On May 6", "2024-05-06"}, {"on May 9", "2024-05-09"}};
  DatesCounts c;
  // First overlaps with the right value; second overlaps with a wrong one.
  ScoreDates(ex, {{Span{3, 8}, "2024-05-06"}, {Span{13, 21}, "2023-05-09"}}, &c);
  EXPECT_EQ(c.gold, 2);
  EXPECT_EQ(c.found, 2);
  EXPECT_EQ(c.correct, 1);
  EXPECT_DOUBLE_EQ(c.F1(), 0.5);
}

TEST(DatesEvalTest, DevFileReachesTargetF1) {
  const std::string file = std::string(STORYLOOM_SOURCE_DIR) + "/tests/data/dates_dev.jsonl";
  testing::CliResult r = testing::RunCli({"eval", "dates", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const char* lang : {"vi", "id", "ar", "en"}) {
    const auto& l = j["languages"][lang];
    EXPECT_GE(l["gold"].get<int>(), 150) << lang;
    EXPECT_GE(l["f1"].get<double>(), 0.90) << lang;
  }
}

// A trigger word ("ngày", "hôm", "on") as the last word of a text used to
// read past the end of the tokens.
TEST(TemporalTagger, TriggerWordAtTheEndOfTheText) {
  EXPECT_TRUE(Tagger().Tag("Họ sẽ trở lại vào ngày", "vi", "2024-04-23").empty());
  EXPECT_TRUE(Tagger().Tag("Họ sẽ trở lại vào hôm", "vi", "2024-04-23").empty());
  EXPECT_TRUE(Tagger().Tag("They will meet again on", "en", "2024-04-23").empty());
}

}  // namespace
}  // namespace storyloom
