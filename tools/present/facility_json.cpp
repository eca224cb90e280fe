#include "tools/present/facility_json.hpp"

namespace muster::tools {

nlohmann::json shelter_json(const Shelter& shelter) {
    return {{"id", shelter.id},
            {"name", shelter.name},
            {"class", to_string(shelter.shelter_class)},
            {"capacity", shelter.capacity},
            {"capacity_source", to_string(shelter.capacity_source)},
            {"area_m2", shelter.area_m2 ? nlohmann::json(*shelter.area_m2) : nlohmann::json()},
            {"status", to_string(shelter.status)},
            {"occupancy", shelter.occupancy},
            {"over_capacity", shelter.occupancy > shelter.capacity},
            {"location", {shelter.location.lon, shelter.location.lat}}};
}

nlohmann::json hospital_json(const Hospital& hospital) {
    return {{"id", hospital.id},
            {"name", hospital.name},
            {"beds_red", hospital.beds_red},
            {"beds_yellow", hospital.beds_yellow},
            {"beds_green", hospital.beds_green},
            {"beds_surge", hospital.beds_surge},
            {"region", hospital.region},
            {"location", {hospital.location.lon, hospital.location.lat}}};
}

nlohmann::json depot_json(const Depot& depot) {
    nlohmann::json items = nlohmann::json::array();
    for (const InventoryItem& i : depot.inventory)
        items.push_back({{"item", i.item}, {"quantity", i.quantity}, {"unit", i.unit}});
    return {{"id", depot.id},
            {"name", depot.name},
            {"region", depot.region},
            {"tier", to_string(depot.tier)},
            {"location", {depot.location.lon, depot.location.lat}},
            {"stock", {{"items", items}}}};
}

}  // namespace muster::tools
