#include "clean/dateline.h"

#include <gtest/gtest.h>

#include <string>

#include "clean/cleaner.h"

namespace storyloom {
namespace {

const DatelineTable& Datelines() {
  static std::unique_ptr<DatelineTable> table = [] {
    auto t = DatelineTable::Load(std::string(STORYLOOM_SOURCE_DIR) + "/resources/clean/datelines.tsv");
    EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message());
    return t ? std::move(*t) : nullptr;
  }();
  return *table;
}

const ChromeTable& Chrome() {
  static std::unique_ptr<ChromeTable> table = [] {
    auto t = ChromeTable::Load(std::string(STORYLOOM_SOURCE_DIR) + "/resources/clean/chrome.tsv");
    EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message());
    return t ? std::move(*t) : nullptr;
  }();
  return *table;
}

// The dateline the table finds at the start of `lead`, or "" when none.
std::string LeadDateline(const std::string& lead) {
  DatelineMatch m;
  if (!Datelines().MatchAt(lead, 0, /*strong_only=*/false, &m)) return "";
  return lead.substr(m.start, m.text_end - m.start);
}

struct Shape {
  const char* lang;
  const char* lead;
  const char* dateline;  // what is removed
};

TEST(Dateline, RemovesEachShapeInItsLanguage) {
  const Shape kShapes[] = {
      // English wires, plain and as tokenised corpora write them.
      {"en", "WASHINGTON | Wed Mar 30 , 2011 6:16 pm EDT WASHINGTON -LRB- Reuters -RRB- - The Senate passed a "
             "stopgap budget late on Wednesday .",
       "WASHINGTON | Wed Mar 30 , 2011 6:16 pm EDT WASHINGTON -LRB- Reuters -RRB- -"},
      {"en", "CAIRO (Reuters) - The cabinet met on Sunday to discuss bread subsidies.", "CAIRO (Reuters) -"},
      {"en", "CAIRO, Feb 1 (Reuters) - The cabinet met on Sunday to discuss bread subsidies.",
       "CAIRO, Feb 1 (Reuters) -"},
      {"en", "(CNN) -- Rescue teams reached the mountain village on Friday.", "(CNN) --"},
      {"en", "TRIPOLI, Libya (AP) — Fighters entered the coastal town at dawn.", "TRIPOLI, Libya (AP) —"},
      {"en", "NEW ORLEANS -- Crews laid more boom along the marshes on Thursday.", "NEW ORLEANS --"},
      {"en", "By Jane Doe , Associated Press The mayor said on Monday that the bridge would reopen.",
       "By Jane Doe , Associated Press"},
      {"en", "Updated 6:16 pm EDT The storm moved east overnight and weakened.", "Updated 6:16 pm EDT"},
      {"en", "Posted: Wed Mar 30, 2011 The storm moved east overnight and weakened.", "Posted: Wed Mar 30, 2011"},
      {"en", "Mon Aug 22 , 2011 1:18 pm EDT LONDON , Aug 22 -LRB- Reuters -RRB- - Fuel prices fell on Monday .",
       "Mon Aug 22 , 2011 1:18 pm EDT LONDON , Aug 22 -LRB- Reuters -RRB- -"},
      {"en", "Tuesday 19 April 2005 00.01 BST The new cabinet split yesterday over the budget.",
       "Tuesday 19 April 2005 00.01 BST"},
      {"en", "February 3 , 2011 | By Jane Doe , CNN The first days of the strike were quiet .",
       "February 3 , 2011 | By Jane Doe , CNN"},
      {"en", "ROME Oct 12 -LRB- Reuters -RRB- - Tour operators expect a better season .",
       "ROME Oct 12 -LRB- Reuters -RRB- -"},
      {"en", "ROME/GENEVA | Sat Apr 25 , 2009 7:32 pm EDT ROME/GENEVA -LRB- Reuters -RRB- - Talks resumed .",
       "ROME/GENEVA | Sat Apr 25 , 2009 7:32 pm EDT ROME/GENEVA -LRB- Reuters -RRB- -"},
      // Indonesian
      {"id", "Jakarta (ANTARA) - Pemerintah mengumumkan harga baru bahan bakar pada Senin.", "Jakarta (ANTARA) -"},
      {"id", "Jakarta, CNN Indonesia -- Presiden meresmikan jalan tol baru di Jawa Tengah.",
       "Jakarta, CNN Indonesia --"},
      {"id", "TEMPO.CO, Jakarta - Menteri Keuangan menyampaikan laporan anggaran.", "TEMPO.CO, Jakarta -"},
      {"id", "JAKARTA, KOMPAS.com – Polisi menangkap dua orang tersangka pencurian.", "JAKARTA, KOMPAS.com –"},
      {"id", "Bandung - Hujan deras membuat sejumlah ruas jalan tergenang.", "Bandung -"},
      // Vietnamese
      {"vi", "HÀ NỘI – Bộ Y tế cho biết số ca mắc mới đã giảm trong tuần qua.", "HÀ NỘI –"},
      {"vi", "(VTC News) - Sáng nay, mưa lớn gây ngập nhiều tuyến phố.", "(VTC News) -"},
      {"vi", "Dân trí - Chiều qua, đoàn công tác đã đến thăm trường học.", "Dân trí -"},
      {"vi", "TTO - Ngày 5/3, Sở Giao thông công bố phương án phân luồng.", "TTO -"},
      {"vi", "(Dân trí) - Chiều qua, đoàn công tác đã đến thăm trường học.", "(Dân trí) -"},
      {"vi", "(PLO)- Công an quận đã tạm giữ hai thanh niên.", "(PLO)-"},
      // Arabic
      {"ar", "بيروت - (أ ف ب) - قال مسؤولون إن المحادثات ستستأنف غدا.", "بيروت - (أ ف ب) -"},
      {"ar", "الخرطوم (رويترز) - أعلن الجيش وقف إطلاق النار لمدة أسبوع.", "الخرطوم (رويترز) -"},
      {"ar", "القاهرة (رويترز) - قالت الحكومة إنها سترفع أسعار الوقود.", "القاهرة (رويترز) -"},
      {"ar", "واشنطن - أعلنت وزارة الخارجية فرض عقوبات جديدة.", "واشنطن -"},
  };
  for (const Shape& s : kShapes) EXPECT_EQ(LeadDateline(s.lead), s.dateline) << s.lang << ": " << s.lead;
}

