#include "tools/present/mci_output.hpp"

#include <map>
#include <set>

#include "tools/present/field_values.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

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
                       {{"incident_id", FieldType::text},
                        {"incident_name", FieldType::text},
                        {"hospital_id", FieldType::text},
                        {"hospital_name", FieldType::text},
                        {"triage_category", FieldType::text},
                        {"patients", FieldType::integer},
                        {"travel_time_min", FieldType::real}},
                       {}};
    for (const relief::CasualtyFlow& f : a.plan.flows) {
        const IncidentSite& incident = a.incidents[f.incident];
        const ReliefPlace& hospital = a.hospitals[f.hospital];
        FeatureRow row;
        row.values = {incident.id,
                      text_or_null(incident.name),
                      hospital.id,
                      text_or_null(hospital.name),
                      std::string(relief::to_string(f.category)),
                      FieldValue(f.patients),
                      minutes(f.duration_s)};
        if (geometry)
            row.geometry = std::vector<LonLat>{incident.location, hospital.location};
        table.rows.push_back(std::move(row));
    }
    return table;
}

// A hospital per row that must open surge beds: how many, for which category, of how many.
FeatureTable surge_rows(const MciAnswer& a, bool geometry) {
    FeatureTable table{"surge_beds",
                       geometry ? GeometryType::point : GeometryType::none,
                       {{"hospital_id", FieldType::text},
                        {"hospital_name", FieldType::text},
                        {"surge_beds_used", FieldType::integer},
                        {"surge_beds_red", FieldType::integer},
                        {"surge_beds_yellow", FieldType::integer},
                        {"surge_beds_green", FieldType::integer},
                        {"surge_beds_total", FieldType::integer}},
                       {}};
    for (std::size_t h = 0; h < a.hospitals.size(); ++h) {
        const relief::HospitalLoad& load = a.plan.hospitals[h];
        if (load.surge_used == 0)
            continue;
        FeatureRow row;
        row.values = {a.hospitals[h].id,
                      text_or_null(a.hospitals[h].name),
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
    FeatureTable overflow{"unplaced_casualties",
                          GeometryType::point,
                          {{"incident_id", FieldType::text},
                           {"incident_name", FieldType::text},
                           {"triage_category", FieldType::text},
                           {"patients", FieldType::integer},
                           {"reason", FieldType::text}},
                          {}};
    for (const relief::Overflow& o : a.plan.overflow) {
        const IncidentSite& incident = a.incidents[o.incident];
        FeatureRow row;
        row.values = {incident.id, text_or_null(incident.name),
                      std::string(relief::to_string(o.category)), FieldValue(o.patients), o.reason};
        row.geometry = incident.location;
        overflow.rows.push_back(std::move(row));
    }
    FeatureTable trips{"ambulance_trips",
                       GeometryType::line_string,
                       {{"team_id", FieldType::text},
                        {"team_name", FieldType::text},
                        {"trip_number", FieldType::integer},
                        {"incident_id", FieldType::text},
                        {"hospital_id", FieldType::text},
                        {"hospital_name", FieldType::text},
                        {"patients_red", FieldType::integer},
                        {"patients_yellow", FieldType::integer},
                        {"patients_green", FieldType::integer},
                        {"departure_min", FieldType::real},
                        {"scene_arrival_min", FieldType::real},
                        {"hospital_arrival_min", FieldType::real},
                        {"free_again_min", FieldType::real}},
                       {}};
    std::vector<LonLat> position;
    for (const ReliefPlace& u : a.units)
        position.push_back(u.location);
    for (const relief::AmbulanceTrip& t : a.trips.trips) {
        const ReliefPlace& hospital = a.hospitals[t.hospital];
        FeatureRow row;
        row.values = {a.units[t.unit].id,
                      text_or_null(a.units[t.unit].name),
                      FieldValue(static_cast<std::int64_t>(t.number)),
                      a.incidents[t.incident].id,
                      hospital.id,
                      text_or_null(hospital.name),
                      FieldValue(t.patients[0]),
                      FieldValue(t.patients[1]),
                      FieldValue(t.patients[2]),
                      minutes(t.depart_s),
                      minutes(t.at_scene_s),
                      minutes(t.at_hospital_s),
                      minutes(t.free_s)};
        row.geometry = std::vector<LonLat>{position[t.unit], a.incidents[t.incident].location,
                                           hospital.location};
        position[t.unit] = hospital.location;
        trips.rows.push_back(std::move(row));
    }
    return {casualty_rows(a, true), std::move(overflow), std::move(trips), surge_rows(a, true)};
}

std::vector<FeatureTable> casualty_tables(const MciAnswer& a) {
    return {casualty_rows(a, false), surge_rows(a, false)};
}

}  // namespace muster::tools
