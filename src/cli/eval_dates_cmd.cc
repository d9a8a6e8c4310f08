// `storyloom eval dates FILE.jsonl... [--data DIR] [--json] [--peer]`: each file
// scored on its own (the dev and test splits are reported separately).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "storyloom/dates.h"
#include "storyloom/eval.h"

namespace storyloom::cli {

void AddEvalDates(CLI::App* eval, GlobalOptions& global) {
  struct Args {
    std::vector<std::string> files;
    DatesEvalOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* dates = eval->add_subcommand("dates", "temporal expressions: P/R/F1 per language on a JSONL file");
  dates->add_option("files", args->files,
                    "JSONL: {lang, dct, text or source, timexes: [{text, value}]} a line; each file is scored on its own")
      ->required();
  dates->add_option("--data", args->options.data_dir, "the shared data that \"source\" records point into")
      ->capture_default_str();
  dates->add_flag("--json", args->options.json, "one JSON object");
  dates->add_flag("--verbose", args->options.verbose, "list storyloom's false positives and misses");
  dates->add_flag("--peer", args->options.peer, "also run python3-dateparser on the same file");
  dates->callback([args, &global] {
    ResourcePaths paths = FindResources(global.resources_dir, global.langid_model);
    auto tagger = DateTagger::Load(paths);
    if (!tagger) {
      std::cerr << "storyloom eval dates: " << tagger.error().message() << "\n";
      global.exit_code = 1;
      return;
    }
    for (const std::string& file : args->files) {
      if (args->files.size() > 1 && !args->options.json) std::cout << "== " << file << "\n";
      Status s = RunDatesEval(file, **tagger, args->options, std::cout);
      if (!s.ok()) {
        std::cerr << "storyloom eval dates: " << s.message() << "\n";
        global.exit_code = 1;
        return;
      }
      if (args->files.size() > 1 && !args->options.json) std::cout << "\n";
    }
  });
}

}  // namespace storyloom::cli
