#pragma once
// The subcommands of `muster`. Each registers its options on the app and runs when chosen.

#include <CLI/CLI.hpp>

namespace muster::tools {

void add_import_command(CLI::App& app);
void add_info_command(CLI::App& app);

}  // namespace muster::tools
