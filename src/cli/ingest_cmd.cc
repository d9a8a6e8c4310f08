#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "storyloom/engine.h"
#include "storyloom/ingest.h"
#include "storyloom/watch.h"

namespace storyloom::cli {

namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::string store = "storyloom.db";
  std::string format = "auto";
  std::string lang;
  bool strict = false;
  bool keep_bad = false;
  bool quiet = false;
  int threads = 0;
  size_t batch = 2048;
  bool no_stories = false;
  bool no_place = false;
  std::vector<std::string> lexicons;
  StoryOptions story;
  std::string watch;
  double settle = 0.25;
};

std::atomic<bool> g_stop_watch{false};

void OnStopSignal(int) { g_stop_watch = true; }

// `--watch DIR`: files dropped into DIR are ingested as they settle, until
// SIGINT or SIGTERM; each round is said on one line.
int RunWatch(Engine& engine, const IngestArgs& args, const IngestOptions& options, const IssueSink& on_issue) {
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  WatchOptions w;
  w.ingest = options;
  w.settle_seconds = args.settle;
  if (args.store.find("://") == std::string::npos) w.ignore_prefixes.push_back(args.store);
  if (!args.quiet) {
    std::cerr << "storyloom: watching " << args.watch << " for new files (Ctrl-C stops; a file is taken "
              << args.settle << " s after its last change)" << std::endl;
  }
  auto on_round = [&](const WatchRound& r) {
    if (args.quiet) return;
    std::string names = r.files.size() == 1 ? r.files[0] : std::to_string(r.files.size()) + " files";
    if (r.report.inputs == 0 && r.report.inputs_known > 0) {
      std::fprintf(stderr, "storyloom: %s: already stored\n", names.c_str());
      return;
    }
    std::fprintf(stderr, "storyloom: %s: %zu document(s) stored %.2f s after settling", names.c_str(),
                 r.report.documents, r.seconds_since_settled);
    if (r.report.documents_known) std::fprintf(stderr, "; %zu item(s) already stored", r.report.documents_known);
    if (options.stories && options.place) {
      std::fprintf(stderr, "; %zu new stor%s, %zu duplicate(s) folded; %zu stories in all", r.report.stories_new,
                   r.report.stories_new == 1 ? "y" : "ies", r.report.duplicates, r.report.stories);
    }
    std::fprintf(stderr, "\n");
  };
  Status s = WatchFolder(engine, args.watch, w, [] { return g_stop_watch.load(); }, on_issue, on_round);
  if (!s.ok()) {
    std::cerr << "storyloom ingest --watch: " << s.message() << "\n";
    return 1;
  }
  if (!args.quiet) std::cerr << "storyloom: stopped watching " << args.watch << "\n";
  return 0;
}

