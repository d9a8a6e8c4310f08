// Body-text agreement as the article-extraction benchmark scores it: word
// tokens (\w+ runs), 4-gram shingles, per page true/false positives and false
// negatives over shingle counts, normalised so the three sum to 1 (a long
// article weighs no more than a short one). Precision and recall are averaged
// over pages, and F1 is taken of the two averages.
#ifndef STORYLOOM_EVAL_SHINGLE_F1_H_
#define STORYLOOM_EVAL_SHINGLE_F1_H_

#include <string>
#include <string_view>
#include <vector>

namespace storyloom {

// Word tokens: maximal runs of Unicode letters, numbers and '_', case kept
// (the benchmark's \w+; combining marks split words, as they do there).
std::vector<std::string_view> WordTokens(std::string_view text);

// One page's agreement, normalised so tp + fp + fn == 1 (all zero when both
// sides have no words).
struct ShingleMatch {
  double tp = 0;
  double fp = 0;
  double fn = 0;
};

// Compares predicted body text with the gold text. A text of fewer than
// `n` words is one short shingle; a text without words has none.
ShingleMatch MatchShingles(std::string_view gold, std::string_view predicted, int n = 4);

// Per-page precision and recall; `has_*` is false when the page does not
// count towards that average (nothing predicted / nothing in the gold).
double ShinglePrecision(const ShingleMatch& m, bool* has_precision);
double ShingleRecall(const ShingleMatch& m, bool* has_recall);

struct ShingleScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// Averages over pages as the benchmark does.
ShingleScore AverageShingleScore(const std::vector<ShingleMatch>& pages);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_SHINGLE_F1_H_
