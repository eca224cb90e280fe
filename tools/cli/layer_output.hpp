#pragma once
// Where the command line writes GIS layers: each finished for analysts (titles, styles, and the
// command that made it in its description; tools/present/analyst_layers.hpp), then written by
// geodata's result writer.

#include <string>
#include <vector>

#include "geodata/feature_table.hpp"

namespace muster::tools {

/// Keeps the command line for the layers' descriptions; `muster`'s main calls it first.
void record_command_line(int argc, const char* const* argv);

/// Writes `tables` to `target` (PATH[:LAYER], geodata/result_writer.hpp) with their titles,
/// styles and the run's description (`conditions`: the hazards in force, or empty). Returns what
/// was written. Throws as write_feature_tables does.
std::vector<std::string> write_layers(const std::string& target, std::vector<FeatureTable> tables,
                                      const std::string& conditions = {});

}  // namespace muster::tools
