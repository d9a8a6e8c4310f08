// The data and the scoring of `storyloom eval dates FILE.jsonl` (RunDatesEval
// in storyloom/eval.h): precision, recall and F1 of the temporal tagger per
// language, optionally beside Debian's python3-dateparser.
//
// FILE has one object a line: {"lang", "dct" (ISO day or null), "text",
// "timexes": [{"text", "value"}]}. Instead of "text" a record may name its
// document in the shared public data by "source" (tests/data/dates/
// GUIDELINE.md): "vietnamese-mds/clusters/cluster_N/ID.body.txt" (the file),
// "ntrex/FILE#DOC" (the document's lines, joined by newlines),
// "mmds/dev.json#ID" (the article's sentences, joined by newlines),
// "timeline17/TOPIC/articles.jsonl#ID" (the article's text), read from the
// data folder (`--data`, default ../shared/data); its expressions may carry
// "start", their byte offset in that text.
//
// Matching. Each gold expression is located in the text: the first
// occurrence of its "text" at or after the end of the previous gold
// expression (gold lists follow text order), else the first occurrence
// anywhere. A found expression is correct when its span overlaps a gold
// expression's span and its value equals the gold value exactly; matching is
// one-to-one, in text order. Precision = correct / found, recall = correct /
// gold. A found expression with the wrong value, or none to overlap, is a
// false positive; sentences with traps (scores, times, quantities) and no
// gold expression count only against precision.
//
// Speed: expressions per second = gold expressions in the file / seconds the
// system took to tag all texts (storyloom: tagging only, the best of several
// passes; dateparser: the driver's own clock around search_dates).
#ifndef STORYLOOM_EVAL_DATES_EVAL_H_
#define STORYLOOM_EVAL_DATES_EVAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storyloom/mapped_text.h"
#include "storyloom/status.h"

namespace storyloom {

struct GoldTimex {
  std::string text;
  std::string value;
  int64_t start = -1;  // byte offset in the text, -1 when not given
};

struct DatesExample {
  std::string lang;
  std::string dct;  // empty when null
  std::string text;
  std::vector<GoldTimex> gold;
};

struct FoundTimex {
  Span span;
  std::string value;
};

struct DatesCounts {
  int gold = 0;
  int found = 0;
  int correct = 0;
  double Precision() const { return found ? static_cast<double>(correct) / found : 0; }
  double Recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Reads FILE; records with a "source" are completed from `data_dir`.
Result<std::vector<DatesExample>> ReadDatesFile(const std::string& path, const std::string& data_dir = "");

// The text of a shared-data document named as above, or an error naming it.
Result<std::string> SourceText(const std::string& data_dir, const std::string& source);

// Byte spans of the gold expressions in the example's text (see above); an
// expression whose text does not occur gets an empty span at 0.
std::vector<Span> LocateGold(const DatesExample& example);

// Adds one example's counts.
void ScoreDates(const DatesExample& example, const std::vector<FoundTimex>& found, DatesCounts* counts);

// RunDatesEval and DatesEvalOptions: storyloom/eval.h.

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_DATES_EVAL_H_
