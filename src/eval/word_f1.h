// WCXB's scoring of extracted text and metadata.
//
// Body: per page, the bags (multisets) of lower-cased word tokens (\w+:
// letters, digits and '_' of any script, as the regex word class for text
// strings) of the extracted text and of the gold text; precision, recall
// and F1 of the bag overlap; each averaged over pages. A page where both
// sides have no words scores 1 on all three, a page where only one side
// has none scores 0.
//
// Metadata, on pages whose gold has the field: the title matches exactly
// after case and white-space normalisation, or leniently when the word F1
// of the two titles is at least 0.9; the author likewise; the date when it
// names the same calendar day.
#ifndef STORYLOOM_EVAL_WORD_F1_H_
#define STORYLOOM_EVAL_WORD_F1_H_

#include <string>
#include <string_view>
#include <vector>

namespace storyloom {

// Lower-cased (full Unicode case mapping, then tokenised, as the benchmark
// lower-cases the text before matching \w+) word tokens.
std::vector<std::string> LowerWordTokens(std::string_view text);

// One page's bag overlap.
struct WordMatch {
  int gold = 0;       // words in the gold text
  int predicted = 0;  // words in the extracted text
  int common = 0;     // sum over words of min(gold count, predicted count)
  double Precision() const;
  double Recall() const;
  double F1() const;
};

WordMatch MatchWords(std::string_view gold, std::string_view predicted);

// Means over pages of the per-page precision, recall and F1.
struct WordScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};
WordScore AverageWordScore(const std::vector<WordMatch>& pages);

// Case folded, white space collapsed and trimmed.
std::string NormalizeField(std::string_view value);

// Exact after NormalizeField.
bool FieldMatches(std::string_view gold, std::string_view predicted);
// Word F1 of the two values (WordMatch) at least `min_f1`.
bool FieldMatchesLeniently(std::string_view gold, std::string_view predicted, double min_f1 = 0.9);
// Both start with the same yyyy-mm-dd (any time after it ignored).
bool SameDay(std::string_view gold, std::string_view predicted);

// Accuracy of one metadata field over the pages whose gold has it.
struct FieldTally {
  int gold_pages = 0;  // pages whose gold has the field
  int predicted = 0;   // ... of which the extractor gave a value
  int exact = 0;
  int lenient = 0;
  void Add(std::string_view gold, std::string_view predicted_value, bool exact_match, bool lenient_match);
  double Accuracy() const { return gold_pages > 0 ? static_cast<double>(exact) / gold_pages : 0; }
  double LenientAccuracy() const { return gold_pages > 0 ? static_cast<double>(lenient) / gold_pages : 0; }
};

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_WORD_F1_H_