TEST(Dateline, KeepsSentencesThatOnlyStartWithAPlaceOrADate) {
  const char* kSentences[] = {
      "Cairo has been the scene of protests since January.",
      "Washington said on Monday it would send more aid.",
      "Reuters reported that the talks had stalled.",
      "US-China trade talks resumed in Geneva on Tuesday.",
      "US - China trade talks resumed in Geneva on Tuesday.",
      "Tuesday, March 29, 2011 was the coldest day of the year.",
      // A chronology: the date is the news.
      "April 20, 2010: An explosion on the rig kills eleven workers.",
      "June 4 : Oil is seen near the coast .",
      // Transcripts and notes: a speaker or a label, not a place.
      "JOHN SMITH, HOST: Good evening and welcome.",
      "PLEASE NOTE: the figures are provisional.",
      "Jakarta menjadi kota terpadat di Indonesia.",
      "Hà Nội đón đợt không khí lạnh mới từ đêm nay.",
      // A name and an apposition after a dash.
      "Phương Linh - cô ca sĩ sinh năm 1985, đã trở lại sân khấu.",
      "القاهرة مدينة كبيرة يسكنها ملايين الناس.",
      "Sáng 21.10, ông Bình mang hồ sơ đến trụ sở phường.",
  };
  for (const char* s : kSentences) EXPECT_EQ(LeadDateline(s), "") << s;
  // Inside running text, an agency named before a dash is not a dateline.
  DatelineMatch m;
  EXPECT_FALSE(Datelines().FindInside("The president spoke to Reuters - and to the AP - on Friday.", &m));
  EXPECT_FALSE(Datelines().FindInside("The report by CNN – the network said – was wrong about the date.", &m));
}

TEST(Dateline, FindsAStrongDatelineAfterAFusedHeadline) {
  const std::string p =
      "Storm closes ports on the coast BOSTON | Mon Jan 10 , 2011 4:05 pm EST BOSTON -LRB- Reuters -RRB- - "
      "A winter storm closed ports on Monday .";
  DatelineMatch m;
  ASSERT_TRUE(Datelines().FindInside(p, &m));
  EXPECT_EQ(p.substr(m.start, m.text_end - m.start),
            "BOSTON | Mon Jan 10 , 2011 4:05 pm EST BOSTON -LRB- Reuters -RRB- -");
  EXPECT_EQ(p.substr(m.end), "A winter storm closed ports on Monday .");
}

CleanOptions WithDatelines() {
  CleanOptions o;
  o.datelines = &Datelines();
  return o;
}

