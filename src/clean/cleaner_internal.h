// Private to the cleaner's files (cleaner*.cc): the shape of a line, slices
// and removed spans of mapped text, and the cutting of datelines.
#ifndef STORYLOOM_CLEAN_CLEANER_INTERNAL_H_
#define STORYLOOM_CLEAN_CLEANER_INTERNAL_H_

#include <unicode/umachine.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/cleaner.h"

namespace storyloom::cleaner_internal {

// cleaner_lines.cc: the shape of a line.
bool IsTrimSpace(unsigned char c);
size_t WordCount(std::string_view s);
// The last code point that is not a closing quote or bracket.
UChar32 LastMeaningful(std::string_view s);
bool EndsSentence(std::string_view s);
bool EndsWithEllipsis(std::string_view s);
bool BodyLike(std::string_view s);

// cleaner.cc: spans of mapped text.
RemovedSpan MakeRemoved(const MappedText& text, uint32_t a, uint32_t b, std::string reason);
MappedText Slice(const MappedText& text, uint32_t a, uint32_t b);

// cleaner_datelines.cc:
// Datelines and agency tags heading the lead of an article ("CAIRO
// (Reuters) -", "HÀ NỘI –"), or of every lead of a list. The lead is the
// first paragraph; a strong dateline (a known agency, a zoned time stamp) is
// also looked for a little further: inside the first paragraph after a fused
// headline, or at the start of or inside the next two (after a caption).
// A fused headline becomes the title only where titles are read from the
// text (`may_title`), not where the source gave one.
void StripDatelines(CleanArticle* a, const DatelineTable& table, bool may_title);

}  // namespace storyloom::cleaner_internal

#endif  // STORYLOOM_CLEAN_CLEANER_INTERNAL_H_
