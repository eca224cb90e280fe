#pragma once
// One-to-all travel times on a customized CCH (PHAST, Delling, Goldberg, Nowatzyk, Werneck,
// IPDPS 2011): an upward sweep from the seeds, then one pass over every rank from the top down,
// each rank taking the best of its upward neighbours' weights plus the arc back down. No
// priority queue: the downward pass reads the arcs in storage order, so it runs at memory speed,
// but it always visits every node, where a bounded Dijkstra stops at its limit.

#include <span>
#include <vector>

#include "engine/cch/tree_sweep.hpp"

namespace muster::cch {

class OneToAll {
  public:
    /// State for a network of `node_count` nodes. O(nodes) memory, once.
    explicit OneToAll(std::size_t node_count);

    /// The lightest path weights between `seeds` and every node: leaving the seeds (forward) or
    /// reaching them (backward). `sweep` is scratch state. Throws WeightOverflow if one passes
    /// the limits (engine/cch/weight.hpp). O(ancestors · degree + arcs).
    void run(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction,
             TreeSweep& sweep);

    /// The weight of node u after the last run; kInfinity if it cannot be reached (or left).
    Weight weight(NodeId u) const { return m_weight[m_topology->rank(u)]; }

  private:
    IdVector<Rank, Weight> m_weight;  // per rank
    const CchTopology* m_topology = nullptr;
};

}  // namespace muster::cch
