// Reader for Timeline17 as news-tls publishes it (see docs/EVALUATION.md,
// "Timelines"): one topic per <topic>_<source> folder (16), holding
//
//   articles.jsonl   {"id", "time": "YYYY-MM-DD", "text"} one article a line
//   timelines.jsonl  one gold timeline a line: [["YYYY-MM-DD", ["sentence", ...]], ...]
//
// A date repeated within one gold timeline keeps its last sentences, as
// news-tls's loader does (a dict from date to summary), so `l` and the scores
// match the published protocol.
//
//   Result<TimelineDataset> data = ReadTimelineDataset("../shared/data/timeline17");
//   for (const TimelineTopic& t : data->topics) ... t.articles ... t.timelines ...
#ifndef STORYLOOM_EVAL_TIMELINE_DATASETS_H_
#define STORYLOOM_EVAL_TIMELINE_DATASETS_H_

#include <string>
#include <vector>

#include "eval/timeline_metrics.h"
#include "storyloom/status.h"

namespace storyloom {

struct TimelineArticle {
  std::string id;         // as the file gives it
  std::string published;  // ISO day
  std::string text;       // tokenised as news-tls ships it ("Jackson 's")
};

struct TimelineTopic {
  std::string name;                       // the folder: "bpoil_bbc"
  std::vector<TimelineArticle> articles;  // by published day, file order within a day
  std::vector<DatedSummaries> timelines;  // the gold timelines, file order; none empty
};

struct TimelineDataset {
  std::vector<TimelineTopic> topics;  // by name
};

// One <topic>_<source> folder. Fails naming the file and line on malformed
// input, or when either file is missing or holds nothing.
Result<TimelineTopic> ReadTimelineTopic(const std::string& folder);

// Every sub-folder holding articles.jsonl and timelines.jsonl.
Result<TimelineDataset> ReadTimelineDataset(const std::string& path);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_TIMELINE_DATASETS_H_
