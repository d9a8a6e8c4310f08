#include <iostream>

#include "cli/commands.h"
#include "storyloom/eval.h"
#include "storyloom/story_clustering.h"

namespace storyloom::cli {

// Adds the story-index knobs to a command, so evaluation and ingest tune the
// same things.
void AddStoryOptions(CLI::App* cmd, StoryOptions& o) {
  cmd->add_option("--join", o.join, "lowest score that joins a story")->capture_default_str();
  cmd->add_option("--merge", o.merge, "story similarity that merges two stories")->capture_default_str();
  cmd->add_option("--near", o.near_duplicate, "shingle Jaccard of a near-duplicate")->capture_default_str();
  cmd->add_option("--translation", o.translation, "anchor similarity of a translation")->capture_default_str();
  cmd->add_option("--term-share", o.term_share, "same language: share of terms in the score")->capture_default_str();
  cmd->add_option("--cross-scale", o.cross_scale, "other languages: anchor score multiplier")->capture_default_str();
  cmd->add_option("--pivot-share", o.pivot_share, "other languages: lexicon pivots' share")->capture_default_str();
  cmd->add_option("--fade-documents", o.fade_documents, "a silence in which fewer documents arrive fades less")
      ->capture_default_str();
  cmd->add_option("--fade-days", o.fade_days, "days over which an idle story's pull fades")->capture_default_str();
  cmd->add_option("--core-share", o.core_share,
                  "stories whose main countries are each rarer than this in the other never merge (0: off)")
      ->capture_default_str();
  cmd->add_option("--core-penalty", o.core_penalty,
                  "score multiplier for a document whose main country is rare in the story (1: none)")
      ->capture_default_str();
  cmd->add_option("--fade-span", o.fade_span, "share of a story's own span added to --fade-days")->capture_default_str();
}

void AddEvalStories(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::string path;
    StoriesEvalOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval->add_subcommand(
      "stories", "BCubed and pairwise F1 of story clustering on vietnamese-mds, mmds, Timeline17 or NTREX");
  cmd->add_option("dataset", args->path, "a vietnamese-mds folder, an mmds JSON file, the timeline17 or ntrex folder")
      ->required();
  cmd->add_flag("--json", args->options.json, "one JSON object");
  cmd->add_flag("--peer", args->options.peer, "also run scikit-learn TF-IDF + average linkage, threshold tuned");
  cmd->add_option("--threads", args->options.threads, "threads for the per-document stages (0: all cores)");
  cmd->add_option("--dump", args->options.dump, "write id, gold and story of each item to this file");
  AddStoryOptions(cmd, args->options.story);
  cmd->add_option("--event-join", args->options.events.join, "the event level's join score")->capture_default_str();
  cmd->add_option("--event-fade-days", args->options.events.fade_days, "the event level's fade, in days")
      ->capture_default_str();
  cmd->add_option("--event-fade-span", args->options.events.fade_span, "the event level's share of its own span")
      ->capture_default_str();
  cmd->add_option("--event-max-span", args->options.events.max_span_days, "days an event may run at most")
      ->capture_default_str();
  cmd->callback([args, &global] {
    auto resources = LoadResourcesOrReport(global);
    if (!resources) {
      global.exit_code = 2;
      return;
    }
    Status s = RunStoriesEval(args->path, args->options, *resources, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval stories: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });
}

}  // namespace storyloom::cli
