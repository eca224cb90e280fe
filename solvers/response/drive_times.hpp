#pragma once
// Drive times from a few sites to many demand points within a limit, on a customized hierarchy:
// the cost matrix of a station siting instance. One bounded sweep a site
// (engine/cch/bounded_sweep.hpp), read at each point's arrival nodes.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// Drive time (seconds) from each site to each point under `metric` (customized as
/// `customized` on the graph's hierarchy), as fastest_route gives it; nothing beyond `limit_ms`,
/// from a site that reaches no road, or to a point without a snap. Row-major, points × sites.
/// Throws ContractError if `customized` is not of the graph's hierarchy.
/// O(sites × (tree height · degree + nodes within the limit) + points × sites).
std::vector<std::optional<double>> drive_times_s(const RoutingGraph& graph, const Metric& metric,
                                                 const cch::CchMetric& customized,
                                                 std::span<const Snap> sites,
                                                 std::span<const std::optional<Snap>> points,
                                                 std::uint64_t limit_ms);

}  // namespace muster
