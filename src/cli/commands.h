#ifndef STORYLOOM_CLI_COMMANDS_H_
#define STORYLOOM_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "storyloom/engine.h"
#include "storyloom/resources.h"
#include "storyloom/story.h"

namespace storyloom::cli {

// What --store takes, said the same way by every command.
inline constexpr const char* kStoreHelp =
    "the store: a SQLite file, or a PostgreSQL URL (postgresql://user@host:port/database)";


struct GlobalOptions {
  std::string resources_dir;
  std::string langid_model;
  int exit_code = 0;
};

// Cuts to at most n characters (code points), adding an ellipsis.
inline std::string Clip(const std::string& s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++count > n) return s.substr(0, i) + "…";
  }
  return s;
}

// Loads resources or prints why not; nullptr on failure.
std::unique_ptr<Resources> LoadResourcesOrReport(const GlobalOptions& global);

// Opens an engine over the store at `location` with the global resource
// flags, or prints why not ("storyloom VERB: ..."); nullptr on failure.
std::unique_ptr<Engine> OpenEngineOrReport(const std::string& location, const GlobalOptions& global,
                                           const char* verb, EngineOptions options = {});
// For a story that is not there: where it went when it was merged into
// another ("; it was merged into story 17: storyloom story 17"), else "".
std::string MergedNote(Engine& engine, int64_t story, const std::string& command);

void AddIngest(CLI::App& app, GlobalOptions& global);
void AddPlace(CLI::App& app, GlobalOptions& global);   // place: the placement queue
void AddDocs(CLI::App& app, GlobalOptions& global);  // docs and show
void AddEval(CLI::App& app, GlobalOptions& global);
void AddEvalDates(CLI::App* eval, GlobalOptions& global);  // eval dates
void AddEvalAnchors(CLI::App* eval, GlobalOptions& global);
void AddAnnotate(CLI::App& app, GlobalOptions& global);
void AddEvalStories(CLI::App* eval, GlobalOptions& global);  // eval stories
void AddEvalTimeline(CLI::App* eval, GlobalOptions& global);  // eval timeline
void AddEvalPipeline(CLI::App* eval, GlobalOptions& global);  // eval pipeline
void AddStories(CLI::App& app, GlobalOptions& global);       // stories and story
void AddServe(CLI::App& app, GlobalOptions& global);
void AddTimeline(CLI::App& app, GlobalOptions& global);      // timeline STORY
void AddExport(CLI::App& app, GlobalOptions& global);        // export stories|events|documents
// The story index's knobs as flags (--join, --merge, ...).
void AddStoryOptions(CLI::App* cmd, StoryOptions& options);

}  // namespace storyloom::cli

#endif  // STORYLOOM_CLI_COMMANDS_H_
