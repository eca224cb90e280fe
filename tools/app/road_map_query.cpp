#include "tools/app/road_map_query.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/vocabulary.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"
#include "tools/app/road_map_geometry.hpp"

namespace muster::tools {
namespace {

// The drivable OSM classes (docs/network.md) from the highest; ferries draw with tertiary roads.
constexpr std::array<std::pair<std::string_view, int>, 11> kRanks{{
    {"motorway", 0},
    {"trunk", 1},
    {"primary", 2},
    {"secondary", 3},
    {"tertiary", 4},
    {"ferry", 4},
    {"unclassified", 5},
    {"residential", 6},
    {"living_street", 7},
    {"service", 8},
    {"road", 9},
}};
std::optional<int> known_rank(std::string_view road_class) {
    for (const auto& [name, rank] : kRanks) {
        if (road_class == name)
            return rank;
    }
    return std::nullopt;
}

}  // namespace

int road_class_rank(std::string_view road_class) {
    if (road_class.ends_with("_link"))
        road_class.remove_suffix(std::string_view("_link").size());
    if (const auto rank = known_rank(road_class))
        return *rank;
    // A county's own words (城市主干道, 县道), kept as imported, rank as their OSM class.
    if (const ChineseRoadClass* chinese = find_chinese_road_class(road_class))
        return known_rank(chinese->osm_class).value_or(kUnknownRoadRank);
    return kUnknownRoadRank;
}

BoundingBox parse_bbox(std::string_view text, std::string_view parameter) {
    // Two corners, each a LON,LAT as every point of a query is read.
    const std::string name(parameter);
    if (std::count(text.begin(), text.end(), ',') != 3)
        throw QueryError(ErrorCode::InvalidValue,
                         name + ": expected MINLON,MINLAT,MAXLON,MAXLAT in degrees, got '" +
                             quoted_text(text) + "'");
    const std::size_t middle = text.find(',', text.find(',') + 1);
    const LonLat min = parse_lon_lat(text.substr(0, middle), parameter);
    const LonLat max = parse_lon_lat(text.substr(middle + 1), parameter);
    if (!(min.lon < max.lon) || !(min.lat < max.lat))
        throw QueryError(ErrorCode::InvalidValue,
                         name + ": the minimum longitude and latitude must be below the maximum");
    return {min.lon, min.lat, max.lon, max.lat};
}

int parse_min_class(std::string_view text, std::string_view parameter) {
    if (const auto rank = known_rank(text))
        return *rank;
    std::string classes;
    for (const auto& [name, rank] : kRanks)
        classes += (classes.empty() ? "" : ", ") + std::string(name);
    throw QueryError(ErrorCode::InvalidValue, std::string(parameter) + ": no road class '" +
                                                  quoted_text(text) + "' (there are " + classes +
                                                  ")");
}

double parse_road_map_tolerance(std::string_view text, std::string_view parameter) {
    const auto value = finite_number(text);
    if (!value || *value < 0 || *value > kMaxRoadMapToleranceM) {
        throw QueryError(ErrorCode::InvalidValue,
                         std::string(parameter) + ": '" + std::string(text) +
                             "' is not a number of metres from 0 to " +
                             std::to_string(static_cast<int>(kMaxRoadMapToleranceM)));
    }
    return *value;
}

RoadMapAnswer answer_road_map(const RoutingGraph& graph, const RoadMapQuery& query) {
    const RoadNetwork& network = graph.network();
    std::vector<std::pair<int, PieceId>> ranked;
    for (PieceId p : graph.snaps().pieces_in_box(query.box)) {
        const int rank = road_class_rank(network.piece_class(p));
        if (rank <= query.max_rank)
            ranked.emplace_back(rank, p);
    }
    std::sort(ranked.begin(), ranked.end());
    RoadMapAnswer answer;
    answer.truncated = ranked.size() > query.limit;
    if (answer.truncated)
        ranked.resize(query.limit);
    answer.pieces.reserve(ranked.size());
    for (const auto& [rank, p] : ranked)
        answer.pieces.push_back(p);
    return answer;
}

}  // namespace muster::tools
