#pragma once
// A customized CCH: per arc an upward weight (travel from its lower rank to its higher) and a
// downward one (back), each the lexicographically smallest (duration, length) of a path between
// its ends through lower-ranked nodes only, or kInfinity. Customized from a Metric (closed edges
// weigh nothing: they are never used) and the network's lengths.
//
// Full customization enumerates every lower triangle by a merge of sorted upward adjacencies;
// partial customization recomputes only arcs an input change can reach, in rank order, and stops
// where a value stays the same: an arc above a changed one is recomputed only if the triangle
// joining them now beats its weight or gave it and moved. Either way the weights equal a full
// customization's.

#include <span>
#include <utility>
#include <vector>

#include "engine/cch/cch_topology.hpp"
#include "engine/cch/weight.hpp"
#include "engine/cow_array.hpp"
#include "engine/metric.hpp"

namespace muster::cch {

class CchMetric {
  public:
    using Weights = CowArray<ArcId, Weight>;
    using WeightView = CowView<ArcId, Weight>;

    /// Customizes `topology` for `metric` over `network` (both must outlive this, and `metric`
    /// must stay the metric's current values: update() reads it). Throws ContractError if
    /// the sizes differ, DataError if a weight exceeds its limit (weight.hpp).
    /// O(triangles) time, O(arcs) memory.
    CchMetric(const CchTopology& topology, const RoadNetwork& network, const Metric& metric);
    /// A temporary metric would not outlive the hierarchy that reads it.
    CchMetric(const CchTopology&, const RoadNetwork&, const Metric&&) = delete;

    /// `other`'s customization bound to `metric` (a metric of the same network, which must
    /// outlive this), not yet brought up to date: call update() with every edge whose duration
    /// differs between other.metric() and `metric`. Cheaper than customizing afresh when few
    /// edges changed. The copy shares `other`'s weights until update() writes them, chunk by
    /// chunk (cow_array.hpp): O(arcs / 4096) time and memory, and a moved-in hierarchy (which
    /// must not be used again) O(1). Throws ContractError if `metric` has another size.
    CchMetric(CchMetric other, const Metric& metric);
    CchMetric(CchMetric, const Metric&&) = delete;

    /// Recomputes every arc from the metric. O(triangles).
    void customize();
    /// Brings the arcs up to date after the metric's durations of `changed` edges changed
    /// (closed, slowed, reopened). Returns the number of arcs whose weight changed. O(arcs
    /// reached · triangles per arc · log).
    std::size_t update(std::span<const EdgeId> changed);

    Weight up(ArcId a) const { return m_up[a]; }
    Weight down(ArcId a) const { return m_down[a]; }
    /// up() or down() of every arc, by arc id (for tight loops).
    WeightView weights(bool upward) const { return upward ? m_up.view() : m_down.view(); }
    /// Chunks of weights written since this hierarchy was copied, which it shares with no other
    /// copy, and all it holds (both directions).
    std::size_t own_chunks() const { return m_up.own_chunks() + m_down.own_chunks(); }
    std::size_t chunk_count() const { return m_up.chunk_count() + m_down.chunk_count(); }
    /// Whether base plus any finite arc weight stays within the weight's limits, so a loop over
    /// arcs may sum without add_finite()'s checks. Never, once an arc is kOverflow (a shortcut
    /// past the limits).
    bool sums_fit(Weight base) const {
        return duration_ms(base) + m_part_bound < kPartMask &&
               length_mm(base) + m_part_bound < kPartMask;
    }
    /// The weight of input edge e under the metric, kInfinity if closed.
    Weight edge_weight(EdgeId e) const;
    /// Appends the input edges of arc a in travel order (upward: from its lower rank to its
    /// higher; else back), unpacking shortcuts through the lower triangle that gives their
    /// weight, found again by a merge of the two ends' downward arcs (the lowest, as
    /// customization prefers; the arc's own input edge first). So the path depends on the
    /// weights alone, not on the customizations that led to them. a must have a finite weight
    /// that way (ContractError otherwise). O(edges · downward degree).
    void unpack(ArcId a, bool upward, std::vector<EdgeId>& edges) const;

    const CchTopology& topology() const { return m_topology; }
    const RoadNetwork& network() const { return m_network; }
    const Metric& metric() const { return m_metric; }
    /// Bytes held.
    std::size_t memory_bytes() const;

  private:
    // The lightest input edge of arc a each way, and its weight (kInvalidEdge and kInfinity if
    // none): read from the metric when needed rather than kept, 24 bytes an arc less.
    struct Input {
        Weight up = kInfinity, down = kInfinity;
        EdgeId up_edge = kInvalidEdge, down_edge = kInvalidEdge;
    };
    // Arc a with its lower end x (up_tail(a), a search the callers make once).
    Input input(ArcId a, Rank x) const;
    // The lightest input edge from node `from` to node `to`, and its weight.
    std::pair<Weight, EdgeId> input(NodeId from, NodeId to) const;
    // The lower triangle {z, x, y} that gives the arc (x, y) its weight `w` that way, as z and
    // its arcs (z, x) and (z, y), of the lowest such z. Throws ContractError if none does.
    struct Triangle {
        Rank z;
        ArcId zx, zy;
    };
    Triangle lower_triangle(Rank x, Rank y, bool upward, Weight w) const;
    // An arc's ends x < y and their nodes, which unpacking knows from the arc above.
    struct Ends {
        Rank x, y;
        NodeId x_node, y_node;
    };
    void unpack(ArcId a, const Ends& ends, bool upward, std::vector<EdgeId>& edges) const;
    bool recompute(ArcId a, Rank x);  // from input and lower triangles; whether it changed
    void raise_part_bound(Weight w);

    const CchTopology& m_topology;
    const RoadNetwork& m_network;
    const Metric& m_metric;
    Weights m_up, m_down;                 // customized, per arc
    std::uint64_t m_part_bound = 0;       // >= both parts of every finite arc weight (updates only
                                          // raise it)
    std::vector<std::uint64_t> m_queued;  // partial customization's queue: a bit per arc
    // The upper triangles {x, y, w} of an arc (x, y) an update changed, as their arcs (x, w) and
    // (y, w); reused.
    std::vector<std::pair<ArcId, ArcId>> m_triangles;
};

}  // namespace muster::cch