std::string Body(const CleanArticle& a) {
  std::string out;
  for (const MappedText& p : a.paragraphs) out += p.text() + "\n";
  return out;
}

TEST(Dateline, CleanerRecordsRemovedSpansInOriginalBytes) {
  const std::string text =
      "Ferry service resumes after the storm\n"
      "\n"
      "HÀ NỘI – Các chuyến phà đã hoạt động trở lại từ sáng nay sau ba ngày tạm dừng vì bão, "
      "theo thông báo của cảng vụ địa phương.\n"
      "Hành khách được khuyến cáo theo dõi thông tin thời tiết trước khi lên đường.\n";
  auto articles = CleanText(MappedText::Identity(text, 1000), Chrome(), WithDatelines());
  ASSERT_EQ(articles.size(), 1u);
  const CleanArticle& a = articles[0];
  EXPECT_EQ(a.paragraphs.front().text().rfind("Các chuyến phà", 0), 0u) << a.paragraphs.front().text();
  bool found = false;
  for (const RemovedSpan& r : a.removed) {
    if (r.reason != "dateline") continue;
    found = true;
    EXPECT_EQ(r.text, "HÀ NỘI –");
    // The span is in the input's own offsets (it starts at 1000).
    ASSERT_GE(r.span.start, 1000u);
    EXPECT_EQ(text.substr(r.span.start - 1000, r.span.size()), "HÀ NỘI –");
  }
  EXPECT_TRUE(found);
  // The body left maps back to the input too.
  const MappedText& lead = a.paragraphs.front();
  EXPECT_EQ(text.substr(lead.OriginalStart(0) - 1000, 4), "Các");
}

TEST(Dateline, CleanerMakesAFusedHeadlineTheTitle) {
  const std::string text =
      "Storm closes ports on the coast BOSTON | Mon Jan 10 , 2011 4:05 pm EST BOSTON -LRB- Reuters -RRB- - "
      "A winter storm closed ports along the coast on Monday , stranding ferries and cargo ships .\n"
      "Officials said the ports would reopen once the winds dropped below gale force .\n";
  auto articles = CleanText(MappedText::Identity(text), Chrome(), WithDatelines());
  ASSERT_EQ(articles.size(), 1u);
  const CleanArticle& a = articles[0];
  ASSERT_EQ(a.paragraphs.size(), 2u) << Body(a);
  EXPECT_EQ(a.title.text(), "Storm closes ports on the coast");
  EXPECT_EQ(a.paragraphs[0].text().rfind("A winter storm", 0), 0u);
  ASSERT_EQ(a.removed.size(), 1u);
  EXPECT_EQ(a.removed[0].reason, "dateline");
  EXPECT_EQ(text.substr(a.removed[0].span.start, a.removed[0].span.size()),
            "BOSTON | Mon Jan 10 , 2011 4:05 pm EST BOSTON -LRB- Reuters -RRB- -");
}

TEST(Dateline, AFusedHeadlineStaysInTheBodyWhenTheSourceGivesTheTitle) {
  const std::string text =
      "Storm closes ports on the coast BOSTON | Mon Jan 10 , 2011 4:05 pm EST BOSTON -LRB- Reuters -RRB- - "
      "A winter storm closed ports along the coast on Monday , stranding ferries and cargo ships .\n";
  CleanOptions o = WithDatelines();
  o.read_header = false;  // a feed item or a page: the title is the source's
  auto articles = CleanText(MappedText::Identity(text), Chrome(), o);
  ASSERT_EQ(articles.size(), 1u);
  const CleanArticle& a = articles[0];
  EXPECT_TRUE(a.title.empty());
  ASSERT_EQ(a.paragraphs.size(), 2u) << Body(a);
  EXPECT_EQ(a.paragraphs[0].text(), "Storm closes ports on the coast");
  EXPECT_EQ(a.paragraphs[1].text().rfind("A winter storm", 0), 0u);
}

