#include "eval/shingle_f1.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace storyloom {

namespace {

// Letters of every kind, and anything with a numeric value (digits, Roman
// numerals, superscripts), and '_': the regex word class for text strings.
// Combining marks are not part of it, so they split words there as here.
bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return u_getNumericValue(c) != U_NO_NUMERIC_VALUE;
  }
}

// Shingles keyed by their words joined with a separator no word contains.
std::unordered_map<std::string, int> CountShingles(std::string_view text, int n) {
  std::vector<std::string_view> words = WordTokens(text);
  std::unordered_map<std::string, int> counts;
  if (words.empty()) return counts;
  size_t shingles = words.size() >= static_cast<size_t>(n) ? words.size() - n + 1 : 1;
  counts.reserve(shingles);
  std::string key;
  for (size_t i = 0; i < shingles; ++i) {
    key.clear();
    size_t end = std::min(words.size(), i + static_cast<size_t>(n));
    for (size_t j = i; j < end; ++j) {
      if (j > i) key.push_back(' ');
      key.append(words[j]);
    }
    ++counts[key];
  }
  return counts;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> words;
  const char* s = text.data();
  int32_t length = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  int32_t word_start = -1;
  while (i < length) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    bool word = c >= 0 && IsWordChar(c);
    if (word && word_start < 0) word_start = at;
    if (!word && word_start >= 0) {
      words.emplace_back(s + word_start, at - word_start);
      word_start = -1;
    }
  }
  if (word_start >= 0) words.emplace_back(s + word_start, length - word_start);
  return words;
}

ShingleMatch MatchShingles(std::string_view gold, std::string_view predicted, int n) {
  std::unordered_map<std::string, int> gold_counts = CountShingles(gold, n);
  std::unordered_map<std::string, int> predicted_counts = CountShingles(predicted, n);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [shingle, g] : gold_counts) {
    auto it = predicted_counts.find(shingle);
    int p = it == predicted_counts.end() ? 0 : it->second;
    tp += std::min(g, p);
    fn += std::max(0, g - p);
    fp += std::max(0, p - g);
  }
  for (const auto& [shingle, p] : predicted_counts) {
    if (!gold_counts.contains(shingle)) fp += p;
  }
  ShingleMatch m{tp, fp, fn};
  double sum = tp + fp + fn;
  if (sum > 0) {
    m.tp /= sum;
    m.fp /= sum;
    m.fn /= sum;
  }
  return m;
}

double ShinglePrecision(const ShingleMatch& m, bool* has_precision) {
  *has_precision = m.tp + m.fp > 0;
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fp == 0) return 0.0;
  return m.tp / (m.tp + m.fp);
}

double ShingleRecall(const ShingleMatch& m, bool* has_recall) {
  *has_recall = m.tp + m.fn > 0;
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fn == 0) return 0.0;
  return m.tp / (m.tp + m.fn);
}

ShingleScore AverageShingleScore(const std::vector<ShingleMatch>& pages) {
  double precision_sum = 0, recall_sum = 0;
  int precision_pages = 0, recall_pages = 0;
  for (const ShingleMatch& m : pages) {
    bool has_precision = false, has_recall = false;
    double p = ShinglePrecision(m, &has_precision);
    double r = ShingleRecall(m, &has_recall);
    if (has_precision) {
      precision_sum += p;
      ++precision_pages;
    }
    if (has_recall) {
      recall_sum += r;
      ++recall_pages;
    }
  }
  ShingleScore score;
  // A side with no counted page has no average; it is reported as 0.
  score.precision = precision_pages > 0 ? precision_sum / precision_pages : 0;
  score.recall = recall_pages > 0 ? recall_sum / recall_pages : 0;
  double sum = score.precision + score.recall;
  score.f1 = sum > 0 ? 2 * score.precision * score.recall / sum : 0;
  return score;
}

}  // namespace storyloom
