#include "tools/server/team_change_json.hpp"

#include <cmath>
#include <string>

#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

QueryError invalid(const std::string& member, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, member + ": " + message);
}

LonLat location_of(const nlohmann::json& value) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
        throw invalid("location", "must be [lon, lat]");
    const double lon = value[0].get<double>(), lat = value[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
        lat > 90)
        throw invalid("location", value.dump() + " is not a WGS84 [lon, lat]");
    return {lon, lat};
}

// "2026-12-04T10:00:00Z", with optional fractions and offset: the shape, not the calendar.
bool looks_like_iso_time(const std::string& text) {
    if (text.size() < 20 || text.size() > 40 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
        if (text[i] < '0' || text[i] > '9')
            return false;
    }
    return true;
}

}  // namespace

TeamChange parse_team_change(const nlohmann::json& body) {
    if (!body.is_object()) {
        throw QueryError(ErrorCode::InvalidJson,
                         "a team change is a JSON object: {\"status\", \"location\", \"time\"}");
    }
    TeamChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "status") {
            if (!value.is_string())
                throw invalid("status", "must be text, e.g. \"dispatched\"");
            change.status = value.get<std::string>();
        } else if (member == "location") {
            change.location = location_of(value);
        } else if (member == "time") {
            if (!value.is_string() || !looks_like_iso_time(value.get<std::string>()))
                throw invalid("time", "must be an ISO 8601 time, e.g. \"2026-12-04T10:00:00Z\"");
            change.position_time = value.get<std::string>();
        } else {
            throw invalid(member,
                          "not a member of a team change (it takes status, location, "
                          "time)");
        }
    }
    if (!change.status && !change.location)
        throw invalid("body", "nothing to change: give status, location or both");
    if (!change.position_time.empty() && !change.location)
        throw invalid("time", "given without a location");
    return change;
}

}  // namespace muster::tools
