#pragma once
// The mass-casualty answer as JSON, GIS layers and CSV tables.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/relief_query.hpp"

namespace muster::tools {

nlohmann::json mci_json(const MciAnswer& answer);
/// "casualties" (a line incident → hospital per flow, its triage category a field),
/// "unplaced_casualties" (a point per incident and category left over, with the reason),
/// "ambulance_trips" (a line from where the team starts, via the incident, to the hospital) and
/// "surge_beds" (a point per hospital that must open surge beds). docs/outputs.md lists the
/// fields.
std::vector<FeatureTable> mci_layers(const MciAnswer& answer);
/// The casualty plan and the surge beds to open ("casualties", "surge_beds" of mci_layers) as
/// tables without geometry, for CSV.
std::vector<FeatureTable> casualty_tables(const MciAnswer& answer);

}  // namespace muster::tools
