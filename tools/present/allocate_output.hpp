#pragma once
// The relief allocation answer as JSON, GIS layers and a CSV table.

#include <vector>

#include <nlohmann/json.hpp>

#include "geodata/feature_table.hpp"
#include "tools/app/relief_query.hpp"

namespace muster::tools {

nlohmann::json allocate_json(const AllocateAnswer& answer);
/// "shipments" (a line depot → destination per shipment) and "shelter_supply" (or
/// "township_supply" for --to townships: a point per destination and item it needs, served in
/// full or not, with its fill rate). docs/outputs.md lists the fields.
std::vector<FeatureTable> allocate_layers(const AllocateAnswer& answer);
/// The shipments as a table without geometry, for CSV.
FeatureTable shipments_table(const AllocateAnswer& answer);

}  // namespace muster::tools
