// `storyloom export stories|events|documents`: the store's stories, their
// events or its documents for other tools, as JSON lines or CSV
// (storyloom/csv.h), with the fields of the JSON views (`stories --json`,
// `stories --events --json`, `docs --json`).
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "storyloom/csv.h"
#include "storyloom/engine.h"
#include "storyloom/views.h"

namespace storyloom::cli {

namespace {

struct ExportArgs {
  std::string what;
  std::string store = "storyloom.db";
  std::string format = "jsonl";
  std::string since;
  std::string lang;
  std::string output;
};

// Writes rows as JSON lines or CSV.
class Rows {
 public:
  Rows(std::ostream& out, bool csv, std::vector<std::string> leading) : out_(out), csv_(csv), writer_(out, leading) {}
  Status Add(const nlohmann::json& row) {
    ++count_;
    if (csv_) return writer_.Write(row);
    out_ << DumpJson(row) << "\n";
    return Status::Ok();
  }
  // No row: a CSV still gets its header, from an example row.
  void Finish(const nlohmann::json& example) {
    if (csv_ && count_ == 0) writer_.WriteHeaderOf(example);
  }
  size_t count() const { return count_; }

 private:
  std::ostream& out_;
  bool csv_;
  CsvWriter writer_;
  size_t count_ = 0;
};

// The stories --lang and --since keep.
Result<StoryList> Stories(Engine& engine, const ExportArgs& args) {
  StoryFilter filter;
  filter.lang = args.lang;
  if (!args.since.empty()) filter.from = args.since;
  return engine.ListStories(filter);
}

Status ExportStories(Engine& engine, const ExportArgs& args, Rows& rows) {
  auto stories = Stories(engine, args);
  if (!stories) return stories.error();
  for (const StorySummary& s : stories->stories) STORYLOOM_RETURN_IF_ERROR(rows.Add(StoryJson(s, true)));
  rows.Finish(StoryJson(StorySummary(), true));
  return Status::Ok();
}

nlohmann::json EventRow(int64_t story, const StoryEvent& e) {
  nlohmann::json j = {{"story", story}};
  j.update(EventJson(e));
  return j;
}

Status ExportEvents(Engine& engine, const ExportArgs& args, Rows& rows) {
  auto stories = Stories(engine, args);
  if (!stories) return stories.error();
  for (const StorySummary& s : stories->stories) {
    auto events = engine.GetEvents(s.id);
    if (!events) return events.error().Prefixed("story " + std::to_string(s.id) + ": ");
    for (const StoryEvent& e : *events) {
      // Since a day: the events that reach it (an undated one cannot say).
      if (!args.since.empty() && (!e.end || *e.end < args.since)) continue;
      STORYLOOM_RETURN_IF_ERROR(rows.Add(EventRow(s.id, e)));
    }
  }
  rows.Finish(EventRow(0, StoryEvent()));
  return Status::Ok();
}

nlohmann::json DocumentRow(const Document& d, const std::map<int64_t, int64_t>& story_of) {
  nlohmann::json j = DocumentJson(d);
  auto it = story_of.find(d.id);
  j["story"] = it == story_of.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
  return j;
}

Status ExportDocuments(Engine& engine, const ExportArgs& args, Rows& rows) {
  // The story of each document, from the story list.
  std::map<int64_t, int64_t> story_of;
  auto stories = engine.ListStories(StoryFilter());
  if (!stories) return stories.error();
  for (const StorySummary& s : stories->stories) {
    for (int64_t doc : s.docs) story_of[doc] = s.id;
  }
  // A page at a time: an archive need not fit in memory.
  constexpr size_t kPage = 1000;
  for (int64_t after = 0;;) {
    auto page = engine.ListDocuments(after, kPage);
    if (!page) return page.error();
    for (const Document& d : *page) {
      after = d.id;
      if (!args.lang.empty() && d.lang != args.lang) continue;
      // Since a day: documents published on it or later (an undated one cannot say).
      if (!args.since.empty() && (!d.published || d.published->substr(0, 10) < args.since)) continue;
      STORYLOOM_RETURN_IF_ERROR(rows.Add(DocumentRow(d, story_of)));
    }
    if (page->size() < kPage) break;
  }
  rows.Finish(DocumentRow(Document(), story_of));
  return Status::Ok();
}

int RunExport(const ExportArgs& args, const GlobalOptions& global) {
  if (!args.since.empty() && !ParseIsoDay(args.since)) {
    std::cerr << "storyloom export: --since takes a day as YYYY-MM-DD, not '" << args.since << "'\n";
    return 2;
  }
  auto engine = OpenEngineOrReport(args.store, global, "export");
  if (!engine) return 2;
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "storyloom export: cannot write " << args.output << "\n";
      return 1;
    }
  }
  std::ostream& out = args.output.empty() ? std::cout : file;
  // The ids lead a CSV's columns.
  const std::vector<std::string> leading = args.what == "stories"  ? std::vector<std::string>{"id"}
                                           : args.what == "events" ? std::vector<std::string>{"story", "number"}
                                                                   : std::vector<std::string>{"id", "story"};
  Rows rows(out, args.format == "csv", leading);
  Status st = args.what == "stories" ? ExportStories(*engine, args, rows)
              : args.what == "events" ? ExportEvents(*engine, args, rows)
                                      : ExportDocuments(*engine, args, rows);
  out.flush();
  if (st.ok() && !out) st = Status::Error("writing " + (args.output.empty() ? std::string("the output") : args.output) + " failed");
  if (!st.ok()) {
    std::cerr << "storyloom export: " << st.message() << "\n";
    return 1;
  }
  if (!args.output.empty()) std::cerr << "storyloom export: " << rows.count() << " " << args.what << " to " << args.output << "\n";
  return 0;
}

}  // namespace

void AddExport(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "stories, events or documents for other tools, as JSON lines or CSV");
  cmd->add_option("what", args->what, "stories, events or documents")
      ->required()
      ->check(CLI::IsMember({"stories", "events", "documents"}));
  cmd->add_option("--store", args->store, kStoreHelp)->capture_default_str();
  cmd->add_option("--format", args->format, "jsonl (one JSON object a line) or csv (RFC 4180, a header row)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("--since", args->since,
                  "only what reaches this day (YYYY-MM-DD): stories with a document published on or after it, "
                  "events ending on or after it, documents published on or after it");
  cmd->add_option("--lang", args->lang, "only stories with documents in this language, their events, or documents in it");
  cmd->add_option("-o,--output", args->output, "write to this file instead of standard output");
  cmd->callback([args, &global] { global.exit_code = RunExport(*args, global); });
}

}  // namespace storyloom::cli