int RunIngest(const IngestArgs& args, const GlobalOptions& global) {
  IngestOptions options;
  if (!ParseFormat(args.format, &options.format)) {
    std::cerr << "storyloom ingest: unknown format '" << args.format << "' (auto, text, lines, jsonl, html, feed, warc)\n";
    return 2;
  }
  if (args.paths.empty() && args.watch.empty()) {
    std::cerr << "storyloom ingest: give files or folders to read, or --watch FOLDER\n";
    return 2;
  }
  // Said before anything is opened, so that a mistyped folder leaves no
  // empty store behind.
  if (std::error_code ec; !args.watch.empty() && !std::filesystem::is_directory(args.watch, ec)) {
    std::cerr << "storyloom ingest: " << args.watch << ": not a folder (--watch takes the folder files are dropped into)\n";
    return 2;
  }
  options.forced_lang = args.lang;
  options.keep_bad = args.keep_bad;
  options.batch_units = args.batch;
  options.threads = args.threads > 0 ? args.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.stories = !args.no_stories;
  options.place = !args.no_place;
  bool tty = isatty(STDERR_FILENO) && !args.quiet;
  EngineOptions eopts;
  eopts.mode = Store::Mode::kCreate;
  eopts.lexicons = args.lexicons;
  eopts.story = args.story;
  eopts.on_wait = [&args, tty] {
    if (tty) std::cerr << "\r\033[K";
    std::cerr << "storyloom: waiting for another writer on " << args.store
              << " (an ingest or a server storing a POST); this one goes on when it has committed\n";
  };
  auto engine = OpenEngineOrReport(args.store, global, "ingest", eopts);
  if (!engine) return 2;
  if (Status s = engine->Preload(/*stories=*/false); !s.ok()) {
    std::cerr << "storyloom: " << s.message() << "\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  auto on_issue = [&](const InputIssue& i) {
    if (i.note && args.quiet) return;
    if (tty) std::cerr << "\r\033[K";
    std::cerr << "storyloom: " << i.path;
    if (i.line > 0) std::cerr << ":" << i.line;
    std::cerr << ": " << i.message << "\n";
  };
  auto on_progress = [&](const IngestProgress& p) {
    if (!tty) return;
    if (p.preparing) {
      // The story stage: annotation tables and lexicons, then the story
      // index as the store left it.
      std::cerr << "\r\033[K  " << p.preparing << "...";
      return;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (p.place_total > 0) {
      std::fprintf(stderr, "\r\033[K  placing into stories: %zu/%zu documents", p.placed, p.place_total);
      std::fflush(stderr);
      return;
    }
    std::fprintf(stderr, "\r\033[K  %zu/%zu inputs  %zu documents  %.1f MB  %.1f MB/s", p.inputs_done, p.inputs_total,
                 p.documents, static_cast<double>(p.bytes) / 1e6, secs > 0 ? static_cast<double>(p.bytes) / 1e6 / secs : 0.0);
    std::fflush(stderr);
  };
  if (args.paths.empty() && !args.watch.empty()) return RunWatch(*engine, args, options, on_issue);
  auto report = engine->Ingest(args.paths, options, on_issue, on_progress);
  if (tty) std::cerr << "\r\033[K";
  if (!report) {
    std::cerr << "storyloom ingest: " << report.error().message() << "\n";
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.quiet) {
    std::fprintf(stderr, "storyloom: %zu document(s) from %zu input(s) into %s in %.2f s", report->documents,
                 report->inputs, args.store.c_str(), secs);
    if (report->inputs_known) std::fprintf(stderr, "; %zu input(s) already stored, skipped", report->inputs_known);
    if (report->documents_known) {
      std::fprintf(stderr, "; %zu item(s) already stored with the same address and text, skipped",
                   report->documents_known);
    }
    if (report->inputs_failed) std::fprintf(stderr, "; %zu input(s) unreadable", report->inputs_failed);
    if (report->issues) std::fprintf(stderr, "; %zu problem(s) reported above", report->issues);
    std::fprintf(stderr, "\n");
    if (options.stories && args.no_place) {
      std::fprintf(stderr, "storyloom: %zu document(s) wait for placement (storyloom place --store %s)\n",
                   report->queued, args.store.c_str());
    } else if (options.stories) {
      std::fprintf(stderr, "storyloom: %zu new stor%s, %zu duplicate(s) folded, %zu merge(s); %zu stories in all\n",
                   report->stories_new, report->stories_new == 1 ? "y" : "ies", report->duplicates, report->merges,
                   report->stories);
    }
  }
  if (!args.watch.empty()) return RunWatch(*engine, args, options, on_issue);
  if (report->inputs == 0 && report->inputs_known == 0) return 1;  // nothing could be read
  if (args.strict && report->issues > 0) return 1;
  return 0;
}

}  // namespace

void AddIngest(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand("ingest", "read news files into the store");
  cmd->add_option("paths", args->paths, "files, directories (recursive), '-' for standard input; .gz is read transparently");
  cmd->add_option("--watch", args->watch,
                  "then watch this folder, ingesting files dropped into it as they settle, until Ctrl-C or SIGTERM; "
                  "safe to stop or kill at any moment (a restart stores what was not stored)");
  cmd->add_option("--settle", args->settle, "with --watch: seconds a file must stay unchanged before it is taken")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--store", args->store, kStoreHelp)->capture_default_str();
  cmd->add_option("--format", args->format,
                  "auto|text|lines|jsonl|html|feed (RSS, RDF, Atom, news sitemap)|warc (web archive, .warc or .warc.gz)")->capture_default_str();
  cmd->add_option("--lang", args->lang, "every document is in this language (ISO 639-1), skipping identification");
  cmd->add_flag("--strict", args->strict, "exit non-zero on any problem, not only when nothing could be read");
  cmd->add_flag("--keep-bad", args->keep_bad, "keep malformed JSONL lines as text documents instead of skipping them");
  cmd->add_option("--threads", args->threads, "worker threads (default: all cores)");
  cmd->add_option("--batch", args->batch,
                  "documents a batch holds at most; inputs are committed whole, in one or more batches")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "no progress and no summary (problems are still reported)");
  cmd->add_flag("--no-stories", args->no_stories, "store documents only: no annotation, dedup or stories");
  cmd->add_flag("--no-place", args->no_place,
                "store documents with their features and leave them queued for `storyloom place`: for several "
                "ingest processes sharing one store, whose placing stays one ordered decision");
  cmd->add_option("--lexicon", args->lexicons, "bilingual lexicon files or folders (default: FreeDict and Wiktionary)");
  AddStoryOptions(cmd, args->story);
  cmd->callback([args, &global] { global.exit_code = RunIngest(*args, global); });
}

}  // namespace storyloom::cli
