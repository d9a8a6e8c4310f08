#include "annotate/informative.h"

#include <array>
#include <cctype>
#include <string>

namespace storyloom {

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "5:12 pm", "8:09 p.m.", "11.30am": a clock time of the day.
bool HasClockTime(const std::string& lower) {
  for (size_t i = 0; i + 3 < lower.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(lower[i])) || (lower[i + 1] != ':' && lower[i + 2] != ':')) continue;
    size_t j = lower[i + 1] == ':' ? i + 2 : i + 3;
    if (j + 1 >= lower.size() || !std::isdigit(static_cast<unsigned char>(lower[j])) ||
        !std::isdigit(static_cast<unsigned char>(lower[j + 1])))
      continue;
    std::string_view rest = std::string_view(lower).substr(j + 2);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with("am") || rest.starts_with("pm") || rest.starts_with("a.m") || rest.starts_with("p.m") ||
        rest.starts_with("gmt") || rest.starts_with("utc") || rest.starts_with("edt") || rest.starts_with("est") ||
        rest.starts_with("bst"))
      return true;
  }
  return false;
}

}  // namespace

bool InformativeSentence(std::string_view text, uint32_t words) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  if (words < 5 || text.empty()) return false;
  // A bare question asks; it does not report.
  if (text.ends_with("?") || text.ends_with("\xD8\x9F") || text.ends_with("\xEF\xBC\x9F")) return false;
  // Page furniture: columns of a post's header or a comment's footer.
  if (text.find(" | ") != std::string_view::npos) return false;
  const std::string lower = LowerAscii(text);
  static constexpr std::array<std::string_view, 14> kPageWords = {
      "reply", "share", "posted", "comments", "click", "follow us", "read more", "sign up", "copyright",
      "all rights reserved", "photo:", "image:", "subscribe", "advertisement"};
  for (std::string_view w : kPageWords) {
    // The word itself, not a longer one ("Shares in BP rose" reports).
    if (lower.starts_with(w) && (lower.size() == w.size() || !std::isalpha(static_cast<unsigned char>(lower[w.size()]))))
      return false;
  }
  // A time stamp with little around it ("Wednesday in Cairo, 8:09 p.m.").
  if (words < 12 && HasClockTime(lower)) return false;
  // No predicate: in a script with capitals, a sentence of capitalised words
  // only (names, places, a headline's run of tags) reports nothing.
  size_t cased = 0, lower_words = 0;
  bool start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      start = true;
      continue;
    }
    if (!start) continue;
    start = false;
    if (c < 0x80 && std::isalpha(c)) {
      ++cased;
      lower_words += std::islower(c) != 0;
    }
  }
  if (cased >= 5 && lower_words * 5 < cased) return false;
  return true;
}

}  // namespace storyloom
