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

/// The demand cells no open shelter serves within its class's service distance, as a GeoJSON
/// FeatureCollection of square Polygons (grid_cell_m on a side, around each demand point; a
/// township too small to hold a cell centre is one such square around its own point). Properties:
/// township (id), township_name, population. Their populations sum to coverage_json's
/// "uncovered" exactly. There is no walking distance: no shelter is within reach of them.
/// The same cells as coverage_layers' "uncovered" layer. O(demand points).
nlohmann::json uncovered_cells_json(const QueryContext& context, const CoverageQuery& query,
                                    const CoverageAnswer& answer);

/// Layers: demand_points (with their nearest shelter and walking distance), shelter_assignment
/// (lines), shelters (every one: the open ones with their load, the closed ones with the reason),
/// uncovered_cells (polygons) and townships (their areas with coverage and assignment).
/// docs/outputs.md lists the fields.
std::vector<FeatureTable> coverage_layers(const QueryContext& context, const CoverageQuery& query,
                                          const CoverageAnswer& answer);

}  // namespace muster::tools
