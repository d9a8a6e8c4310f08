// storyloom place: places what ingest processes run with --no-place left
// on the store's placement queue. Several ingest processes (on several
// machines, with a PostgreSQL store) share the per-document work; placing
// into stories stays one ordered decision, taken here in the queue's order
// (day, content hash), which does not depend on who stored what first.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "storyloom/engine.h"
#include "storyloom/ingest.h"

namespace storyloom::cli {

namespace {

struct PlaceArgs {
  std::string store = "storyloom.db";
  size_t batch = 2048;
  bool quiet = false;
  double follow = 0;  // seconds between looks at the queue; 0: place what is queued and stop
  std::vector<std::string> lexicons;
  StoryOptions story;
};

int RunPlace(const PlaceArgs& args, const GlobalOptions& global) {
  bool tty = isatty(STDERR_FILENO) && !args.quiet;
  EngineOptions eopts;
  eopts.lexicons = args.lexicons;
  eopts.story = args.story;
  eopts.on_wait = [&args, tty] {
    if (tty) std::cerr << "\r\033[K";
    std::cerr << "storyloom: waiting for another writer on " << args.store << "; this one goes on when it has committed\n";
  };
  auto engine = OpenEngineOrReport(args.store, global, "place", eopts);
  if (!engine) return 2;
  IngestOptions options;
  options.batch_units = args.batch;
  auto on_progress = [&](const IngestProgress& p) {
    if (!tty) return;
    if (p.preparing) {
      std::cerr << "\r\033[K  " << p.preparing << "...";
    } else {
      std::fprintf(stderr, "\r\033[K  placing into stories: %zu/%zu documents", p.placed, p.place_total);
    }
    std::fflush(stderr);
  };
  auto start = std::chrono::steady_clock::now();
  IngestReport total;
  while (true) {
    auto report = engine->Place(options, on_progress);
    if (tty) std::cerr << "\r\033[K";
    if (!report) {
      std::cerr << "storyloom place: " << report.error().message() << "\n";
      return 1;
    }
    total.placed += report->placed;
    total.stories_new += report->stories_new;
    total.duplicates += report->duplicates;
    total.merges += report->merges;
    total.stories = report->stories;
    if (args.follow > 0 && report->placed > 0 && !args.quiet) {
      std::fprintf(stderr, "storyloom: placed %zu document(s); %zu stories in all\n", report->placed, report->stories);
    }
    if (args.follow <= 0) break;
    std::this_thread::sleep_for(std::chrono::duration<double>(args.follow));
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.quiet) {
    std::fprintf(stderr,
                 "storyloom: placed %zu document(s) in %.2f s: %zu new stor%s, %zu duplicate(s) folded, %zu merge(s); "
                 "%zu stories in all\n",
                 total.placed, secs, total.stories_new, total.stories_new == 1 ? "y" : "ies", total.duplicates,
                 total.merges, total.stories);
  }
  return 0;
}

}  // namespace

void AddPlace(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<PlaceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "place", "place documents that `ingest --no-place` left queued into stories, in publication order");
  cmd->add_option("--store", args->store, kStoreHelp)->capture_default_str();
  cmd->add_option("--batch", args->batch, "documents placed in one transaction at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--follow", args->follow,
                  "keep running: look at the queue again every this many seconds (for a placer beside running "
                  "ingest processes)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "no progress and no summary");
  cmd->add_option("--lexicon", args->lexicons, "bilingual lexicon files or folders (default: FreeDict and Wiktionary)");
  AddStoryOptions(cmd, args->story);
  cmd->callback([args, &global] { global.exit_code = RunPlace(*args, global); });
}

}  // namespace storyloom::cli
