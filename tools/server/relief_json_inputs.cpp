#include "tools/server/relief_json_inputs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <set>

#include "engine/errors.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

QueryError invalid(const std::string& path, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, path + ": " + message);
}

std::string type_of(const json& value) {
    return value.is_number() ? "a number" : std::string("a ") + value.type_name();
}

std::string member(std::string_view field, std::string_view name) {
    return std::string(field) + "." + std::string(name);
}

std::string element(std::string_view field, std::size_t k) {
    return std::string(field) + "[" + std::to_string(k) + "]";
}

/// Refuses a member of `object` that is not in `known` (nor in `also`).
void check_members(const json& object, std::string_view where,
                   std::initializer_list<std::string_view> known,
                   std::span<const std::string_view> also = {}) {
    for (const auto& [name, value] : object.items()) {
        if (std::find(known.begin(), known.end(), name) != known.end() ||
            std::find(also.begin(), also.end(), name) != also.end())
            continue;
        std::string names;
        for (std::string_view k : known)
            names += (names.empty() ? "" : ", ") + std::string(k);
        for (std::string_view k : also)
            names += ", " + std::string(k);
        const std::string path = where.empty() ? name : member(where, name);
        throw QueryError(
            ErrorCode::UnknownParameter,
            path + ": not a member " +
                (where.empty() ? std::string("of the body") : "of " + std::string(where)) +
                " (it takes " + names + ")");
    }
}

const json& array_at(const json& value, std::string_view field, const std::string& what) {
    if (!value.is_array()) {
        throw invalid(std::string(field),
                      "expected a list of " + what + ", got " + type_of(value) +
                          (value.is_string() ? " (the service reads no files)" : ""));
    }
    return value;
}

double number_at(const json& value, const std::string& path) {
    if (!value.is_number())
        throw invalid(path, "expected a number, got " + type_of(value));
    const double number = value.get<double>();
    if (!std::isfinite(number))
        throw invalid(path, "must be finite");
    return number;
}

std::string text_at(const json& value, const std::string& path) {
    if (!value.is_string())
        throw invalid(path, "expected a string, got " + type_of(value));
    return value.get<std::string>();
}

/// A string, or a number written as text (ids in GIS layers are often numbers).
std::string id_at(const json& value, const std::string& path) {
    // Unsigned first: an id above INT64_MAX read as signed would wrap to a negative one.
    if (value.is_number_unsigned())
        return std::to_string(value.get<std::uint64_t>());
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    return text_at(value, path);
}

std::int64_t count_at(const json& value, const std::string& path) {
    const double number = number_at(value, path);
    if (number < 0 || number != std::floor(number) || number > 1e12) {
        throw invalid(path, "casualties must be a whole number >= 0, got " + value.dump());
    }
    return static_cast<std::int64_t>(number);
}

LonLat position_at(const json& value, const std::string& path) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
        throw invalid(path, "expected [lon, lat], got " + value.dump());
    const LonLat p{value[0].get<double>(), value[1].get<double>()};
    if (!(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90))
        throw invalid(path, "[" + value[0].dump() + ", " + value[1].dump() +
                                "] is not a WGS84 "
                                "[lon, lat]");
    return p;
}

/// id, name and the counts of an incident from `fields` (a Feature's properties or a plain
/// object), whose members are at `where`.
void incident_fields(const json& fields, const std::string& where, std::size_t k,
                     IncidentSite& site) {
    site.id = fields.contains("id") && !fields["id"].is_null()
                  ? id_at(fields["id"], member(where, "id"))
                  : std::to_string(k + 1);
    if (fields.contains("name") && !fields["name"].is_null())
        site.name = text_at(fields["name"], member(where, "name"));
    bool any = false;
    const std::array<const char*, 3> names{"red", "yellow", "green"};
    for (std::size_t c = 0; c < 3; ++c) {
        if (!fields.contains(names[c]) || fields[names[c]].is_null())
            continue;
        site.casualties[c] = count_at(fields[names[c]], member(where, names[c]));
        any = true;
    }
    if (!any)
        throw invalid(where, "no casualty counts (red, yellow, green)");
}

IncidentSite incident_feature(const json& feature, const std::string& where, std::size_t k) {
    IncidentSite site;
    const json& geometry = feature.contains("geometry") ? feature["geometry"] : json();
    if (!geometry.is_object() || geometry.value("type", "") != "Point" ||
        !geometry.contains("coordinates")) {
        throw invalid(member(where, "geometry"), "an incident must be a Point");
    }
    site.location = position_at(geometry["coordinates"], member(where, "geometry.coordinates"));
    const json& properties = feature.contains("properties") ? feature["properties"] : json();
    if (!properties.is_object())
        throw invalid(member(where, "properties"), "expected an object of id, name and counts");
    incident_fields(properties, member(where, "properties"), k, site);
    return site;
}

