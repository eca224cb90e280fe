#pragma once
// What a routing query runs on, shared read-only by every query (and thread): the graph of one
// profile, the metric under the hazards in force, the resources to resolve ids against; plus the
// per-thread search state and the snapping of query points.

#include <optional>
#include <span>
#include <stop_token>
#include <string_view>

#include "engine/cch/cch_query.hpp"
#include "engine/dijkstra.hpp"
#include "engine/resources.hpp"
#include "engine/routing_graph.hpp"
#include "engine/snapping.hpp"
#include "solvers/nearest.hpp"
#include "solvers/service_area.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {

class FacilityBucketsCache;

/// The shared, read-only inputs of every query.
struct QueryContext {
    const RoutingGraph& graph;
    const Metric& metric;  ///< graph.base() with `hazards` applied
    const Resources& resources;
    std::span<const HazardZone> hazards;  ///< the zones applied to `metric`
    double snap_limit_m = kDefaultSnapLimitM;
    /// The contraction hierarchy customized for `metric`, if there is one: routes and matrices
    /// then run on it (same answers as Dijkstra, faster); without it they run Dijkstra.
    const cch::CchMetric* cch = nullptr;
    /// With `cch`: facility sets kept for nearest queries under hazard scenario
    /// `scenario_version` (the service's); nearest then runs on the hierarchy. Without it,
    /// nearest runs Dijkstra (the command line: one query, whose facilities would cost more to
    /// sweep than the search).
    FacilityBucketsCache* facility_buckets = nullptr;
    std::uint64_t scenario_version = 0;
    /// Requested when the answer is no longer wanted: the long queries (service areas, matrices,
    /// coverage, relief) then end early with muster::Stopped.
    std::stop_token stop{};
};

/// A forward and a backward search over one graph, and those on its hierarchy, reused from query
/// to query. One per thread. Each is made when first asked for: the Dijkstras and the bounded
/// sweep take O(nodes) memory each, and a province's dispatch desk may never ask for them (a
/// route needs only the hierarchy's query, whose state is a few tens of kB).
class Searches {
  public:
    /// The graph must outlive it. O(1): no search is made yet.
    explicit Searches(const RoutingGraph& graph) : m_graph(graph) {}
    /// Out of the sources (routes, matrices, areas reached from a point).
    Dijkstra& forward() {
        if (!m_forward)
            m_forward.emplace(m_graph.network(), nullptr, Direction::forward);
        return *m_forward;
    }
    /// Into the sources over incoming edges (teams driving to an incident).
    Dijkstra& backward() {
        if (!m_backward)
            m_backward.emplace(m_graph.network(), &m_graph.reverse(), Direction::backward);
        return *m_backward;
    }
    /// The search a query in `direction` needs: backward towards the point, forward away from it.
    Dijkstra& for_direction(TravelDirection direction) {
        return direction == TravelDirection::to_incident ? backward() : forward();
    }
    /// A query on the graph's contraction hierarchy, for any metric customized on it.
    cch::CchQuery& cch() {
        if (!m_cch)
            m_cch.emplace(m_graph.cch());
        return *m_cch;
    }
    /// A service area's search on `metric`, a hierarchy customized on the graph's.
    HierarchySearch hierarchy(const cch::CchMetric& metric, TravelDirection direction) {
        if (!m_bounded)
            m_bounded.emplace(m_graph.network().node_count());
        return {metric, *m_bounded,
                direction == TravelDirection::to_incident ? cch().backward_sweep()
                                                          : cch().forward_sweep()};
    }

  private:
    const RoutingGraph& m_graph;
    std::optional<Dijkstra> m_forward;
    std::optional<Dijkstra> m_backward;
    std::optional<cch::CchQuery> m_cch;
    std::optional<cch::BoundedSweep> m_bounded;
};

/// The point snapped onto the network within context.snap_limit_m, past a nearer road on a small
/// isolated part of the network to the main network when that is within the limit
/// (snap_to_network; Snap::passed_small_m says so). Throws QueryError (NoSegment)
/// naming the point by its role ("incident", "start", ...), the point and the limit when no road
/// is that near.
Snap snap_query_point(const QueryContext& context, const QueryPoint& point, std::string_view role);

/// The first closed zone of `hazards` that contains `point` (on its edge included), or nullptr.
const HazardZone* closed_zone_at(std::span<const HazardZone> hazards, LonLat point);

/// "inside closed hazard zone z1 (Low crossing)": why a facility there cannot serve.
std::string closed_zone_reason(const HazardZone& zone);

/// "12.3" style metres for messages: one decimal, thousands separated.
std::string metres_text(double metres);

}  // namespace muster::tools
