#pragma once
// Travel times within a limit on a customized CCH: the nodes a service area reaches. PHAST's
// two sweeps (engine/cch/one_to_all.hpp), the downward one restricted to what the limit
// reaches: the ranks to visit are bits of a set scanned from the top down; each pulls the best of
// its upward neighbours' weights over its upward arcs (read in storage order) and, if that is
// within the limit, marks its downward neighbours. So no priority queue is needed, and a node
// beyond the limit costs only its own visit. Once half of the top eighth of the ranks are
// visited, the limit reaches much of the network, and the sweep pulls at every rank below, as
// PHAST does, without marking: on Malta a 15-minute area holds half the nodes.
// Exact either way: a lightest path to a node within the limit runs down from its highest rank
// through ranks all within it, and a rank none of whose upward neighbours is within the limit
// pulls nothing.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/cch/tree_sweep.hpp"

namespace muster::cch {

class BoundedSweep {
  public:
    /// State for a network of `node_count` nodes. O(nodes) memory, once.
    explicit BoundedSweep(std::size_t node_count);

    /// The lightest path weights between `seeds` and every node whose duration is within
    /// `limit_ms`: leaving the seeds (forward) or reaching them (backward). `sweep` is scratch
    /// state. Throws ContractError if the state is not of the metric's network's size.
    /// O(ancestors · degree + (reached + their downward arcs) + nodes / 64), or O(nodes · degree)
    /// once the reached are dense.
    void run(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction,
             std::uint64_t limit_ms, TreeSweep& sweep);

    /// The nodes within the limit after the last run, by id.
    const std::vector<NodeId>& reached() const { return m_reached; }
    /// The duration (ms) of a node of reached(); more than the limit for any other node.
    std::uint64_t duration_ms(NodeId u) const {
        const Weight w = m_weight[m_topology->rank(u)];
        return w == kInfinity ? UINT64_MAX : cch::duration_ms(w);
    }

  private:
    // Pulls the weight of every rank below `end` from its upward neighbours over `arcs` (the
    // weights of the run's direction), as the full sweep does, and records those within the limit.
    void pull_all_below(const CchMetric& metric, CchMetric::WeightView arcs, Rank end,
                        std::uint64_t limit_ms);

    IdVector<Rank, Weight> m_weight;    // per rank; kInfinity but for the last run's touched
    std::vector<Rank> m_touched;        // ranks the last run gave a weight
    std::vector<std::uint64_t> m_todo;  // a bit per rank still to visit
    std::vector<std::uint64_t> m_ids;   // a bit per node id, to list the reached by id
    std::vector<NodeId> m_reached;
    const CchTopology* m_topology = nullptr;
};

}  // namespace muster::cch
