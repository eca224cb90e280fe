#include "tools/app/query_params.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

QueryError invalid(std::string_view parameter, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, std::string(parameter) + ": " + message);
}

/// The length of the UTF-8 sequence at text[i] (1 to 4), or 0 if none starts there: a stray
/// continuation byte, an overlong form, a surrogate or a code point above U+10FFFF.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the byte after the lead
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong form
        high = lead == 0xED ? 0x9F : 0xBF;  // no surrogate
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;   // no overlong form
        high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return length;
}

template <class Entity>
const Entity* find_by_id(const std::vector<Entity>& items, std::string_view id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [id](const Entity& e) { return e.id == id; });
    return it == items.end() ? nullptr : &*it;
}

template <class Entity>
QueryPoint entity_point(std::string_view text, std::string_view parameter, const char* kind,
                        const std::vector<Entity>& items, std::string_view id) {
    const Entity* entity = find_by_id(items, id);
    if (!entity) {
        throw QueryError(ErrorCode::NotFound,
                         std::string(parameter) + ": no " + kind + " with id '" + quoted_text(id) +
                             "' in the database (" + std::to_string(items.size()) + " " + kind +
                             (items.size() == 1 ? "" : "s") + " stored)");
    }
    return {std::string(text), entity->location, kind, entity->id, entity->name};
}

template <class Entity>
std::vector<NamedPoint> points_of(const std::vector<Entity>& items) {
    std::vector<NamedPoint> out;
    out.reserve(items.size());
    for (const Entity& e : items)
        out.push_back({e.id, e.name, e.location});
    return out;
}

}  // namespace

std::optional<double> finite_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

void check_utf8(std::string_view text, std::string_view parameter) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_sequence(text, i);
        if (length == 0) {
            throw invalid(parameter, "'" + quoted_text(text) + "' is not UTF-8 text (byte " +
                                         std::to_string(i + 1) + ")");
        }
        i += length;
    }
}

namespace {

/// `text` with the bytes that are not valid UTF-8 (and, if `controls`, control characters)
/// written as \\xNN, cut after `limit` bytes with "...".
std::string escaped(std::string_view text, bool controls, std::size_t limit) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < text.size() && out.size() < limit;) {
        const std::size_t length = utf8_sequence(text, i);
        const auto lead = static_cast<unsigned char>(text[i]);
        if (length == 0 || (controls && (lead < 0x20 || lead == 0x7F))) {
            out += "\\x";
            out += kHex[lead >> 4];
            out += kHex[lead & 0xF];
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
        if (out.size() >= limit && i < text.size())
            out += "...";
    }
    return out;
}

}  // namespace

std::string utf8_text(std::string_view text) {
    return escaped(text, false, std::string::npos);
}

std::string quoted_text(std::string_view text, std::size_t limit) {
    return escaped(text, true, limit);
}

CoordinateSystem parse_coordinates(std::string_view text, std::string_view parameter) {
    if (const auto system = parse_coordinate_system(text))
        return *system;
    throw invalid(parameter, "'" + quoted_text(text) +
                                 "' is not a coordinate system; expected wgs84 (also cgcs2000, "
                                 "epsg:4326, epsg:4490), gcj02 (also gcj-02, amap, gaode, "
                                 "tencent) or bd09 (also bd-09, baidu)");
}

std::vector<NamedPoint> parse_point_list(std::string_view text, std::string_view parameter,
                                         CoordinateSystem system) {
    std::vector<NamedPoint> out;
    std::size_t start = 0;
    while (true) {
        if (out.size() == kMaxSetPoints) {
            throw invalid(parameter, "more than " + std::to_string(kMaxSetPoints) +
                                         " points (a set takes at most " +
                                         std::to_string(kMaxSetPoints) + ")");
        }
        const auto semicolon = text.find(';', start);
        const auto item =
            text.substr(start, semicolon == std::string_view::npos ? std::string_view::npos
                                                                   : semicolon - start);
        out.push_back(
            {std::to_string(out.size() + 1), "", to_wgs84(parse_lon_lat(item, parameter), system)});
        if (semicolon == std::string_view::npos)
            break;
        start = semicolon + 1;
    }
    return out;
}

bool is_database_point_set(std::string_view text) {
    return text == "teams" || text == "hospitals" || text == "shelters" || text == "depots" ||
           text == "townships";
}

std::vector<NamedPoint> resolve_inline_point_set(std::string_view text, const Resources& resources,
                                                 std::string_view parameter,
                                                 CoordinateSystem system) {
    if (!is_database_point_set(text))
        return parse_point_list(text, parameter, system);
    std::vector<NamedPoint> points = text == "teams"       ? points_of(resources.teams)
                                     : text == "hospitals" ? points_of(resources.hospitals)
                                     : text == "shelters"  ? points_of(resources.shelters)
                                     : text == "depots"    ? points_of(resources.depots)
                                                           : points_of(resources.townships);
    if (points.empty()) {
        throw invalid(parameter, "the database holds no " + std::string(text));
    }
    if (points.size() > kMaxSetPoints) {
        throw invalid(parameter, "the database holds " + std::to_string(points.size()) + " " +
                                     std::string(text) + "; a set takes at most " +
                                     std::to_string(kMaxSetPoints) + " points");
    }
    return points;
}

