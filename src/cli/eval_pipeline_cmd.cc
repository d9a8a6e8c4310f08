// `storyloom eval pipeline DIR`: a Timeline17-layout dataset through storyloom
// end to end, as one stream (see storyloom/eval.h).
#include <iostream>

#include "cli/commands.h"
#include "storyloom/eval.h"

namespace storyloom::cli {

void AddStoryOptions(CLI::App* cmd, StoryOptions& o);

void AddEvalPipeline(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::string path;
    PipelineEvalOptions options;
    bool skip_per_topic = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval->add_subcommand(
      "pipeline", "a Timeline17-layout dataset as one stream: stories found, then each gold timeline scored");
  cmd->add_option("dir", args->path, "the timeline17 folder (<topic>_<source>/articles.jsonl, timelines.jsonl)")
      ->required();
  cmd->add_flag("--json", args->options.json, "one JSON object");
  cmd->add_option("--threads", args->options.threads, "threads (0: all cores)");
  cmd->add_option("--store", args->options.store, "keep the store in this new file (default: a temporary one)");
  cmd->add_flag("--no-per-topic", args->skip_per_topic, "skip the per-topic protocol printed beside");
  AddStoryOptions(cmd, args->options.story);
  cmd->callback([args, &global] {
    auto resources = LoadResourcesOrReport(global);
    if (!resources) {
      global.exit_code = 2;
      return;
    }
    args->options.per_topic = !args->skip_per_topic;
    Status s = RunPipelineEval(args->path, args->options, *resources, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval pipeline: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });
}

}  // namespace storyloom::cli
