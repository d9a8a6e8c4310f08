// Text normalisation, keeping the map to the original bytes:
// - Unicode NFC (ICU), no control characters, one space between words;
// - one Vietnamese tone-mark convention: the mark sits on the first vowel of
//   open "oa", "oe", "uy" syllables (hòa, khỏe, thủy), as most Vietnamese
//   newsrooms write, so "hoà" and "hòa" are one word;
// - corpus word-segmentation underscores ("chuyên_gia") become spaces, and
//   where they stood is remembered so the word stays one token;
// - corpus tokenisation spaces around punctuation (" , ") are closed up.
#ifndef STORYLOOM_TEXT_NORMALIZE_H_
#define STORYLOOM_TEXT_NORMALIZE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "storyloom/mapped_text.h"
#include "storyloom/text.h"

namespace storyloom {

// NormalizeOptions, NormalizedText, Normalize, LooksWordSegmented and ToNfc
// are public: storyloom/text.h.

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_NORMALIZE_H_
