#include "tools/server/incident_json.hpp"

#include <cstdint>
#include <string>

#include "tools/server/json_body.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

constexpr JsonShape kIncident{"an incident", "id, kind, location, casualties, note"};
constexpr JsonShape kIncidentChange{"an incident change", "kind, location, casualties, note"};
constexpr JsonShape kDispatchOrder{"a dispatch order", "teams, or nearest and kind"};

/// A JSON integer of any sign (a count's range is tools/app/live_incidents.hpp's to check).
std::int64_t integer_of(const std::string& member, const json& value) {
    if (!value.is_number_integer())
        throw invalid_member(member, "must be a whole number");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)
        throw invalid_member(member, "too large");
    return value.get<std::int64_t>();
}

/// The categories of a "casualties" object, each set through `set`.
template <class Set>
void read_casualties(const json& value, Set set) {
    if (!value.is_object())
        throw invalid_member("casualties",
                             "must be an object {\"red\", \"yellow\", \"green\", \"black\"}");
    for (const auto& [category, count] : value.items()) {
        if (category != "red" && category != "yellow" && category != "green" && category != "black")
            throw invalid_member("casualties." + category,
                                 "not a START category (red, yellow, green, black)");
        set(category, integer_of("casualties." + category, count));
    }
}

}  // namespace

IncidentDraft parse_incident_draft(const json& body) {
    require_object(body, kIncident);
    IncidentDraft draft;
    for (const auto& [member, value] : body.items()) {
        if (member == "id") {
            draft.id = text_of(value, member);
            if (draft.id.empty())
                throw invalid_member("id", "must not be empty (leave it out for a fresh one)");
        } else if (member == "kind") {
            draft.kind = text_of(value, member);
        } else if (member == "location") {
            draft.location = lon_lat_of(value, "location");
        } else if (member == "casualties") {
            Casualties& c = draft.casualties;
            read_casualties(value, [&](const std::string& category, std::int64_t n) {
                (category == "red"      ? c.red
                 : category == "yellow" ? c.yellow
                 : category == "green"  ? c.green
                                        : c.black) = n;
            });
        } else if (member == "note") {
            draft.note = text_of(value, member);
        } else {
            unknown_member(member, kIncident);
        }
    }
    if (!body.contains("kind"))
        throw invalid_member("kind", "missing (e.g. \"fire\", \"collapse\", \"traffic\")");
    return draft;
}

IncidentChange parse_incident_change(const json& body) {
    require_object(body, kIncidentChange);
    IncidentChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "kind") {
            change.kind = text_of(value, member);
        } else if (member == "location") {
            change.location = lon_lat_of(value, "location");
        } else if (member == "casualties") {
            read_casualties(value, [&](const std::string& category, std::int64_t n) {
                (category == "red"      ? change.red
                 : category == "yellow" ? change.yellow
                 : category == "green"  ? change.green
                                        : change.black) = n;
            });
        } else if (member == "note") {
            change.note = text_of(value, member);
        } else {
            unknown_member(member, kIncidentChange);
        }
    }
    return change;
}

DispatchOrder parse_dispatch_order(const json& body) {
    require_object(body, kDispatchOrder);
    DispatchOrder order;
    for (const auto& [member, value] : body.items()) {
        if (member == "teams") {
            if (!value.is_array() || value.empty())
                throw invalid_member("teams", "must be a non-empty array of team ids");
            for (const json& id : value)
                order.teams.push_back(text_of(id, "teams"));
        } else if (member == "nearest") {
            const std::int64_t k = integer_of("nearest", value);
            if (k < 1)
                throw invalid_member("nearest", "must be a whole number >= 1");
            order.nearest = static_cast<std::size_t>(k);
        } else if (member == "kind") {
            order.kind = text_of(value, member);
        } else {
            unknown_member(member, kDispatchOrder);
        }
    }
    if (!order.teams.empty() && order.nearest > 0)
        throw invalid_member("teams", "give either teams or nearest, not both");
    if (order.teams.empty() && order.nearest == 0)
        throw invalid_member("body", "give teams: [team ids] or nearest: k");
    if (!order.kind.empty() && order.nearest == 0)
        throw invalid_member("kind", "filters the nearest teams: give it with nearest");
    return order;
}

}  // namespace muster::tools
