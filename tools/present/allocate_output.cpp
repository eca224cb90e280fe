#include "tools/present/allocate_output.hpp"

#include <map>
#include <set>

#include "tools/present/field_values.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

namespace {

// Units shipped per depot tier, by tier name (every tier, 0 included).
nlohmann::json from_tier_json(const relief::ItemSummary& s) {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t t = 0; t < relief::kDepotTierCount; ++t)
        out[std::string(to_string(static_cast<DepotTier>(t)))] = rounded(s.from_tier[t], 3);
    return out;
}

}  // namespace

nlohmann::json allocate_json(const AllocateAnswer& a) {
    using nlohmann::json;
    json out;
    out["to"] = std::string(to_string(a.to));
    out["days"] = a.days;
    out["metric"] = a.metric;
    out["local_first"] = a.parameters.local_first;
    json targets = json::object();
    for (std::size_t t = 0; t < relief::kDepotTierCount; ++t)
        targets[std::string(to_string(static_cast<DepotTier>(t)))] =
            a.parameters.eta_targets.by_tier_s[t];
    out["eta_targets_s"] = targets;
    json items = json::array();
    for (std::size_t k = 0; k < a.result.items.size(); ++k) {
        const auto& s = a.result.items[k];
        items.push_back({{"item", s.item},
                         {"unit", a.units[k]},
                         {"demand", rounded(s.demand, 3)},
                         {"stock", rounded(s.stock, 3)},
                         {"delivered", rounded(s.delivered, 3)},
                         {"min_fill_rate", rounded(s.min_fill_rate, 6)},
                         {"cross_region", rounded(s.cross_region, 3)},
                         {"from_tier", from_tier_json(s)},
                         {"preference_stages", s.preference_stages},
                         {"weighted_travel_s", rounded(s.weighted_travel_s, 3)},
                         {"fairness_rounds", s.fairness_rounds},
                         {"forced_freezes", s.forced_freezes},
                         {"unshipped_usable", rounded(s.unshipped_usable, 3)}});
    }
    out["items"] = items;
    json shipments = json::array();
    for (const relief::Shipment& s : a.result.shipments) {
        shipments.push_back({{"depot", a.depots[s.depot].id},
                             {"destination", a.destinations[s.destination].id},
                             {"item", s.item},
                             {"quantity", rounded(s.quantity, 3)},
                             {"depot_tier", std::string(to_string(a.problem.depots[s.depot].tier))},
                             {"duration_s", rounded(s.duration_s, 3)},
                             {"eta_target_s", s.eta_target_s},
                             {"late", s.late},
                             {"cross_region", s.cross_region}});
    }
    out["shipments"] = shipments;
    std::set<std::size_t> unreachable(a.result.unreachable.begin(), a.result.unreachable.end());
    json destinations = json::array();
    std::vector<json> fills(a.destinations.size(), json::object());
    for (const relief::Fill& f : a.result.fills) {
        fills[f.destination][f.item] = {{"demand", rounded(f.demand, 3)},
                                        {"delivered", rounded(f.delivered, 3)},
                                        {"fill_rate", rounded(f.fill_rate, 6)}};
    }
    for (std::size_t j = 0; j < a.destinations.size(); ++j) {
        json d{{"id", a.destinations[j].id},
               {"name", a.destinations[j].name},
               {"region", a.destinations[j].region},
               {"location", position_json(a.destinations[j].location)},
               {"reachable", !unreachable.count(j)},
               {"fill", fills[j]}};
        if (a.persons[j] >= 0)
            d["persons"] = a.persons[j];
        destinations.push_back(d);
    }
    out["destinations"] = destinations;
    json unreachable_ids = json::array();
    for (std::size_t j : a.result.unreachable)
        unreachable_ids.push_back(a.destinations[j].id);
    out["unreachable"] = unreachable_ids;
    json unavailable = json::array();
    for (const auto& [id, reason] : a.unavailable)
        unavailable.push_back({{"id", id}, {"reason", reason}});
    out["unavailable_depots"] = unavailable;
    out["notes"] = a.notes;
    out["warnings"] = a.warnings;
    return out;
}

namespace {

std::string unit_for(const AllocateAnswer& a, const std::string& item) {
    for (std::size_t k = 0; k < a.result.items.size(); ++k) {
        if (a.result.items[k].item == item)
            return a.units[k];
    }
    return "";
}

/// What the destinations are: "shelter" or "township", the start of their id and name fields.
std::string destination_word(const AllocateAnswer& a) {
    return a.to == AllocationTarget::shelters ? "shelter" : "township";
}

FeatureTable shipment_rows(const AllocateAnswer& a, bool geometry) {
    const std::string to = destination_word(a);
    FeatureTable table{"shipments",
                       geometry ? GeometryType::line_string : GeometryType::none,
                       {{"depot_id", FieldType::text},
                        {"depot_name", FieldType::text},
                        {to + "_id", FieldType::text},
                        {to + "_name", FieldType::text},
                        {"item", FieldType::text},
                        {"quantity", FieldType::real},
                        {"item_unit", FieldType::text},
                        {"depot_tier", FieldType::text},
                        {"travel_time_min", FieldType::real},
                        {"eta_target_min", FieldType::real},
                        {"late", FieldType::boolean},
                        {"cross_region", FieldType::boolean},
                        {"depot_region", FieldType::text},
                        {to + "_region", FieldType::text}},
                       {}};
    for (const relief::Shipment& s : a.result.shipments) {
        const ReliefPlace& depot = a.depots[s.depot];
        const ReliefPlace& destination = a.destinations[s.destination];
        FeatureRow row;
        row.values = {depot.id,
                      depot.name,
                      destination.id,
                      destination.name,
                      s.item,
                      real(s.quantity, 3),
                      unit_for(a, s.item),
                      std::string(to_string(a.problem.depots[s.depot].tier)),
                      minutes(s.duration_s),
                      minutes(s.eta_target_s),
                      flag(s.late),
                      flag(s.cross_region),
                      depot.region,
                      destination.region};
        if (geometry)
            row.geometry = std::vector<LonLat>{depot.location, destination.location};
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace

std::vector<FeatureTable> allocate_layers(const AllocateAnswer& a) {
    std::set<std::size_t> unreachable(a.result.unreachable.begin(), a.result.unreachable.end());
    // Every destination and item it needs, served in full or not: a fill-rate map without holes.
    const std::string to = destination_word(a);
    FeatureTable supply{to + "_supply",
                        GeometryType::point,
                        {{to + "_id", FieldType::text},
                         {to + "_name", FieldType::text},
                         {"item", FieldType::text},
                         {"item_unit", FieldType::text},
                         {"quantity_demanded", FieldType::real},
                         {"quantity_delivered", FieldType::real},
                         {"quantity_short", FieldType::real},
                         {"fill_rate_pct", FieldType::real},
                         {"reachable", FieldType::boolean}},
                        {}};
    for (const relief::Fill& f : a.result.fills) {
        const ReliefPlace& destination = a.destinations[f.destination];
        FeatureRow row;
        row.values = {destination.id,
                      destination.name,
                      f.item,
                      unit_for(a, f.item),
                      real(f.demand, 3),
                      real(f.delivered, 3),
                      real(std::max(0.0, f.demand - f.delivered), 3),
                      percent(f.fill_rate),
                      flag(!unreachable.count(f.destination))};
        row.geometry = destination.location;
        supply.rows.push_back(std::move(row));
    }
    return {shipment_rows(a, true), std::move(supply)};
}

FeatureTable shipments_table(const AllocateAnswer& a) {
    return shipment_rows(a, false);
}

}  // namespace muster::tools
