// storyloom: the command line. A thin shell: parses flags and calls the
// library; everything it does can be tested without it.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"storyloom: multilingual news in, stories and dated timelines out"};
  app.require_subcommand(1);
  storyloom::cli::GlobalOptions global;
  app.add_option("--resources", global.resources_dir, "resources folder (env STORYLOOM_RESOURCES)");
  app.add_option("--langid-model", global.langid_model, "lid.176.ftz (env STORYLOOM_LANGID_MODEL)");

  storyloom::cli::AddIngest(app, global);
  storyloom::cli::AddDocs(app, global);
  storyloom::cli::AddAnnotate(app, global);
  storyloom::cli::AddStories(app, global);
  storyloom::cli::AddTimeline(app, global);
  storyloom::cli::AddEval(app, global);
  storyloom::cli::AddServe(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return global.exit_code;
}
