#pragma once
// Layers finished for an analyst before they are written: every column titled and described
// (messages.hpp's catalogue), the layer titled, its default style (layer_styles.hpp), and what
// produced it in its description, so that a file found on a shared drive months later still
// says which command, parameters and hazards made it.

#include <string>
#include <vector>

#include "geodata/feature_table.hpp"

namespace muster::tools {

/// What produced a set of layers.
struct RunRecord {
    std::string command_line;  ///< as typed: "muster coverage county.sqlite --out cov.gpkg"
    std::string conditions;    ///< the hazards in force, or empty
    std::string time;          ///< UTC, ISO 8601
};

/// The layer's title in the output language ("Shelter coverage by township"), by its name
/// (docs/outputs.md); the name itself for a layer the catalogue does not know.
std::string layer_title(const std::string& name);

/// "muster 0.1.0, 2026-12-05T10:00:00Z: COMMAND LINE. hazards: …" (the conditions as given):
/// the layers' description.
std::string run_description(const RunRecord& run);

/// `tables` with their columns' titles, descriptions and short names, their titles, the run's
/// description and their default styles.
std::vector<FeatureTable> analyst_layers(std::vector<FeatureTable> tables, const RunRecord& run);

}  // namespace muster::tools
