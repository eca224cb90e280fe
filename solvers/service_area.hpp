#pragma once
// Service areas (isochrones): what can be reached from a point within given times, or, in the
// reverse direction, from where the point can be reached within them.

#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/geometry.hpp"
#include "engine/routing_graph.hpp"
#include "solvers/nearest.hpp"

namespace muster {

/// A stretch of road reached within a limit: an edge from one fraction of its length to another.
struct ReachedSegment {
    EdgeId edge = kInvalidEdge;
    double from_fraction = 0;
    double to_fraction = 1;
    std::vector<LonLat> geometry;
};

struct ServiceAreaBand {
    double limit_s = 0;
    std::vector<NodeId> nodes;             ///< reached within the limit
    std::vector<ReachedSegment> segments;  ///< road reached within the limit, partial edges included
    MultiPolygon area;                     ///< polygon around the reached roads
};

/// One band per limit (ascending), each containing the previous. `direction` to_incident means
/// "from where can the point be reached"; `search` must match it (backward / forward).
std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric, const Snap& origin,
                                          std::vector<double> limits_s, TravelDirection direction,
                                          Dijkstra& search);

}  // namespace muster
