#include "tools/relief_query.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/geodesic.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/text.hpp"
#include "solvers/matrix.hpp"
#include "tools/geojson.hpp"
#include "tools/matrix_query.hpp"
#include "tools/query_error.hpp"
#include "tools/text_table.hpp"

namespace muster::tools {
namespace {

using Durations = std::vector<std::optional<double>>;

// Travel times from every source to every target, row-major, as `muster matrix` computes them
// (answer_matrix: the same snapping and searches); nothing for a pair the roads do not connect or
// for a point too far from any road (noted once).
Durations durations(const QueryContext& context, const std::vector<LonLat>& from,
                    const std::vector<LonLat>& to, Searches& searches,
                    std::vector<std::string>* notes = nullptr) {
    auto snappable = [&](const std::vector<LonLat>& points, std::vector<std::size_t>& index) {
        std::vector<NamedPoint> kept;
        for (std::size_t i = 0; i < points.size(); ++i) {
            try {
                snap_query_point(context, {std::to_string(i + 1), points[i], {}, {}, {}}, "point");
                index.push_back(kept.size());
                kept.push_back({std::to_string(i + 1), "", points[i]});
            } catch (const QueryError&) {
                index.push_back(SIZE_MAX);
            }
        }
        return kept;
    };
    std::vector<std::size_t> from_index, to_index;
    MatrixQuery query{snappable(from, from_index), snappable(to, to_index)};
    const std::size_t far =
        (from.size() - query.sources.size()) + (to.size() - query.targets.size());
    if (notes && far > 0) {
        notes->push_back(std::to_string(far) + " point(s) farther than " +
                         metres_text(context.snap_limit_m) + " m from any road: unreachable");
    }
    Durations out(from.size() * to.size());
    if (query.sources.empty() || query.targets.empty())
        return out;
    const TravelMatrix m = answer_matrix(context, query, searches).matrix;
    for (std::size_t i = 0; i < from.size(); ++i) {
        if (from_index[i] == SIZE_MAX)
            continue;
        for (std::size_t j = 0; j < to.size(); ++j) {
            if (to_index[j] != SIZE_MAX)
                out[i * to.size() + j] = m.duration(from_index[i], to_index[j]);
        }
    }
    return out;
}

// The region of a point: the township whose area covers it, else the nearest township's.
std::string region_at(const Resources& resources, LonLat point) {
    const Township* nearest = nullptr;
    double best = INFINITY;
    for (const Township& t : resources.townships) {
        if (t.area && covers(*t.area, point))
            return t.region;
        const double d = distance_m(t.location, point);
        if (d < best) {
            best = d;
            nearest = &t;
        }
    }
    return nearest ? nearest->region : std::string();
}

FieldValue real(double value, int decimals) {
    return FieldValue(rounded(value, decimals));
}

FieldValue flag(bool value) {
    return FieldValue(std::int64_t{value ? 1 : 0});
}

std::string unit_of(const Resources& resources, const relief::RationTable& ration,
                    const std::string& item) {
    for (const relief::Ration& r : ration) {
        if (r.item == item && !r.unit.empty())
            return r.unit;
    }
    for (const Depot& d : resources.depots) {
        for (const InventoryItem& i : d.inventory) {
            if (i.item == item)
                return i.unit;
        }
    }
    return "";
}

// The persons of a persons table (× share) per destination of `answer`, 0 where none is listed;
// notes how many destinations the table names and how many persons in all.
std::vector<std::int64_t> listed_persons(AllocateAnswer& answer,
                                         const std::vector<PersonsRow>& rows,
                                         const AllocateQuery& query) {
    std::map<std::string, std::size_t> index;
    for (std::size_t j = 0; j < answer.destinations.size(); ++j)
        index.emplace(answer.destinations[j].id, j);
    const std::string kind = query.to.substr(0, query.to.size() - 1);
    std::vector<std::int64_t> persons(answer.destinations.size(), 0);
    std::vector<const PersonsRow*> first(answer.destinations.size(), nullptr);
    std::int64_t total = 0;
    std::size_t listed = 0;
    for (const PersonsRow& row : rows) {
        const auto it = index.find(row.destination);
        if (it == index.end()) {
            throw QueryError(query_code::kNotFound, row.where + ": no open " + kind + " with id '" +
                                                        row.destination + "'");
        }
        if (first[it->second]) {
            throw QueryError(query_code::kInvalidValue,
                             row.where + ": " + kind + " '" + row.destination +
                                 "' is listed twice (first at " + first[it->second]->where + ")");
        }
        first[it->second] = &row;
        persons[it->second] = std::llround(static_cast<double>(row.persons) * query.share);
        total += persons[it->second];
        listed += persons[it->second] > 0;
    }
    answer.notes.push_back("persons from the table: " + with_commas(total) + " at " +
                           with_commas(listed) + " of " + with_commas(answer.destinations.size()) +
                           " " + query.to + " (the others get none)");
    return persons;
}

}  // namespace

AllocateAnswer answer_allocate(const QueryContext& context, const AllocateQuery& query,
                               Searches& searches) {
    const Resources& resources = context.resources;
    if (query.persons && query.demand) {
        throw QueryError(query_code::kInvalidValue,
                         query.option_prefix + "persons: not with " + query.option_prefix +
                             "demand (an explicit demand has no persons)");
    }
    if (query.to != "shelters" && query.to != "townships") {
        throw QueryError(query_code::kInvalidValue, query.option_prefix + "to: '" + query.to +
                                                        "' is not shelters or townships");
    }
    if (!(query.days >= 0) || !std::isfinite(query.days))
        throw QueryError(query_code::kInvalidValue,
                         query.option_prefix + "days: must be a number >= 0");
    if (!(query.share >= 0 && query.share <= 1))
        throw QueryError(query_code::kInvalidValue,
                         query.option_prefix + "share: must be in [0, 1]");
    for (std::size_t t = 0; t < relief::kDepotTierCount; ++t) {
        if (!(query.parameters.eta_targets.by_tier_s[t] > 0)) {
            throw QueryError(query_code::kInvalidValue,
                             query.option_prefix + "eta-target-h: the target of " +
                                 std::string(to_string(static_cast<DepotTier>(t))) +
                                 " depots must be > 0");
        }
    }

    AllocateAnswer answer;
    answer.to = query.to;
    answer.days = query.days;
    answer.metric = context.metric.label;
    answer.parameters = query.parameters;

    // Depots: those inside a closed zone are unavailable.
    std::set<std::string> held;
    for (const Depot& d : resources.depots) {
        for (const InventoryItem& i : d.inventory)
            held.insert(i.item);
        if (const HazardZone* zone = closed_zone_at(context.hazards, d.location)) {
            answer.unavailable.push_back(
                {d.id, "inside closed hazard zone " + zone->id + " (" + zone->name + ")"});
            continue;
        }
        relief::SupplyDepot supply{d.id, d.region, d.tier, {}};
        for (const InventoryItem& i : d.inventory)
            supply.stock[i.item] += i.quantity;
        answer.problem.depots.push_back(std::move(supply));
        answer.depots.push_back({d.id, d.name, d.region, d.location});
    }
    if (resources.depots.empty())
        throw QueryError(query_code::kInvalidValue, "the database holds no depots");
    auto known_items = [&] {
        std::string out;
        for (const std::string& i : held)
            out += (out.empty() ? "" : ", ") + i;
        return out.empty() ? std::string("none") : out;
    };

    // Destinations and their persons.
    std::vector<std::int64_t> persons;
    if (query.to == "shelters") {
        for (const Shelter& s : resources.shelters) {
            if (ascii_lower(s.status) == "closed")
                continue;
            answer.destinations.push_back(
                {s.id, s.name, region_at(resources, s.location), s.location});
            persons.push_back(static_cast<std::int64_t>(
                std::llround(static_cast<double>(s.capacity) * query.share)));
        }
    } else {
        std::size_t unknown = 0;
        for (const Township& t : resources.townships) {
            if (!t.population && !query.demand && !query.persons) {
                ++unknown;
                continue;
            }
            answer.destinations.push_back({t.id, t.name, t.region, t.location});
            persons.push_back(t.population ? static_cast<std::int64_t>(std::llround(
                                                 static_cast<double>(*t.population) * query.share))
                                           : 0);
        }
        if (unknown > 0) {
            answer.notes.push_back(std::to_string(unknown) +
                                   " township(s) without a population are left out");
        }
    }
    if (answer.destinations.empty())
        throw QueryError(query_code::kInvalidValue, "the database holds no open " + query.to);
    for (const ReliefPlace& p : answer.destinations)
        answer.problem.destinations.push_back({p.id, p.region, {}});
    if (query.persons)
        persons = listed_persons(answer, *query.persons, query);

    if (query.demand) {
        std::map<std::string, std::size_t> index;
        for (std::size_t j = 0; j < answer.destinations.size(); ++j)
            index.emplace(answer.destinations[j].id, j);
        for (const DemandRow& row : *query.demand) {
            const auto it = index.find(row.destination);
            if (it == index.end()) {
                throw QueryError(query_code::kNotFound,
                                 row.where + ": no open " +
                                     query.to.substr(0, query.to.size() - 1) + " with id '" +
                                     row.destination + "'");
            }
            if (!held.count(row.item)) {
                throw QueryError(query_code::kInvalidValue,
                                 row.where + ": unknown item '" + row.item +
                                     "' (items in the inventory: " + known_items() + ")");
            }
            answer.problem.destinations[it->second].demand[row.item] += row.quantity;
        }
        answer.persons.assign(answer.destinations.size(), -1);
    } else {
        std::vector<std::string> skipped;
        for (const relief::Ration& r : query.ration) {
            if (!held.count(r.item)) {
                if (query.default_ration) {
                    skipped.push_back(r.item);
                    continue;
                }
                throw QueryError(query_code::kInvalidValue,
                                 query.option_prefix + "ration: unknown item '" + r.item +
                                     "' (items in the inventory: " + known_items() + ")");
            }
            for (std::size_t j = 0; j < persons.size(); ++j) {
                const double need = relief::ration_demand(r, persons[j], query.days);
                if (need > 0)
                    answer.problem.destinations[j].demand[r.item] = need;
            }
        }
        if (!skipped.empty()) {
            std::string list;
            for (const std::string& s : skipped)
                list += (list.empty() ? "" : ", ") + s;
            answer.notes.push_back("default ration items no depot holds are left out: " + list);
        }
        answer.persons = persons;
    }

    std::vector<LonLat> from, to;
    for (const ReliefPlace& p : answer.depots)
        from.push_back(p.location);
    for (const ReliefPlace& p : answer.destinations)
        to.push_back(p.location);
    answer.problem.duration_s = durations(context, from, to, searches, &answer.notes);
    answer.result = relief::allocate_relief(answer.problem, query.parameters);
    for (const relief::ItemSummary& s : answer.result.items) {
        answer.units.push_back(unit_of(resources, query.ration, s.item));
        if (s.unshipped_usable > 0 || s.forced_freezes > 0) {
            answer.warnings.push_back(
                s.item + ": " + fixed(s.unshipped_usable, 3) + " " + answer.units.back() +
                " left at depots that destinations short of it could still take (fair-share "
                "stage: " +
                std::to_string(s.forced_freezes) +
                " forced freeze(s), where the LP solver stopped short of the optimum)");
        }
    }
    return answer;
}

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
    out["to"] = a.to;
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

FeatureTable shipment_rows(const AllocateAnswer& a, bool geometry) {
    FeatureTable table{"shipments",
                       geometry ? GeometryType::line_string : GeometryType::none,
                       {{"depot", FieldType::text},
                        {"dest", FieldType::text},
                        {"item", FieldType::text},
                        {"quantity", FieldType::real},
                        {"unit", FieldType::text},
                        {"dep_tier", FieldType::text},
                        {"eta_h", FieldType::real},
                        {"target_h", FieldType::real},
                        {"late", FieldType::boolean},
                        {"cross", FieldType::boolean},
                        {"dep_region", FieldType::text},
                        {"dst_region", FieldType::text}},
                       {}};
    for (const relief::Shipment& s : a.result.shipments) {
        FeatureRow row;
        row.values = {a.depots[s.depot].id,
                      a.destinations[s.destination].id,
                      s.item,
                      real(s.quantity, 3),
                      unit_for(a, s.item),
                      std::string(to_string(a.problem.depots[s.depot].tier)),
                      real(s.duration_s / 3600, 4),
                      real(s.eta_target_s / 3600, 4),
                      flag(s.late),
                      flag(s.cross_region),
                      a.depots[s.depot].region,
                      a.destinations[s.destination].region};
        if (geometry) {
            row.geometry = std::vector<LonLat>{a.depots[s.depot].location,
                                               a.destinations[s.destination].location};
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace

std::vector<FeatureTable> allocate_layers(const AllocateAnswer& a) {
    std::set<std::size_t> unreachable(a.result.unreachable.begin(), a.result.unreachable.end());
    FeatureTable unmet{"unmet",
                       GeometryType::point,
                       {{"dest", FieldType::text},
                        {"item", FieldType::text},
                        {"demand", FieldType::real},
                        {"delivered", FieldType::real},
                        {"fill_rate", FieldType::real},
                        {"reachable", FieldType::boolean}},
                       {}};
    for (const relief::Fill& f : a.result.fills) {
        if (f.fill_rate >= 1 - 1e-9)
            continue;
        FeatureRow row;
        row.values = {a.destinations[f.destination].id,
                      f.item,
                      real(f.demand, 3),
                      real(f.delivered, 3),
                      real(f.fill_rate, 6),
                      flag(!unreachable.count(f.destination))};
        row.geometry = a.destinations[f.destination].location;
        unmet.rows.push_back(std::move(row));
    }
    return {shipment_rows(a, true), std::move(unmet)};
}

FeatureTable shipments_table(const AllocateAnswer& a) {
    return shipment_rows(a, false);
}

MciAnswer answer_mci(const QueryContext& context, const MciQuery& query, Searches& searches) {
    const Resources& resources = context.resources;
    if (query.incidents.empty())
        throw QueryError(query_code::kInvalidValue,
                         query.option_prefix + "incidents: no incident sites");
    std::int64_t total = 0;
    for (const IncidentSite& s : query.incidents)
        total += s.casualties[0] + s.casualties[1] + s.casualties[2];
    if (total == 0)
        throw QueryError(query_code::kInvalidValue,
                         query.option_prefix + "incidents: no casualties at any site");

    MciAnswer answer;
    answer.metric = context.metric.label;
    answer.casualty = query.casualty;
    answer.trip_parameters = query.trips;
    answer.incidents = query.incidents;
    for (const IncidentSite& s : query.incidents)
        answer.problem.incidents.push_back({s.id, s.casualties});
    for (const Hospital& h : resources.hospitals) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, h.location)) {
            answer.unavailable.push_back({h.id, "inside closed hazard zone " + zone->id});
            continue;
        }
        answer.hospitals.push_back({h.id, h.name, h.region, h.location});
        answer.problem.hospitals.push_back(
            {h.id, {h.beds_red, h.beds_yellow, h.beds_green}, h.beds_surge});
    }
    if (answer.hospitals.empty())
        throw QueryError(query_code::kInvalidValue, "no hospital is available");
    std::vector<relief::AmbulanceUnit> units;
    for (const Team& t : resources.teams) {
        if (ascii_lower(t.kind) != "ambulance" || ascii_lower(t.status) != "available")
            continue;
        if (const HazardZone* zone = closed_zone_at(context.hazards, t.location)) {
            answer.unavailable.push_back({t.id, "inside closed hazard zone " + zone->id});
            continue;
        }
        answer.units.push_back({t.id, t.name, t.region, t.location});
        units.push_back({t.id, std::max<std::int64_t>(1, t.capacity)});
    }

    // An incident no road comes near is a wrong position, not a casualty without a hospital.
    for (std::size_t k = 0; k < query.incidents.size(); ++k) {
        const IncidentSite& s = query.incidents[k];
        const std::string text =
            "'" + s.id + "' at " + fixed(s.location.lon, 6) + "," + fixed(s.location.lat, 6);
        try {
            snap_query_point(context, {text, s.location, {}, {}, {}}, "incident");
        } catch (const QueryError& e) {
            throw QueryError(e.code(), query.option_prefix + "incidents[" + std::to_string(k) +
                                           "]: " + e.what());
        }
    }
    std::vector<LonLat> sites, hospitals, bases;
    for (const IncidentSite& s : query.incidents)
        sites.push_back(s.location);
    for (const ReliefPlace& h : answer.hospitals)
        hospitals.push_back(h.location);
    for (const ReliefPlace& u : answer.units)
        bases.push_back(u.location);
    answer.problem.duration_s = durations(context, sites, hospitals, searches);
    answer.plan = relief::distribute_casualties(answer.problem, query.casualty);
    relief::TripTimes times;
    times.base_to_incident = durations(context, bases, sites, searches);
    times.hospital_to_incident = durations(context, hospitals, sites, searches);
    times.hospital_to_base = durations(context, hospitals, bases, searches);
    answer.trips =
        relief::plan_ambulance_trips(answer.problem, answer.plan, units, times, query.trips);
    return answer;
}

nlohmann::json mci_json(const MciAnswer& a) {
    using nlohmann::json;
    auto counts = [](const relief::TriageCounts& c) {
        return json{{"red", c[0]}, {"yellow", c[1]}, {"green", c[2]}};
    };
    json out;
    out["metric"] = a.metric;
    // JSON has no infinity: a category without a limit has null.
    const auto limit = [](double s) { return std::isfinite(s) ? json(s) : json(nullptr); };
    out["red_limit_s"] = limit(a.casualty.limit_s[0]);
    out["yellow_limit_s"] = limit(a.casualty.limit_s[1]);
    out["green_limit_s"] = limit(a.casualty.limit_s[2]);
    out["weights"] = {{"red", a.casualty.weights[0]},
                      {"yellow", a.casualty.weights[1]},
                      {"green", a.casualty.weights[2]}};
    out["casualties"] = counts(a.plan.total);
    out["placed"] = counts(a.plan.placed);
    out["surge_used"] = a.plan.surge_used;
    out["weighted_time_s"] = rounded(a.plan.weighted_time_s, 3);
    json flows = json::array();
    for (const relief::CasualtyFlow& f : a.plan.flows) {
        flows.push_back({{"incident", a.incidents[f.incident].id},
                         {"hospital", a.hospitals[f.hospital].id},
                         {"category", std::string(relief::to_string(f.category))},
                         {"patients", f.patients},
                         {"duration_s", rounded(f.duration_s, 3)}});
    }
    out["flows"] = flows;
    json overflow = json::array();
    for (const relief::Overflow& o : a.plan.overflow) {
        overflow.push_back({{"incident", a.incidents[o.incident].id},
                            {"category", std::string(relief::to_string(o.category))},
                            {"patients", o.patients},
                            {"reason", o.reason}});
    }
    out["overflow"] = overflow;
    json hospitals = json::array();
    for (std::size_t h = 0; h < a.hospitals.size(); ++h) {
        const auto& load = a.plan.hospitals[h];
        if (load.patients[0] + load.patients[1] + load.patients[2] == 0)
            continue;
        json entry = counts(load.patients);
        entry["id"] = a.hospitals[h].id;
        entry["name"] = a.hospitals[h].name;
        entry["surge_beds"] = a.problem.hospitals[h].surge;
        entry["surge_used"] = load.surge_used;
        entry["surge"] = counts(load.surge);
        hospitals.push_back(entry);
    }
    out["hospitals"] = hospitals;
    json trips = json::array();
    for (const relief::AmbulanceTrip& t : a.trips.trips) {
        trips.push_back({{"unit", a.units[t.unit].id},
                         {"trip", t.number},
                         {"incident", a.incidents[t.incident].id},
                         {"hospital", a.hospitals[t.hospital].id},
                         {"patients", counts(t.patients)},
                         {"depart_s", rounded(t.depart_s, 3)},
                         {"at_scene_s", rounded(t.at_scene_s, 3)},
                         {"at_hospital_s", rounded(t.at_hospital_s, 3)},
                         {"free_s", rounded(t.free_s, 3)}});
    }
    out["trips"] = trips;
    json units = json::array();
    for (std::size_t u = 0; u < a.units.size(); ++u) {
        if (a.trips.units[u].trips == 0)
            continue;
        json entry{{"id", a.units[u].id}, {"trips", a.trips.units[u].trips}};
        entry["back_at_base_s"] = a.trips.units[u].back_at_base_s
                                      ? json(rounded(*a.trips.units[u].back_at_base_s, 3))
                                      : json(nullptr);
        units.push_back(entry);
    }
    out["units"] = units;
    out["unserved"] = counts(a.trips.unserved);
    out["last_arrival_s"] = rounded(a.trips.last_arrival_s, 3);
    json unavailable = json::array();
    for (const auto& [id, reason] : a.unavailable)
        unavailable.push_back({{"id", id}, {"reason", reason}});
    out["unavailable"] = unavailable;
    return out;
}

namespace {

FeatureTable casualty_rows(const MciAnswer& a, bool geometry) {
    FeatureTable table{"casualties",
                       geometry ? GeometryType::line_string : GeometryType::none,
                       {{"incident", FieldType::text},
                        {"hospital", FieldType::text},
                        {"category", FieldType::text},
                        {"patients", FieldType::integer},
                        {"duration_s", FieldType::real}},
                       {}};
    for (const relief::CasualtyFlow& f : a.plan.flows) {
        FeatureRow row;
        row.values = {a.incidents[f.incident].id, a.hospitals[f.hospital].id,
                      std::string(relief::to_string(f.category)), FieldValue(f.patients),
                      real(f.duration_s, 3)};
        if (geometry) {
            row.geometry = std::vector<LonLat>{a.incidents[f.incident].location,
                                               a.hospitals[f.hospital].location};
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

// A hospital per row that must open surge beds: how many, for which category, of how many.
FeatureTable surge_rows(const MciAnswer& a, bool geometry) {
    FeatureTable table{"surge",
                       geometry ? GeometryType::point : GeometryType::none,
                       {{"hospital", FieldType::text},
                        {"name", FieldType::text},
                        {"surge_used", FieldType::integer},
                        {"red", FieldType::integer},
                        {"yellow", FieldType::integer},
                        {"green", FieldType::integer},
                        {"surge_beds", FieldType::integer}},
                       {}};
    for (std::size_t h = 0; h < a.hospitals.size(); ++h) {
        const relief::HospitalLoad& load = a.plan.hospitals[h];
        if (load.surge_used == 0)
            continue;
        FeatureRow row;
        row.values = {a.hospitals[h].id,
                      a.hospitals[h].name,
                      FieldValue(load.surge_used),
                      FieldValue(load.surge[0]),
                      FieldValue(load.surge[1]),
                      FieldValue(load.surge[2]),
                      FieldValue(a.problem.hospitals[h].surge)};
        if (geometry)
            row.geometry = a.hospitals[h].location;
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace

std::vector<FeatureTable> mci_layers(const MciAnswer& a) {
    FeatureTable overflow{"overflow",
                          GeometryType::point,
                          {{"incident", FieldType::text},
                           {"category", FieldType::text},
                           {"patients", FieldType::integer},
                           {"reason", FieldType::text}},
                          {}};
    for (const relief::Overflow& o : a.plan.overflow) {
        FeatureRow row;
        row.values = {a.incidents[o.incident].id, std::string(relief::to_string(o.category)),
                      FieldValue(o.patients), o.reason};
        row.geometry = a.incidents[o.incident].location;
        overflow.rows.push_back(std::move(row));
    }
    FeatureTable trips{"trips",
                       GeometryType::line_string,
                       {{"unit", FieldType::text},
                        {"trip", FieldType::integer},
                        {"incident", FieldType::text},
                        {"hospital", FieldType::text},
                        {"red", FieldType::integer},
                        {"yellow", FieldType::integer},
                        {"green", FieldType::integer},
                        {"depart_s", FieldType::real},
                        {"scene_s", FieldType::real},
                        {"hosp_s", FieldType::real},
                        {"free_s", FieldType::real}},
                       {}};
    std::vector<LonLat> position;
    for (const ReliefPlace& u : a.units)
        position.push_back(u.location);
    for (const relief::AmbulanceTrip& t : a.trips.trips) {
        FeatureRow row;
        row.values = {a.units[t.unit].id,         FieldValue(static_cast<std::int64_t>(t.number)),
                      a.incidents[t.incident].id, a.hospitals[t.hospital].id,
                      FieldValue(t.patients[0]),  FieldValue(t.patients[1]),
                      FieldValue(t.patients[2]),  real(t.depart_s, 3),
                      real(t.at_scene_s, 3),      real(t.at_hospital_s, 3),
                      real(t.free_s, 3)};
        row.geometry = std::vector<LonLat>{position[t.unit], a.incidents[t.incident].location,
                                           a.hospitals[t.hospital].location};
        position[t.unit] = a.hospitals[t.hospital].location;
        trips.rows.push_back(std::move(row));
    }
    return {casualty_rows(a, true), std::move(overflow), std::move(trips), surge_rows(a, true)};
}

std::vector<FeatureTable> casualty_tables(const MciAnswer& a) {
    return {casualty_rows(a, false), surge_rows(a, false)};
}

}  // namespace muster::tools
