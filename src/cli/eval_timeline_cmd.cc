// `storyloom eval timeline DIR`: AR-1, AR-2 and date F1 of storyloom's
// timelines on Timeline17, with news-tls's protocol (see storyloom/eval.h).
#include <iostream>

#include "cli/commands.h"
#include "storyloom/eval.h"

namespace storyloom::cli {

void AddEvalTimeline(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::string path;
    TimelineEvalOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval->add_subcommand(
      "timeline", "alignment-based ROUGE (AR-1, AR-2) and date F1 of timelines on Timeline17, as news-tls");
  cmd->add_option("dir", args->path, "the timeline17 folder (<topic>_<source>/articles.jsonl, timelines.jsonl)")
      ->required();
  cmd->add_flag("--json", args->options.json, "one JSON object");
  cmd->add_option("--threads", args->options.threads, "threads for the per-document pipeline (0: all cores)")
      ->capture_default_str();
  cmd->add_option("--topic", args->options.topic, "only this topic folder, e.g. H1N1_bbc");
  cmd->add_flag("--loto", args->options.loto, "tune the date weights leaving one affair out, and score each affair");
  cmd->callback([args, &global] {
    auto resources = LoadResourcesOrReport(global);
    if (!resources) {
      global.exit_code = 2;
      return;
    }
    Status s = RunTimelineEval(args->path, args->options, *resources, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval timeline: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });
}

}  // namespace storyloom::cli
