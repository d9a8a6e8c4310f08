#include "label/headline.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"

namespace storyloom {

namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

bool IsSeparator(const std::string& w) {
  return w == "-" || w == "--" || w == "\xE2\x80\x93" || w == "\xE2\x80\x94" || w == "|" || w == "::";
}

bool StartsLower(const std::string& w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c < 0x80) return std::islower(c);
  // Vietnamese and other Latin letters with marks: a lower-case start is
  // what matters; decode the first code point of the Latin blocks.
  if ((c & 0xE0) == 0xC0 && w.size() >= 2) {
    unsigned cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(w[1]) & 0x3F);
    if (cp >= 0xDF && cp <= 0xFF) return true;                     // Latin-1 lower
    if (cp >= 0x100 && cp <= 0x24F) return cp % 2 == 1;           // Latin Extended: mostly odd = lower
  }
  if ((c & 0xF0) == 0xE0 && w.size() >= 3) {
    unsigned cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(w[1]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(w[2]) & 0x3F);
    if (cp >= 0x1EA0 && cp <= 0x1EFF) return cp % 2 == 1;         // Vietnamese: odd = lower
  }
  return false;
}

// Letters with case at all (Latin, Greek, Cyrillic): elsewhere (Arabic,
// CJK) a dateline cannot be told by capitals, only by being short.
bool HasCase(const std::string& w) {
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      if (std::isalpha(c)) return true;
      continue;
    }
    return c >= 0xC3 && c <= 0xD3;  // Latin-1 supplement to Cyrillic lead bytes
  }
  return false;
}

bool IsDigits(const std::string& w) {
  return !w.empty() && std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
         std::all_of(w.begin(), w.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == ',' || c == '/';
         });
}

// Words of a timestamp: weekdays, months, times of day, zones.
bool IsClockWord(const std::string& w) {
  static const std::unordered_set<std::string> words = {
      "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september",
      "october", "november", "december", "am", "pm", "a.m.", "p.m.", "gmt", "bst", "edt", "est", "cdt", "cst", "pdt",
      "pst", "utc", "cet", "cest", "updated", "posted", "published", "last", "updated:", "posted:", "published:", ",",
      "|", "-", "on", "at", "page", "uk"};
  std::string l = AsciiLower(w);
  while (!l.empty() && (l.back() == ',' || l.back() == ':')) l.pop_back();
  return l.empty() || words.contains(l) || IsDigits(l) ||
         (l.size() <= 4 && std::isdigit(static_cast<unsigned char>(l[0])) &&
          (l.ends_with("st") || l.ends_with("nd") || l.ends_with("rd") || l.ends_with("th")));
}

// Treebank tokens as written.
std::string Untreebank(const std::string& w) {
  if (w == "-LRB-") return "(";
  if (w == "-RRB-") return ")";
  if (w == "-LSB-") return "[";
  if (w == "-RSB-") return "]";
  if (w == "-LCB-") return "{";
  if (w == "-RCB-") return "}";
  if (w == "``" || w == "''") return "\"";
  return w;
}

bool Abbreviation(const std::string& w) {
  if (w.size() < 2 || w.back() != '.') return false;
  if (w.find('.') < w.size() - 1) return true;  // U.S. a.m.
  static const std::unordered_set<std::string> short_forms = {
      "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Sen.", "Rep.", "Lt.", "Col.", "Capt.", "Gov.", "Jr.", "Sr.",
      "Prof.", "No.", "Co.", "Corp.", "Inc.", "Ltd.", "vs.", "Sgt.", "Maj.", "Adm.", "Pres.", "Ông.", "Tp."};
  return short_forms.contains(w);
}

bool EndsSentence(const std::string& w) {
  if (w == "." || w == "?" || w == "!" || w == "\xD8\x9F" /* ؟ */ || w == "\xE3\x80\x82" /* 。 */) return true;
  if (Abbreviation(w)) return false;
  char last = w.back();
  return last == '.' || last == '?' || last == '!' || w.ends_with("\xD8\x9F") || w.ends_with("\xE3\x80\x82");
}

// Joins words back, with the spacing of written text around punctuation.
std::string Join(const std::vector<std::string>& words) {
  std::string out;
  bool open = false;      // after an opening bracket or quote: no space
  bool in_quote = false;  // a " seen and not closed
  for (const std::string& raw : words) {
    std::string w = Untreebank(raw);
    bool attach_left = w == "," || w == "." || w == ";" || w == ":" || w == "!" || w == "?" || w == ")" ||
                       w == "]" || w == "%" || w == "'s" || w == "n't" || w == "'re" || w == "'ve" || w == "'ll" ||
                       w == "'d" || w == "'m" || w == "'";
    bool quote = w == "\"";
    if (quote) attach_left = in_quote;
    if (!out.empty() && !attach_left && !open) out += ' ';
    out += w;
    open = w == "(" || w == "[" || (quote && !in_quote);
    if (quote) in_quote = !in_quote;
  }
  return out;
}


}  // namespace

