#pragma once
// Siting answers as JSON, GIS layers and the words they use, for a plain instance's result and
// for a database's answer.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/site_db_query.hpp"

namespace muster::tools {

/// What an answer calls the people its chosen sites take, and the rest: "covered" and
/// "uncovered" for the covering models (lscp, mclp: within the radius, capacity has no part),
/// "assigned" and "unassigned" for the others. JSON keys, table headings and layer fields use them.
struct ServedWords {
    std::string served, unserved;
};
ServedWords served_words(SitingModel model);

/// The solver's figures every site answer starts with, from a database or a plain instance:
/// {"model", "objective", "lower_bound", "upper_bound", "gap", "optimal", "method"}; the
/// objective is the bound's primal side (mclp maximizes, the others minimize).
nlohmann::json siting_result_json(const SitingResult& result);

/// siting_result_json's fields and {"population", "assigned", "unassigned", "person_km",
///  "open_sites": [ids], "chosen": [...], "by_township": [...], "unreachable_demand": [...],
///  "left_out_sites": [...], "assignment": [{"demand", "township", "site", "people", "walk_m"}],
///  ...}; "assigned" and "unassigned" are served_words (covered, uncovered for lscp and mclp), and
///  a chosen site has a "capacity" only in the capacitated models.
nlohmann::json site_db_json(const QueryContext& context, const SiteDbQuery& query,
                            const SiteDbAnswer& answer);

/// Layers: `chosen_sites`, `site_assignment` (lines demand point -> site) and `demand_points`
/// (every demand point with its site and distance, or the reason it has none); people fields are
/// named people_ + served_words, and `chosen_sites` has capacity_persons only in the capacitated
/// models. docs/outputs.md lists the fields.
std::vector<FeatureTable> site_db_layers(const QueryContext& context, const SiteDbAnswer& answer);

/// People of each demand point that the answer assigns to a site (index: demand point).
std::vector<double> assigned_people(const SiteDbAnswer& answer);

}  // namespace muster::tools
