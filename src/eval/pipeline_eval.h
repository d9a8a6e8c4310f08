// `storyloom eval pipeline DIR`: storyloom end to end on a Timeline17-layout
// dataset, as a user would run it. Every article of every topic goes, in
// publication order, into one fresh store as one JSONL stream (ingest with the
// story stage); storyloom finds the stories on its own. Then:
//
// - stories: BCubed over documents against the affair each came from (the
//   topic folder's name before "_": bpoil_bbc and bpoil_guardian are one
//   affair), the largest story's purity (the share of its most common
//   affair), how many documents sit in stories that are mostly (>= 90%) one
//   affair, and how many stories have no label;
// - timelines: for each gold timeline, the story holding most of its topic's
//   documents, its timeline built from the store under news-tls's protocol
//   (l dates, k sentences, documents published in the gold's span), scored
//   with AR-1, AR-2 and date F1; printed beside the per-topic protocol of
//   `eval timeline`, which hands each topic's articles over already grouped.
#ifndef STORYLOOM_EVAL_PIPELINE_EVAL_H_
#define STORYLOOM_EVAL_PIPELINE_EVAL_H_

#include <ostream>
#include <string>

#include "stories/story_index.h"
#include "storyloom/resources.h"
#include "storyloom/status.h"

namespace storyloom {

struct PipelineEvalOptions {
  bool json = false;
  int threads = 0;          // 0: every core
  std::string store;        // keep the store here (must not exist); empty: a temporary one, removed after
  bool per_topic = true;    // also run the per-topic protocol, for the side-by-side
  StoryOptions story;
};

Status RunPipelineEval(const std::string& path, const PipelineEvalOptions& options, const Resources& resources,
                       std::ostream& out);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_PIPELINE_EVAL_H_
