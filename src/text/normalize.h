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

namespace storyloom {

struct NormalizeOptions {
  // Treat '_' between letters as a word-segmentation mark and tokenised
  // punctuation as corpus artefacts. Decide with LooksWordSegmented().
  bool segmented_corpus = false;
};

struct NormalizedText {
  MappedText text;
  // Byte offsets (in text) of spaces that were word-joining underscores.
  std::vector<uint32_t> joins;
};

NormalizedText Normalize(const MappedText& in, const NormalizeOptions& options);

// True when text looks like a word-segmented corpus line: many '_' joining
// letters, and punctuation standing apart as tokens.
bool LooksWordSegmented(std::string_view text);

// NFC alone (ICU), with the map kept.
MappedText ToNfc(const MappedText& in);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_NORMALIZE_H_
