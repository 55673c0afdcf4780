#include "cli/commands.h"

namespace kg::cli {

void register_graph_commands(CLI::App& app) { (void)app; }

}  // namespace kg::cli
