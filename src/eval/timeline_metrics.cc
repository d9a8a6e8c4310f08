#include "eval/timeline_metrics.h"

#include <libstemmer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "storyloom/story.h"

namespace storyloom {

namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

RougeTokenizer::RougeTokenizer(std::unordered_set<std::string> stopwords)
    : stopwords_(std::move(stopwords)), stemmer_(sb_stemmer_new("porter", "UTF_8")) {}

RougeTokenizer::~RougeTokenizer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

Result<std::unique_ptr<RougeTokenizer>> RougeTokenizer::Load(const std::string& resources_dir) {
  const std::string path = resources_dir + "/eval/smart_stopwords.txt";
  std::ifstream in(path);
  if (!in) return Fail("cannot read " + path + " (ROUGE's SMART stopword list)");
  std::unordered_set<std::string> words;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    words.insert(line);
  }
  if (words.empty()) return Fail(path + ": no stopwords");
  return std::make_unique<RougeTokenizer>(std::move(words));
}

std::vector<std::string> RougeTokenizer::Tokens(std::string_view text) const {
  // ROUGE: lower-case; '-' and every byte outside [A-Za-z0-9] separate
  // words; a word must start with [a-z0-9$] (always true here); stopwords go
  // before stemming; only words longer than 3 characters are stemmed.
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsAsciiAlnum(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
    if (start == i) continue;
    std::string word(text.substr(start, i - start));
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (stopwords_.count(word)) continue;
    if (word.size() > 3 && stemmer_) {
      auto it = stems_.find(word);
      if (it == stems_.end()) {
        const sb_symbol* s =
            sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
        std::string stem = s ? std::string(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer_)) : word;
        it = stems_.emplace(word, std::move(stem)).first;
      }
      out.push_back(it->second);
    } else {
      out.push_back(std::move(word));
    }
  }
  return out;
}

namespace {

std::unordered_map<std::string, size_t> NGrams(const std::vector<std::string>& tokens, int n, size_t* total) {
  std::unordered_map<std::string, size_t> grams;
  *total = 0;
  if (n < 1 || tokens.size() < static_cast<size_t>(n)) return grams;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string gram = tokens[i];
    for (int j = 1; j < n; ++j) gram += " " + tokens[i + j];
    ++grams[gram];
    ++*total;
  }
  return grams;
}

}  // namespace

RougeCounts RougeN(const std::vector<std::string>& predicted, const std::vector<std::string>& reference, int n) {
  RougeCounts c;
  auto pred = NGrams(predicted, n, &c.predicted);
  auto ref = NGrams(reference, n, &c.reference);
  size_t hits = 0;
  for (const auto& [gram, count] : pred) {
    auto it = ref.find(gram);
    if (it != ref.end()) hits += std::min(count, it->second);
  }
  c.hits = static_cast<double>(hits);
  return c;
}

RougeCounts RougeN(const RougeTokenizer& tokenizer, std::string_view predicted, std::string_view reference, int n) {
  return RougeN(tokenizer.Tokens(predicted), tokenizer.Tokens(reference), n);
}

