// Arabic folding for matching only (never for display): diacritics and
// tatweel removed, alef variants to bare alef, alef maqsura to yeh, teh
// marbuta to heh, hamza carriers to their letter. Other text is unchanged.
#ifndef STORYLOOM_TEXT_ARABIC_H_
#define STORYLOOM_TEXT_ARABIC_H_

#include <string>
#include <string_view>

namespace storyloom {

std::string FoldArabic(std::string_view word);

// Arabic-Indic and Eastern Arabic-Indic digits to ASCII digits.
std::string AsciiDigits(std::string_view text);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_ARABIC_H_