LonLat parse_lon_lat(std::string_view text, std::string_view parameter) {
    const std::string shown = quoted_text(text);
    const auto comma = text.find(',');
    if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) {
        throw invalid(
            parameter,
            "'" + shown + "' is not LON,LAT (two numbers separated by a comma, e.g. 14.51,35.89)");
    }
    const auto lon = finite_number(text.substr(0, comma));
    const auto lat = finite_number(text.substr(comma + 1));
    if (!lon)
        throw invalid(parameter, "'" + shown + "': the longitude '" +
                                     quoted_text(trim(text.substr(0, comma))) +
                                     "' is not a number");
    if (!lat)
        throw invalid(parameter, "'" + shown + "': the latitude '" +
                                     quoted_text(trim(text.substr(comma + 1))) +
                                     "' is not a number");
    if (*lon < -180 || *lon > 180)
        throw invalid(parameter, "'" + shown + "': longitude outside [-180, 180]");
    if (*lat < -90 || *lat > 90) {
        throw invalid(
            parameter,
            "'" + shown + "': latitude outside [-90, 90]" +
                (std::fabs(*lon) <= 90 ? std::string(" (longitude comes first: LON,LAT)") : ""));
    }
    return {*lon, *lat};
}

QueryPoint parse_query_point(std::string_view text, const Resources& resources,
                             std::string_view parameter, CoordinateSystem system) {
    check_utf8(text, parameter);
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return {std::string(text), to_wgs84(parse_lon_lat(text, parameter), system), {}, {}, {}};
    const std::string_view kind = text.substr(0, colon);
    const std::string_view id = text.substr(colon + 1);
    if (id.empty())
        throw invalid(parameter, "'" + quoted_text(text) + "': the id after '" + quoted_text(kind) +
                                     ":' is empty");
    if (kind == "team")
        return entity_point(text, parameter, "team", resources.teams, id);
    if (kind == "hospital")
        return entity_point(text, parameter, "hospital", resources.hospitals, id);
    if (kind == "shelter")
        return entity_point(text, parameter, "shelter", resources.shelters, id);
    if (kind == "depot")
        return entity_point(text, parameter, "depot", resources.depots, id);
    if (kind == "township")
        return entity_point(text, parameter, "township", resources.townships, id);
    throw invalid(
        parameter,
        "'" + quoted_text(text) + "': unknown entity kind '" + quoted_text(kind) +
            "' (a point is LON,LAT or team:ID, hospital:ID, shelter:ID, depot:ID, township:ID)");
}

std::string minutes_cap_text() {
    return std::to_string(static_cast<int>(kMaxMinutes));
}

std::vector<double> parse_minutes(std::string_view text, std::string_view parameter) {
    std::vector<double> minutes;
    std::string_view longest;  // the item of the largest limit, as given
    double largest = 0;
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        const std::string_view item = text.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        const auto value = finite_number(item);
        if (!value || *value <= 0) {
            throw invalid(parameter, "'" + quoted_text(trim(item)) +
                                         "' is not a number of minutes in (0, " +
                                         minutes_cap_text() +
                                         "] (give them separated by commas, e.g. 5,10,15)");
        }
        if (*value > largest) {
            largest = *value;
            longest = item;
        }
        minutes.push_back(*value);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    std::sort(minutes.begin(), minutes.end());
    minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
    if (minutes.size() > kMaxBands) {
        throw invalid(parameter, std::to_string(minutes.size()) +
                                     " time limits; a service area takes at most " +
                                     std::to_string(kMaxBands) + " (one band each)");
    }
    if (minutes.back() > kMaxMinutes) {
        throw invalid(parameter, "'" + quoted_text(trim(longest)) + "' is beyond " +
                                     minutes_cap_text() +
                                     " minutes, the longest a service area reaches");
    }
    return minutes;
}

std::size_t parse_positive_count(std::string_view text, std::string_view parameter,
                                 std::size_t max) {
    const std::string_view t = trim(text);
    std::size_t value = 0;
    const auto [stop, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    // Too large for a size_t (errc::result_out_of_range) is out of the range as well.
    if (t.empty() || error != std::errc() || stop != t.data() + t.size() || value == 0 ||
        value > max) {
        throw invalid(parameter, "'" + quoted_text(text) + "' is not a whole number in [1, " +
                                     std::to_string(max) + "]");
    }
    return value;
}

Profile parse_profile(std::string_view text, std::string_view parameter) {
    if (text == "drive")
        return Profile::drive;
    if (text == "walk")
        return Profile::walk;
    throw invalid(parameter, "'" + quoted_text(text) + "' is not a profile (drive or walk)");
}

TravelDirection parse_direction(std::string_view text, std::string_view parameter) {
    if (text == "to")
        return TravelDirection::to_incident;
    if (text == "from")
        return TravelDirection::from_incident;
    throw invalid(parameter, "'" + quoted_text(text) + "' is not a direction (to or from)");
}

std::string_view to_string(TravelDirection direction) {
    return direction == TravelDirection::to_incident ? "to" : "from";
}

}  // namespace muster::tools
