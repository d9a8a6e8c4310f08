#include "clean/cleaner.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace storyloom {
namespace {

std::unique_ptr<ChromeTable> Table() {
  auto t = ChromeTable::Load(std::string(STORYLOOM_SOURCE_DIR) + "/resources/clean/chrome.tsv");
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message());
  return t ? std::move(*t) : nullptr;
}

std::string Body(const CleanArticle& a) {
  std::string out;
  for (const MappedText& p : a.paragraphs) out += p.text() + "\n";
  return out;
}

const char kPage[] =
    "Tinmau.vn - Tin tức mỗi ngày\n"
    "\n"
    "Cầu Bến Lở thông xe sau ba tháng sửa chữa\n"
    "\n"
    "Báo MẫuBáo Mẫu21/06/2024\n"
    "\n"
    "[quảng_cáo_1]\n"
    "Sáng 20/6, cây cầu nối hai xã ven sông đã được thông xe trở lại sau ba tháng sửa chữa, giúp hàng nghìn "
    "người dân đi lại thuận tiện hơn.\n"
    "Xe tải qua cầu trong buổi sáng đầu tiên. Ảnh: Báo Mẫu\n"
    "Chính quyền địa phương cho biết tổng kinh phí sửa chữa là 12 tỷ đồng và công trình được bảo hành năm năm.\n"
    "Lan Chi (theo Đài địa phương)\n"
    "Bình luận (3)\n"
    "Cùng chủ đề\n"
    "Giá rau tăng mạnh sau mưa lớn\n"
    "Học sinh nghỉ học vì ngập\n";

TEST(CleanText, ReadsHeaderAndRemovesChromeWithReasons) {
  auto table = Table();
  ASSERT_TRUE(table);
  auto articles = CleanText(MappedText::Identity(kPage), *table, {});
  ASSERT_EQ(articles.size(), 1u);
  const CleanArticle& a = articles[0];
  EXPECT_EQ(a.site, "Tinmau.vn");
  EXPECT_EQ(a.source, "Báo Mẫu");
  EXPECT_EQ(a.published, "2024-06-21");
  EXPECT_EQ(a.title.text(), "Cầu Bến Lở thông xe sau ba tháng sửa chữa");
  EXPECT_EQ(a.byline, "Lan Chi (theo Đài địa phương)");
  std::string body = Body(a);
  EXPECT_NE(body.find("Sáng 20/6"), std::string::npos);
  EXPECT_NE(body.find("12 tỷ đồng"), std::string::npos);
  for (const char* gone : {"quảng_cáo", "Ảnh: Báo Mẫu", "Bình luận", "Cùng chủ đề", "Giá rau", "Lan Chi"}) {
    EXPECT_EQ(body.find(gone), std::string::npos) << gone;
  }
  std::map<std::string, int> reasons;
  for (const RemovedSpan& r : a.removed) {
    ++reasons[r.reason];
    // Every removed span points at its own bytes in the input.
    EXPECT_EQ(std::string(kPage).substr(r.span.start, r.span.size()), r.text);
  }
  EXPECT_EQ(reasons["advert"], 1);
  EXPECT_EQ(reasons["caption"], 1);
  EXPECT_EQ(reasons["comments"], 1);
  EXPECT_EQ(reasons["related"], 3);
  EXPECT_EQ(reasons["dateline"], 1);
  EXPECT_EQ(reasons["site-header"], 1);
}

TEST(CleanText, SplitsGluedArticlesAtHeadlines) {
  auto table = Table();
  ASSERT_TRUE(table);
  std::string text =
      "Storm closes mountain pass for second day\n"
      "Snow and high winds kept the northern mountain pass closed on Tuesday, stranding dozens of trucks at the "
      "border post while road crews waited for the weather to clear.\n"
      "Police said drivers should expect delays of at least another day and urged them to use the coastal road.\n"
      "Museum returns stolen paintings to cathedral\n"
      "Three paintings stolen from the cathedral twenty years ago were handed back on Wednesday in a small ceremony "
      "attended by the bishop and the investigators who traced them.\n"
      "The works had turned up at an auction house abroad last spring, where a curator recognised them.\n";
  auto articles = CleanText(MappedText::Identity(text), *table, {});
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].title.text(), "Storm closes mountain pass for second day");
  EXPECT_EQ(articles[1].title.text(), "Museum returns stolen paintings to cathedral");
  EXPECT_EQ(Body(articles[0]).find("paintings"), std::string::npos);
}

TEST(CleanText, ALeadListStaysOneDocument) {
  auto table = Table();
  ASSERT_TRUE(table);
  std::string text;
  for (int i = 0; i < 9; ++i) {
    text += "Ngày " + std::to_string(20 - i) + "/5, chính quyền thành phố thông báo thêm một biện pháp mới số " +
            std::to_string(i) + " nhằm giảm ùn tắc giao thông vào giờ cao điểm.\n";
  }
  auto articles = CleanText(MappedText::Identity(text), *table, {});
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_TRUE(articles[0].is_list);
  EXPECT_EQ(articles[0].paragraphs.size(), 9u);
  EXPECT_TRUE(articles[0].title.empty());
}

TEST(CleanHeuristics, TitlesAndDates) {
  EXPECT_TRUE(IsTitleLike("ECOWAS calls on the junta to restore order"));
  EXPECT_FALSE(IsTitleLike("The junta said it would not negotiate."));
  EXPECT_FALSE(IsTitleLike("and then the talks resumed in the capital"));
  EXPECT_FALSE(IsTitleLike("Two words"));
  EXPECT_EQ(DayFirstDate(5, 12, 2023), "2023-12-05");
  EXPECT_EQ(DayFirstDate(12, 25, 2023), "2023-12-25");  // month first when day-first cannot be
  EXPECT_EQ(DayFirstDate(31, 2, 2023), std::nullopt);
}

TEST(ChromeTable, BadRowsAreReportedWithTheirLine) {
  auto bad = ChromeTable::Parse("advert\tline\tok\nbroken row\n", "t.tsv");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("t.tsv:2"), std::string::npos);
  auto bad_regex = ChromeTable::Parse("advert\tline\t(unclosed\n", "t.tsv");
  ASSERT_FALSE(bad_regex.has_value());
  EXPECT_NE(bad_regex.error().message().find("t.tsv:1: bad pattern"), std::string::npos);
}

}  // namespace
}  // namespace storyloom
