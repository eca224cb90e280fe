#include "engine/cch/bounded_sweep.hpp"

#include <bit>

#include "engine/cch/arc_weight_runs.hpp"
#include "engine/errors.hpp"

namespace muster::cch {
namespace {

/// The share of the ranks swept, from the top, before the density of those visited decides
/// between marking and pulling at every rank. The top ranks are the nested dissection's largest
/// separators, and an area holding a share f of the network covers up to √f of those that cross
/// it; the top eighth holds enough levels of them for the visited density to tell a large area
/// from a local one. Pulling pays where a visit costs several pulls: on Malta (one-way streets,
/// a visit's branches a coin toss) 0.40 ms for 12,500 visits against 0.26 ms for 25,000 pulls.
/// Half of the top eighth visited turns for most 15-minute areas on Malta, which reach half its
/// nodes. On a grid of two-way roads, whose visits mispredict little, it turns too and costs:
/// 10 → 11.5 ms for the 15-minute area on 2·10⁵ nodes (none turn at two thirds, and fewer on
/// Malta); on 10⁶ nodes the area (15.4 ms) is as it was.
constexpr std::size_t kDenseAfterShare = 8;

// The lightest weight of rank x over its upward arcs (`arcs`: their weights in the sweep's
// direction) from its upward neighbours' `weight`, or its own if lighter (a seed's). Inlined:
// it is the sweep's inner loop.
[[gnu::always_inline]] inline Weight pulled(const CchTopology& topology, CchMetric::WeightView arcs,
                                            const IdVector<Rank, Weight>& weight, Rank x) {
    const auto heads = topology.up_heads();
    Weight best = weight[x];
    for_each_arc_weight(arcs, topology.first_up(x), topology.first_up(x + 1),
                        [&](ArcId a, Weight arc) {
                            best = std::min(best, add_saturating_no_branch(weight[heads[a]], arc));
                        });
    return best;
}

}  // namespace

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
    for (std::size_t i = 0; i < sweep.visited().size(); ++i) {
        const Rank r = sweep.visited()[i];
        const Weight w = sweep.visited_weights()[i];
        if (!within(w))
            continue;
        m_weight[r] = w;
        m_touched.push_back(r);
        mark(r);
        top_word = std::max<std::size_t>(top_word, r.value() / 64);
    }
    // Top down: a rank's upward neighbours are higher, so their weights are final when its bit
    // comes; it pulls the best of them down its upward arcs, read in storage order, and if that
    // is within the limit, it is reached.
    // Forward: travel y -> x, down the arc; backward: x -> y, up it.
    const auto arcs = metric.weights(direction == SweepDirection::backward);
    const auto pull = [&](Rank x) {
        const Weight best = pulled(topology, arcs, m_weight, x);
        if (!within(best))
            return false;
        if (m_weight[x] == kInfinity)
            m_touched.push_back(x);
        m_weight[x] = best;
        const NodeId u = topology.node(x);
        m_ids[u.value() / 64] |= std::uint64_t{1} << (u.value() % 64);
        return true;
    };
    // A reached rank marks its downward neighbours, lower, whose bits are still ahead. Once half
    // of the top eighth of the ranks (kDenseAfterShare) are visited, the limit reaches much
    // of the network, and pulling at every rank below, as the full sweep does
    // (engine/cch/one_to_all.hpp), costs less than marking which to visit. The same weights: a
    // rank none of whose upward neighbours is within the limit pulls nothing within it.
    const auto pending = m_touched.empty() ? 0 : top_word + 1;
    std::size_t visited = 0;
    const std::size_t dense_after = std::max<std::size_t>(1024, m_weight.size() / kDenseAfterShare);
    for (std::size_t word = pending; word-- > 0;) {
        const std::size_t swept = (pending - 1 - word) * 64;
        if (swept >= dense_after && 2 * visited >= swept) {
            std::fill(m_todo.begin(), m_todo.begin() + static_cast<std::ptrdiff_t>(word + 1), 0);
            pull_all_below(metric, arcs, Rank(static_cast<std::uint32_t>((word + 1) * 64)),
                           limit_ms);
            break;
        }
        while (m_todo[word] != 0) {
            const int bit = 63 - std::countl_zero(m_todo[word]);
            m_todo[word] &= ~(std::uint64_t{1} << bit);
            const Rank x(static_cast<std::uint32_t>(word * 64 + static_cast<std::size_t>(bit)));
            ++visited;
            if (!pull(x))
                continue;
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

void BoundedSweep::pull_all_below(const CchMetric& metric, CchMetric::WeightView arcs, Rank end,
                                  std::uint64_t limit_ms) {
    // As the full sweep does, with no branch on the answer: whether a rank is within the limit
    // is a coin toss near its edge. A rank is listed as touched (once: not if it was before) and
    // reached by writing it anyway and counting it or not.
    const CchTopology& topology = metric.topology();
    std::size_t touched = m_touched.size();
    m_touched.resize(touched + end.value());
    for (Rank x = end; x-- > Rank(0);) {
        const Weight was = m_weight[x];
        const Weight best = pulled(topology, arcs, m_weight, x);
        const bool within = best != kInfinity && cch::duration_ms(best) <= limit_ms;
        m_weight[x] = within ? best : kInfinity;
        m_touched[touched] = x;
        touched += std::size_t{within && was == kInfinity};
        const NodeId u = topology.node(x);
        m_ids[u.value() / 64] |= std::uint64_t{within} << (u.value() % 64);
    }
    m_touched.resize(touched);
}

}  // namespace muster::cch
