// Scores of a dated timeline against a gold one, as docs/EVALUATION.md
// defines them, so our figures sit beside news-tls's (Ghalandari & Ifrim
// 2020) and tilse's (Martschat & Markert 2017):
//
// ROUGE-N as ROUGE-1.5.5 run with `-m -s -t 2`: text lower-cased, every
// character other than an ASCII letter or digit a separator, the SMART list
// of ROUGE's data/smart_common_words.txt removed, words longer than three
// characters Porter-stemmed (libstemmer's "porter"; ROUGE also consults
// WordNet's irregular forms first, which we do not). The n-grams of a
// summary run across its sentences. Counts: clipped overlap ("hits"), the
// predicted total and the reference total.
//
// AR-N ("align+ m:1", tilse's align_date_content_costs_many_to_one). Every
// predicted date p goes to the reference date r of least cost
//   (1 - 1 / (|p - r| + 1)) * (1 - F1 of raw whitespace-token overlap of the
//   two days' sentences),
// the earliest on ties; separately, every reference date goes to the
// predicted date of least cost the same way. Precision = sum over predicted
// dates of hits with their match, weighted by 1 / (|p - r| + 1), / all
// predicted n-grams; recall = the same over reference dates / all reference
// n-grams. A date with nothing to match (the other timeline is empty) counts
// with no hits.
//
// Date F1: predicted day set against gold day set.
//
//   RougeTokenizer rouge(stopwords);
//   TimelineScores s = ScoreTimeline(predicted, gold, rouge);  // s.rouge1.f1 ...
#ifndef STORYLOOM_EVAL_TIMELINE_METRICS_H_
#define STORYLOOM_EVAL_TIMELINE_METRICS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "storyloom/status.h"

struct sb_stemmer;

namespace storyloom {

// ROUGE-1.5.5's word preprocessing. Not thread-safe (one stemmer, a cache).
class RougeTokenizer {
 public:
  explicit RougeTokenizer(std::unordered_set<std::string> stopwords);
  ~RougeTokenizer();
  RougeTokenizer(const RougeTokenizer&) = delete;
  RougeTokenizer& operator=(const RougeTokenizer&) = delete;

  // Reads <resources_dir>/eval/smart_stopwords.txt (one word a line, '#'
  // lines are comments). Fails naming the file when it cannot be read.
  static Result<std::unique_ptr<RougeTokenizer>> Load(const std::string& resources_dir);

  // "The U.S.-led forces' attacks" -> {"led", "forc", "attack"}.
  std::vector<std::string> Tokens(std::string_view text) const;
  size_t stopword_count() const { return stopwords_.size(); }

 private:
  std::unordered_set<std::string> stopwords_;
  sb_stemmer* stemmer_ = nullptr;
  mutable std::unordered_map<std::string, std::string> stems_;
};

struct RougeCounts {
  double hits = 0;       // clipped n-gram overlap (weighted when summed over aligned dates)
  size_t predicted = 0;  // n-grams of the predicted text
  size_t reference = 0;  // n-grams of the reference text
};

// ROUGE-N counts of already preprocessed token lists (n >= 1).
RougeCounts RougeN(const std::vector<std::string>& predicted, const std::vector<std::string>& reference, int n);
RougeCounts RougeN(const RougeTokenizer& tokenizer, std::string_view predicted, std::string_view reference, int n);

struct PRF {
  double precision = 0, recall = 0, f1 = 0;
};

// F1 of precision and recall; 0 when both are 0.
double F1(double precision, double recall);

// news-tls's average: the mean precision and mean recall, F1 of the two.
PRF MeanPRF(const std::vector<PRF>& scores);

// A timeline: ISO day "2011-02-11" -> that day's sentences. Keys that are
// not ISO days are ignored by the scores below.
using DatedSummaries = std::map<std::string, std::vector<std::string>>;

// Days since 1970-01-01 of an ISO day ("2011-02-11..."); false when s does
// not start with a valid one.
bool IsoDayNumber(std::string_view s, long* day);

// The many-to-one matches, as indices into the sorted valid dates of each
// side; -1 when the other side has no date.
struct TimelineAlignment {
  std::vector<std::string> predicted_dates, reference_dates;
  std::vector<int> predicted_to_reference;  // per predicted date (used for precision)
  std::vector<int> reference_to_predicted;  // per reference date (used for recall)
};
TimelineAlignment AlignManyToOne(const DatedSummaries& predicted, const DatedSummaries& reference);

struct TimelineScores {
  PRF rouge1, rouge2;  // AR-1, AR-2 ("align+ m:1")
  PRF dates;
};

PRF DateScores(const DatedSummaries& predicted, const DatedSummaries& reference);

TimelineScores ScoreTimeline(const DatedSummaries& predicted, const DatedSummaries& reference,
                             const RougeTokenizer& tokenizer);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_TIMELINE_METRICS_H_
