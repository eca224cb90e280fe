#pragma once
// Who can walk to which shelter within its service distance: one bounded search per shelter over
// the walking network by road distance, backward (into the shelter), so one-way footpaths count
// the way people walk them.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// A place people walk to, snapped onto the walking network, and how far they will walk to it.
struct WalkTarget {
    Snap snap;
    double radius_m = 0;  ///< service distance along the roads, metres
};

/// A demand point within reach of a target, and the walking distance between them.
struct WalkingReach {
    std::size_t demand = 0;  ///< index into the demand snaps
    std::size_t target = 0;  ///< index into the targets
    std::uint64_t distance_mm = 0;
    double distance_m() const { return static_cast<double>(distance_mm) * 1e-3; }
};

/// The network's road lengths as a metric (millimetres in place of milliseconds), with the edges
/// closed in `scenario` closed: searches under it minimise distance, not time. A ferry crossing
/// counts as the distance walked at kWalkingSpeedKmh in its crossing time (slow zones change
/// no walking distance, so not that either).
Metric walking_distance_metric(const RoadNetwork& network, const Metric& scenario);

/// Every (demand, target) pair whose shortest walk from the demand point to the target is at most
/// the target's radius under `distance` (a walking_distance_metric of graph's network), sorted by
/// demand then target. Demand points without a snap reach nothing. Throws InputError for a
/// radius that is negative, not finite or over 100 km.
/// O(targets × nodes within a radius · log + demand).
std::vector<WalkingReach> walking_reach(const RoutingGraph& graph, const Metric& distance,
                                        std::span<const std::optional<Snap>> demand,
                                        std::span<const WalkTarget> targets);

/// The shortest walk from each demand point to the nearest of `targets` under `distance`, at any
/// distance (no radius): for what lies beyond every service distance. Nothing for a point
/// without a snap or from which no target can be reached. One backward search from all targets
/// at once: O(nodes · log + demand).
std::vector<std::optional<std::uint64_t>> nearest_walk_mm(
    const RoutingGraph& graph, const Metric& distance, std::span<const std::optional<Snap>> demand,
    std::span<const Snap> targets);

}  // namespace muster
