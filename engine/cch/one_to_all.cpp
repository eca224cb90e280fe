#include "engine/cch/one_to_all.hpp"

#include "engine/cch/arc_weight_runs.hpp"
#include "engine/errors.hpp"

#include <algorithm>
#include <stdexcept>

namespace muster::cch {

OneToAll::OneToAll(std::size_t node_count) : m_weight(node_count, kInfinity) {}

void OneToAll::run(const CchMetric& metric, std::span<const Seed> seeds, SweepDirection direction,
                   TreeSweep& sweep) {
    const CchTopology& topology = metric.topology();
    if (topology.node_count() != m_weight.size())
        throw ContractError("a one-to-all sweep needs state of its network's size");
    m_topology = &topology;
    sweep.run(metric, seeds, direction);
    std::fill(m_weight.begin(), m_weight.end(), kInfinity);
    for (std::size_t i = 0; i < sweep.visited().size(); ++i)
        m_weight[sweep.visited()[i]] = sweep.visited_weights()[i];
    // Top down: every upward neighbour y of x is final before x (it has a higher rank), and a
    // lightest path's last stretch from its highest node down to x runs down one arc at a time.
    // Forward: travel y -> x, down the arc; backward: x -> y, up it.
    const CchMetric::WeightView arc_weight = metric.weights(direction != SweepDirection::forward);
    for (Rank x(static_cast<std::uint32_t>(topology.node_count())); x-- > Rank(0);) {
        Weight best = m_weight[x];
        for_each_arc_weight(
            arc_weight, topology.first_up(x), topology.first_up(x + 1), [&](ArcId a, Weight arc) {
                best = std::min(best, add_saturating_no_branch(m_weight[topology.up_head(a)], arc));
            });
        m_weight[x] = fitting(best);
    }
}

}  // namespace muster::cch
