#pragma once
// Who loses walking access to every shelter when some walking edges close (a road lost): the
// walking searches of the shelters whose service distance reaches the closed edges are run again,
// the others' pairs kept. What road criticality (solvers/response/road_criticality.hpp) adds for
// the stretches it lists.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "solvers/coverage/walking_reach.hpp"

namespace muster {

/// The people (population per demand point) who have a shelter within its service distance
/// under `distance` (pairs = walking_reach under it), and none once `closed` edges of graph's
/// network are closed too. A target is searched again only if some closed edge's end lies within
/// its radius as the crow flies (a walk is never shorter). O(affected targets × nodes within a
/// radius · log + pairs).
std::int64_t people_losing_shelter_access(const RoutingGraph& graph, const Metric& distance,
                                          std::span<const std::optional<Snap>> demand,
                                          std::span<const std::int64_t> population,
                                          std::span<const WalkTarget> targets,
                                          std::span<const WalkingReach> pairs,
                                          std::span<const EdgeId> closed);

}  // namespace muster
