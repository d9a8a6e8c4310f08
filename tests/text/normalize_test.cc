#include "text/normalize.h"

#include <gtest/gtest.h>

#include "text/arabic.h"

namespace storyloom {
namespace {

std::string Norm(const std::string& s, bool segmented = false) {
  NormalizeOptions o;
  o.segmented_corpus = segmented;
  return Normalize(MappedText::Identity(s), o).text.text();
}

TEST(Normalize, ComposesToNfc) {
  // "Việt" written with combining marks becomes the precomposed form.
  EXPECT_EQ(Norm("Vi\x65\xCC\xA3\xCC\x82t Nam"), "Việt Nam");
}

TEST(Normalize, OneVietnameseToneConvention) {
  EXPECT_EQ(Norm("hoà giải"), "hòa giải");
  EXPECT_EQ(Norm("khoẻ mạnh"), "khỏe mạnh");
  EXPECT_EQ(Norm("thuỷ điện"), "thủy điện");
  EXPECT_EQ(Norm("Thoả thuận"), "Thỏa thuận");
  // A final consonant, or "qu"/"gi", keeps the mark where it is.
  EXPECT_EQ(Norm("hoàn thành"), "hoàn thành");
  EXPECT_EQ(Norm("quý vị"), "quý vị");
  EXPECT_EQ(Norm("hòa"), "hòa");
}

TEST(Normalize, SegmentationUnderscoresBecomeSpacesAndAreRemembered) {
  NormalizeOptions o;
  o.segmented_corpus = true;
  NormalizedText n = Normalize(MappedText::Identity("Các chuyên_gia quân_sự đã đến , theo nguồn_tin ."), o);
  EXPECT_EQ(n.text.text(), "Các chuyên gia quân sự đã đến, theo nguồn tin.");
  ASSERT_EQ(n.joins.size(), 3u);
  EXPECT_EQ(n.text.text().substr(n.joins[0] - 7, 11), "chuyên gia");
  // Offsets still lead to the original bytes.
  size_t at = n.text.text().find("quân sự");
  Span o2 = n.text.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)});
  EXPECT_EQ(std::string("Các chuyên_gia quân_sự").substr(o2.start, o2.size()), "quân");
}

TEST(Normalize, OrdinaryUnderscoresAreLeftAlone) {
  EXPECT_EQ(Norm("see user_name in the config"), "see user_name in the config");
  EXPECT_FALSE(LooksWordSegmented("see user_name in the config file for more"));
  EXPECT_TRUE(LooksWordSegmented("Chính_phủ đã họp , các bộ_trưởng và chuyên_gia đều có_mặt ."));
}

TEST(Normalize, WhiteSpaceAndControlsAreTidied) {
  EXPECT_EQ(Norm("  a\t\tb \xC2\xA0 c\xC2\xAD" "d  "), "a b cd");
  EXPECT_EQ(Norm("line one  \nline two"), "line one\nline two");
}

TEST(Arabic, FoldingForMatching) {
  EXPECT_EQ(FoldArabic("أحمد"), FoldArabic("احمد"));
  EXPECT_EQ(FoldArabic("إيكواس"), "ايكواس");
  EXPECT_EQ(FoldArabic("مُحَمَّد"), "محمد");   // diacritics
  EXPECT_EQ(FoldArabic("عـــربي"), "عربي");     // tatweel
  EXPECT_EQ(FoldArabic("مستشفى"), "مستشفي");   // alef maqsura
  EXPECT_EQ(FoldArabic("Niger"), "Niger");
  EXPECT_EQ(AsciiDigits("١٥٠٠ و۲۳"), "1500 و23");
}

}  // namespace
}  // namespace storyloom
