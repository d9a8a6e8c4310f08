#include "eval/word_f1.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>

#include "base/utf8.h"
#include "eval/shingle_f1.h"

namespace storyloom {

namespace {

std::string LowerCase(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(
                                                                                          text.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::unordered_map<std::string, int> Bag(std::string_view text, int* total) {
  std::unordered_map<std::string, int> bag;
  std::vector<std::string> words = LowerWordTokens(text);
  *total = static_cast<int>(words.size());
  for (std::string& w : words) ++bag[std::move(w)];
  return bag;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::vector<std::string> LowerWordTokens(std::string_view text) {
  std::string lower = LowerCase(text);
  std::vector<std::string> out;
  for (std::string_view w : WordTokens(lower)) out.emplace_back(w);
  return out;
}

double WordMatch::Precision() const {
  if (gold == 0 && predicted == 0) return 1;
  return predicted > 0 ? static_cast<double>(common) / predicted : 0;
}

double WordMatch::Recall() const {
  if (gold == 0 && predicted == 0) return 1;
  return gold > 0 ? static_cast<double>(common) / gold : 0;
}

double WordMatch::F1() const {
  double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

WordMatch MatchWords(std::string_view gold, std::string_view predicted) {
  WordMatch m;
  std::unordered_map<std::string, int> g = Bag(gold, &m.gold);
  std::unordered_map<std::string, int> p = Bag(predicted, &m.predicted);
  for (const auto& [word, count] : g) {
    auto it = p.find(word);
    if (it != p.end()) m.common += std::min(count, it->second);
  }
  return m;
}

WordScore AverageWordScore(const std::vector<WordMatch>& pages) {
  WordScore s;
  if (pages.empty()) return s;
  for (const WordMatch& m : pages) {
    s.precision += m.Precision();
    s.recall += m.Recall();
    s.f1 += m.F1();
  }
  double n = static_cast<double>(pages.size());
  s.precision /= n;
  s.recall /= n;
  s.f1 /= n;
  return s;
}

std::string NormalizeField(std::string_view value) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(value.data(), static_cast<int32_t>(
                                                                                           value.size())));
  u.foldCase();
  std::string folded;
  u.toUTF8String(folded);
  return CollapseSpaces(folded);  // U+00A0 is a space on the page as much as ' ' is
}

bool FieldMatches(std::string_view gold, std::string_view predicted) {
  return NormalizeField(gold) == NormalizeField(predicted);
}

bool FieldMatchesLeniently(std::string_view gold, std::string_view predicted, double min_f1) {
  WordMatch m = MatchWords(gold, predicted);
  if (m.gold == 0 || m.predicted == 0) return FieldMatches(gold, predicted);
  return m.F1() >= min_f1;
}

bool SameDay(std::string_view gold, std::string_view predicted) {
  auto day = [](std::string_view v) {
    while (!v.empty() && IsSpace(v.front())) v.remove_prefix(1);
    return v.substr(0, 10);
  };
  std::string_view g = day(gold), p = day(predicted);
  auto well_formed = [](std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  };
  return well_formed(g) && g == p;
}

void FieldTally::Add(std::string_view gold, std::string_view predicted_value, bool exact_match,
                     bool lenient_match) {
  if (NormalizeField(gold).empty()) return;
  ++gold_pages;
  if (!NormalizeField(predicted_value).empty()) ++predicted;
  if (exact_match) ++exact;
  if (exact_match || lenient_match) ++lenient;
}

}  // namespace storyloom
