#pragma once
// The coverage answer as JSON (the command line's --format json and GET /coverage) and as GIS
// layers.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/coverage_query.hpp"

namespace muster::tools {

/// {"population", "covered", "assigned", "unassigned", "by_class", "by_township": [...],
///  "shelters": [...], "nearest_policy": {...}, "unsnapped_demand", "metric"}.
nlohmann::json coverage_json(const QueryContext& context, const CoverageQuery& query,
                             const CoverageAnswer& answer);

/// Layers: demand points (with their shelter and walking distance), assignment lines, shelter
/// utilisation, uncovered cells as polygons, and a table per township.
std::vector<FeatureTable> coverage_layers(const QueryContext& context, const CoverageQuery& query,
                                          const CoverageAnswer& answer);

}  // namespace muster::tools
