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

/// Half-width (m) of a band's polygon around the roads it reaches, driving: a display choice (the
/// road and its frontage on a map at town scale), not a coverage rule. The segments and nodes
/// are the exact answer; the polygon is for maps.
inline constexpr double kServiceAreaBufferDriveM = 50.0;
/// Half-width (m) of a band's polygon around the paths it reaches, walking: a pavement and the
/// buildings along it. A display choice, as above.
inline constexpr double kServiceAreaBufferWalkM = 25.0;

/// What service_area draws besides the exact answer.
struct ServiceAreaOptions {
    /// Draw each band's polygon. The polygon costs far more than the search (GEOS's union of
    /// the roads' buffers: about 1 s for 5 minutes and 5 s for 15 minutes from central Malta, whose
    /// roads are reached almost all), so a caller that needs only nodes and segments (a check
    /// against pgRouting, a table) turns it off.
    bool polygons = true;
    /// Half-width of the polygon around the roads in metres; 0 takes the profile's default.
    double buffer_m = 0;
};

/// One band per limit (seconds, sorted ascending), each containing the previous. `direction`
/// from_incident: what can be reached from the point within the limit; to_incident: from where
/// the point can be reached within it. `search` must match (forward / backward Dijkstra over
/// graph.network(), else std::invalid_argument). Per band: the nodes whose travel time is within
/// the limit (nearest first), the stretches of road reached (whole edges, and the part of an
/// edge up to where the time runs out, the origin's own edge from the point; one stretch per
/// edge unless they are apart), and a polygon: the reached roads buffered by
/// kServiceAreaBufferDriveM or kServiceAreaBufferWalkM (buffer_lines_m), the origin itself if no
/// road is travelled; each band's polygon is the previous one's plus the roads it adds. Limits are
/// rounded to the millisecond. One search up to the largest limit: O(nodes reached · log), plus
/// GEOS's buffer and union per band (see ServiceAreaOptions). Throws InputError for a limit that
/// is negative or not finite, or a buffer_m that is negative or not finite.
std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, Dijkstra& search,
                                          const ServiceAreaOptions& options = {});

}  // namespace muster
