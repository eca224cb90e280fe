#include "engine/road_profile.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "engine/text.hpp"
#include "engine/vocabulary.hpp"

namespace muster {
namespace {

// OSRM car.lua default speeds (km/h) per highway class.
constexpr std::array<std::pair<std::string_view, double>, 15> kDriveSpeeds{{
    {"motorway", 90},
    {"motorway_link", 45},
    {"trunk", 85},
    {"trunk_link", 40},
    {"primary", 65},
    {"primary_link", 30},
    {"secondary", 55},
    {"secondary_link", 25},
    {"tertiary", 40},
    {"tertiary_link", 20},
    {"unclassified", 25},
    {"residential", 25},
    {"living_street", 10},
    {"service", 15},
    {"road", 25},
}};

constexpr std::array<std::string_view, 12> kWalkOnlyClasses{
    "footway",   "path",     "pedestrian", "steps",    "track",    "cycleway",
    "bridleway", "corridor", "platform",   "elevator", "crossing", "sidewalk"};

std::string_view tag(const Tags& tags, const std::string& key) {
    auto it = tags.find(key);
    return it == tags.end() ? std::string_view{} : std::string_view{it->second};
}

bool denies(std::string_view value) {
    return value == "no" || value == "private" || value == "agricultural" || value == "forestry" ||
           value == "military";
}

bool grants(std::string_view value) {
    return value == "yes" || value == "designated" || value == "permissive" ||
           value == "destination" || value == "customers" || value == "delivery";
}

// The most specific access tag that is present decides (motorcar > motor_vehicle > vehicle >
// access).
bool car_allowed(const Tags& tags) {
    for (const char* key : {"motorcar", "motor_vehicle", "vehicle", "access"}) {
        const std::string_view value = tag(tags, key);
        if (value.empty())
            continue;
        if (denies(value))
            return false;
        if (grants(value))
            return true;
    }
    return true;
}

WayAccess with_oneway(double speed, std::optional<int> oneway) {
    WayAccess access;
    access.speed_kmh = speed;
    const int direction = oneway.value_or(0);
    access.forward = direction >= 0;
    access.backward = direction <= 0;
    return access;
}

// A ferry sails both ways unless tagged oneway; it is timed by its duration or its length.
WayAccess ferry_access(std::optional<double> crossing_s, std::optional<double> speed_kmh,
                       std::optional<int> oneway) {
    WayAccess access =
        with_oneway(speed_kmh && *speed_kmh > 0 ? *speed_kmh : kFerrySpeedKmh, oneway);
    access.crossing_s = crossing_s;
    access.boarding_s = kFerryBoardingS;
    return access;
}

WayAccess osm_ferry_access(const Tags& tags) {
    return ferry_access(parse_duration_s(tag(tags, "duration")), std::nullopt,
                        parse_oneway(tag(tags, "oneway")));
}

// Reads a number >= 0 of `text` at `pos`, advancing past it; nothing if there is none.
std::optional<double> leading_number(std::string_view text, std::size_t& pos) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value) || value < 0)
        return std::nullopt;
    pos = static_cast<std::size_t>(end - text.data());
    return value;
}

// ISO 8601 "PnDTnHnMnS" (any part may be missing, at least one present).
std::optional<double> iso_duration_s(std::string_view text) {
    if (text.size() < 2 || text.front() != 'P')
        return std::nullopt;
    double total = 0;
    bool time_part = false, any = false;
    for (std::size_t pos = 1; pos < text.size();) {
        if (text[pos] == 'T' && !time_part) {
            time_part = true;
            ++pos;
            continue;
        }
        const auto value = leading_number(text, pos);
        if (!value || pos >= text.size())
            return std::nullopt;
        const char unit = text[pos++];
        if (!time_part && unit == 'D')
            total += *value * 86400;
        else if (time_part && unit == 'H')
            total += *value * 3600;
        else if (time_part && unit == 'M')
            total += *value * 60;
        else if (time_part && unit == 'S')
            total += *value;
        else
            return std::nullopt;
        any = true;
    }
    return any ? std::optional(total) : std::nullopt;
}

}  // namespace

std::string_view to_string(Profile p) {
    return p == Profile::drive ? "drive" : "walk";
}

std::optional<double> default_drive_speed_kmh(std::string_view highway) {
    for (auto [name, speed] : kDriveSpeeds) {
        if (name == highway)
            return speed;
    }
    return std::nullopt;
}

bool is_walkable_class(std::string_view highway) {
    if (highway == "motorway" || highway == "motorway_link")
        return false;
    if (default_drive_speed_kmh(highway))
        return true;
    return std::find(kWalkOnlyClasses.begin(), kWalkOnlyClasses.end(), highway) !=
           kWalkOnlyClasses.end();
}

std::optional<double> parse_maxspeed_kmh(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    if (text == "walk")
        return kWalkingSpeedKmh;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars also reads "nan" and "inf", which are not speeds.
    if (ec != std::errc() || !std::isfinite(value) || value <= 0)
        return std::nullopt;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    while (!unit.empty() && unit.front() == ' ')
        unit.remove_prefix(1);
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph")
        return value;
    if (unit == "mph")
        return value * 1.609344;
    if (unit == "knots")
        return value * 1.852;
    return std::nullopt;
}

double way_duration_s(const WayAccess& access, double length_m) {
    const double moving_s = access.crossing_s.value_or(length_m / (access.speed_kmh / 3.6));
    return moving_s + access.boarding_s;
}

