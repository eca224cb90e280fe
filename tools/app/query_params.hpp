#pragma once
// Parsing the parameters of routing queries from text, shared by the command line and the HTTP
// service: points (LON,LAT or an entity id such as team:amb-1), minutes, counts, profiles and
// directions. Every error is a QueryError whose message starts with the parameter's name.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "engine/coordinate.hpp"
#include "engine/resources.hpp"
#include "engine/road_profile.hpp"
#include "geodata/point_source.hpp"
#include "solvers/nearest.hpp"

namespace muster::tools {

/// A point of a query as the user named it: coordinates, or an entity of the database.
struct QueryPoint {
    std::string text;  ///< as given, for messages: "14.51,35.89" or "team:amb-1"
    LonLat location;
    std::string kind;  ///< team, hospital, shelter, depot, township; empty for coordinates
    std::string id;    ///< the entity's id; empty for coordinates
    std::string name;  ///< the entity's name; empty for coordinates
};

/// "LON,LAT" in WGS84 degrees, e.g. "14.51,35.89". Throws QueryError (InvalidValue) for anything
/// else: not two numbers, not finite, longitude outside [-180, 180], latitude outside [-90, 90].
LonLat parse_lon_lat(std::string_view text, std::string_view parameter);

/// The finite number `text` writes (blanks around it and a leading '+' allowed), or nothing.
std::optional<double> finite_number(std::string_view text);

/// The system the LON,LAT of a query are given in (--coordinates, coordinates=): any word
/// parse_coordinate_system takes. Throws QueryError (InvalidValue) listing the accepted words.
CoordinateSystem parse_coordinates(std::string_view text, std::string_view parameter);

/// "LON,LAT" or "KIND:ID" with KIND one of team, hospital, shelter, depot, township (the id may
/// itself contain ':'). LON,LAT is read in `system` and converted to WGS84 (an entity's location
/// is stored in WGS84 already). Throws QueryError: InvalidValue for bad text or an unknown kind,
/// NotFound for an id the database does not hold. O(entities of the kind).
QueryPoint parse_query_point(std::string_view text, const Resources& resources,
                             std::string_view parameter,
                             CoordinateSystem system = CoordinateSystem::wgs84);

/// "LON,LAT;LON,LAT;...", in `system`: points named 1, 2, ... in order, in WGS84. Throws
/// QueryError (InvalidValue) naming the parameter and the bad item (parse_lon_lat), or for more
/// than kMaxSetPoints points. O(text).
std::vector<NamedPoint> parse_point_list(std::string_view text, std::string_view parameter,
                                         CoordinateSystem system = CoordinateSystem::wgs84);

/// Whether `text` names a set of the database's points: teams, hospitals, shelters, depots or
/// townships.
bool is_database_point_set(std::string_view text);

/// A set of points that never reads a file (what the HTTP service takes from a client): a set of
/// the database (is_database_point_set: every one of them, with their ids and names) or an inline
/// list (parse_point_list, in `system`). Throws QueryError (InvalidValue) for bad coordinates, a
/// set the database holds none of, or more than kMaxSetPoints points. O(points).
std::vector<NamedPoint> resolve_inline_point_set(std::string_view text, const Resources& resources,
                                                 std::string_view parameter,
                                                 CoordinateSystem system = CoordinateSystem::wgs84);

/// The largest time limit a service area accepts, in minutes: two hours. A service area is a
/// question of minutes (an ambulance's 8 to 15, a walk to a shelter's 15 to 60); two hours reach
/// across a county, and beyond they only add the rest of the network, at the cost of a copy of
/// it per band (docs/routing.md, "Limits of one request"). Valhalla's default service limit is
/// the same (max_time_contour 120); Mapbox's isochrones stop at 60 minutes.
inline constexpr double kMaxMinutes = 120;

/// The most time limits (bands) one service area query takes: each band holds every road the
/// previous ones reached, so the memory of an answer grows with their number. A dispatcher reads
/// three or four.
inline constexpr std::size_t kMaxBands = 12;

/// The most points one set of a query takes (a matrix's sources, its targets: so at most a
/// million pairs), whether listed inline or named as a set of the database. A county's teams,
/// hospitals or townships number tens to hundreds.
inline constexpr std::size_t kMaxSetPoints = 1000;

/// The largest k of a nearest query: the facilities listed. A county holds far fewer of a kind.
inline constexpr std::size_t kMaxNearestCount = 10'000;

/// Throws QueryError (InvalidValue) naming `parameter` if `text` is not valid UTF-8: a request's
/// text must be, to be quoted in a JSON answer. O(text).
void check_utf8(std::string_view text, std::string_view parameter);

/// `text` with every byte that is not part of valid UTF-8 written as \xNN: what a JSON answer can
/// carry of text that may not be UTF-8 (an error message quoting a request). O(text).
std::string utf8_text(std::string_view text);

/// `text` as a message may quote it: any byte that is not part of valid UTF-8 or is a control
/// character written as \xNN, and cut to `limit` bytes with "..." after. O(text).
std::string quoted_text(std::string_view text, std::size_t limit = 200);

/// kMaxMinutes as text ("120"), for the messages that name it.
std::string minutes_cap_text();

/// Comma-separated minutes, e.g. "5,10,15": each a finite number in (0, kMaxMinutes], at most
/// kMaxBands of them once repeats are dropped; returned ascending without repeats. Throws
/// QueryError (InvalidValue) naming the bad item or the limit.
std::vector<double> parse_minutes(std::string_view text, std::string_view parameter);

/// A whole number in [1, max], e.g. the k of nearest. Throws QueryError (InvalidValue) quoting
/// the text as given and the range.
std::size_t parse_positive_count(std::string_view text, std::string_view parameter,
                                 std::size_t max = kMaxNearestCount);

/// "drive" or "walk". Throws QueryError (InvalidValue).
Profile parse_profile(std::string_view text, std::string_view parameter);

/// "to" (towards the point: to_incident) or "from" (away from it: from_incident).
/// Throws QueryError (InvalidValue).
TravelDirection parse_direction(std::string_view text, std::string_view parameter);

/// "to" or "from".
std::string_view to_string(TravelDirection direction);

}  // namespace muster::tools
