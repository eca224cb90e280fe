#include "engine/cch/cch_metric.hpp"

#include "engine/errors.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <stdexcept>

namespace muster::cch {

CchMetric::CchMetric(const CchTopology& topology, const RoadNetwork& network, const Metric& metric)
    : m_topology(topology), m_network(network), m_metric(metric) {
    if (topology.edge_count() != network.edge_count() ||
        metric.duration_ms.size() != network.edge_count() ||
        topology.node_count() != network.node_count()) {
        throw ContractError("a CCH metric needs the topology, network and metric of one network");
    }
    m_queued.assign((topology.arc_count() + 63) / 64, 0);
    customize();
}

CchMetric::CchMetric(CchMetric other, const Metric& metric)
    : m_topology(other.m_topology),
      m_network(other.m_network),
      m_metric(metric),
      m_up(std::move(other.m_up)),
      m_down(std::move(other.m_down)),
      m_part_bound(other.m_part_bound),
      m_queued(std::move(other.m_queued)) {  // no bit set between updates
    if (metric.duration_ms.size() != m_network.edge_count())
        throw ContractError("a CCH metric needs the metric of its own network");
}

Weight CchMetric::edge_weight(EdgeId e) const {
    if (m_metric.closed(e))
        return kInfinity;
    return pack(m_metric.duration_ms[e], m_network.arrays().length_mm[e]);
}

CchMetric::Input CchMetric::input(ArcId a, Rank lower) const {
    const NodeId x = m_topology.node(lower), y = m_topology.node(m_topology.up_head(a));
    const auto [up, up_edge] = input(x, y);
    const auto [down, down_edge] = input(y, x);
    return {up, down, up_edge, down_edge};
}

std::pair<Weight, EdgeId> CchMetric::input(NodeId from, NodeId to) const {
    // The input edges along an arc leave one end for the other: among that node's out-edges,
    // which come by id, so the lowest id wins among parallel equals.
    std::pair best{kInfinity, kInvalidEdge};
    for (EdgeId e : m_network.out_edges(from)) {
        if (m_network.head(e) != to)
            continue;
        if (const Weight w = edge_weight(e); w < best.first)
            best = {w, e};
    }
    return best;
}

void CchMetric::customize() {
    // Fresh arrays, shared with no copy: written in place as plain ones.
    m_up = Weights(m_topology.arc_count(), kInfinity);
    m_down = Weights(m_topology.arc_count(), kInfinity);
    const IdSpan<ArcId, Weight> up(m_up.whole().data(), m_up.size());
    const IdSpan<ArcId, Weight> down(m_down.whole().data(), m_down.size());
    // Each arc's input weight, the least of its edges' (as input() finds it), in one pass over
    // the edges.
    for (EdgeId e : m_network.edges()) {
        const ArcId a = m_topology.edge_arc(e);
        if (a == kInvalidArc)
            continue;
        Weight& into = m_topology.edge_upward(e) ? up[a] : down[a];
        into = std::min(into, edge_weight(e));
    }
    // Lower triangles {z, x, y}, z < x < y, by increasing z: arcs (z, x) and (z, y) are final by
    // then (their own lower triangles have lower z). The arc (x, y) is found by walking x's
    // sorted upward arcs alongside z's: every upward neighbour of z above x is one of x's.
    for (Rank z : m_topology.ranks()) {
        const ArcId end = m_topology.first_up(z + 1);
        for (ArcId zx = m_topology.first_up(z); zx < end; ++zx) {
            const Rank x = m_topology.up_head(zx);
            ArcId xy = m_topology.first_up(x);
            for (ArcId zy = zx + 1; zy < end; ++zy) {
                const Rank y = m_topology.up_head(zy);
                while (m_topology.up_head(xy) < y)
                    ++xy;
                // x -> z -> y and y -> z -> x
                up[xy] = std::min(up[xy], add_saturating(down[zx], up[zy]));
                down[xy] = std::min(down[xy], add_saturating(down[zy], up[zx]));
            }
        }
    }
    m_part_bound = 0;
    for (ArcId a : m_topology.arcs())
        raise_part_bound(up[a]), raise_part_bound(down[a]);
}

void CchMetric::raise_part_bound(Weight w) {
    if (w != kInfinity)
        m_part_bound = std::max({m_part_bound, duration_ms(w), length_mm(w)});
}

bool CchMetric::recompute(ArcId a, Rank x) {
    const Input best = input(a, x);
    Weight up = best.up, down = best.down;
    const WeightView ups = weights(true), downs = weights(false);
    m_topology.for_each_lower_triangle(x, m_topology.up_head(a), [&](Rank, ArcId zx, ArcId zy) {
        up = std::min(up, add_saturating(downs[zx], ups[zy]));      // x -> z -> y
        down = std::min(down, add_saturating(downs[zy], ups[zx]));  // y -> z -> x
        return true;
    });
    raise_part_bound(up);
    raise_part_bound(down);
    // Written only where they change: an unchanged arc leaves its chunk shared (cow_array.hpp).
    if (up == ups[a] && down == downs[a])
        return false;
    m_up.set(a, up);
    m_down.set(a, down);
    return true;
}

std::size_t CchMetric::update(std::span<const EdgeId> changed) {
    // Arc ids run in order of their lower rank, and an arc depends only on arcs of lower ranks.
    // Every arc queued while recomputing a = (x, y) has its lower end above x, so its id above
    // a's: one scan of the queued bits upward recomputes every arc after all it depends on.
    std::size_t lowest = m_queued.size(), highest = 0;  // queued words
    auto push = [&](ArcId a) {
        const std::size_t word = a.value() / 64;
        m_queued[word] |= std::uint64_t{1} << (a.value() % 64);
        lowest = std::min(lowest, word), highest = std::max(highest, word);
    };
    for (EdgeId e : changed) {
        if (e.value() >= m_topology.edge_count())
            throw ContractError("a changed edge is not an edge of the network");
    }
    for (EdgeId e : changed) {  // no bit is left set should the check above throw
        const ArcId a = m_topology.edge_arc(e);
        if (a != kInvalidArc)
            push(a);  // recompute() reads its input edges afresh
    }
    // A lower triangle's value moving from `before` to `after` can change an arc whose weight is
    // `current` only if it now beats it, or if it was the minimum and moved.
    auto affects = [](Weight before, Weight after, Weight current) {
        return before != after && (after < current || before == current);
    };
    // Views of the weights stay valid through set(): it changes a chunk's entry in place.
    const WeightView ups = weights(true), downs = weights(false);
    std::size_t count = 0;
    for (std::size_t word = lowest; word <= highest && word < m_queued.size(); ++word) {
        while (m_queued[word] != 0) {  // re-read: a push may set a later bit of this word
            const ArcId a(static_cast<std::uint32_t>(word * 64 + std::countr_zero(m_queued[word])));
            m_queued[word] &= m_queued[word] - 1;
            const Weight up_before = ups[a], down_before = downs[a];
            const Rank x = m_topology.up_tail(a), y = m_topology.up_head(a);
            if (!recompute(a, x))
                continue;
            ++count;
            // a = (x, y) is a lower arc of the triangles {x, y, w} for every other upward w of
            // x: those whose value through x moved are recomputed in turn (their ids are above
            // a's, so none has been recomputed in this update yet and each still holds its old
            // weight). First the arcs t joining y and w, found among y's downward arcs for w
            // below y, its upward ones above (x's upward arcs come by head, so each search starts
            // where the last one ended), and their weights fetched: t are scattered, and the
            // fetches overlap.
            m_triangles.clear();
            std::uint32_t below = m_topology.first_down(y);
            ArcId above = m_topology.first_up(y);
            for (ArcId xw : m_topology.up_arcs(x)) {
                const Rank w = m_topology.up_head(xw);
                if (w == y)
                    continue;
                ArcId t;
                if (y < w) {
                    while (m_topology.up_head(above) < w)
                        ++above;
                    t = above;
                } else {
                    below = m_topology.find_down(y, w, below);
                    t = m_topology.down_arc(below);
                }
                __builtin_prefetch(&ups[t]);
                __builtin_prefetch(&downs[t]);
                m_triangles.emplace_back(xw, t);
            }
            for (const auto& [xw, t] : m_triangles) {
                // t's upward weight runs from its lower end to its higher through x; downward
                // back. With y below w: up y -> x -> w = down(a) + up(xw); down w -> x -> y =
                // down(xw) + up(a). With w below y the roles of a and xw swap.
                const bool y_lower = y < m_topology.up_head(xw);
                const Weight up_was = y_lower ? add_saturating(down_before, ups[xw])
                                              : add_saturating(downs[xw], up_before);
                const Weight up_now =
                    y_lower ? add_saturating(downs[a], ups[xw]) : add_saturating(downs[xw], ups[a]);
                const Weight down_was = y_lower ? add_saturating(downs[xw], up_before)
                                                : add_saturating(down_before, ups[xw]);
                const Weight down_now =
                    y_lower ? add_saturating(downs[xw], ups[a]) : add_saturating(downs[a], ups[xw]);
                if (affects(up_was, up_now, ups[t]) || affects(down_was, down_now, downs[t]))
                    push(t);
            }
        }
    }
    return count;
}

CchMetric::Triangle CchMetric::lower_triangle(Rank x, Rank y, bool upward, Weight w) const {
    // The candidates' weights lie scattered through the hierarchy, and an arc high in it has
    // hundreds: they are gathered a batch at a time and prefetched, so that their fetches
    // overlap, then checked by increasing z.
    const WeightView to_z = weights(!upward);   // x -> z (or z -> x)
    const WeightView from_z = weights(upward);  // z -> y (or y -> z)
    constexpr std::size_t kBatch = 16;
    std::array<Triangle, kBatch> batch;
    std::size_t size = 0;
    std::optional<Triangle> found;
    auto check = [&] {
        for (std::size_t i = 0; i < size && !found; ++i) {
            if (add_saturating(to_z[batch[i].zx], from_z[batch[i].zy]) == w)
                found = batch[i];
        }
        size = 0;
    };
    m_topology.for_each_lower_triangle(x, y, [&](Rank z, ArcId zx, ArcId zy) {
        __builtin_prefetch(&to_z[zx]);
        __builtin_prefetch(&from_z[zy]);
        batch[size++] = {z, zx, zy};
        if (size == kBatch)
            check();
        return !found;
    });
    check();
    if (!found)
        throw ContractError("a CCH arc's weight comes from neither its edges nor a lower triangle");
    return *found;
}

void CchMetric::unpack(ArcId a, bool upward, std::vector<EdgeId>& edges) const {
    const Rank x = m_topology.up_tail(a), y = m_topology.up_head(a);
    unpack(a, {x, y, m_topology.node(x), m_topology.node(y)}, upward, edges);
}

void CchMetric::unpack(ArcId a, const Ends& ends, bool upward, std::vector<EdgeId>& edges) const {
    const Weight w = upward ? m_up[a] : m_down[a];
    if (w == kInfinity)
        throw ContractError("unpacking a CCH arc without a path");
    // As customization chose: the input edge on a tie, else the lowest triangle. Found here
    // rather than kept, 16 bytes an arc less; a path's arcs are few beside all of them.
    const auto [x, y, x_node, y_node] = ends;
    if (const auto [input_weight, edge] = upward ? input(x_node, y_node) : input(y_node, x_node);
        input_weight == w) {
        edges.push_back(edge);
        return;
    }
    const auto [z, zx, zy] = lower_triangle(x, y, upward, w);
    const NodeId z_node = m_topology.node(z);
    const Ends lower{z, x, z_node, x_node}, upper{z, y, z_node, y_node};
    if (upward) {  // x -> z -> y
        unpack(zx, lower, false, edges);
        unpack(zy, upper, true, edges);
    } else {  // y -> z -> x
        unpack(zy, upper, false, edges);
        unpack(zx, lower, true, edges);
    }
}

std::size_t CchMetric::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(*v.data()); };
    return m_up.memory_bytes() + m_down.memory_bytes() + bytes(m_queued) + bytes(m_triangles);
}

}  // namespace muster::cch
