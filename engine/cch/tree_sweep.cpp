#include "engine/cch/tree_sweep.hpp"

#include <algorithm>

namespace muster::cch {

TreeSweep::TreeSweep(std::size_t node_count)
    : m_weight(node_count, kInfinity), m_parent(node_count, kInvalidArc) {}

void TreeSweep::run(const CchMetric& metric, std::span<const Seed> seeds,
                    SweepDirection direction) {
    start(metric, seeds, direction);
    while (next() != kNoRank)
        settle(true);
}

void TreeSweep::start(const CchMetric& metric, std::span<const Seed> seeds,
                      SweepDirection direction) {
    for (Rank r : m_visited) {
        m_weight[r] = kInfinity;
        m_parent[r] = kInvalidArc;
    }
    m_visited.clear();
    m_cursors.clear();
    m_metric = &metric;
    m_forward = direction == SweepDirection::forward;
    const CchTopology& topology = metric.topology();
    for (const Seed& s : seeds) {
        const Rank r = topology.rank(s.node);
        m_weight[r] = std::min(m_weight[r], pack(s.duration_ms, s.length_mm));
        if (std::find(m_cursors.begin(), m_cursors.end(), r) == m_cursors.end())
            m_cursors.push_back(r);
    }
}

Rank TreeSweep::next() const {
    return m_cursors.empty() ? kNoRank : *std::min_element(m_cursors.begin(), m_cursors.end());
}

void TreeSweep::settle(bool relax) {
    // Every upward neighbour of a rank is its ancestor: walking the seeds' tree paths in
    // increasing rank settles each node after all of its lower neighbours on these paths.
    const CchMetric& metric = *m_metric;
    const CchTopology& topology = metric.topology();
    const auto lowest = std::min_element(m_cursors.begin(), m_cursors.end());
    const Rank x = *lowest;
    m_visited.push_back(x);
    const Weight base = m_weight[x];
    if (relax && base != kInfinity) {
        const IdSpan<ArcId, const Weight> arc_weight = metric.weights(m_forward);
        const IdSpan<ArcId, const Rank> head = topology.up_heads();
        const ArcId begin = topology.first_up(x), end = topology.first_up(x + 1);
        auto relax_arcs = [&](auto sum) {
            for (ArcId a = begin; a < end; ++a) {
                const Weight arc = arc_weight[a];
                if (arc == kInfinity)
                    continue;
                const Weight w = sum(base, arc);
                const Rank y = head[a];
                if (w < m_weight[y]) {
                    m_weight[y] = w;
                    m_parent[y] = a;
                }
            }
        };
        // The hot loop: without the limit checks when no sum can reach the limits.
        if (metric.sums_fit(base))
            relax_arcs([](Weight a, Weight b) { return a + b; });
        else
            relax_arcs(add_finite);
    }
    const Rank parent = topology.parent(x);
    if (parent == kNoRank ||
        std::find(m_cursors.begin(), m_cursors.end(), parent) != m_cursors.end())
        m_cursors.erase(lowest);
    else
        *lowest = parent;
}

}  // namespace muster::cch
