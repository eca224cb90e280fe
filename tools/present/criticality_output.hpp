#pragma once
// The road criticality answer as JSON (the command line's --format json) and as a GIS layer.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/criticality_query.hpp"

namespace muster::tools {

/// {"stretches_tried", "seconds", "target_s", "turnout_s", "units", "population", "covered",
///  "ranked": [{"rank", "road_class", "length_m", "losing_coverage", "cut_off",
///  "added_person_h", "line"}], "metric"}; docs/response.md.
nlohmann::json criticality_json(const CriticalityQuery& query, const CriticalityAnswer& answer);

/// The layer road_criticality: the ranked stretches as lines. docs/outputs.md lists the fields.
std::vector<FeatureTable> criticality_layers(const CriticalityAnswer& answer);

}  // namespace muster::tools
