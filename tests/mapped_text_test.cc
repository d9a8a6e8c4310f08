#include "storyloom/mapped_text.h"

#include <gtest/gtest.h>

namespace storyloom {
namespace {

TEST(MappedText, CopiesKeepExactOffsets) {
  MappedText orig = MappedText::Identity("hello big world", 100);
  MappedTextBuilder b;
  b.Copy(orig, 0, 6);   // "hello "
  b.Copy(orig, 10, 15); // "world"
  MappedText out = std::move(b).Finish();
  EXPECT_EQ(out.text(), "hello world");
  // "world" starts at 6 in the output and at 110 in the original.
  EXPECT_EQ(out.ToOriginal({6, 11}), (Span{110, 115}));
  EXPECT_EQ(out.ToOriginal({0, 5}), (Span{100, 105}));
}

TEST(MappedText, ReplacementMapsToWholeOriginalRange) {
  MappedText orig = MappedText::Identity("a &amp; b", 0);
  MappedTextBuilder b;
  b.Copy(orig, 0, 2);
  b.Replace(orig, 2, 7, "&");
  b.Copy(orig, 7, 9);
  MappedText out = std::move(b).Finish();
  EXPECT_EQ(out.text(), "a & b");
  EXPECT_EQ(out.ToOriginal({2, 3}), (Span{2, 7}));
  EXPECT_EQ(out.ToOriginal({4, 5}), (Span{8, 9}));
}

TEST(MappedText, ComposesAcrossTwoStages) {
  MappedText orig = MappedText::Identity("xx chuyên_gia yy", 0);
  MappedTextBuilder b1;  // stage 1 drops "xx "
  b1.Copy(orig, 3, static_cast<uint32_t>(orig.size()));
  MappedText s1 = std::move(b1).Finish();
  MappedTextBuilder b2;  // stage 2 turns '_' into ' '
  size_t us = s1.text().find('_');
  b2.Copy(s1, 0, static_cast<uint32_t>(us));
  b2.Replace(s1, static_cast<uint32_t>(us), static_cast<uint32_t>(us + 1), " ");
  b2.Copy(s1, static_cast<uint32_t>(us + 1), static_cast<uint32_t>(s1.size()));
  MappedText s2 = std::move(b2).Finish();
  size_t gia = s2.text().find("gia");
  Span o = s2.ToOriginal({static_cast<uint32_t>(gia), static_cast<uint32_t>(gia + 3)});
  EXPECT_EQ(orig.text().substr(o.start, o.size()), "gia");
}

TEST(MappedText, MapSurvivesSerialisation) {
  MappedText orig = MappedText::Identity("abc def", 7);
  MappedTextBuilder b;
  b.Copy(orig, 0, 3);
  b.Replace(orig, 3, 4, "  ");
  b.Copy(orig, 4, 7);
  MappedText out = std::move(b).Finish();
  std::vector<OffsetRun> runs;
  ASSERT_TRUE(MappedText::DeserializeMap(out.SerializeMap(), &runs));
  EXPECT_EQ(runs, out.runs());
  EXPECT_FALSE(MappedText::DeserializeMap("abc", &runs));
}

}  // namespace
}  // namespace storyloom
