#pragma once
// Who loses walking access to every shelter when some walking edges close (a road lost). Road
// criticality (solvers/response/road_criticality.hpp) asks it of every main stretch in turn, so
// the work is what a closure can change: only people whose every shelter lies within a closed
// edge's reach are at risk, and only those shelters are searched again, for them alone.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "solvers/coverage/walking_reach.hpp"

namespace muster {

class ShelterAccessLoss {
  public:
    /// People (population per demand point) and the shelters they walk to under `distance` (a
    /// walking_distance_metric of graph's network); pairs = walking_reach under it. Keeps
    /// references to graph and the spans. Throws ContractError for one population per point
    /// missing.
    ShelterAccessLoss(const RoutingGraph& graph, const Metric& distance,
                      std::span<const std::optional<Snap>> demand,
                      std::span<const std::int64_t> population, std::span<const WalkTarget> targets,
                      std::span<const WalkingReach> pairs);

    /// The people who have a shelter within its service distance with every edge open and none
    /// once `closed` edges are closed too. A shelter is searched again only if some closed
    /// edge's end lies within its radius as the crow flies (a walk is never shorter), and only
    /// when someone depends on such shelters alone. O(targets × closed edges), plus, when someone
    /// is at risk, O(nodes + searched targets × nodes within a radius · log).
    std::int64_t people_losing(std::span<const EdgeId> closed);

  private:
    const RoutingGraph& m_graph;
    Metric m_without;  // the distances, with the edges being tried closed, then reopened
    std::span<const std::optional<Snap>> m_demand;
    std::span<const std::int64_t> m_population;
    std::span<const WalkTarget> m_targets;
    std::vector<std::vector<std::size_t>> m_targets_of;  // per demand point, those it reaches
};

}  // namespace muster
