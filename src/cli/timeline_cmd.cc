// `storyloom timeline STORY`: a stored story's dated events, as text,
// Markdown, JSON or one self-contained HTML page.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/engine.h"
#include "storyloom/timeline.h"
#include "storyloom/views.h"

namespace storyloom::cli {

namespace {

struct TimelineArgs {
  int64_t story = 0;
  std::string store = "storyloom.db";
  size_t dates = 0;
  size_t sentences = 1;
  size_t summary = 3;
  std::string lang;
  std::string format = "text";
};

int RunTimeline(const TimelineArgs& args, const GlobalOptions& global) {
  if (args.format != "text" && args.format != "markdown" && args.format != "json" && args.format != "html") {
    std::cerr << "storyloom timeline: unknown format '" << args.format << "' (text, markdown, json, html)\n";
    return 2;
  }
  auto engine = OpenEngineOrReport(args.store, global, "timeline");
  if (!engine) return 2;
  // The timeline reads the annotations ingest stored. A document stored
  // without them (by an older storyloom) is annotated as ingest would have
  // (lexicons included: they are read on a language's first such document
  // only), so the timeline is the same as the server's.
  if (Status s = engine->Preload(/*stories=*/true); !s.ok()) {
    std::cerr << "storyloom timeline: " << s.message() << "\n";
    return 2;
  }
  TimelineOptions options;
  options.dates = args.dates;
  options.sentences = args.sentences;
  options.summary = args.summary;
  options.lang = args.lang;
  auto view = engine->GetTimeline(args.story, options);
  if (!view) {
    const bool missing = view.error().kind() == ErrorKind::kNotFound;
    std::cerr << "storyloom timeline: " << view.error().message()
              << (missing ? MergedNote(*engine, args.story, "timeline") : "") << "\n";
    return 1;
  }
  const Timeline& timeline = view->timeline;
  if (args.format == "json") {
    std::cout << DumpJson(TimelineViewJson(*view)) << "\n";
  } else if (args.format == "markdown") {
    std::cout << TimelineMarkdown(timeline);
  } else if (args.format == "html") {
    std::string title = "Story " + std::to_string(args.story);
    if (auto s = engine->GetStorySummary(args.story, args.lang); s && !s->title.empty()) title = s->title;
    std::cout << TimelineHtml(timeline, title);
  } else {
    std::cout << TimelineText(timeline);
  }
  return 0;
}

}  // namespace

void AddTimeline(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<TimelineArgs>();
  CLI::App* cmd = app.add_subcommand("timeline", "a story's dated events, ranked, each line citing its sources");
  cmd->add_option("story", args->story, "story id (see `storyloom stories`)")->required();
  cmd->add_option("--store", args->store, kStoreHelp)->capture_default_str();
  cmd->add_option("--dates", args->dates, "dates to show (0: as many as the story supports, at most 30)")
      ->capture_default_str();
  cmd->add_option("--sentences", args->sentences, "sentences per date")->capture_default_str()->check(CLI::Range(1, 20));
  cmd->add_option("--summary", args->summary, "summary sentences")->capture_default_str();
  cmd->add_option("--lang", args->lang, "the reader's language (ISO 639-1): its sentences are preferred");
  cmd->add_option("--format", args->format, "text|markdown|json|html")->capture_default_str();
  cmd->callback([args, &global] { global.exit_code = RunTimeline(*args, global); });
}

}  // namespace storyloom::cli
