#include <iostream>

#include "cli/commands.h"
#include "storyloom/eval.h"

namespace storyloom::cli {

std::unique_ptr<Resources> LoadResourcesOrReport(const GlobalOptions& global) {
  auto r = Resources::Load(FindResources(global.resources_dir, global.langid_model));
  if (!r) {
    std::cerr << "storyloom: " << r.error().message() << "\n";
    return nullptr;
  }
  return std::move(*r);
}

void AddEval(CLI::App& app, GlobalOptions& global) {
  CLI::App* eval = app.add_subcommand("eval", "measure quality on labelled data");
  eval->require_subcommand(1);
  AddEvalDates(eval, global);
  AddEvalAnchors(eval, global);
  AddEvalStories(eval, global);
  AddEvalTimeline(eval, global);
  AddEvalPipeline(eval, global);

  struct ExtractArgs {
    std::string dir;
    ExtractEvalOptions options;
  };
  auto ex = std::make_shared<ExtractArgs>();
  CLI::App* extract =
      eval->add_subcommand("extract", "article-body shingle and word F1, title/author/date accuracy on web pages");
  extract->add_option("dir", ex->dir, "a folder in the article-extraction layout (article-extraction, wcxb-articles)")
      ->required();
  extract->add_flag("--json", ex->options.json, "one JSON object");
  extract->add_flag("--peer", ex->options.peer, "also run python3-readability on the same pages");
  extract->add_option("--limit", ex->options.limit, "only the first N pages");
  extract->add_flag("--verbose", ex->options.verbose, "one line per page");
  extract->add_option("--part", ex->options.part, "dev (about 80% of the pages, by a hash of the id), test or all")
      ->check(CLI::IsMember({"dev", "test", "all"}));
  extract->add_option("--worst", ex->options.worst, "list the N pages of lowest word F1");
  extract->add_option("--dump", ex->options.dump_dir, "write each page's text to DIR/<id>.txt, what was left out to <id>.removed.txt, metadata to <id>.meta.txt");
  extract->callback([ex, &global] {
    Status s = RunExtractEval(ex->dir, ex->options, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval extract: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });

  struct LangidArgs {
    std::string dir;
    LangidEvalOptions options;
  };
  auto li = std::make_shared<LangidArgs>();
  CLI::App* langid = eval->add_subcommand("langid", "language-id accuracy per language on NTREX");
  langid->add_option("dir", li->dir, "the ntrex folder")->required();
  langid->add_flag("--json", li->options.json, "one JSON object");
  langid->callback([li, &global] {
    auto resources = LoadResourcesOrReport(global);
    if (!resources) {
      global.exit_code = 1;
      return;
    }
    Status s = RunLangidEval(li->dir, resources->langid(), li->options, std::cout);
    if (!s.ok()) {
      std::cerr << "storyloom eval langid: " << s.message() << "\n";
      global.exit_code = 1;
    }
  });
}

}  // namespace storyloom::cli
