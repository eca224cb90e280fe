#pragma once
// The road criticality answer as JSON (the command line's --format json) and as a GIS layer.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/criticality_query.hpp"

namespace muster::tools {

/// {"stretches_tried", "stretches_over_structures", "ranked_by", "seconds", "target_s",
///  "turnout_s", "units", "population", "covered", "ranked": [{"rank", "road_name",
///  "road_class", "structure", "length_m", "structure_length_m", "losing_coverage", "cut_off",
///  "added_person_h", "losing_shelter_access", "line"}], "metric"}; docs/response.md.
nlohmann::json criticality_json(const CriticalityQuery& query, const CriticalityAnswer& answer);

/// The layer road_criticality: the ranked stretches as lines. docs/outputs.md lists the fields.
std::vector<FeatureTable> criticality_layers(const CriticalityAnswer& answer);

}  // namespace muster::tools
