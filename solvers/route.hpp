#pragma once
// The fastest route between two points on the road network.

#include <optional>
#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

struct Route {
    double duration_s = 0;
    double distance_m = 0;
    std::vector<LonLat> geometry;  ///< from the snapped start to the snapped end, along the roads
    std::vector<EdgeId> edges;     ///< in travel order, partial first and last edges included
};

/// The fastest route from `from` to `to` under `metric`, or nothing if `to` cannot be reached.
/// `search` is a forward Dijkstra over graph.network(), reused between queries.
/// Stops as soon as no shorter route can exist: O(nodes nearer than the target).
std::optional<Route> fastest_route(const RoutingGraph& graph, const Metric& metric, const Snap& from,
                                   const Snap& to, Dijkstra& search);

}  // namespace muster
