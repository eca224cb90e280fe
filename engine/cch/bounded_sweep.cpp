#include "engine/cch/bounded_sweep.hpp"

#include <bit>

#include "engine/errors.hpp"

namespace muster::cch {

BoundedSweep::BoundedSweep(std::size_t node_count)
    : m_weight(node_count, kInfinity),
      m_todo((node_count + 63) / 64, 0),
      m_ids((node_count + 63) / 64, 0) {}

void BoundedSweep::run(const CchMetric& metric, std::span<const Seed> seeds,
                       SweepDirection direction, std::uint64_t limit_ms, TreeSweep& sweep) {
    const CchTopology& topology = metric.topology();
    if (topology.node_count() != m_weight.size())
        throw ContractError("a bounded sweep needs state of its network's size");
    m_topology = &topology;
    for (Rank r : m_touched)
        m_weight[r] = kInfinity;
    m_touched.clear();
    m_reached.clear();
    const auto within = [&](Weight w) { return w != kInfinity && cch::duration_ms(w) <= limit_ms; };
    const auto mark = [&](Rank r) {
        m_todo[r.value() / 64] |= std::uint64_t{1} << (r.value() % 64);
    };

    sweep.run(metric, seeds, direction);
    std::size_t top_word = 0;
    for (Rank r : sweep.visited()) {
        const Weight w = sweep.weight(r);
        if (!within(w))
            continue;
        m_weight[r] = w;
        m_touched.push_back(r);
        mark(r);
        top_word = std::max<std::size_t>(top_word, r.value() / 64);
    }
    // Top down: a rank's upward neighbours are higher, so their weights are final when its bit
    // comes; it pulls the best of them down its upward arcs, read in storage order, and if that
    // is within the limit, marks its downward neighbours, lower, whose bits are still ahead.
    const bool forward = direction == SweepDirection::forward;
    const auto pending = m_touched.empty() ? 0 : top_word + 1;
    for (std::size_t word = pending; word-- > 0;) {
        while (m_todo[word] != 0) {
            const int bit = 63 - std::countl_zero(m_todo[word]);
            m_todo[word] &= ~(std::uint64_t{1} << bit);
            const Rank x(static_cast<std::uint32_t>(word * 64 + static_cast<std::size_t>(bit)));
            Weight best = m_weight[x];
            const ArcId end = topology.first_up(x + 1);
            for (ArcId a = topology.first_up(x); a < end; ++a) {
                // Forward: travel y -> x, down the arc; backward: x -> y, up it.
                const Weight at = m_weight[topology.up_head(a)];
                const Weight arc = forward ? metric.down(a) : metric.up(a);
                if (at != kInfinity && arc != kInfinity)
                    best = std::min(best, add_finite(at, arc));
            }
            if (!within(best))
                continue;
            if (m_weight[x] == kInfinity)
                m_touched.push_back(x);
            m_weight[x] = best;
            const NodeId u = topology.node(x);
            m_ids[u.value() / 64] |= std::uint64_t{1} << (u.value() % 64);
            for (std::uint32_t i = topology.first_down(x); i < topology.first_down(x + 1); ++i)
                mark(topology.down_tail(i));
        }
    }
    // The reached by id, from their bits (cleared on the way).
    for (std::size_t word = 0; word < m_ids.size(); ++word) {
        for (std::uint64_t bits = m_ids[word]; bits != 0; bits &= bits - 1) {
            m_reached.emplace_back(static_cast<std::uint32_t>(
                word * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
        }
        m_ids[word] = 0;
    }
}

}  // namespace muster::cch
