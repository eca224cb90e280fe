#pragma once
// One side of a CCH query: from a few seeds, the lightest upward path to every ancestor of the
// seeds in the elimination tree (which are exactly the nodes the upward arcs can reach). Nodes
// are visited in increasing rank along the seeds' tree paths, merged, so no priority queue is
// needed. Forward sweeps use the arcs' upward weights (paths leaving the seeds), backward ones
// their downward weights (paths into the seeds).
//
// State is kept per seed path, not per node: an upward arc from x leads to an ancestor of x, so
// each seed's path to its root has a slot per depth, and the sweep relaxes into the slots of the
// path it walks. Where two paths meet, the lower one's slots above the meeting node are merged
// into the other's. A sweep holds seeds × tree height slots (a few tens of kB), so a worker's
// searches cost nothing per node of a province, and a run resets nothing but those slots.

#include <algorithm>
#include <span>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/network_location.hpp"

namespace muster::cch {

enum class SweepDirection { forward, backward };

class TreeSweep {
  public:
    /// Sweeps from `seeds` (node ids with initial duration and length) up to the roots.
    /// O(seeds · height + ancestors · upward degree). Throws DataError if a weight exceeds its
    /// limit.
    void run(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction);

    /// The same sweep a step at a time, for a caller that interleaves two sweeps: start(), then
    /// while next() is not kNoRank, settle(relax) it. settle(false) records the rank as visited
    /// without relaxing its upward arcs (a pruned rank: the caller knows no better path runs on
    /// through it). `metric` must outlive the sweep.
    void start(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction);
    /// The lowest rank not yet settled, kNoRank when the sweep is done. O(seeds).
    Rank next() const;
    /// The weight next() will settle with (final: every lower neighbour on the paths is
    /// settled). O(seeds).
    Weight next_weight() const;
    void settle(bool relax);

    /// Ranks visited by the last run, in increasing order.
    const std::vector<Rank>& visited() const { return m_visited; }
    /// weight() of each of visited(), in the same order, without a search.
    const std::vector<Weight>& visited_weights() const { return m_visited_weight; }
    /// Lightest path weight between the seeds and rank r; kInfinity if none (or not visited).
    /// O(seeds).
    Weight weight(Rank r) const {
        const Slot* slot = find(r);
        return slot ? slot->weight : kInfinity;
    }
    /// The arc by which r was reached, kInvalidArc at a seed that nothing beat. O(seeds).
    ArcId parent_arc(Rank r) const {
        const Slot* slot = find(r);
        return slot ? slot->parent : kInvalidArc;
    }

  private:
    struct Slot {
        Weight weight = kInfinity;
        ArcId parent = kInvalidArc;
        Rank rank = kNoRank;  // the path's node at this depth, once relaxed or settled
    };
    // A seed's path to its root: its slot of depth d is m_slots[first + bottom - d]. It holds
    // the depths [top, bottom]: top is 0 until the path is merged into another below its root.
    struct Path {
        std::uint32_t first, bottom, top;
    };
    struct Cursor {
        Rank rank;
        std::uint32_t path, depth;
    };
    // Where path's slot of `depth` is in m_slots.
    std::size_t slot_index(const Path& path, std::uint32_t depth) const {
        return path.first + path.bottom - depth;
    }
    Slot* slot(std::uint32_t path, std::uint32_t depth) {
        return &m_slots[slot_index(m_paths[path], depth)];
    }
    std::vector<Cursor>::const_iterator lowest() const {
        return std::min_element(m_cursors.begin(), m_cursors.end(),
                                [](const Cursor& a, const Cursor& b) { return a.rank < b.rank; });
    }
    const Slot* find(Rank r) const;
    void merge(const Cursor& from, std::uint32_t into);

    std::vector<Slot> m_slots;
    std::vector<Path> m_paths;
    std::vector<Cursor> m_cursors;
    std::vector<Rank> m_visited;
    std::vector<Weight> m_visited_weight;
    const CchMetric* m_metric = nullptr;
    bool m_forward = true;
};

}  // namespace muster::cch
