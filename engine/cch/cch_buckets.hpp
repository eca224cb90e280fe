#pragma once
// Buckets for many-to-many and nearest-facility queries on a customized CCH (Knopp et al.'s
// bucket method on the elimination tree): every item (a target, a facility) is swept once up its
// tree paths, and each rank visited keeps (item, weight) in its bucket. A query then sweeps from
// its own point the other way and, at every rank it visits, combines its weight with the bucket
// there: the lightest combination per item is the lightest path, since every path's highest
// node is a common ancestor of both ends.
//
// Buckets depend on the metric: rebuild them after a customization. An item's part of them (its
// sweep) depends on nothing else, so a caller whose items change one at a time can keep each
// item's sweep and assemble the buckets from them.

#include <span>
#include <vector>

#include "engine/cch/tree_sweep.hpp"

namespace muster::cch {

/// One rank an item's sweep reached, with the lightest weight there.
struct BucketEntry {
    Rank rank;
    Weight weight;
};

/// The part of the buckets one item from `seeds` makes: every rank its sweep in `direction`
/// reached at a finite weight, in increasing rank. O(ancestors · degree). `sweep` is scratch.
std::vector<BucketEntry> sweep_item(const CchMetric& metric, std::span<const Seed> seeds,
                                    SweepDirection direction, TreeSweep& sweep);

class CchBuckets {
  public:
    /// Sweeps from each item's seeds in `direction` (backward for targets reached by the query,
    /// forward for items that travel to it) and fills the buckets. O(items · ancestors · degree
    /// + entries · log). `sweep` is scratch state.
    void build(const CchMetric& metric, std::span<const std::vector<Seed>> items,
               SweepDirection direction, TreeSweep& sweep);

    /// The same buckets from each item's sweep_item, item i being items[i] (all swept in the
    /// same direction on the same metric). O(entries · log entries).
    void assemble(std::span<const std::span<const BucketEntry>> items);

    /// best[i] = the lightest of sweep.weight(r) + bucket weight of item i at r, over the ranks
    /// r the (finished, opposite-direction) sweep visited; kInfinity where none. `best` has one
    /// entry per item. Throws WeightOverflow if a lightest weight passes the limits
    /// (engine/cch/weight.hpp). O(visited · log entries + entries met).
    void scan(const TreeSweep& sweep, std::span<Weight> best) const;

    std::size_t item_count() const { return m_item_count; }
    std::size_t entry_count() const { return m_entries.size(); }

  private:
    struct Entry {
        Rank rank;
        std::uint32_t item;
        Weight weight;
    };
    std::vector<Entry> m_entries;  // sorted by rank, then item
    std::size_t m_item_count = 0;
};

}  // namespace muster::cch
