#pragma once
// The ambulance station siting answer as JSON (the command line's --format json) and as a GIS
// layer.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/station_query.hpp"

namespace muster::tools {

/// {"model", "units", "max_per_site", "target_s", "turnout_s", "long_target_s", "alpha",
///  "busy_fraction", "now": {...}, "plan": {...}, "objective", "bound", "gap", "optimal",
///  "method", "seconds", "stations": [...], "left_out": [...], "population",
///  "unreached_population", "metric"}; docs/response.md.
nlohmann::json station_json(const StationQuery& query, const StationAnswer& answer);

/// The layer station_sites: every site of the instance with its units now and in the plan.
/// docs/outputs.md lists the fields.
std::vector<FeatureTable> station_layers(const StationAnswer& answer);

}  // namespace muster::tools
