#pragma once
// How roads are used by each travel profile: which ways a car or a pedestrian may use, in which
// directions, and at what speed. Interprets OSM tags (highway, maxspeed, oneway, junction, access;
// route=ferry with duration) and the class / speed / oneway fields of plain road layers.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/coordinate.hpp"

namespace muster {

/// The travel profiles muster routes for.
enum class Profile { drive, walk };
std::string_view to_string(Profile p);

/// What one profile may do on a way, in the way's digitised direction.
struct WayAccess {
    constexpr WayAccess() = default;
    /// A road's access: its directions and speed (no crossing time, no boarding).
    constexpr WayAccess(bool forward, bool backward, double speed_kmh)
        : forward(forward), backward(backward), speed_kmh(speed_kmh) {}

    bool forward = false;
    bool backward = false;
    double speed_kmh = 0;
    /// A ferry's crossing time for the whole way, from its duration tag; nothing: its length at
    /// speed_kmh.
    std::optional<double> crossing_s;
    /// Time added to the whole way: boarding and leaving a ferry. 0 on roads.
    double boarding_s = 0;
    bool usable() const { return forward || backward; }
};

/// The time to travel the whole of a way of `length_m` metres: crossing_s (or the length at
/// speed_kmh) plus boarding_s. A piece of the way takes its share by length.
double way_duration_s(const WayAccess& access, double length_m);

/// What carries a road over or under something else. Closing one cuts a road where no detour is
/// near, so road criticality flags them (solvers/response/road_criticality.hpp).
enum class RoadStructure : std::uint8_t { none, bridge, tunnel };

/// "bridge", "tunnel", or "" for none: the values the road table stores.
std::string_view to_string(RoadStructure structure);

/// A road as read from a line layer: one polyline and what each profile may do on it.
struct RoadWay {
    std::string id;
    std::string name;
    std::string road_class;
    std::vector<LonLat> points;
    WayAccess drive;
    WayAccess walk;
    RoadStructure structure = RoadStructure::none;
};

/// OSM tags of one way, `highway` included.
using Tags = std::unordered_map<std::string, std::string>;

/// The road class of every ferry crossing, whatever its source called it (route=ferry, 轮渡, ...).
inline constexpr std::string_view kFerryClass = "ferry";

/// Ferry speed when a crossing has no duration (planning assumption): 20 km/h, about 11 knots,
/// a slow vehicle ferry's service speed. OSRM's car and foot profiles use 5 km/h, which folds an
/// unknown wait for the departure into the speed; muster adds kFerryBoardingS instead.
inline constexpr double kFerrySpeedKmh = 20.0;

/// Time to board and leave a ferry, added to every crossing (planning assumption: 10 minutes).
/// Waiting for a departure is not modelled: OSM holds no timetables, and in an emergency the
/// crossing is requisitioned.
inline constexpr double kFerryBoardingS = 600.0;

/// Walking speed, km/h: about 1.4 m/s, the usual planning figure for an unhurried adult.
inline constexpr double kWalkingSpeedKmh = 5.0;

/// Default speed of a drivable OSM highway class in km/h (OSRM's car profile defaults), or
/// nothing if the class is not drivable.
std::optional<double> default_drive_speed_kmh(std::string_view highway);

/// Whether pedestrians use this highway class (everything but motorways and non-roads).
bool is_walkable_class(std::string_view highway);

/// maxspeed in km/h: "50", "50 km/h", "30 mph", "walk"; nothing for "none", "signals", zone codes.
std::optional<double> parse_maxspeed_kmh(std::string_view text);

/// An OSM duration in seconds: "HH:MM", "HH:MM:SS", "MM" (minutes) or ISO 8601 ("PT1H45M");
/// nothing for anything else or a duration that is not > 0.
std::optional<double> parse_duration_s(std::string_view text);

/// Whether the OSM tags make a ferry crossing (route=ferry).
bool is_osm_ferry(const Tags& tags);

/// A way's structure from its OSM tags: bridge=* or tunnel=* of any value but "no" (viaduct,
/// boardwalk, building_passage, ...); a way tagged as both is a bridge.
RoadStructure osm_road_structure(const Tags& tags);

/// A plain layer's structure word: bridge, tunnel or none, in English or Chinese (桥梁, 高架桥,
/// 隧道, 地道, 无, ...; road_structure_words()); an empty word is none. Nothing if unrecognised.
std::optional<RoadStructure> parse_road_structure(std::string_view text);

/// oneway as +1 (digitised direction), -1 (against it) or 0 (both); nothing if unrecognised.
/// Accepts OSM values (yes/true/1/-1/reverse/no/false/0), y/n and 是/否, 单向/双向, 单行/双行
/// (oneway_words()).
std::optional<int> parse_oneway(std::string_view text);

/// Car access on an OSM way: drivable class, not access=no/private, maxspeed overriding the class
/// speed, oneway as tagged or implied on motorways and roundabouts; reversible ways are not used.
/// A ferry (route=ferry) carries cars unless motorcar, motor_vehicle, vehicle or access (the
/// most specific present) deny them, as OSRM's car profile reads it; it crosses in its duration
/// or at kFerrySpeedKmh, plus kFerryBoardingS.
WayAccess osm_drive_access(const Tags& tags);

/// Pedestrian access on an OSM way: walkable class, both directions, kWalkingSpeedKmh; excluded by
/// access=no/private or foot=no unless foot=yes/designated/permissive. A ferry carries people on
/// the same terms, in the direction(s) it sails, timed as for cars.
WayAccess osm_walk_access(const Tags& tags);

/// Canonical OSM highway class for a class name of a plain road layer: OSM names pass through;
/// Chinese road classes (高速公路, 一级公路, 国道, 县道, 主干路, 城市次干道, 支路, 人行道, ...;
/// chinese_road_classes()) map to their nearest OSM class, ferry lines (轮渡, 渡口, ...) to
/// kFerryClass. Nothing if the name is unknown.
std::optional<std::string> canonical_road_class(std::string_view name);

/// Access on a way of a plain road layer: the class decides drivability and default speed (a
/// Chinese technical grade or urban class its standard's design speed, JTG B01-2014 / CJJ
/// 37-2012; any other class its OSM class's speed), a given speed > 0 overrides it, a given
/// oneway value (+1/-1/0) sets the driving directions. A ferry line carries cars and people, at
/// its given speed or kFerrySpeedKmh, plus kFerryBoardingS; its oneway value sets the directions
/// of both. Unknown classes are drivable at kUnknownClassSpeedKmh.
WayAccess plain_drive_access(std::string_view road_class, std::optional<double> speed_kmh,
                             std::optional<int> oneway);
WayAccess plain_walk_access(std::string_view road_class, std::optional<double> speed_kmh = {},
                            std::optional<int> oneway = {});

/// Speed assumed for a road class muster does not know (a planning assumption, reported).
inline constexpr double kUnknownClassSpeedKmh = 30.0;

}  // namespace muster