double F1(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

PRF MeanPRF(const std::vector<PRF>& scores) {
  PRF m;
  if (scores.empty()) return m;
  for (const PRF& s : scores) {
    m.precision += s.precision;
    m.recall += s.recall;
  }
  m.precision /= static_cast<double>(scores.size());
  m.recall /= static_cast<double>(scores.size());
  m.f1 = F1(m.precision, m.recall);
  return m;
}

bool IsoDayNumber(std::string_view s, long* day) {
  // The one calendar, through the public day parser (storyloom/story.h).
  auto d = s.size() >= 10 ? ParseIsoDay(std::string(s.substr(0, 10))) : std::nullopt;
  if (!d) return false;
  *day = d->time_since_epoch().count();
  return true;
}

namespace {

// One side of the comparison: its valid days in order, with what each needs.
struct Side {
  std::vector<std::string> dates;
  std::vector<long> days;
  std::vector<const std::vector<std::string>*> sentences;
  std::vector<std::unordered_map<std::string, size_t>> raw;  // whitespace tokens, for the content cost
  std::vector<size_t> raw_total;
};

Side MakeSide(const DatedSummaries& timeline) {
  Side side;
  for (const auto& [date, sentences] : timeline) {
    long day;
    if (!IsoDayNumber(date, &day) || date.size() != 10) continue;
    side.dates.push_back(date);
    side.days.push_back(day);
    side.sentences.push_back(&sentences);
    std::unordered_map<std::string, size_t> counts;
    size_t total = 0;
    for (const std::string& sentence : sentences) {
      std::istringstream words(sentence);
      for (std::string w; words >> w;) {
        ++counts[w];
        ++total;
      }
    }
    side.raw.push_back(std::move(counts));
    side.raw_total.push_back(total);
  }
  return side;
}

// tilse's compute_rouge_approximation for one reference: F1 of the clipped
// overlap of raw whitespace tokens (no case folding, stopwords or stems).
double ApproxRouge1(const Side& pred, size_t p, const Side& ref, size_t r) {
  size_t match = 0;
  for (const auto& [word, count] : pred.raw[p]) {
    auto it = ref.raw[r].find(word);
    if (it != ref.raw[r].end()) match += std::min(count, it->second);
  }
  double precision = pred.raw_total[p] ? static_cast<double>(match) / pred.raw_total[p] : 0;
  double recall = ref.raw_total[r] ? static_cast<double>(match) / ref.raw_total[r] : 0;
  return F1(precision, recall);
}

double Cost(const Side& pred, size_t p, const Side& ref, size_t r) {
  double date_factor = 1 - 1.0 / (std::labs(pred.days[p] - ref.days[r]) + 1);
  return date_factor * (1 - ApproxRouge1(pred, p, ref, r));
}

// Each row to its cheapest column, the first on ties (numpy's argmin).
TimelineAlignment Align(const Side& pred, const Side& ref) {
  TimelineAlignment a;
  a.predicted_dates = pred.dates;
  a.reference_dates = ref.dates;
  a.predicted_to_reference.assign(pred.dates.size(), -1);
  a.reference_to_predicted.assign(ref.dates.size(), -1);
  for (size_t p = 0; p < pred.dates.size(); ++p) {
    double best = std::numeric_limits<double>::infinity();
    for (size_t r = 0; r < ref.dates.size(); ++r) {
      double c = Cost(pred, p, ref, r);
      if (c < best) best = c, a.predicted_to_reference[p] = static_cast<int>(r);
    }
  }
  for (size_t r = 0; r < ref.dates.size(); ++r) {
    double best = std::numeric_limits<double>::infinity();
    for (size_t p = 0; p < pred.dates.size(); ++p) {
      double c = Cost(pred, p, ref, r);
      if (c < best) best = c, a.reference_to_predicted[r] = static_cast<int>(p);
    }
  }
  return a;
}

std::vector<std::string> DayTokens(const std::vector<std::string>& sentences, const RougeTokenizer& tokenizer) {
  std::vector<std::string> tokens;
  for (const std::string& s : sentences) {
    std::vector<std::string> t = tokenizer.Tokens(s);
    tokens.insert(tokens.end(), std::make_move_iterator(t.begin()), std::make_move_iterator(t.end()));
  }
  return tokens;
}

}  // namespace

TimelineAlignment AlignManyToOne(const DatedSummaries& predicted, const DatedSummaries& reference) {
  return Align(MakeSide(predicted), MakeSide(reference));
}

PRF DateScores(const DatedSummaries& predicted, const DatedSummaries& reference) {
  Side pred = MakeSide(predicted), ref = MakeSide(reference);
  size_t shared = 0;
  for (const std::string& d : pred.dates) shared += std::binary_search(ref.dates.begin(), ref.dates.end(), d);
  PRF s;
  s.precision = pred.dates.empty() ? 0 : static_cast<double>(shared) / pred.dates.size();
  s.recall = ref.dates.empty() ? 0 : static_cast<double>(shared) / ref.dates.size();
  s.f1 = F1(s.precision, s.recall);
  return s;
}

TimelineScores ScoreTimeline(const DatedSummaries& predicted, const DatedSummaries& reference,
                             const RougeTokenizer& tokenizer) {
  Side pred = MakeSide(predicted), ref = MakeSide(reference);
  TimelineAlignment a = Align(pred, ref);
  std::vector<std::vector<std::string>> pred_tokens, ref_tokens;
  for (const auto* s : pred.sentences) pred_tokens.push_back(DayTokens(*s, tokenizer));
  for (const auto* s : ref.sentences) ref_tokens.push_back(DayTokens(*s, tokenizer));
  static const std::vector<std::string> kEmpty;

  TimelineScores scores;
  for (int n : {1, 2}) {
    double prec_num = 0, rec_num = 0;
    size_t prec_den = 0, rec_den = 0;
    for (size_t p = 0; p < pred_tokens.size(); ++p) {
      int r = a.predicted_to_reference[p];
      RougeCounts c = RougeN(pred_tokens[p], r < 0 ? kEmpty : ref_tokens[r], n);
      double weight = r < 0 ? 0 : 1.0 / (std::labs(pred.days[p] - ref.days[r]) + 1);
      prec_num += weight * c.hits;
      prec_den += c.predicted;
    }
    for (size_t r = 0; r < ref_tokens.size(); ++r) {
      int p = a.reference_to_predicted[r];
      RougeCounts c = RougeN(p < 0 ? kEmpty : pred_tokens[p], ref_tokens[r], n);
      double weight = p < 0 ? 0 : 1.0 / (std::labs(pred.days[p] - ref.days[r]) + 1);
      rec_num += weight * c.hits;
      rec_den += c.reference;
    }
    PRF& s = n == 1 ? scores.rouge1 : scores.rouge2;
    s.precision = prec_den ? prec_num / prec_den : 0;
    s.recall = rec_den ? rec_num / rec_den : 0;
    s.f1 = F1(s.precision, s.recall);
  }
  scores.dates = DateScores(predicted, reference);
  return scores;
}

}  // namespace storyloom
