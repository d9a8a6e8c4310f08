#include <gtest/gtest.h>

#include "html/page_tree.h"

namespace storyloom::html {
namespace {

// Text as the HTML parser decodes it, mapped back to its source: entities
// close together, named and numbered, each lead to their own bytes, and the
// text is never repeated or lost.
TEST(MapDecodedText, EntitiesCloseTogetherMapExactly) {
  std::string original = "La candidate a d&#233;pos&#233; un recours aupr&#xE8;s &laquo;&nbsp;vite&nbsp;&raquo; &amp; co";
  std::string text = "La candidate a déposé un recours auprès «\u00a0vite\u00a0» & co";
  MappedText m = MapDecodedText(text, original, 100);
  EXPECT_EQ(m.text(), text);
  auto source_of = [&](std::string_view piece) {
    size_t at = text.find(piece);
    Span s = m.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + piece.size())});
    return original.substr(s.start - 100, s.size());
  };
  EXPECT_EQ(source_of("déposé"), "d&#233;pos&#233;");
  EXPECT_EQ(source_of("auprès"), "aupr&#xE8;s");
  EXPECT_EQ(source_of("«"), "&laquo;");
  EXPECT_EQ(source_of("& co"), "&amp; co");
}

TEST(MapDecodedText, ABareAmpersandIsAPlainByte) {
  std::string original = "Rice & water, R&D and AT&T;";
  MappedText m = MapDecodedText(original, original, 0);
  EXPECT_EQ(m.text(), original);
}

}  // namespace
}  // namespace storyloom::html
