#include "engine/cch/tree_sweep.hpp"

#include <algorithm>

namespace muster::cch {

TreeSweep::TreeSweep(std::size_t node_count)
    : m_weight(node_count, kInfinity), m_parent(node_count, kInvalidArc) {}

void TreeSweep::run(const CchMetric& metric, std::span<const Seed> seeds,
                    SweepDirection direction) {
    for (Rank r : m_visited) {
        m_weight[r] = kInfinity;
        m_parent[r] = kInvalidArc;
    }
    m_visited.clear();
    m_cursors.clear();
    const CchTopology& topology = metric.topology();
    for (const Seed& s : seeds) {
        const Rank r = topology.rank(s.node);
        m_weight[r] = std::min(m_weight[r], pack(s.duration_ms, s.length_mm));
        if (std::find(m_cursors.begin(), m_cursors.end(), r) == m_cursors.end())
            m_cursors.push_back(r);
    }
    const bool forward = direction == SweepDirection::forward;
    // Every upward neighbour of a rank is its ancestor: walking the seeds' tree paths in
    // increasing rank settles each node after all of its lower neighbours on these paths.
    while (!m_cursors.empty()) {
        const auto lowest = std::min_element(m_cursors.begin(), m_cursors.end());
        const Rank x = *lowest;
        m_visited.push_back(x);
        const Weight base = m_weight[x];
        if (base != kInfinity) {
            const ArcId end = topology.first_up(x + 1);
            for (ArcId a = topology.first_up(x); a < end; ++a) {
                const Weight w = add(base, forward ? metric.up(a) : metric.down(a));
                const Rank y = topology.up_head(a);
                if (w < m_weight[y]) {
                    m_weight[y] = w;
                    m_parent[y] = a;
                }
            }
        }
        const Rank next = topology.parent(x);
        if (next == kNoRank ||
            std::find(m_cursors.begin(), m_cursors.end(), next) != m_cursors.end())
            m_cursors.erase(lowest);
        else
            *lowest = next;
    }
}

}  // namespace muster::cch
