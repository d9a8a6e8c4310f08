// Tokens for anchor finding: the words and numbers of a text with their byte
// spans and a folded form for matching. Folding (matching only, never for
// display): lower case; Latin letters lose their diacritics (`Nigéria` ->
// `nigeria`, `Mỹ` -> `my`, `đ` -> `d`); Arabic goes through FoldArabic and
// loses the article `ال` when what remains has at least two letters.
#ifndef STORYLOOM_ANNOTATE_ANCHORS_TEXT_H_
#define STORYLOOM_ANNOTATE_ANCHORS_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "storyloom/mapped_text.h"

namespace storyloom {

enum class TokenScript : uint8_t { kLatin, kArabic, kOtherCased, kOtherUncased, kDigits };

struct AnchorToken {
  Span span;         // bytes in the text
  std::string fold;  // folded form (digits: the token as written)
  TokenScript script = TokenScript::kLatin;
  bool upper_initial = false;     // first letter is upper case
  bool all_upper = false;         // every letter is upper case (and there are >= 2)
  bool sentence_initial = false;  // first word of the text or after . ! ? : or a line break
};

// Splits text into letter runs (with their combining marks) and number runs
// (digits with inner `.` `,` `٫` `٬`). Hyphens, apostrophes and all other
// characters separate tokens.
std::vector<AnchorToken> AnchorTokens(std::string_view text);

// The folded form of one word, as AnchorTokens computes it.
std::string FoldWord(std::string_view word);

// Arabic clitic variants of a folded Arabic word, longest first: the word,
// then without a leading conjunction (و ف), preposition (ب ل ك) and article.
std::vector<std::string> ArabicVariants(const std::string& folded);

// Light stems of a folded Arabic word, for dictionary look-up only: each
// clitic variant without one common suffix (ها هم هما كم نا ات ون ين ان يه
// ه ي) and/or one imperfect-verb prefix (ي ت ن ا), keeping at least three
// letters. Not a morphological analysis: it only lets the lexicon know
// `المتمردين` and `يشاركون` as words rather than names.
std::vector<std::string> ArabicStems(const std::string& folded);

// True for a code point in the Arabic blocks.
bool IsArabicCodePoint(char32_t c);

}  // namespace storyloom

#endif  // STORYLOOM_ANNOTATE_ANCHORS_TEXT_H_
