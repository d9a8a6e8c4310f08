// Every store command opens its engine the same way: the global resource
// flags, and one line on standard error when the store cannot be opened.
#include <iostream>

#include "cli/commands.h"

namespace storyloom::cli {

std::unique_ptr<Engine> OpenEngineOrReport(const std::string& location, const GlobalOptions& global,
                                           const char* verb, EngineOptions options) {
  options.resources_dir = global.resources_dir;
  options.langid_model = global.langid_model;
  auto engine = Engine::Open(location, options);
  if (!engine) {
    std::cerr << "storyloom " << verb << ": " << engine.error().message() << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

std::string MergedNote(Engine& engine, int64_t story, const std::string& command) {
  auto live = engine.MergedInto(story);
  if (!live || *live == 0) return "";
  const std::string to = std::to_string(*live);
  return "; it was merged into story " + to + ": storyloom " + command + " " + to;
}

}  // namespace storyloom::cli
