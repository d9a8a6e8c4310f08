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
#include "stories/story_stage.h"
#include "storyloom/ingest.h"
#include "storyloom/store.h"

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
  auto resources = LoadResourcesOrReport(global);
  if (!resources) return 2;
  auto store = Store::Open(args.store);
  if (!store) {
    std::cerr << "storyloom place: " << store.error().message() << "\n";
    return 2;
  }
  bool tty = isatty(STDERR_FILENO) && !args.quiet;
  (*store)->OnWait([&args, tty] {
    if (tty) std::cerr << "\r\033[K";
    std::cerr << "storyloom: waiting for another writer on " << args.store << "; this one goes on when it has committed\n";
  });
  auto story_resources = StoryResources::Load(resources->paths(), {}, args.lexicons);
  if (!story_resources) {
    std::cerr << "storyloom place: " << story_resources.error().message() << "\n";
    return 2;
  }
  if (tty) std::cerr << "  restoring stories from " << args.store << "...";
  auto stage = StoryStage::Open(**store, **story_resources, args.story);
  if (tty) std::cerr << "\r\033[K";
  if (!stage) {
    std::cerr << "storyloom place: " << stage.error().message() << "\n";
    return 2;
  }
  IngestOptions options;
  options.batch_units = args.batch;
  options.stories = stage->get();
  auto start = std::chrono::steady_clock::now();
  auto on_progress = [&](const IngestProgress& p) {
    if (!tty) return;
    std::fprintf(stderr, "\r\033[K  placing into stories: %zu/%zu documents", p.placed, p.place_total);
    std::fflush(stderr);
  };
  IngestReport total;
  while (true) {
    auto report = PlaceQueued(options, **store, on_progress);
    if (tty) std::cerr << "\r\033[K";
    if (!report) {
      std::cerr << "storyloom place: " << report.error().message() << "\n";
      return 1;
    }
    total.placed += report->placed;
    total.stories_new += report->stories_new;
    total.duplicates += report->duplicates;
    total.merges += report->merges;
    if (args.follow > 0 && report->placed > 0 && !args.quiet) {
      std::fprintf(stderr, "storyloom: placed %zu document(s); %zu stories in all\n", report->placed,
                   (*stage)->index().live_stories());
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
                 total.merges, (*stage)->index().live_stories());
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
