#include "stories/events.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyloom {
namespace {

// A report about `topic` on `day`, with its own sentence so it is no copy.
DocFeatures Report(int64_t id, int topic, int32_t day) {
  DocFeatures f;
  f.doc = id;
  f.lang = "en";
  f.day = day;
  f.content_hash = "h" + std::to_string(id);
  for (int w = 0; w < 12; ++w) f.terms.push_back({FeatureKey("t:en:w" + std::to_string(topic * 100 + w)), 1.0f});
  f.terms.push_back({FeatureKey("t:en:only" + std::to_string(id)), 1.0f});
  std::sort(f.terms.begin(), f.terms.end(), [](const Feature& a, const Feature& b) { return a.key < b.key; });
  return f;
}

TEST(GroupEvents, AHappeningOfDaysNotASeason) {
  // The same words every day for three weeks: the first week is one event,
  // then another begins (an event takes no report a week past its first).
  std::vector<DocFeatures> docs;
  for (int d = 0; d < 21; ++d) docs.push_back(Report(d + 1, 1, 20000 + d));
  std::vector<int> event = GroupEvents(docs);
  ASSERT_EQ(event.size(), docs.size());
  EXPECT_EQ(event[0], 1);
  EXPECT_EQ(event[7], 1) << "day 7 is within a week of the first";
  EXPECT_NE(event[8], 1) << "day 8 starts another event";
  EXPECT_EQ(event[8], event[9]);
}

TEST(GroupEvents, DifferentHappeningsTheSameDaysStayApart) {
  std::vector<DocFeatures> docs = {Report(1, 1, 20000), Report(2, 2, 20000), Report(3, 1, 20001), Report(4, 2, 20001)};
  std::vector<int> event = GroupEvents(docs);
  EXPECT_EQ(event[0], event[2]);
  EXPECT_EQ(event[1], event[3]);
  EXPECT_NE(event[0], event[1]);
}

}  // namespace
}  // namespace storyloom
