// A dateline the cleaner cut from a lead still dates its document.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "annotate/annotate_resources.h"
#include "annotate/annotator.h"

namespace storyloom {
namespace {

const Annotator& TheAnnotator() { return testing::TestAnnotator(); }

Document Doc(const std::string& body, const std::string& dateline) {
  Document d;
  d.lang = "en";
  d.body = MappedText::Identity(body, static_cast<uint32_t>(dateline.size() + 1));
  if (!dateline.empty()) d.removed.push_back({{0, static_cast<uint32_t>(dateline.size())}, "dateline", dateline});
  return d;
}

TEST(DatelineDate, AFullDateInTheRemovedDatelineDatesTheDocument) {
  Document d = Doc("The Senate passed a stopgap budget late on Wednesday , sending it to the president .",
                   "WASHINGTON | Wed Mar 30 , 2011 6:16 pm EDT WASHINGTON -LRB- Reuters -RRB- -");
  DocumentDate date = TheAnnotator().DateOf(d);
  ASSERT_TRUE(date.value.has_value());
  EXPECT_EQ(*date.value, "2011-03-30");
  EXPECT_EQ(date.from, "dateline");
}

TEST(DatelineDate, ADayWithoutYearIsPlacedByTheBody) {
  Document d = Doc("Protests that began in January 2011 went on through the weekend in the capital.",
                   "CAIRO, Feb 1 (Reuters) -");
  DocumentDate date = TheAnnotator().DateOf(d);
  ASSERT_TRUE(date.value.has_value());
  EXPECT_EQ(*date.value, "2011-02-01");
}

TEST(DatelineDate, MetadataStillComesFirst) {
  Document d = Doc("The Senate passed a stopgap budget late on Wednesday.",
                   "WASHINGTON | Wed Mar 30 , 2011 6:16 pm EDT WASHINGTON (Reuters) -");
  d.published = "2011-03-31";
  d.published_from = "metadata";
  DocumentDate date = TheAnnotator().DateOf(d);
  EXPECT_EQ(date.value.value_or(""), "2011-03-31");
  EXPECT_EQ(date.from, "metadata");
}

}  // namespace
}  // namespace storyloom
