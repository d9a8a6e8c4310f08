// The protocol of `storyloom eval timeline DIR` (RunTimelineEval in
// storyloom/eval.h): storyloom's timelines on Timeline17, scored
// with news-tls's protocol (Ghalandari & Ifrim 2020) so the figures sit
// beside the published ones (docs/EVALUATION.md, "Timelines").
//
// Per topic, each article goes once through the per-document pipeline (as
// ingest takes it, its publication date kept). Then, for each gold timeline
// of the topic: the input is the documents published within the timeline's
// span [first gold date, last gold date]; the builder is asked for l dates
// (l = the gold dates) of k sentences (k = the mean sentences per gold date,
// rounded as Python's round does), dates inside the span only; the result is
// scored against that gold timeline (AR-1, AR-2 "align+ m:1", date F1; see
// timeline_metrics.h). A topic's row and the mean row average precision and
// recall over the runs and take F1 of the averages, as news-tls does.
#ifndef STORYLOOM_EVAL_TIMELINE_EVAL_H_
#define STORYLOOM_EVAL_TIMELINE_EVAL_H_

#include <string>

#include "eval/timeline_datasets.h"
#include "eval/timeline_metrics.h"
#include "storyloom/eval.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

namespace storyloom {

// TimelineEvalOptions and RunTimelineEval: storyloom/eval.h.

// The mean figures of the per-topic protocol above, for printing beside
// others (eval pipeline). `published`/`sentences_per_date` are exposed so
// other protocols pick l and k the same way.
struct TimelineEvalFigures {
  PRF ar1, ar2, dates;
  size_t runs = 0;
  double seconds_per_topic = 0;  // building timelines only
};
Result<TimelineEvalFigures> ScoreTimelinesPerTopic(const TimelineDataset& data, const TimelineEvalOptions& options,
                                                   const Resources& resources);

// k of a gold timeline under news-tls's protocol: its mean sentences per
// date, rounded as Python's round does.
size_t SentencesPerDate(const DatedSummaries& gold);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_TIMELINE_EVAL_H_
