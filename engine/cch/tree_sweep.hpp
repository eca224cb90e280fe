#pragma once
// One side of a CCH query: from a few seeds, the lightest upward path to every ancestor of the
// seeds in the elimination tree (which are exactly the nodes the upward arcs can reach). Nodes
// are visited in increasing rank along the seeds' tree paths, merged, so no priority queue is
// needed. Forward sweeps use the arcs' upward weights (paths leaving the seeds), backward ones
// their downward weights (paths into the seeds).
//
// State is reused: run() resets only what the previous run touched; a steady state allocates
// nothing.

#include <span>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/network_location.hpp"

namespace muster::cch {

enum class SweepDirection { forward, backward };

class TreeSweep {
  public:
    /// State for a network of `node_count` nodes. O(nodes) memory, once.
    explicit TreeSweep(std::size_t node_count);

    /// Sweeps from `seeds` (node ids with initial duration and length) up to the roots.
    /// O(ancestors · upward degree). Throws DataError if a weight exceeds its limit.
    void run(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction);

    /// The same sweep a step at a time, for a caller that interleaves two sweeps: start(), then
    /// while next() is not kNoRank, settle(relax) it. settle(false) records the rank as visited
    /// without relaxing its upward arcs (a pruned rank: the caller knows no better path runs on
    /// through it). `metric` must outlive the sweep.
    void start(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction);
    /// The lowest rank not yet settled, kNoRank when the sweep is done. O(seeds).
    Rank next() const;
    void settle(bool relax);

    /// Ranks visited by the last run, in increasing order.
    const std::vector<Rank>& visited() const { return m_visited; }
    /// Lightest path weight between the seeds and rank r; kInfinity if none (or not visited).
    Weight weight(Rank r) const { return m_weight[r]; }
    /// The arc by which r was reached, kInvalidArc at a seed that nothing beat.
    ArcId parent_arc(Rank r) const { return m_parent[r]; }

  private:
    IdVector<Rank, Weight> m_weight;  // per rank, kInfinity outside the last run
    IdVector<Rank, ArcId> m_parent;
    std::vector<Rank> m_visited;
    std::vector<Rank> m_cursors;
    const CchMetric* m_metric = nullptr;
    bool m_forward = true;
};

}  // namespace muster::cch
