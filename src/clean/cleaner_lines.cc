// The shape of a line: its words, whether it ends a sentence or trails off,
// and whether it reads as a title, as body text or as a list of leads.
#include "clean/cleaner.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "clean/cleaner_internal.h"
#include "base/utf8.h"

namespace storyloom {

namespace cleaner_internal {

bool IsTrimSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

namespace {

bool IsClosing(UChar32 c) {
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0x00BB || c == ')' || c == ']' ||
         c == 0x300D;
}

}  // namespace

UChar32 LastMeaningful(std::string_view s) {
  size_t i = s.size();
  while (i > 0) {
    UChar32 c = PrevCodePoint(s, i);
    size_t len = U8_LENGTH(c);
    if (!IsClosing(c) && c != ' ') return c;
    i -= std::min(i, len);
  }
  return 0;
}

bool EndsSentence(std::string_view s) {
  UChar32 c = LastMeaningful(s);
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x061F || c == 0x06D4 || c == ':' ||
         c == ';' || c == 0x3002;
}

bool EndsWithEllipsis(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.remove_suffix(1);
  return s.ends_with("...") || s.ends_with("\xE2\x80\xA6");
}

bool BodyLike(std::string_view s) { return WordCount(s) >= 25 || (EndsSentence(s) && WordCount(s) >= 6); }

}  // namespace cleaner_internal

using namespace cleaner_internal;  // NOLINT: the cleaner's own helpers

bool IsTitleLike(std::string_view line) {
  size_t words = WordCount(line);
  if (words < 3 || words > 30 || line.size() > 250) return false;
  if (EndsSentence(line)) return false;
  UChar32 last = LastMeaningful(line);
  if (last == ',' || last == '-' || last == 0x2013) return false;
  size_t i = 0;
  UChar32 first = NextCodePoint(line, &i);
  return !u_islower(first);
}

bool LooksLikeLeadList(const std::vector<std::string_view>& lines) {
  if (lines.size() < 8) return false;
  if (IsTitleLike(lines.front())) return false;
  size_t ending = 0, sentences = 0, bytes = 0;
  for (std::string_view l : lines) {
    if (EndsSentence(l)) ++ending;
    bytes += l.size();
    size_t s = 1;
    for (size_t i = 0; i + 1 < l.size(); ++i) {
      if ((l[i] == '.' || l[i] == '?' || l[i] == '!') && l[i + 1] == ' ') ++s;
    }
    sentences += s;
  }
  double mean_bytes = static_cast<double>(bytes) / static_cast<double>(lines.size());
  double mean_sentences = static_cast<double>(sentences) / static_cast<double>(lines.size());
  // Leads are one or two sentences each, and every one is complete.
  return ending * 100 >= lines.size() * 85 && mean_sentences <= 2.2 && mean_bytes >= 60 && mean_bytes <= 700;
}

}  // namespace storyloom
