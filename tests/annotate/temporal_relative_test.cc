// The tagger on the classes of expression that new text is full of: days
// relative to the document date or to a date told before, spans ("two days
// later"), relative weeks, months and years, weekdays with and without
// modifiers, the Vietnamese and Arabic forms, and resolution by tense or to
// the nearest occurrence. Values are what a reader of the sentence would put
// on a calendar; unless said otherwise the document is of Friday 1 March 2013.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "annotate/annotate_resources.h"
#include "annotate/temporal.h"

namespace storyloom {
namespace {

constexpr const char* kFriday = "2013-03-01";

const TemporalTagger& Tagger() { return testing::TestTagger(); }

// Every expression found, "text=value" in text order.
std::vector<std::string> Found(std::string_view text, std::string_view lang, std::string_view dct = kFriday) {
  std::vector<std::string> out;
  for (const TimeExpression& e : Tagger().Tag(text, lang, dct)) out.push_back(e.text + "=" + e.value);
  return out;
}

// The value of the one expression found.
std::string Value(std::string_view text, std::string_view lang, std::string_view dct = kFriday) {
  std::vector<TimeExpression> found = Tagger().Tag(text, lang, dct);
  EXPECT_EQ(found.size(), 1u) << text;
  for (const TimeExpression& e : found) {
    if (found.size() != 1) ADD_FAILURE() << "found '" << e.text << "' -> " << e.value;
  }
  return found.size() == 1 ? found[0].value : "";
}

// The value of the last expression found (the one a test is about, after
// the date it is anchored on).
std::string Last(std::string_view text, std::string_view lang, std::string_view dct = kFriday) {
  std::vector<TimeExpression> found = Tagger().Tag(text, lang, dct);
  EXPECT_FALSE(found.empty()) << text;
  return found.empty() ? "" : found.back().value;
}

TEST(TemporalRelativeTest, DaysBeforeYesterdayAndColloquialForms) {
  EXPECT_EQ(Value("The talks broke down the day before yesterday.", "en"), "2013-02-27");
  EXPECT_EQ(Value("Hôm kia, đoàn đại biểu đã rời Niamey.", "vi"), "2013-02-27");
  EXPECT_EQ(Value("Bữa qua, nhiều người đã xuống đường.", "vi"), "2013-02-28");
  EXPECT_EQ(Value("Delegasi tiba kemarin lusa di Niamey.", "id"), "2013-02-27");
  EXPECT_EQ(Value("Pasukan itu ditangkap semalam di sempadan.", "id"), "2013-02-28");
  EXPECT_EQ(Value("وصل الوفد أول أمس إلى نيامي.", "ar"), "2013-02-27");
  EXPECT_EQ(Value("قال المتحدث امبارح إن الجنود سيغادرون.", "ar"), "2013-02-28");
  EXPECT_EQ(Value("الاجتماع بكرة في نيامي.", "ar"), "2013-03-02");
}

TEST(TemporalRelativeTest, TheDayAfterAndBeforeCountFromTheDateTold) {
  EXPECT_EQ(Last("The talks opened on 12 February. The next day, the delegates walked out.", "en"), "2013-02-13");
  EXPECT_EQ(Last("Ngày 12/2, hai bên gặp nhau. Hôm sau, đoàn rời Hà Nội.", "vi"), "2013-02-13");
  EXPECT_EQ(Last("Delegasi tiba pada 12 Februari. Keesokan harinya mereka bertemu presiden.", "id"), "2013-02-13");
  EXPECT_EQ(Last("Para menteri bertemu pada 12 Februari; sehari sebelumnya, polisi menutup jalan.", "id"),
            "2013-02-11");
  EXPECT_EQ(Last("وصل الوفد في 12 فبراير، وفي اليوم التالي التقى الرئيس.", "ar"), "2013-02-13");
  // "اليوم" (today) inside "اليوم السابق" (the day before) is not today.
  EXPECT_EQ(Last("عقدت الجلسة في 12 فبراير، وكان الوفد قد وصل في اليوم السابق.", "ar"), "2013-02-11");
  // With no date told before, the document date is the anchor.
  EXPECT_EQ(Value("The next day, the border reopened.", "en"), "2013-03-02");
}

TEST(TemporalRelativeTest, SpansLaterCountFromThePreviousDate) {
  EXPECT_EQ(Last("The plant closed on 4 February. Two days later, workers protested.", "en"), "2013-02-06");
  EXPECT_EQ(Last("The plant closed on 4 February. Almost a month later, it reopened.", "en"), "2013-03");
  EXPECT_EQ(Last("Ngày 4/2, nhà máy đóng cửa. Hai ngày sau, công nhân biểu tình.", "vi"), "2013-02-06");
  EXPECT_EQ(Last("Pabrik ditutup pada 4 Februari. Dua hari kemudian, buruh berunjuk rasa.", "id"), "2013-02-06");
  EXPECT_EQ(Last("Pabrik ditutup pada 4 Februari. Sepekan kemudian, pabrik dibuka lagi.", "id"), "2013-W07");
  EXPECT_EQ(Last("أغلق المصنع في 4 فبراير، وبعد يومين من ذلك احتج العمال.", "ar"), "2013-02-06");
  // "Earlier" counts back from the date told.
  EXPECT_EQ(Last("The vote was held on 20 February; three days earlier, the army had seized the radio.", "en"),
            "2013-02-17");
  // A year told anchors years: "in 1975 ... 50 years later".
  EXPECT_EQ(Last("Năm 1975, đất nước thống nhất; 50 năm sau, lễ diễu binh lớn được tổ chức.", "vi"), "2025");
}

TEST(TemporalRelativeTest, RelativeWeeksMonthsAndYears) {
  EXPECT_EQ(Value("Three days ago, the junta closed the airspace.", "en"), "2013-02-26");
  EXPECT_EQ(Value("Prices rose last month.", "en"), "2013-02");
  EXPECT_EQ(Value("Elections are due next year.", "en"), "2014");
  EXPECT_EQ(Value("Tuần trước, Washington đồng ý rút quân.", "vi"), "2013-W08");
  EXPECT_EQ(Value("Tháng tới, phái đoàn sẽ sang Niamey.", "vi"), "2013-04");
  EXPECT_EQ(Value("Năm ngoái, xuất khẩu giảm mạnh.", "vi"), "2012");
  EXPECT_EQ(Value("Pemilu akan digelar bulan depan.", "id"), "2013-04");
  EXPECT_EQ(Value("Harga naik tajam tahun lalu.", "id"), "2012");
  EXPECT_EQ(Value("Kapal itu tiba tiga hari lalu.", "id"), "2013-02-26");
  EXPECT_EQ(Value("أغلق المجلس العسكري المجال الجوي قبل ثلاثة أيام.", "ar"), "2013-02-26");
  EXPECT_EQ(Value("تراجعت الصادرات العام الماضي.", "ar"), "2012");
  EXPECT_EQ(Value("تبدأ المفاوضات الشهر المقبل.", "ar"), "2013-04");
  // A count of years is a span, not a point: "a few years ago" is no date.
  EXPECT_TRUE(Found("Dia membayar AS$5 juta beberapa tahun lalu.", "id").empty());
}

TEST(TemporalRelativeTest, WeekdaysAloneAndWithModifiers) {
  // Alone, with a past cue: the last one.
  EXPECT_EQ(Value("Hôm thứ Bảy, đoàn đã đến Niamey.", "vi"), "2013-02-23");
  EXPECT_EQ(Value("Presiden telah bertemu para menteri pada Kamis.", "id"), "2013-02-28");
  EXPECT_EQ(Value("أعلن المتحدث يوم الثلاثاء انسحاب القوات.", "ar"), "2013-02-26");
  // "thứ 7" is Saturday by its number; "chủ nhật tuần trước" the Sunday of last week.
  EXPECT_EQ(Value("Đoàn sẽ đến vào thứ 7 tuần sau.", "vi"), "2013-03-09");
  EXPECT_EQ(Value("Thứ 6 tuần sau, hai bên sẽ ký thỏa thuận.", "vi"), "2013-03-08");
  EXPECT_EQ(Value("Cuộc họp diễn ra vào chủ nhật tuần trước.", "vi"), "2013-02-24");
  EXPECT_EQ(Value("تعقد القمة الجمعة المقبلة.", "ar"), "2013-03-08");
  EXPECT_EQ(Value("The envoy arrives next Tuesday.", "en"), "2013-03-05");
  // A rank is no weekday: "xếp thứ 7" is seventh place.
  EXPECT_TRUE(Found("Theo ESPN, Messi xếp thứ 7 trong danh sách.", "vi").empty());
}

TEST(TemporalRelativeTest, AWeekdayBesideADateIsOneDayThatAgrees) {
  EXPECT_EQ(Found("Hội nghị khai mạc thứ tư 13 tháng 3 tại Hà Nội.", "vi"),
            std::vector<std::string>{"thứ tư 13 tháng 3=2013-03-13"});
  EXPECT_EQ(Found("تبدأ المحادثات الثلاثاء 5 آذار في الدوحة.", "ar"),
            std::vector<std::string>{"الثلاثاء 5 آذار=2013-03-05"});
  // In a document of 1 February 2014, "Tuesday, March 5" is 2013: 5 March
  // 2014 is a Wednesday.
  EXPECT_EQ(Value("The court sat on Tuesday, March 5, to hear the case.", "en", "2014-02-01"), "2013-03-05");
}

TEST(TemporalRelativeTest, VietnameseForms) {
  EXPECT_EQ(Value("Lễ hội bắt đầu từ mùng 5 tháng 3.", "vi"), "2013-03-05");
  EXPECT_EQ(Value("Hiệp định được ký hồi tháng mười hai.", "vi"), "2012-12");
  EXPECT_EQ(Value("Hội nghị khai mạc 15/3 tại Hà Nội.", "vi"), "2013-03-15");
  EXPECT_EQ(Value("Văn bản đề ngày 12/4/18 đã được công bố.", "vi"), "2018-04-12");
  EXPECT_EQ(Value("Giá xăng sẽ tăng vào cuối tháng.", "vi"), "2013-03");
  EXPECT_EQ(Value("Đầu tháng 2, đoàn đã sang Niamey.", "vi"), "2013-02");
  EXPECT_EQ(Value("Lợi nhuận quý 3 tăng mạnh.", "vi", "2013-10-22"), "2013-Q3");
  EXPECT_EQ(Value("Vụ việc xảy ra vào những năm 1980.", "vi"), "198");
  // A fraction is no day: "tỉ lệ 3/4".
  EXPECT_TRUE(Found("Tỉ lệ 3/4 dân số đã tiêm vắc xin.", "vi").empty());
}

TEST(TemporalRelativeTest, ArabicForms) {
  EXPECT_EQ(Value("انطلقت المحادثات في الخامس من آذار.", "ar"), "2013-03-05");
  EXPECT_EQ(Value("تنتهي المهلة في الحادي والعشرين من الشهر الجاري.", "ar"), "2013-03-21");
  EXPECT_EQ(Value("وصلت القوات في منتصف شباط.", "ar"), "2013-02");
  EXPECT_EQ(Value("تعقد الانتخابات في أواخر الشهر.", "ar"), "2013-03");
  EXPECT_EQ(Value("ارتفعت الأسعار في شهر 2.", "ar"), "2013-02");
  EXPECT_EQ(Value("وقعت الحادثة في الثمانينيات.", "ar"), "198");
  // A clitic glued to a day word: "وأمس" is "and yesterday".
  EXPECT_EQ(Value("وأمس أعلنت الحكومة حالة الطوارئ.", "ar"), "2013-02-28");
  // "باب" (door) is no "ب" + "آب" (August).
  EXPECT_TRUE(Found("أعلنت الهيئة فتح باب الترشح.", "ar").empty());
}

TEST(TemporalRelativeTest, TenseDecidesTheDirection) {
  // A future cue picks the coming Monday; a past one the last.
  EXPECT_EQ(Value("The summit will open on Monday.", "en"), "2013-03-04");
  EXPECT_EQ(Value("The summit opened on Monday.", "en"), "2013-02-25");
  EXPECT_EQ(Value("Hội nghị sẽ khai mạc vào thứ Hai.", "vi"), "2013-03-04");
  EXPECT_EQ(Value("Pertemuan itu akan dibuka pada Senin.", "id"), "2013-03-04");
  EXPECT_EQ(Value("سوف يعقد الاجتماع يوم الاثنين.", "ar"), "2013-03-04");
  // "will be held": a participle after a future word is not past.
  EXPECT_EQ(Value("Midterm elections will be held on Nov. 8.", "en", "2022-10-03"), "2022-11-08");
}

TEST(TemporalRelativeTest, LastAndNextNameTheMonthBeforeOrAfter) {
  // In a document of 29 September 2018, December alone is the coming one.
  EXPECT_EQ(Value("The regional elections last December were narrow.", "en", "2018-09-29"), "2017-12");
  EXPECT_EQ(Value("The regional elections in December will be close.", "en", "2018-09-29"), "2018-12");
  EXPECT_EQ(Value("Prices will rise next March.", "en"), "2014-03");
}

TEST(TemporalRelativeTest, AHeaderTimeStampRepeatingTheDocumentDateIsNoMention) {
  EXPECT_EQ(Found("Sun May 29 , 2011 1:56 am BST Nigerian President Goodluck Jonathan was sworn in.", "en",
                  "2011-05-29"),
            std::vector<std::string>{});
  // But an event's time of day is kept.
  EXPECT_EQ(Found("The boy was found at about 04:00 BST on Saturday.", "en", "2018-09-29"),
            std::vector<std::string>{"on Saturday=2018-09-29"});
}

TEST(TemporalRelativeTest, NoCueTakesTheNearestOccurrence) {
  // A document of Saturday 2 February 2013: June, 12/10 and Monday without
  // a cue are the occurrences nearest to it, not always the past ones.
  EXPECT_EQ(Value("The festival in June draws crowds.", "en", "2013-02-02"), "2013-06");
  EXPECT_EQ(Value("Ngày 12/10 là hạn chót nộp hồ sơ.", "vi", "2013-02-02"), "2012-10-12");
  EXPECT_EQ(Value("Parlemen bersidang pada Senin.", "id", "2013-02-02"), "2013-02-04");
  EXPECT_EQ(Value("Today the markets are closed.", "en", "2013-02-02"), "2013-02-02");
}

TEST(TemporalRelativeTest, MalayReadsIndonesiansTableAndItsOwnWords) {
  // ms.tsv includes id.tsv: "Isnin" (Malay) and "bulan depan" (shared).
  EXPECT_EQ(Value("Kerajaan mengumumkan keputusan itu pada Isnin lepas.", "ms"), "2013-02-25");
  EXPECT_EQ(Value("Pilihan raya akan diadakan bulan depan.", "ms"), "2013-04");
  EXPECT_EQ(Value("Suspek ditahan kelmarin di Johor.", "ms"), "2013-02-27");
}

TEST(TemporalRelativeTest, LanguageCodesAsDatasetsWriteThem) {
  // NTREX names its files "vie", "arb", "ind"; feeds write "ar-EG" or "VI".
  EXPECT_EQ(Value("Hôm kia, đoàn đại biểu đã rời Niamey.", "vie"), "2013-02-27");
  EXPECT_EQ(Value("وصل الوفد أول أمس إلى نيامي.", "arb"), "2013-02-27");
  EXPECT_EQ(Value("وصل الوفد أول أمس إلى نيامي.", "ar-EG"), "2013-02-27");
  EXPECT_EQ(Value("Delegasi tiba kemarin lusa di Niamey.", "ind"), "2013-02-27");
  EXPECT_EQ(Value("Hôm kia, đoàn đại biểu đã rời Niamey.", "VI"), "2013-02-27");
}

TEST(TemporalRelativeTest, TheOtherLanguagesCountFromTheDateTold) {
  EXPECT_EQ(Last("Le sommet s'est ouvert le 12 février. Le lendemain, les délégués sont partis.", "fr"), "2013-02-13");
  EXPECT_EQ(Last("La fábrica cerró el 4 de febrero. Dos días después, los obreros protestaron.", "es"), "2013-02-06");
  EXPECT_EQ(Last("La fabbrica ha chiuso il 4 febbraio. Il giorno dopo gli operai hanno protestato.", "it"),
            "2013-02-05");
  EXPECT_EQ(Last("Das Werk schloss am 4. Februar. Zwei Tage später streikten die Arbeiter.", "de"), "2013-02-06");
  EXPECT_EQ(Last("A fábrica fechou no dia 4 de fevereiro. No dia seguinte, os operários protestaram.", "pt"),
            "2013-02-05");
  EXPECT_EQ(Last("Завод закрылся 4 февраля. Спустя два дня рабочие вышли на протест.", "ru"), "2013-02-06");
  EXPECT_EQ(Value("La cumbre se celebró la víspera.", "es"), "2013-02-28");
}

TEST(TemporalRelativeTest, DecadesAreDecadesNotTheirFirstYear) {
  EXPECT_EQ(Value("The assault allegedly occurred in the 1980s.", "en"), "198");
  EXPECT_EQ(Value("Prices peaked in the mid-1990s.", "en"), "199");
  EXPECT_EQ(Value("Những năm của thập niên 90 là thời kỳ khó khăn.", "vi"), "199");
  EXPECT_EQ(Value("Di Universiti Yale sekitar tahun 1980an.", "ms"), "198");
}

TEST(TemporalRelativeTest, NextAndLastAfterAMonthOrDayPointThatWay) {
  // A document of 15 April 2013: the March "next" names is 2014's.
  EXPECT_EQ(Value("ستعقد القمة في مارس المقبل.", "ar", "2013-04-15"), "2014-03");
  EXPECT_EQ(Value("Le sommet aura lieu en mars prochain.", "fr", "2013-04-15"), "2014-03");
  EXPECT_EQ(Value("Hội nghị sẽ diễn ra vào tháng 3 tới.", "vi", "2013-04-15"), "2014-03");
  EXPECT_EQ(Value("Ngày 5/3 tới, hai bên sẽ ký kết.", "vi", "2013-03-20"), "2014-03-05");
  EXPECT_EQ(Value("Perjanjian itu ditandatangani pada 5 Mac lalu.", "ms"), "2012-03-05");
}

TEST(TemporalRelativeTest, ThisYearIsAYearGiven) {
  EXPECT_EQ(Value("Mùa hè năm nay, nắng nóng kéo dài.", "vi"), "2013-SU");
  EXPECT_EQ(Value("Từ tháng 1 đến tháng 3 năm nay, xuất khẩu tăng.", "vi", "2013-12-01"), "2013-01/2013-03");
  EXPECT_EQ(Value("From March to May last year, exports fell.", "en"), "2012-03/2012-05");
  EXPECT_EQ(Value("تراجعت الأرباح في النصف الأول من العام الجاري.", "ar"), "2013-H1");
}

TEST(TemporalRelativeTest, ThisSpringInJanuaryIsThisYears) {
  EXPECT_EQ(Value("This spring, the parliament will vote.", "en", "2013-01-15"), "2013-SP");
  EXPECT_EQ(Value("Elections are due this summer.", "en", "2013-02-10"), "2013-SU");
  EXPECT_EQ(Value("This winter has been mild.", "en", "2013-01-15"), "2012-WI");
}

TEST(TemporalRelativeTest, VietnameseMonthsInWordsAndMonthsOfAYear) {
  EXPECT_EQ(Value("Ngày 30 tháng Tư năm 1975, chiến tranh kết thúc.", "vi"), "1975-04-30");
  EXPECT_EQ(Value("Lợi nhuận 9 tháng năm 2013 tăng 10%.", "vi"), "2013");
  EXPECT_EQ(Last("Tháng trước, xuất khẩu tăng 5% so với cùng kỳ năm ngoái.", "vi"), "2012-02");
}

TEST(TemporalRelativeTest, TheNextYearCountsFromTheYearTold) {
  EXPECT_EQ(Last("The company was founded in 1998. The next year it went public.", "en"), "1999");
}

TEST(TemporalRelativeTest, ARunOfTriggerWordsIsNoDateAndNoCrash) {
  std::string run;
  for (int i = 0; i < 100000; ++i) run += "on ";
  EXPECT_TRUE(Found(run, "en").empty());
  std::string vi;
  for (int i = 0; i < 100000; ++i) vi += "từ ";
  EXPECT_TRUE(Found(vi + "ngày 5/3", "vi").size() == 1);
}

}  // namespace
}  // namespace storyloom
