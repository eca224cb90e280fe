#pragma once
// The ambulance response answer as JSON (the command line's --format json and GET /response) and
// as GIS layers.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/response_query.hpp"

namespace muster::tools {

/// {"target_s", "turnout_s", "drive_limit_s", "service_radius_m", "population", "covered",
///  "covered_pct", "backed", ..., "by_township": [...], "units": [...], "unavailable": [...],
///  "demand_points", "cells_beyond_target", "grid_cell_m", "metric"}; docs/response.md.
nlohmann::json response_json(const QueryContext& context, const ResponseQuery& query,
                             const ResponseAnswer& answer);

/// Layers: response_cells (each demand cell with its first and backup unit and their response
/// times), response_townships (the townships' areas with their coverage) and response_units
/// (every unit that matched, the unavailable ones with their reason). docs/outputs.md lists the
/// fields.
std::vector<FeatureTable> response_layers(const QueryContext& context, const ResponseQuery& query,
                                          const ResponseAnswer& answer);

}  // namespace muster::tools
