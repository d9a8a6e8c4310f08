// The temporal tagger's tokens: numbers (ASCII and other decimal digits,
// with their value), words (folded into an arena) and single punctuation
// characters, each with its byte span and whether white space precedes it.
#ifndef STORYLOOM_ANNOTATE_TEMPORAL_TOKENS_H_
#define STORYLOOM_ANNOTATE_TEMPORAL_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "annotate/temporal_lexicon.h"

namespace storyloom::temporal {

enum TokKind : uint8_t { kWordTok, kNumTok, kPunctTok };

struct Tok {
  uint32_t start = 0, end = 0;
  uint32_t fold_off = 0, fold_len = 0;
  TokKind kind = kPunctTok;
  bool upper = false;
  bool lower = false;
  bool space = false;  // white space before
  uint8_t ndig = 0;
  int32_t num = 0;
  char32_t ch = 0;
};

// Appends the tokens of `text`; folded words go to `arena`.
void Tokenize(std::string_view text, const CharTable& chars, bool keep_marks, std::vector<Tok>* toks,
              std::string* arena);

}  // namespace storyloom::temporal

#endif  // STORYLOOM_ANNOTATE_TEMPORAL_TOKENS_H_
