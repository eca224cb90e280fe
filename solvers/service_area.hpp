#pragma once
// Service areas (isochrones): what can be reached from a point within given times, or, in the
// reverse direction, from where the point can be reached within them.

#include <cstddef>
#include <cstdint>
#include <span>
#include <stop_token>
#include <vector>

#include "engine/cch/bounded_sweep.hpp"
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
    /// Travel time (s) at the from_fraction end and at the to_fraction end: from the point
    /// (from_incident) or to it (to_incident), so a stretch travelled away from the point starts
    /// early and one travelled towards it starts late. The least over the ways the search reached
    /// the stretch; a stretch that ends at the point is timed as reached from the edge's far node
    /// (the point's own time 0 belongs to the stretch beyond it), and one of the point's own edge
    /// that runs through the point (merged from both ways) has its least time, 0, inside.
    double start_s = 0;
    double end_s = 0;
    /// Its points in the band's `points` (ServiceAreaBand::geometry), if asked for.
    std::uint32_t first_point = 0;
    std::uint32_t point_count = 0;
};

struct ServiceAreaBand {
    double limit_s = 0;
    std::vector<NodeId> nodes;  ///< reached within the limit
    /// The band's ring of road: reached within its limit and not within the previous band's,
    /// partial edges included. The segments of bands 0..b are all the road band b reaches.
    std::vector<ReachedSegment> segments;
    /// The segments' polylines, one after the other (one buffer, not one per segment).
    std::vector<LonLat> points;
    MultiPolygon area;  ///< polygon around the road reached within the limit (bands 0..b)

    /// A segment's polyline: empty unless ServiceAreaOptions::segment_geometry.
    std::span<const LonLat> geometry(const ReachedSegment& s) const {
        return {points.data() + s.first_point, s.point_count};
    }
};

/// The largest time limit service_area takes, in seconds: a day. Far beyond any emergency
/// question, and far inside the millisecond counters of the search.
inline constexpr double kMaxServiceAreaLimitS = 86'400;

/// The most corners one field may have (4 bytes each); beyond, k x k cells are merged into one.
inline constexpr std::size_t kServiceAreaMaxCells = 4'000'000;
/// The speed (m/s) at which a reached road's time spreads to the next corners of the field: a
/// slow walk off the road, one cell out (a drive cell of 50 m costs 50 s).
inline constexpr double kServiceAreaOffRoadMps = 1.0;
/// Holes in a polygon smaller than this many cells are filled: a block (1 ha driving, 2,500 m²
/// walking) that no road crosses is part of the area around it.
inline constexpr double kServiceAreaMinHoleCells = 4.0;

/// What service_area draws besides the exact answer.
struct ServiceAreaOptions {
    /// Draw each band's polygon (see docs/routing.md for its cost). A caller that needs only
    /// nodes and segments (a check against pgRouting, a table) turns it off.
    bool polygons = true;
    /// Give each stretch its polyline (ServiceAreaBand::geometry). A caller that needs only the
    /// stretches' edges, fractions and times, and the polygon (drawn from the network either
    /// way), turns it off and spares copying and cutting every road reached.
    bool segment_geometry = true;
    /// Once requested, service_area throws muster::Stopped at its next check (during the search,
    /// during each band's pass over the nodes reached, and before each band's road and polygon).
    std::stop_token stop{};
};

/// One band per limit (seconds, sorted ascending), each containing the previous. `direction`
/// from_incident: what can be reached from the point within the limit; to_incident: from where the
/// point can be reached within it. `search` must match (forward / backward Dijkstra over
/// graph.network(), else ContractError). Per band: the nodes whose travel time is within the limit
/// (nearest first), the stretches of road first reached in it, beyond the previous band's limit
/// (whole edges, and the part of an edge up to where the time runs out, the origin's own edge from
/// the point; one stretch per edge unless they are apart: a ring, so that many bands do not repeat
/// the roads of the smaller ones), each with its times at both ends, and a polygon: the contour at
/// the band's limit of one travel-time field (engine/travel_time_field.hpp) built from every
/// stretch and the point (time 0), cells of the network's grid (RoutingGraph::cells(),
/// kRoadCellDriveM or kRoadCellWalkM), spread at kServiceAreaOffRoadMps, holes under
/// kServiceAreaMinHoleCells cells filled. So the polygon holds every stretch reached within the
/// limit, each of its points lies within 3·√2 cells of one, and each band's polygon contains the
/// previous one. Limits are rounded to the millisecond. One search up to the largest limit: O(nodes
/// reached · log), plus the field (O(grid corners + cells the roads cross)) and per band its
/// contour (O(grid corners + boundary)). Throws InputError naming `limits_s` for a limit that is
/// negative, not finite or above kMaxServiceAreaLimitS.
std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, Dijkstra& search,
                                          const ServiceAreaOptions& options = {});

/// A contraction hierarchy customized for a service area's metric, and the state of the sweeps
/// it runs on it (one per thread).
struct HierarchySearch {
    const cch::CchMetric& metric;
    cch::BoundedSweep& sweep;
    cch::TreeSweep& tree;
};

/// The same bands, found by the bounded sweep on the hierarchy (engine/cch/bounded_sweep.hpp)
/// instead of Dijkstra's search: the same nodes, times and polygons, in about half the time on a
/// county (docs/routing.md). `search.metric` must be customized for `metric` (ContractError if
/// it is not of the same network).
std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, const HierarchySearch& search,
                                          const ServiceAreaOptions& options = {});

}  // namespace muster
