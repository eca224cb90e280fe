#pragma once
// The facilities as the HTTP service shows them (GET /shelters, /hospitals, /depots and their
// ids, the events of their changes): what they are and their live state.

#include <nlohmann/json.hpp>

#include "engine/entities.hpp"

namespace muster::tools {

/// {"id", "name", "class", "capacity", "capacity_source", "area_m2" (null if unknown), "status",
/// "occupancy", "over_capacity" (occupancy > capacity), "location": [lon, lat]}.
nlohmann::json shelter_json(const Shelter& shelter);

/// {"id", "name", "beds_red", "beds_yellow", "beds_green", "beds_surge", "region",
/// "location": [lon, lat]}: the beds free now per START category, and the surge beds opened.
nlohmann::json hospital_json(const Hospital& hospital);

/// {"id", "name", "region", "tier", "location": [lon, lat], "stock": {"items": [{"item",
/// "quantity", "unit"}, ...]}}: the stock in PATCH /depots/{id}'s shape.
nlohmann::json depot_json(const Depot& depot);

}  // namespace muster::tools
