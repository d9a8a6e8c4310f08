#include "cli/commands.h"

namespace storyloom::cli {
void AddIngest(CLI::App&, GlobalOptions&) {}
void AddDocs(CLI::App&, GlobalOptions&) {}
}  // namespace storyloom::cli
