#pragma once
// A scenario comparison as JSON (the command line's --format json) and as a GIS layer of the
// differences by township.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/compare_query.hpp"

namespace muster::tools {

/// The two sides' figures for one comparison.
struct Comparison {
    const Resources& resources;  ///< the database's townships (the same on both sides)
    const CompareSide& baseline;
    const CompareSide& scenario;
    std::string scenario_name;
};

/// {"scenario", "totals": {figure: {"baseline", "scenario", "change"}}, "by_township":
///  [{"id", "name", "population", figure: {...}}], "casualties": {...} or null,
///  "relief_note", "metric": {"baseline", "scenario"}}; docs/response.md.
nlohmann::json compare_json(const Comparison& c);

/// The layer scenario_townships: the townships' areas with each figure in the baseline, in the
/// scenario and its change. docs/outputs.md lists the fields.
std::vector<FeatureTable> compare_layers(const Comparison& c);

}  // namespace muster::tools
