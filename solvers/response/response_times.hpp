#pragma once
// How soon units reach each demand point by road: the quickest unit and the second quickest (the
// backup when the first is out on a call), for every point at once. One sweep of the hierarchy
// from all the units (engine/cch/two_nearest_sweep.hpp), whatever their number; units at the same
// place (two ambulances of one station) share their sweep.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/cch/two_nearest_sweep.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// One unit's drive to a demand point: along the quickest route, its time and length.
struct ResponseLeg {
    std::size_t unit = 0;  ///< index into the units given
    std::uint64_t duration_ms = 0;
    std::uint64_t length_mm = 0;
    double duration_s() const { return static_cast<double>(duration_ms) * 1e-3; }
    double distance_m() const { return static_cast<double>(length_mm) * 1e-3; }
};

/// The quickest two units to one demand point; empty where fewer units can reach it.
struct PointResponse {
    std::optional<ResponseLeg> first;
    std::optional<ResponseLeg> second;  ///< another unit, no quicker than the first
};

/// For each demand point, the two units (snapped onto graph's network) that reach it soonest
/// under `metric`, whose customization on the graph's hierarchy is `customized`. Times are
/// fastest_route's between the unit's snap and the point's: least duration, then least length,
/// ties to the lower unit index; a drive along one road piece is measured along it. Points
/// without a snap are reached by none. Throws ContractError if `customized` is not of the graph's
/// hierarchy or `metric` not of its network.
/// O(distinct unit places · tree height · degree + hierarchy arcs + points).
std::vector<PointResponse> response_times(const RoutingGraph& graph, const Metric& metric,
                                          const cch::CchMetric& customized,
                                          std::span<const Snap> units,
                                          std::span<const std::optional<Snap>> points);

/// The sweeps' state, kept by a caller that asks many times on one graph (road criticality asks
/// once a stretch): O(nodes) memory, allocated once.
struct ResponseSweeps {
    explicit ResponseSweeps(std::size_t node_count) : two_nearest(node_count) {}
    cch::TwoNearestSweep two_nearest;
    cch::TreeSweep tree;
};

/// As above, in the caller's sweeps (of the graph's size, else ContractError).
std::vector<PointResponse> response_times(const RoutingGraph& graph, const Metric& metric,
                                          const cch::CchMetric& customized,
                                          std::span<const Snap> units,
                                          std::span<const std::optional<Snap>> points,
                                          ResponseSweeps& sweeps);

}  // namespace muster
