#pragma once
// The nearest and the second nearest of several sources for every node, on a customized CCH: an
// ambulance's response and its backup. PHAST's two sweeps (engine/cch/one_to_all.hpp) carrying
// two labels of distinct sources per node instead of one weight: each source's seeds are swept up
// the elimination tree, then every rank from the top down keeps the best two of its own labels and
// its upward neighbours' labels plus the arc back down. One sweep for all the sources, where one
// PHAST per source would cost as many sweeps as there are sources.
//
// Exact, by the k-nearest-sources argument: labels compare by (weight, source), and if a source's
// path through an upward neighbour y is not among y's two labels, y holds two other sources that
// are lighter through y, and so also at this node, at least one of them not the best.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/cch/tree_sweep.hpp"

namespace muster::cch {

/// A node's distance from one source: its weight and the source's index.
struct SourceLabel {
    Weight weight = kInfinity;
    std::uint32_t source = UINT32_MAX;  ///< index into the sources; UINT32_MAX with kInfinity
    friend auto operator<=>(const SourceLabel&, const SourceLabel&) = default;
};

/// The best two labels of distinct sources, lightest first (ties to the lower source index);
/// kInfinity where fewer sources reach the node.
using TwoNearest = std::array<SourceLabel, 2>;

class TwoNearestSweep {
  public:
    /// State for a network of `node_count` nodes. O(nodes) memory (24 bytes a node), once.
    explicit TwoNearestSweep(std::size_t node_count);

    /// The two nearest of `sources` (each a set of seeds: a point's departures or arrivals) for
    /// every node: paths leaving the sources (forward) or reaching them (backward). `sweep` is
    /// scratch state. Throws ContractError for state of another size or more than 2^32 - 1
    /// sources, WeightOverflow if a lightest path passes the weights' limits.
    /// O(sources · ancestors · degree + arcs).
    void run(const CchMetric& metric, std::span<const std::vector<Seed>> sources,
             SweepDirection direction, TreeSweep& sweep);

    /// Node u's two nearest sources after the last run.
    const TwoNearest& nearest(NodeId u) const { return m_labels[m_topology->rank(u)]; }

  private:
    IdVector<Rank, TwoNearest> m_labels;
    const CchTopology* m_topology = nullptr;
};

/// Offers `label` to `best`: kept if it is lighter than one of the two and its source is not
/// lighter there already. O(1).
void offer(TwoNearest& best, SourceLabel label);

}  // namespace muster::cch
