#include "engine/cch/two_nearest_sweep.hpp"

#include <utility>

#include "engine/cch/arc_weight_runs.hpp"
#include "engine/errors.hpp"

namespace muster::cch {

void offer(TwoNearest& best, SourceLabel label) {
    if (label.weight == kInfinity)
        return;
    if (label.source == best[0].source) {
        best[0] = std::min(best[0], label);
        return;
    }
    if (label.source == best[1].source) {
        best[1] = std::min(best[1], label);
    } else if (label < best[1]) {
        best[1] = label;
    }
    if (best[1] < best[0])
        std::swap(best[0], best[1]);
}

TwoNearestSweep::TwoNearestSweep(std::size_t node_count) : m_labels(node_count) {}

void TwoNearestSweep::run(const CchMetric& metric, std::span<const std::vector<Seed>> sources,
                          SweepDirection direction, TreeSweep& sweep) {
    const CchTopology& topology = metric.topology();
    if (topology.node_count() != m_labels.size())
        throw ContractError("a two-nearest sweep needs state of its network's size");
    if (sources.size() >= UINT32_MAX)
        throw ContractError("a two-nearest sweep takes fewer than 2^32 - 1 sources");
    m_topology = &topology;
    std::fill(m_labels.begin(), m_labels.end(), TwoNearest{});
    for (std::size_t i = 0; i < sources.size(); ++i) {
        sweep.run(metric, sources[i], direction);
        for (std::size_t v = 0; v < sweep.visited().size(); ++v)
            offer(m_labels[sweep.visited()[v]],
                  {sweep.visited_weights()[v], static_cast<std::uint32_t>(i)});
    }
    // Top down, as OneToAll: every upward neighbour is final before x.
    const bool forward = direction == SweepDirection::forward;
    const CchMetric::WeightView arc_weight = metric.weights(!forward);
    for (Rank x(static_cast<std::uint32_t>(topology.node_count())); x-- > Rank(0);) {
        TwoNearest best = m_labels[x];
        for_each_arc_weight(arc_weight, topology.first_up(x), topology.first_up(x + 1),
                            [&](ArcId a, Weight arc) {
                                if (arc == kInfinity)
                                    return;
                                for (const SourceLabel& above : m_labels[topology.up_head(a)]) {
                                    if (above.weight == kInfinity)
                                        break;  // the second is no lighter than the first
                                    offer(best, {add_finite(above.weight, arc), above.source});
                                }
                            });
        for (SourceLabel& label : best) {
            if (label.weight != kInfinity)
                fitting(label.weight);
        }
        m_labels[x] = best;
    }
}

}  // namespace muster::cch
