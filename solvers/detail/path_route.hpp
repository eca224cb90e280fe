#pragma once
// Turning a finished search into a Route: the partial edge out of the start point, the search
// tree's path, the partial edge into the end point; durations and lengths as the search summed
// them, geometry along the roads. Shared by route, nearest and matrix so they agree exactly.

#include <span>

#include "engine/dijkstra.hpp"
#include "engine/network_location.hpp"
#include "solvers/route.hpp"

namespace muster::detail {

/// The fraction along edge e (from its tail) of a point at piece fraction `piece_t`.
double edge_fraction(const RoadNetwork& network, EdgeId e, double piece_t);

/// The route of a trip along one piece (a direct_on_piece() seed) from `from` to `to`. O(piece).
Route direct_route(const RoadNetwork& network, const Seed& direct, const Snap& from,
                   const Snap& to);

/// The route a search found. `search` was seeded with `sources` at the snap `origin`: departures
/// of the origin for a forward search, arrivals at it for a backward one. `end` is a seed of the
/// other point `other` at a settled node: an arrival at `other` (forward) or a departure from it
/// (backward). A forward route runs origin -> other, a backward one other -> origin.
/// Duration and distance are the search's at end.node plus the end seed's. O(path + pieces'
/// points).
Route tree_route(const RoadNetwork& network, const ReverseGraph& reverse, const Dijkstra& search,
                 std::span<const Seed> sources, const Snap& origin, const Seed& end,
                 const Snap& other);

/// The route of a path of whole edges `path` from the node of `start` (a departure from `from`)
/// to the node of `end` (an arrival at `to`), with the duration (ms) and length (mm) given, which
/// include both seeds' partial edges. O(path + pieces' points).
Route path_route(const RoadNetwork& network, const Seed& start, std::span<const EdgeId> path,
                 const Seed& end, const Snap& from, const Snap& to, std::uint64_t duration_ms,
                 std::uint64_t length_mm);

}  // namespace muster::detail
