#include "annotate/informative.h"

#include <gtest/gtest.h>

namespace storyloom {
namespace {

TEST(InformativeSentence, ReportsAreKept) {
  EXPECT_TRUE(InformativeSentence("The army said on Monday it had taken the port city after two days of fighting.", 19));
  EXPECT_TRUE(InformativeSentence("Quân đội cho biết đã kiểm soát thành phố cảng sau hai ngày giao tranh.", 16));
  EXPECT_TRUE(InformativeSentence("قال الجيش إنه سيطر على المدينة الساحلية بعد يومين من القتال.", 11));
  // A page word at the start of a longer word is news, not furniture.
  EXPECT_TRUE(InformativeSentence("Shares in the company rose 7 percent on Thursday after the deal.", 12));
  EXPECT_TRUE(InformativeSentence("Shareholders approved the merger at a meeting in London on Monday.", 11));
}

TEST(InformativeSentence, PageFurnitureQuestionsAndFragmentsAreNot) {
  EXPECT_FALSE(InformativeSentence("March 3 , 2011 at 4:20 pm | Reply To K.", 9));
  EXPECT_FALSE(InformativeSentence("Tuesday in Tripoli , 7:45 p.m.", 5));
  EXPECT_FALSE(InformativeSentence("Will the president resign before the vote on Friday ?", 10));
  EXPECT_FALSE(InformativeSentence("Share this story with your friends and family", 8));
  EXPECT_FALSE(InformativeSentence("Barack Obama Hillary Clinton Nicolas Sarkozy David Cameron", 8));
  EXPECT_FALSE(InformativeSentence("Fighting resumed", 2));
}

}  // namespace
}  // namespace storyloom