IncidentSite incident_object(const json& item, const std::string& where, std::size_t k) {
    check_members(item, where, {"id", "name", "location", "red", "yellow", "green"});
    IncidentSite site;
    if (!item.contains("location"))
        throw invalid(member(where, "location"), "missing (an incident's [lon, lat])");
    site.location = position_at(item["location"], member(where, "location"));
    incident_fields(item, where, k, site);
    return site;
}

const json* find(const json& body, std::string_view name) {
    const auto it = body.find(std::string(name));
    return it == body.end() || it->is_null() ? nullptr : &*it;
}

double minutes_at(const json& body, std::string_view name, double fallback) {
    const json* value = find(body, name);
    if (!value)
        return fallback;
    const double minutes = number_at(*value, std::string(name));
    if (minutes < 0)
        throw invalid(std::string(name), "must be a number of minutes >= 0");
    return minutes;
}

}  // namespace

std::vector<DemandRow> demand_rows_from_json(const json& value, std::string_view field) {
    std::vector<DemandRow> rows;
    const json& list = array_at(value, field, "{destination, item, quantity} rows");
    for (std::size_t k = 0; k < list.size(); ++k) {
        const json& item = list[k];
        const std::string where = element(field, k);
        if (!item.is_object()) {
            throw invalid(where,
                          "expected an object {destination, item, quantity}, got " + type_of(item));
        }
        check_members(item, where, {"destination", "item", "quantity"});
        DemandRow row;
        row.where = where;
        for (const char* name : {"destination", "item", "quantity"}) {
            if (!item.contains(name))
                throw invalid(member(where, name), "missing");
        }
        row.destination = id_at(item["destination"], member(where, "destination"));
        row.item = text_at(item["item"], member(where, "item"));
        if (row.destination.empty() || row.item.empty())
            throw invalid(where, "the destination and the item must not be empty");
        row.quantity = number_at(item["quantity"], member(where, "quantity"));
        if (row.quantity < 0)
            throw invalid(member(where, "quantity"), "the quantity must be a number >= 0");
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<PersonsRow> persons_rows_from_json(const json& value, std::string_view field) {
    std::vector<PersonsRow> rows;
    const json& list = array_at(value, field, "{destination, persons} rows");
    for (std::size_t k = 0; k < list.size(); ++k) {
        const json& item = list[k];
        const std::string where = element(field, k);
        if (!item.is_object())
            throw invalid(where, "expected an object {destination, persons}, got " + type_of(item));
        check_members(item, where, {"destination", "persons"});
        for (const char* name : {"destination", "persons"}) {
            if (!item.contains(name))
                throw invalid(member(where, name), "missing");
        }
        PersonsRow row;
        row.where = where;
        row.destination = id_at(item["destination"], member(where, "destination"));
        if (row.destination.empty())
            throw invalid(member(where, "destination"), "must not be empty");
        const std::string path = member(where, "persons");
        const double n = number_at(item["persons"], path);
        if (n < 0 || n != std::floor(n) || n > 9e15)
            throw invalid(path,
                          "persons must be a whole number >= 0, got " + item["persons"].dump());
        row.persons = static_cast<std::int64_t>(n);
        rows.push_back(std::move(row));
    }
    return rows;
}

relief::RationTable ration_table_from_json(const json& value, std::string_view field) {
    relief::RationTable table;
    std::set<std::string> seen;
    const json& list = array_at(value, field, "{item, quantity, unit, per, source} rows");
    for (std::size_t k = 0; k < list.size(); ++k) {
        const json& item = list[k];
        const std::string where = element(field, k);
        if (!item.is_object())
            throw invalid(where, "expected an object {item, quantity, ...}, got " + type_of(item));
        check_members(item, where, {"item", "quantity", "unit", "per", "source"});
        relief::Ration r;
        for (const char* name : {"item", "quantity"}) {
            if (!item.contains(name))
                throw invalid(member(where, name), "missing");
        }
        r.item = text_at(item["item"], member(where, "item"));
        if (r.item.empty())
            throw invalid(member(where, "item"), "must not be empty");
        if (!seen.insert(r.item).second)
            throw invalid(member(where, "item"), "'" + r.item + "' is listed twice");
        r.quantity = number_at(item["quantity"], member(where, "quantity"));
        if (r.quantity <= 0)
            throw invalid(member(where, "quantity"), "the quantity per person must be > 0");
        if (const json* unit = find(item, "unit"))
            r.unit = text_at(*unit, member(where, "unit"));
        if (const json* per = find(item, "per")) {
            const std::string basis = text_at(*per, member(where, "per"));
            if (basis == "per_person_day")
                r.basis = relief::RationBasis::per_person_day;
            else if (basis == "per_person")
                r.basis = relief::RationBasis::per_person;
            else
                throw invalid(member(where, "per"),
                              "'" + basis + "' is not per_person_day or per_person");
        }
        if (const json* source = find(item, "source"))
            r.source = text_at(*source, member(where, "source"));
        table.push_back(std::move(r));
    }
    if (table.empty())
        throw invalid(std::string(field), "the ration table is empty");
    return table;
}

std::vector<IncidentSite> incidents_from_json(const json& value, std::string_view field) {
    const std::string name(field);
    const json* list = &value;
    std::string prefix = name;
    if (value.is_object()) {
        if (value.value("type", "") != "FeatureCollection" || !value.contains("features")) {
            throw invalid(name,
                          "expected a GeoJSON FeatureCollection of points or a list of incidents");
        }
        list = &value["features"];
        prefix = member(name, "features");
    }
    array_at(*list, prefix, "incidents (GeoJSON point Features or {id, location, red, ...})");
    std::vector<IncidentSite> sites;
    for (std::size_t k = 0; k < list->size(); ++k) {
        const json& item = (*list)[k];
        const std::string where = element(prefix, k);
        if (!item.is_object())
            throw invalid(where, "expected an incident object, got " + type_of(item));
        sites.push_back(item.value("type", "") == "Feature" ? incident_feature(item, where, k)
                                                            : incident_object(item, where, k));
    }
    return sites;
}

relief::EtaTargets eta_targets_from_json(const json& value, std::string_view field) {
    const std::string path(field);
    if (value.is_number())
        return relief::EtaTargets::uniform(number_at(value, path) * 3600);
    if (value.is_string()) {
        try {
            return parse_eta_targets(value.get<std::string>(), field);
        } catch (const InputError& e) {
            throw QueryError(ErrorCode::InvalidValue, e.what());
        }
    }
    if (!value.is_object()) {
        throw invalid(path, "expected hours (a number), \"TIER=H,...\" or {TIER: hours}, got " +
                                type_of(value));
    }
    relief::EtaTargets targets;
    for (const auto& [name, hours] : value.items()) {
        const std::optional<DepotTier> tier = parse_depot_tier(name);
        if (!tier) {
            throw invalid(member(field, name),
                          "not a depot tier (township, county, city, province, central)");
        }
        const double h = number_at(hours, member(field, name));
        if (!(h > 0))
            throw invalid(member(field, name), "must be > 0 hours");
        targets.by_tier_s[relief::tier_index(*tier)] = h * 3600;
    }
    return targets;
}

AllocateQuery allocate_query_from_json(const json& body, std::span<const std::string_view> also) {
    if (!body.is_object())
        throw QueryError(ErrorCode::InvalidJson, "the body must be a JSON object");
    check_members(
        body, "",
        {"to", "days", "share", "persons", "demand", "ration", "eta-target-h", "no-local-first"},
        also);
    AllocateQuery query;
    query.option_prefix = "";
    if (const json* to = find(body, "to"))
        query.to = parse_allocation_target(text_at(*to, "to"), "to");
    if (const json* days = find(body, "days"))
        query.days = number_at(*days, "days");
    if (const json* share = find(body, "share"))
        query.share = number_at(*share, "share");
    if (const json* hours = find(body, "eta-target-h"))
        query.parameters.eta_targets = eta_targets_from_json(*hours, "eta-target-h");
    if (const json* off = find(body, "no-local-first")) {
        if (!off->is_boolean())
            throw invalid("no-local-first", "expected true or false, got " + type_of(*off));
        query.parameters.local_first = !off->get<bool>();
    }
    if (const json* ration = find(body, "ration")) {
        query.ration = ration_table_from_json(*ration, "ration");
        query.default_ration = false;
    }
    if (const json* persons = find(body, "persons"))
        query.persons = persons_rows_from_json(*persons, "persons");
    if (const json* demand = find(body, "demand"))
        query.demand = demand_rows_from_json(*demand, "demand");
    return query;
}

MciQuery mci_query_from_json(const json& body, std::span<const std::string_view> also) {
    if (!body.is_object())
        throw QueryError(ErrorCode::InvalidJson, "the body must be a JSON object");
    check_members(body, "",
                  {"incidents", "red-limit-min", "yellow-limit-min", "green-limit-min", "scene-min",
                   "handover-min"},
                  also);
    MciQuery query;
    query.option_prefix = "";
    const json* incidents = find(body, "incidents");
    if (!incidents) {
        throw QueryError(ErrorCode::MissingParameter,
                         "incidents: missing (a GeoJSON FeatureCollection of points or a list)");
    }
    query.incidents = incidents_from_json(*incidents, "incidents");
    auto& limit_s = query.casualty.limit_s;
    limit_s[0] = minutes_at(body, "red-limit-min", limit_s[0] / 60) * 60;
    // Yellow and green have no limit unless one is given; null says "none" explicitly.
    const std::array<const char*, 3> limit_names{"red-limit-min", "yellow-limit-min",
                                                 "green-limit-min"};
    for (int c = 1; c < 3; ++c) {
        const json* value = find(body, limit_names[c]);
        if (value && !value->is_null())
            limit_s[c] = minutes_at(body, limit_names[c], 0) * 60;
    }
    query.trips.scene_s = minutes_at(body, "scene-min", query.trips.scene_s / 60) * 60;
    query.trips.handover_s = minutes_at(body, "handover-min", query.trips.handover_s / 60) * 60;
    return query;
}

}  // namespace muster::tools
