#pragma once
// Service areas (isochrones): what can be reached from a point within given times, or, in the
// reverse direction, from where the point can be reached within them.

#include <cstddef>
#include <stop_token>
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
    std::vector<NodeId> nodes;  ///< reached within the limit
    /// The band's ring of road: reached within its limit and not within the previous band's,
    /// partial edges included. The segments of bands 0..b are all the road band b reaches.
    std::vector<ReachedSegment> segments;
    MultiPolygon area;  ///< polygon around the road reached within the limit (bands 0..b)
};

/// The largest time limit service_area takes, in seconds: a day. Far beyond any emergency
/// question, and far inside the millisecond counters of the search.
inline constexpr double kMaxServiceAreaLimitS = 86'400;

/// Side (m) of the cells a driving band's polygon is drawn with: a town block, the scale at
/// which a dispatcher reads a 5-to-15-minute area. A display choice: the segments and nodes are
/// the exact answer, the polygon is for maps.
inline constexpr double kServiceAreaCellDriveM = 100.0;
/// Side (m) of the cells a walking band's polygon is drawn with: a few houses along a street.
inline constexpr double kServiceAreaCellWalkM = 25.0;
/// The most cells one polygon raster may have (2 bytes each); beyond, the cells are enlarged.
inline constexpr std::size_t kServiceAreaMaxCells = 4'000'000;

/// What service_area draws besides the exact answer.
struct ServiceAreaOptions {
    /// Draw each band's polygon (a 15-minute area on Malta: about 55 ms with it, where the search
    /// takes 2.5 ms; see docs/routing.md). A caller that needs only nodes and segments (a check
    /// against pgRouting, a table) turns it off.
    bool polygons = true;
    /// Side of the polygon's cells in metres; 0 takes the profile's default.
    double cell_m = 0;
    /// Once requested, service_area throws muster::Stopped at its next check (during the search,
    /// and before each band's road and polygon).
    std::stop_token stop{};
};

/// One band per limit (seconds, sorted ascending), each containing the previous. `direction`
/// from_incident: what can be reached from the point within the limit; to_incident: from where the
/// point can be reached within it. `search` must match (forward / backward Dijkstra over
/// graph.network(), else ContractError). Per band: the nodes whose travel time is within the limit
/// (nearest first), the stretches of road first reached in it, beyond the previous band's limit
/// (whole edges, and the part of an edge up to where the time runs out, the origin's own edge from
/// the point; one stretch per edge unless they are apart: a ring, so that many bands do not repeat
/// the roads of the smaller ones), and a polygon: the cells of a square grid
/// (kServiceAreaCellDriveM or kServiceAreaCellWalkM, centred on the snapped point, in a local
/// metric frame) that a stretch of this band or a smaller one passes through, plus the point's own
/// cell, outlined (outline_cells). So the polygon holds every reached stretch, and each of its
/// points lies within a cell's diagonal of one; along a straight road it ends within one cell of
/// where the time runs out. Bands share one grid, so each band's polygon contains the previous one
/// exactly. Limits are rounded to the millisecond. One search up to the largest limit: O(nodes
/// reached · log), plus per band the cells the roads cross and the outline (O(cells + boundary log
/// boundary)). Throws InputError naming `limits_s` for a limit that is negative, not finite or
/// above kMaxServiceAreaLimitS, and naming `cell_m` for a cell size that is negative or not finite.
std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, Dijkstra& search,
                                          const ServiceAreaOptions& options = {});

}  // namespace muster
