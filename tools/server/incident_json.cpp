#include "tools/server/incident_json.hpp"

#include <cstdint>
#include <string>

#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

QueryError invalid(const std::string& member, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, member + ": " + message);
}

void require_object(const json& body, const char* shape) {
    if (!body.is_object())
        throw QueryError(ErrorCode::InvalidJson,
                         std::string("the body must be a JSON object: ") + shape);
}

std::string text_of(const std::string& member, const json& value) {
    if (!value.is_string())
        throw invalid(member, "must be text");
    return value.get<std::string>();
}

LonLat location_of(const json& value) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
        throw invalid("location", "must be [lon, lat] (WGS84)");
    return {value[0].get<double>(), value[1].get<double>()};
}

std::int64_t count_of(const std::string& member, const json& value) {
    if (!value.is_number_integer())
        throw invalid(member, "must be a whole number");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)
        throw invalid(member, "too large");
    return value.get<std::int64_t>();
}

/// The categories of a "casualties" object, each set through `set`.
template <class Set>
void read_casualties(const json& value, Set set) {
    if (!value.is_object())
        throw invalid("casualties",
                      "must be an object {\"red\", \"yellow\", \"green\", \"black\"}");
    for (const auto& [category, count] : value.items()) {
        if (category != "red" && category != "yellow" && category != "green" && category != "black")
            throw invalid("casualties." + category,
                          "not a START category (red, yellow, green, black)");
        set(category, count_of("casualties." + category, count));
    }
}

[[noreturn]] void unknown_member(const std::string& member, const char* takes) {
    throw invalid(member, std::string("not a member of this request (it takes ") + takes + ")");
}

}  // namespace

IncidentDraft parse_incident_draft(const json& body) {
    constexpr const char* kTakes = "id, kind, location, casualties, note";
    require_object(body, kTakes);
    IncidentDraft draft;
    for (const auto& [member, value] : body.items()) {
        if (member == "id") {
            draft.id = text_of(member, value);
            if (draft.id.empty())
                throw invalid("id", "must not be empty (leave it out for a fresh one)");
        } else if (member == "kind") {
            draft.kind = text_of(member, value);
        } else if (member == "location") {
            draft.location = location_of(value);
        } else if (member == "casualties") {
            Casualties& c = draft.casualties;
            read_casualties(value, [&](const std::string& category, std::int64_t n) {
                (category == "red"      ? c.red
                 : category == "yellow" ? c.yellow
                 : category == "green"  ? c.green
                                        : c.black) = n;
            });
        } else if (member == "note") {
            draft.note = text_of(member, value);
        } else {
            unknown_member(member, kTakes);
        }
    }
    if (!body.contains("kind"))
        throw invalid("kind", "missing (e.g. \"fire\", \"collapse\", \"traffic\")");
    return draft;
}

IncidentChange parse_incident_change(const json& body) {
    constexpr const char* kTakes = "kind, location, casualties, note";
    require_object(body, kTakes);
    IncidentChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "kind") {
            change.kind = text_of(member, value);
        } else if (member == "location") {
            change.location = location_of(value);
        } else if (member == "casualties") {
            read_casualties(value, [&](const std::string& category, std::int64_t n) {
                (category == "red"      ? change.red
                 : category == "yellow" ? change.yellow
                 : category == "green"  ? change.green
                                        : change.black) = n;
            });
        } else if (member == "note") {
            change.note = text_of(member, value);
        } else {
            unknown_member(member, kTakes);
        }
    }
    return change;
}

DispatchOrder parse_dispatch_order(const json& body) {
    constexpr const char* kTakes = "teams, or nearest and kind";
    require_object(body, kTakes);
    DispatchOrder order;
    for (const auto& [member, value] : body.items()) {
        if (member == "teams") {
            if (!value.is_array() || value.empty())
                throw invalid("teams", "must be a non-empty array of team ids");
            for (const json& id : value)
                order.teams.push_back(text_of("teams", id));
        } else if (member == "nearest") {
            const std::int64_t k = count_of("nearest", value);
            if (k < 1)
                throw invalid("nearest", "must be a whole number >= 1");
            order.nearest = static_cast<std::size_t>(k);
        } else if (member == "kind") {
            order.kind = text_of(member, value);
        } else {
            unknown_member(member, kTakes);
        }
    }
    if (!order.teams.empty() && order.nearest > 0)
        throw invalid("teams", "give either teams or nearest, not both");
    if (order.teams.empty() && order.nearest == 0)
        throw invalid("body", "give teams: [team ids] or nearest: k");
    if (!order.kind.empty() && order.nearest == 0)
        throw invalid("kind", "filters the nearest teams: give it with nearest");
    return order;
}

}  // namespace muster::tools
