#include "annotate/numbers.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace storyloom {
namespace {

bool DotGroups(const std::string& lang) {
  static const char* const kLangs[] = {"vi", "id", "ms", "de", "es", "it", "pt", "fr", "ru", "tr", "nl",
                                       "da", "sv", "nb", "pl", "cs", "ro", "hr", "sr", "uk", "el"};
  for (const char* l : kLangs)
    if (lang == l) return true;
  return false;
}

// Folded scale and percent words (the folding of anchors_text.h).
const std::unordered_map<std::string, double>& Scales() {
  static const std::unordered_map<std::string, double> kScales = [] {
    std::unordered_map<std::string, double> m;
    for (const char* w : {"thousand", "nghin", "ngan", "ribu", "mille", "mil", "tausend", "тысяч", "тысячи", "тыс",
                          "الف", "الاف", "الآف"})
      m[FoldWord(w)] = 1e3;
    for (const char* w : {"million", "millions", "trieu", "juta", "mln", "mio", "millones", "millon", "millionen",
                          "миллион", "миллиона", "миллионов", "млн", "مليون", "ملايين", "مليونا"})
      m[FoldWord(w)] = 1e6;
    for (const char* w :
         {"billion", "billions", "ty", "miliar", "milyar", "bn", "milliard", "milliards", "milliarde", "milliarden",
          "mil millones", "миллиард", "миллиарда", "миллиардов", "млрд", "مليار", "مليارات", "مليارا"})
      m[FoldWord(w)] = 1e9;
    for (const char* w : {"trillion", "trillions", "triliun", "trilyun", "биллион", "триллион", "تريليون"})
      m[FoldWord(w)] = 1e12;
    return m;
  }();
  return kScales;
}

bool IsPercentWord(const std::string& fold) {
  // Folded once: folding the Arabic words goes through ICU.
  static const std::unordered_set<std::string> kFolded = [] {
    std::unordered_set<std::string> words;
    for (const char* w : {"percent", "persen", "phan", "pour", "por", "prozent", "процент", "процента", "процентов",
                          "بالمائة", "بالمئة", "المئة", "المائة"})
      words.insert(FoldWord(w));
    return words;
  }();
  return kFolded.contains(fold);
}

}  // namespace

std::optional<double> ParseNumber(std::string_view s, const std::string& lang) {
  // Normalise the Arabic separators first.
  std::string t;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 2) == "\xD9\xAC") {
      t.push_back('\'');
      ++i;
      continue;
    }  // ٬ thousands
    if (s.substr(i, 2) == "\xD9\xAB") {
      t.push_back('d');
      ++i;
      continue;
    }  // ٫ decimal
    t.push_back(s[i]);
  }
  char group = DotGroups(lang) ? '.' : ',';
  char decimal = group == '.' ? ',' : '.';
  // Is every `group` followed by exactly three digits up to the next separator?
  auto groups_ok = [&](char g) {
    size_t pos = t.find(g);
    if (pos == std::string::npos) return false;
    while (pos != std::string::npos) {
      size_t next = pos + 1;
      while (next < t.size() && std::isdigit(static_cast<unsigned char>(t[next]))) ++next;
      if (next - pos - 1 != 3) return false;
      pos = t.find(g, pos + 1);
    }
    return true;
  };
  std::string clean;
  bool grouped = groups_ok(group);
  bool seen_decimal = false;
  for (char c : t) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      clean.push_back(c);
    else if (c == '\'')
      continue;
    else if (c == 'd' || c == decimal || (c == group && !grouped)) {
      if (seen_decimal) return std::nullopt;
      seen_decimal = true;
      clean.push_back('.');
    }
  }
  if (clean.empty() || clean == ".") return std::nullopt;
  return std::strtod(clean.c_str(), nullptr);
}

std::string NumberKey(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e18) {
    std::snprintf(buf, sizeof(buf), "%.0f", v);
  } else {
    std::snprintf(buf, sizeof(buf), "%.6g", v);
  }
  return buf;
}

void FindNumbers(const std::vector<AnchorToken>& tokens, std::string_view text, const std::string& lang,
                 std::vector<Anchor>* out, std::vector<bool>* used) {
  const auto& scales = Scales();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const AnchorToken& t = tokens[i];
    if (t.script != TokenScript::kDigits) continue;
    // Parts of dates and times (12/4, 10-4, 05/12/2023, 10:30) are not numbers here.
    uint32_t b = t.span.start, e = t.span.end;
    auto at = [&](uint32_t p) { return p < text.size() ? text[p] : '\0'; };
    if ((e < text.size() &&
         (at(e) == '/' || at(e) == ':' || (at(e) == '-' && std::isdigit((unsigned char)at(e + 1))))) ||
        (b > 0 && (text[b - 1] == '/' || text[b - 1] == ':' ||
                   (text[b - 1] == '-' && b > 1 && std::isdigit((unsigned char)text[b - 2])))))
      continue;
    std::optional<double> v = ParseNumber(t.fold, lang);
    if (!v) continue;
    double value = *v;
    Span span = t.span;
    bool scaled = false, percent = false;
    if (i + 1 < tokens.size()) {
      const AnchorToken& n = tokens[i + 1];
      std::string_view between = text.substr(t.span.end, n.span.start - t.span.end);
      bool near = between.size() <= 2 && between.find_first_not_of(" \xC2\xA0") == std::string_view::npos;
      if (near) {
        if (auto it = scales.find(n.fold); it != scales.end() && n.script != TokenScript::kDigits) {
          value *= it->second;
          scaled = true;
          span.end = n.span.end;
          (*used)[i + 1] = true;
        } else if (IsPercentWord(n.fold)) {
          percent = true;
          span.end = n.span.end;
        }
      }
    }
    size_t after = t.span.end;
    while (after < text.size() && text[after] == ' ') ++after;
    if (!scaled && after < text.size() && (text[after] == '%' || text.substr(after, 2) == "\xD9\xAA")) {  // % or ٪
      percent = true;
      span.end = static_cast<uint32_t>(after + (text[after] == '%' ? 1 : 2));
    }
    bool integer = std::fabs(value - std::round(value)) < 1e-9;
    if (!scaled && !percent && integer && value >= 1900 && value <= 2100 &&
        t.fold.find_first_of(".,") == std::string::npos)
      continue;
    if (!scaled && !percent && integer && value <= 12) continue;
    (*used)[i] = true;
    out->push_back({"num:" + NumberKey(value) + (percent ? "%" : ""), span, 1.0f});
  }
}

}  // namespace storyloom
