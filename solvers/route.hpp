#pragma once
// The fastest route between two points on the road network.

#include <optional>
#include <vector>

#include "engine/cch/cch_query.hpp"
#include "engine/dijkstra.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// A route along the roads. Durations are sums of whole milliseconds (partial edges rounded to
/// the millisecond), lengths sums of whole millimetres, so equal routes give equal figures.
struct Route {
    double duration_s = 0;
    double distance_m = 0;
    std::vector<LonLat> geometry;  ///< from the snapped start to the snapped end, along the roads
                                   ///< (one point if the route does not move)
    std::vector<EdgeId> edges;     ///< in travel order, partial first and last edges included
                                   ///< (a stretch of length 0 is not travelled and not listed)
};

/// A stretch of a route on board a ferry: consecutive ferry edges.
struct FerryCrossing {
    double duration_s = 0;  ///< under the route's metric, boarding included
    double distance_m = 0;
    std::vector<LonLat> geometry;  ///< from the quay boarded to the quay left
};

/// The ferry crossings of `route`, in travel order, timed under `metric` (the route's own).
/// Routes start and end off ferries (snapping never lands on one), so every crossing is of whole
/// edges. O(route edges + crossing points).
std::vector<FerryCrossing> ferry_crossings(const RoadNetwork& network, const Metric& metric,
                                           const Route& route);

/// The fastest route from `from` to `to` under `metric`, or nothing if `to` cannot be reached.
/// Fastest means the smallest duration, and among equal durations the shortest length.
/// `search` is a forward Dijkstra over graph.network(), reused between queries (else
/// ContractError). Stops as soon as no shorter route can exist: O(nodes nearer than the
/// target · log).
std::optional<Route> fastest_route(const RoutingGraph& graph, const Metric& metric,
                                   const Snap& from, const Snap& to, Dijkstra& search);

/// The same route (same duration, distance and, but for ties, edges) on a customized CCH of
/// graph.network(): `query` is one of the metric's topology (else ContractError), reused
/// between queries. O(elimination-tree height · degree + path · triangles): microseconds on a city.
std::optional<Route> fastest_route(const RoutingGraph& graph, const cch::CchMetric& metric,
                                   const Snap& from, const Snap& to, cch::CchQuery& query);

}  // namespace muster
