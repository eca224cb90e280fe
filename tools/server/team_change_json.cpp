#include "tools/server/team_change_json.hpp"

#include <cmath>
#include <string>

#include "tools/server/json_body.hpp"

namespace muster::tools {
namespace {

constexpr JsonShape kTeamChange{"a team change", "status, location, time"};

/// [lon, lat] within WGS84's range (nothing after this checks a team's position).
LonLat location_of(const nlohmann::json& value) {
    const LonLat p = lon_lat_of(value, "location");
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 ||
        p.lat < -90 || p.lat > 90)
        throw invalid_member("location", value.dump() + " is not a WGS84 [lon, lat]");
    return p;
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
    require_object(body, kTeamChange);
    TeamChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "status") {
            change.status = text_of(value, "status", "\"dispatched\"");
        } else if (member == "location") {
            change.location = location_of(value);
        } else if (member == "time") {
            if (!value.is_string() || !looks_like_iso_time(value.get<std::string>()))
                throw invalid_member("time",
                                     "must be an ISO 8601 time, e.g. \"2026-12-04T10:00:00Z\"");
            change.position_time = value.get<std::string>();
        } else {
            unknown_member(member, kTeamChange);
        }
    }
    if (!change.status && !change.location)
        throw invalid_member("body", "nothing to change: give status, location or both");
    if (!change.position_time.empty() && !change.location)
        throw invalid_member("time", "given without a location");
    return change;
}

}  // namespace muster::tools