std::string HeadlineFromLead(std::string_view body, size_t max_chars) {
  std::vector<std::string> words;
  // Scripts without spaces end sentences with full-width marks: a word
  // ends after one, so the lead stops there.
  for (std::string& w : Words(body.substr(0, 2000))) {
    size_t from = 0;
    for (size_t i = 0; i + 3 <= w.size(); ++i) {
      std::string_view mark(w.data() + i, 3);
      if (mark == "\xE3\x80\x82" || mark == "\xEF\xBC\x81" || mark == "\xEF\xBC\x9F") {
        words.push_back(w.substr(from, i + 3 - from));
        from = i + 3;
        i += 2;
      }
    }
    if (from < w.size()) words.push_back(w.substr(from));
  }
  size_t begin = 0;
  // Datelines: what stands before a separator near the start, when it
  // reads as places, agencies and times (few lower-case words), or, in a
  // script without capitals, is short.
  for (int round = 0; round < 3; ++round) {
    bool cut = false;
    for (size_t i = begin; i < words.size() && i < begin + 18; ++i) {
      if (!IsSeparator(words[i])) continue;
      if (i == begin || words.size() - i < 5) break;
      size_t lower = 0, cased = 0;
      for (size_t j = begin; j < i; ++j) {
        cased += HasCase(words[j]);
        if (StartsLower(words[j]) && words[j].size() > 2 && !IsClockWord(words[j])) ++lower;
      }
      bool dateline = cased > 0 ? lower == 0 : i - begin <= 4;
      if (dateline) {
        begin = i + 1;
        cut = true;
      }
      break;
    }
    // A leading timestamp: "Monday 14 February 2005 17.14 GMT" (numbers
    // and words of a clock or calendar both: "3 men charged" is no time).
    size_t j = begin, numbers = 0;
    while (j < words.size() && IsClockWord(words[j])) numbers += IsDigits(words[j]), ++j;
    if (numbers > 0 && j - begin > numbers && words.size() - j >= 5) {
      begin = j;
      cut = true;
    }
    // A byline ("By the CNN Wire Staff", "By John Smith, Associated
    // Press") and a tag in capitals ("NEW:", "UPDATE:").
    if (begin < words.size() && words[begin] == "By") {
      static const std::unordered_set<std::string> ends = {"Staff", "Writer", "Reporter", "Correspondent",
                                                           "Editor", "Press", "Reuters", "AP", "AFP"};
      for (size_t k = begin + 1; k < words.size() && k < begin + 9; ++k) {
        std::string w = words[k];
        while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
        if (ends.contains(w) && words.size() - k >= 5) {
          begin = k + 1;
          cut = true;
          break;
        }
      }
    }
    auto capitals = [](const std::string& w) {
      return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
               return std::isupper(static_cast<unsigned char>(c)) != 0;
             });
    };
    if (begin + 1 < words.size() && words.size() - begin >= 6) {
      const std::string& w = words[begin];
      if (w.size() >= 3 && w.back() == ':' && capitals(w.substr(0, w.size() - 1))) {
        ++begin;
        cut = true;
      } else if (capitals(w) && words[begin + 1] == ":") {  // treebank: "NEW :"
        begin += 2;
        cut = true;
      }
    }
    if (!cut) break;
  }
  std::vector<std::string> lead;
  for (size_t i = begin; i < words.size(); ++i) {
    lead.push_back(words[i]);
    if ((lead.size() >= 4 || CodePoints(words[i]) >= 12) && EndsSentence(words[i])) break;
  }
  // Drop a sentence-final period; keep ? and !.
  if (!lead.empty() && lead.back() == ".") lead.pop_back();
  std::string text = Join(lead);
  if (!text.empty() && text.back() == '.' && !Abbreviation(lead.back())) text.pop_back();
  if (CodePoints(text) <= max_chars) return text;
  // Cut at the last space that keeps it within max_chars, then an ellipsis.
  size_t points = 0, last_space = 0, cut = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (++points > max_chars) {
        cut = i;  // the first byte of the code point past the limit
        break;
      }
      if (c == ' ') last_space = i;
    }
  }
  // Text without spaces (Chinese, Japanese) is cut between code points.
  std::string out = text.substr(0, last_space > 0 ? last_space : cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "\xE2\x80\xA6";
}

}  // namespace storyloom
