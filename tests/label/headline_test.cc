#include "label/headline.h"

#include <gtest/gtest.h>

namespace storyloom {
namespace {

TEST(HeadlineFromLead, DropsAWireDatelineAndPutsTreebankTokensBack) {
  EXPECT_EQ(HeadlineFromLead("BEIRUT | Tue Jun 7 , 2011 9:10 am EDT BEIRUT -LRB- Reuters -RRB- - Troops moved into "
                             "the northern town on Tuesday , residents said . More text follows here ."),
            "Troops moved into the northern town on Tuesday, residents said");
}

TEST(HeadlineFromLead, DropsBylinesTagsAndTimestamps) {
  EXPECT_EQ(HeadlineFromLead("By the Wire Staff NEW : Rebels say they hold the airport after a night of fighting ."),
            "Rebels say they hold the airport after a night of fighting");
  EXPECT_EQ(HeadlineFromLead("Monday 3 March 2008 10.12 GMT The minister resigned after the vote was lost ."),
            "The minister resigned after the vote was lost");
}

TEST(HeadlineFromLead, KeepsALeadThatStartsWithANumberOrAPlace) {
  EXPECT_EQ(HeadlineFromLead("3 men were charged in the death of a teenager, police said. Later text."),
            "3 men were charged in the death of a teenager, police said");
  EXPECT_EQ(HeadlineFromLead("Cairo has been calm since the elections were held last week. More."),
            "Cairo has been calm since the elections were held last week");
}

TEST(HeadlineFromLead, DatelinesInOtherLanguages) {
  EXPECT_EQ(HeadlineFromLead("HÀ NỘI – Chính phủ quyết định mở lại đường bay sau ba tháng. Tiếp theo."),
            "Chính phủ quyết định mở lại đường bay sau ba tháng");
  EXPECT_EQ(HeadlineFromLead("JAKARTA, KOMPAS.com – Pemerintah menunda rencana kenaikan harga bahan bakar. Lanjut."),
            "Pemerintah menunda rencana kenaikan harga bahan bakar");
}

TEST(HeadlineFromLead, LongLeadsAreCutAtAWordWithAnEllipsis) {
  std::string lead = "The committee met for the third time this month to discuss the long delayed plan for the "
                     "river crossing and the new harbour.";
  std::string h = HeadlineFromLead(lead, 40);
  EXPECT_EQ(h, "The committee met for the third time\xE2\x80\xA6");
}

}  // namespace
}  // namespace storyloom

namespace storyloom {
namespace {

TEST(HeadlineFromLead, TextWithoutSpacesIsCutBetweenCharactersAndAtItsFullStop) {
  std::string h = HeadlineFromLead("政府宣布将在下个月重新开放北部港口并恢复航运服务。其他内容在这里。");
  EXPECT_EQ(h, "政府宣布将在下个月重新开放北部港口并恢复航运服务。");
  std::string cjk;
  for (int i = 0; i < 150; ++i) cjk += "港";
  std::string cut = HeadlineFromLead(cjk, 40);
  EXPECT_EQ(cut, std::string(cjk.substr(0, 40 * 3)) + "\xE2\x80\xA6") << "40 whole characters, then an ellipsis";
  EXPECT_EQ(HeadlineFromLead(""), "");
}

}  // namespace
}  // namespace storyloom