TEST(Dateline, CleanerStripsTheLeadOfEveryGluedArticle) {
  const std::string text =
      "Flood waters recede across the northern provinces\n"
      "JAKARTA, KOMPAS.com – Air banjir mulai surut di sejumlah wilayah utara setelah hujan berhenti sejak "
      "kemarin sore, menurut badan penanggulangan bencana.\n"
      "Warga mulai membersihkan rumah mereka dari lumpur dan sampah yang terbawa arus banjir.\n"
      "Ratusan relawan dikerahkan untuk membantu warga yang rumahnya rusak berat.\n"
      "Government announces new fuel prices for next month\n"
      "Jakarta (ANTARA) - Pemerintah mengumumkan harga baru bahan bakar minyak yang berlaku mulai bulan depan "
      "untuk seluruh wilayah.\n"
      "Kenaikan harga disebut perlu untuk menjaga anggaran negara tetap sehat tahun ini, kata juru bicara "
      "kementerian dalam jumpa pers di ibu kota.\n"
      "Sejumlah pengemudi ojek menyatakan keberatan atas keputusan tersebut dan meminta pemerintah menunda "
      "kenaikan hingga akhir tahun.\n";
  auto articles = CleanText(MappedText::Identity(text), Chrome(), WithDatelines());
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].paragraphs.front().text().rfind("Air banjir", 0), 0u) << Body(articles[0]);
  EXPECT_EQ(articles[1].paragraphs.front().text().rfind("Pemerintah", 0), 0u) << Body(articles[1]);
  for (const CleanArticle& a : articles) {
    ASSERT_EQ(a.removed.size(), 1u);
    EXPECT_EQ(text.substr(a.removed[0].span.start, a.removed[0].span.size()), a.removed[0].text);
  }
}

TEST(Dateline, CleanerStripsEveryLeadOfAList) {
  const std::string text =
      "(Dân trí) - Chiều 12/3, mưa lớn kéo dài khiến nhiều tuyến phố ở trung tâm bị ngập sâu.\n"
      "TTO - Sáng 11/3, thành phố công bố kế hoạch nạo vét kênh rạch trong mùa khô năm nay.\n"
      "Người dân phản ánh tình trạng rác thải tồn đọng tại nhiều chợ dân sinh trong tuần qua.\n"
      "HÀ NỘI – Ngày 10/3, Bộ Giao thông đề xuất mở thêm hai tuyến xe buýt nhanh nội đô.\n"
      "(VTC News) - Tối 9/3, một vụ cháy nhà xưởng đã được dập tắt sau hai giờ, không có thương vong.\n"
      "Sở Y tế khuyến cáo người dân tiêm nhắc vắc xin trước mùa dịch cúm sắp tới.\n"
      "(PLO)- Ngày 8/3, tòa án tuyên phạt hai bị cáo trong vụ lừa đảo chiếm đoạt tài sản.\n"
      "Dân trí - Sáng 7/3, hàng nghìn học sinh tham gia ngày hội đọc sách tại công viên.\n";
  auto articles = CleanText(MappedText::Identity(text), Chrome(), WithDatelines());
  ASSERT_EQ(articles.size(), 1u);
  const CleanArticle& a = articles[0];
  ASSERT_TRUE(a.is_list);
  ASSERT_EQ(a.paragraphs.size(), 8u);
  for (const MappedText& p : a.paragraphs) {
    for (const char* gone : {"(Dân trí)", "TTO -", "HÀ NỘI", "VTC News", "(PLO)", "Dân trí -"}) {
      EXPECT_EQ(p.text().find(gone), std::string::npos) << p.text();
    }
  }
  EXPECT_EQ(a.removed.size(), 6u);
  for (const RemovedSpan& r : a.removed) {
    EXPECT_EQ(r.reason, "dateline");
    EXPECT_EQ(text.substr(r.span.start, r.span.size()), r.text);
  }
}

TEST(Dateline, CleanerLeavesLeadsWithoutDatelineWhole) {
  const std::string text =
      "Cairo has been the scene of protests since January , and on Friday thousands gathered again in the "
      "central square .\n"
      "Washington - the capital of the country - said nothing about the talks .\n";
  auto articles = CleanText(MappedText::Identity(text), Chrome(), WithDatelines());
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(Body(articles[0]), text);
  EXPECT_TRUE(articles[0].removed.empty());
}

TEST(Dateline, WithoutTheTableNothingChanges) {
  const std::string text = "CAIRO (Reuters) - The cabinet met on Sunday to discuss bread subsidies and fuel.\n";
  auto articles = CleanText(MappedText::Identity(text), Chrome(), {});
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(Body(articles[0]), text);
}

TEST(Dateline, TableRejectsUnknownKindsAndBadPatterns) {
  EXPECT_FALSE(DatelineTable::Parse("colour\t*\tred\n", "t").has_value());
  EXPECT_FALSE(DatelineTable::Parse("agency\t*\t(unclosed\n", "t").has_value());
}

}  // namespace
}  // namespace storyloom
