#pragma once
// The roads of a map view (GET /map/roads): the pieces of a network that meet a bounding box,
// highest classes first when there are more than a map should draw. The candidates come from the
// network's snapping index (SnapIndex::pieces_in_box, built once when the network loads): a piece
// is in the view when one of its segments' bounding boxes meets the box.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/routing_graph.hpp"

namespace muster::tools {

/// The most pieces one answer carries: enough for a county's main roads at any zoom, few enough
/// for a browser to draw at once.
inline constexpr std::size_t kRoadMapLimit = 20'000;

/// The rank of the classes muster does not know: the lowest.
inline constexpr int kUnknownRoadRank = 10;

/// The drawing rank of a road class, 0 the highest: motorway, trunk, primary, secondary, tertiary
/// (and ferry), unclassified, residential, living_street, service, road; a link ranks with its
/// road; a Chinese class (城市主干道, 县道, engine/vocabulary.hpp) ranks with its OSM class; a
/// class muster does not know ranks below them all.
int road_class_rank(std::string_view road_class);

struct RoadMapQuery {
    BoundingBox box;
    int max_rank = kUnknownRoadRank;  ///< the lowest class wanted (its rank): every class
    std::size_t limit = kRoadMapLimit;
};

/// "MINLON,MINLAT,MAXLON,MAXLAT" in WGS84 degrees. Throws QueryError (InvalidValue) naming
/// `parameter` for anything else: not four finite numbers, a longitude outside [-180, 180], a
/// latitude outside [-90, 90], a minimum not below its maximum.
BoundingBox parse_bbox(std::string_view text, std::string_view parameter);

/// The rank of a class named in a query (min_class=): one road_class_rank knows. Throws QueryError
/// (InvalidValue) naming `parameter` and the classes it takes.
int parse_min_class(std::string_view text, std::string_view parameter);

/// How far from its road a line drawn may stray (tolerance_m=), in metres: a number in
/// [0, kMaxRoadMapToleranceM]. Throws QueryError (InvalidValue) naming `parameter` otherwise.
double parse_road_map_tolerance(std::string_view text, std::string_view parameter);

struct RoadMapAnswer {
    std::vector<PieceId> pieces;  ///< by rank, then by id
    bool truncated = false;       ///< more pieces met the box than the limit: the lowest left out
};

/// The pieces of graph's network in query.box of a class ranked query.max_rank or higher, at most
/// query.limit of them, the highest ranked kept. O(log S + candidates · log candidates).
RoadMapAnswer answer_road_map(const RoutingGraph& graph, const RoadMapQuery& query);

}  // namespace muster::tools
