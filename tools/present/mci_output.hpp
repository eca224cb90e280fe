#pragma once
// The mass-casualty answer as JSON, GIS layers and CSV tables.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/relief_query.hpp"

namespace muster::tools {

nlohmann::json mci_json(const MciAnswer& answer);
/// "casualties" (a line incident → hospital per flow: incident, hospital, category, patients,
/// duration_s), "overflow" (a point per incident and category left over: incident, category,
/// patients, reason), "trips" (a line from where the unit starts, via the incident, to the
/// hospital: unit, trip, incident, hospital, red, yellow, green, depart_s, scene_s, hosp_s,
/// free_s) and "surge" (a point per hospital that must open surge beds: hospital, name,
/// surge_used, red, yellow, green — its surge beds per category — and surge_beds, those it has).
std::vector<FeatureTable> mci_layers(const MciAnswer& answer);
/// The casualty plan and the surge beds to open ("casualties", "surge" of mci_layers) as tables
/// without geometry, for CSV.
std::vector<FeatureTable> casualty_tables(const MciAnswer& answer);

}  // namespace muster::tools