std::optional<double> parse_duration_s(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    std::optional<double> seconds;
    if (!text.empty() && text.front() == 'P') {
        seconds = iso_duration_s(text);
    } else {
        // "MM", "HH:MM" or "HH:MM:SS": whole numbers, minutes and seconds below 60 after a colon.
        std::array<double, 3> parts{};
        std::size_t count = 0, pos = 0;
        while (count < parts.size()) {
            const auto value = leading_number(text, pos);
            if (!value || *value != std::floor(*value))
                return std::nullopt;
            parts[count++] = *value;
            if (pos == text.size())
                break;
            if (text[pos++] != ':')
                return std::nullopt;
        }
        if (pos != text.size())
            return std::nullopt;
        if (count == 1) {
            seconds = parts[0] * 60;
        } else {
            if (parts[1] >= 60 || (count == 3 && parts[2] >= 60))
                return std::nullopt;
            seconds = parts[0] * 3600 + parts[1] * 60 + (count == 3 ? parts[2] : 0);
        }
    }
    if (!seconds || !(*seconds > 0))
        return std::nullopt;
    return seconds;
}

bool is_osm_ferry(const Tags& tags) {
    return tag(tags, "route") == "ferry";
}

std::string_view to_string(RoadStructure structure) {
    switch (structure) {
        case RoadStructure::bridge:
            return "bridge";
        case RoadStructure::tunnel:
            return "tunnel";
        case RoadStructure::none:
            break;
    }
    return "";
}

RoadStructure osm_road_structure(const Tags& tags) {
    const auto is = [&](const char* key) {
        const auto it = tags.find(key);
        return it != tags.end() && !it->second.empty() && it->second != "no";
    };
    return is("bridge")   ? RoadStructure::bridge
           : is("tunnel") ? RoadStructure::tunnel
                          : RoadStructure::none;
}

std::optional<RoadStructure> parse_road_structure(std::string_view text) {
    if (trim_blanks(text).empty())
        return RoadStructure::none;
    const auto value = road_structure_words().canonical(text);
    if (!value)
        return std::nullopt;
    return *value == "bridge"   ? RoadStructure::bridge
           : *value == "tunnel" ? RoadStructure::tunnel
                                : RoadStructure::none;
}

std::optional<int> parse_oneway(std::string_view text) {
    const auto value = oneway_words().canonical(text);
    if (!value)
        return std::nullopt;
    return *value == "yes" ? 1 : *value == "-1" ? -1 : 0;
}

WayAccess osm_drive_access(const Tags& tags) {
    if (is_osm_ferry(tags))
        return car_allowed(tags) ? osm_ferry_access(tags) : WayAccess{};
    const std::string_view highway = tag(tags, "highway");
    const auto class_speed = default_drive_speed_kmh(highway);
    if (!class_speed || !car_allowed(tags))
        return {};
    const std::string_view oneway_tag = tag(tags, "oneway");
    if (oneway_tag == "reversible" || oneway_tag == "alternating")
        return {};

    std::optional<int> oneway = parse_oneway(oneway_tag);
    if (!oneway) {
        const std::string_view junction = tag(tags, "junction");
        const bool implied =
            highway == "motorway" || junction == "roundabout" || junction == "circular";
        oneway = implied ? 1 : 0;
    }
    const double speed = parse_maxspeed_kmh(tag(tags, "maxspeed")).value_or(*class_speed);
    return with_oneway(speed, oneway);
}

WayAccess osm_walk_access(const Tags& tags) {
    const bool ferry = is_osm_ferry(tags);
    if (!ferry && !is_walkable_class(tag(tags, "highway")))
        return {};
    const std::string_view foot = tag(tags, "foot");
    const bool foot_granted = grants(foot);
    if (denies(foot))
        return {};
    if (!foot_granted && denies(tag(tags, "access")))
        return {};
    return ferry ? osm_ferry_access(tags) : with_oneway(kWalkingSpeedKmh, 0);
}

std::optional<std::string> canonical_road_class(std::string_view name) {
    const std::string key = ascii_lower(name);
    if (default_drive_speed_kmh(key) || is_walkable_class(key) || key == "motorway" ||
        key == kFerryClass)
        return key;
    if (const ChineseRoadClass* chinese = find_chinese_road_class(name))
        return std::string(chinese->osm_class);
    return std::nullopt;
}

WayAccess plain_drive_access(std::string_view road_class, std::optional<double> speed_kmh,
                             std::optional<int> oneway) {
    const auto canonical = canonical_road_class(road_class);
    if (canonical == kFerryClass)
        return ferry_access(std::nullopt, speed_kmh, oneway);
    double speed = kUnknownClassSpeedKmh;
    if (canonical) {
        const auto class_speed = default_drive_speed_kmh(*canonical);
        if (!class_speed)
            return {};  // a footway, path or steps
        // A standard's design speed for the Chinese class, else the OSM class's default.
        const ChineseRoadClass* chinese = find_chinese_road_class(road_class);
        speed = chinese && chinese->speed_kmh ? *chinese->speed_kmh : *class_speed;
        if (!oneway && *canonical == "motorway")
            oneway = 1;
    }
    if (speed_kmh && *speed_kmh > 0)
        speed = *speed_kmh;
    return with_oneway(speed, oneway);
}

WayAccess plain_walk_access(std::string_view road_class, std::optional<double> speed_kmh,
                            std::optional<int> oneway) {
    const auto canonical = canonical_road_class(road_class);
    if (canonical == kFerryClass)
        return ferry_access(std::nullopt, speed_kmh, oneway);
    if (canonical && !is_walkable_class(*canonical))
        return {};
    return with_oneway(kWalkingSpeedKmh, 0);
}

}  // namespace muster
