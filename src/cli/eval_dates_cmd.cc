// `storyloom eval dates FILE.jsonl [--json] [--peer]`.
#include <iostream>
#include <memory>

#include "annotate/temporal.h"
#include "cli/commands.h"
#include "eval/dates_eval.h"

namespace storyloom::cli {

void AddEvalDates(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::string file;
    DatesEvalOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* dates = eval->add_subcommand("dates", "temporal expressions: P/R/F1 per language on a JSONL file");
  dates->add_option("file", args->file, "JSONL: {lang, dct, text, timexes: [{text, value}]} a line")->required();
  dates->add_flag("--json", args->options.json, "one JSON object");
  dates->add_flag("--verbose", args->options.verbose, "list storyloom's false positives and misses");
  dates->add_flag("--peer", args->options.peer, "also run python3-dateparser on the same file");
  dates->callback([args, &global] {
    ResourcePaths paths = FindResources(global.resources_dir, global.langid_model);
    auto tagger = TemporalTagger::Load(paths.dir + "/temporal");
    if (!tagger) {
      std::cerr << "storyloom eval dates: " << tagger.error().message() << "\n";
      global.exit_code = 1;
      return;
    }
    Status s = RunDatesEval(args->file, **tagger, args->options, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval dates: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });
}

}  // namespace storyloom::cli
