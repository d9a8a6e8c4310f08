// storyloom: the command line. A thin shell: parses flags and calls the
// library; everything it does can be tested without it.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "storyloom/resources.h"
#include "storyloom/server.h"

#ifndef STORYLOOM_VERSION
#define STORYLOOM_VERSION "unknown"
#endif

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"storyloom: multilingual news in, stories and dated timelines out"};
  app.require_subcommand(1);
  storyloom::cli::GlobalOptions global;
  app.add_option("--resources", global.resources_dir, "resources folder (env STORYLOOM_RESOURCES)");
  app.add_option("--langid-model", global.langid_model, "lid.176.ftz (env STORYLOOM_LANGID_MODEL)");
  // The version, and the folders this binary reads (README, "Resources and
  // configuration"): an installed copy names its share folder.
  app.set_version_flag(
      "--version",
      [&global] {
        storyloom::ResourcePaths paths = storyloom::FindResources(global.resources_dir, global.langid_model);
        std::string web = storyloom::FindWebRoot("");
        return std::string("storyloom ") + STORYLOOM_VERSION + "\nresources: " + paths.dir +
               "\nlanguage model: " + paths.langid_model + "\nweb page: " + (web.empty() ? "(none found)" : web);
      },
      "print the version and the resources folder, language model and web page it reads, and exit");

  storyloom::cli::AddIngest(app, global);
  storyloom::cli::AddPlace(app, global);
  storyloom::cli::AddDocs(app, global);
  storyloom::cli::AddAnnotate(app, global);
  storyloom::cli::AddStories(app, global);
  storyloom::cli::AddTimeline(app, global);
  storyloom::cli::AddExport(app, global);
  storyloom::cli::AddEval(app, global);
  storyloom::cli::AddServe(app, global);

  // A first word that is no command: say so, with the nearest command,
  // rather than CLI11's "A subcommand is required".
  if (argc > 1 && argv[1][0] != '-') {
    std::string verb = argv[1];
    std::string nearest;
    size_t best = 3;  // at most two edits away
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known |= sub->get_name() == verb;
      size_t d = EditDistance(verb, sub->get_name());
      if (d < best) best = d, nearest = sub->get_name();
    }
    if (!known) {
      std::cerr << "storyloom: unknown command '" << verb << "'";
      if (!nearest.empty()) std::cerr << " (did you mean '" << nearest << "'?)";
      std::cerr << "; `storyloom --help` lists the commands\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and succeed; a usage error exits 2, as
    // the README says.
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return global.exit_code;
}
