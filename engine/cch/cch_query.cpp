#include "engine/cch/cch_query.hpp"

#include "engine/errors.hpp"
#include "engine/run_beside.hpp"

#include <algorithm>
#include <stdexcept>

namespace muster::cch {

CchQuery::CchQuery(const CchTopology& topology) : m_topology(topology) {}

std::size_t CchQuery::seed_at(std::span<const Seed> seeds, Rank r, Weight weight) const {
    const NodeId node = m_topology.node(r);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        if (seeds[i].node == node && pack(seeds[i].duration_ms, seeds[i].length_mm) == weight)
            return i;
    }
    throw ContractError("a CCH path starts at none of its seeds");
}

const CchPath& CchQuery::run(const CchMetric& metric, std::span<const Seed> sources,
                             std::span<const Seed> targets, bool with_edges) {
    if (&metric.topology() != &m_topology)
        throw ContractError("a CCH query runs on metrics of its own topology only");
    m_path.weight = kInfinity;
    m_path.edges.clear();
    // Both sweeps in one pass by increasing rank. A rank settled by both is a meeting candidate;
    // a side whose weight at a rank already reaches the best path found does not relax on from
    // it, since every path on through it is at least as heavy (the elimination-tree query with
    // pruning of Dibbelt, Strasser, Wagner).
    m_forward.start(metric, sources, SweepDirection::forward);
    m_backward.start(metric, targets, SweepDirection::backward);
    Rank meet = kNoRank;
    for (;;) {
        const Rank f = m_forward.next(), b = m_backward.next();
        if (f == kNoRank && b == kNoRank)
            break;
        const Rank r = std::min(f, b);
        const Weight wf = f == r ? m_forward.next_weight() : kInfinity;
        const Weight wb = b == r ? m_backward.next_weight() : kInfinity;
        if (f == r)
            m_forward.settle(wf < m_path.weight);
        if (b == r)
            m_backward.settle(wb < m_path.weight);
        if (f == r && b == r) {
            const Weight w = add_saturating(wf, wb);
            if (w < m_path.weight) {
                m_path.weight = w;
                meet = r;
            }
        }
    }
    if (meet == kNoRank)
        return m_path;
    fitting(m_path.weight);

    const CchTopology& topology = m_topology;
    // Forward half: arcs from the meeting node down to a source, then travelled upward.
    m_arcs.clear();
    Rank r = meet;
    for (ArcId a = m_forward.parent_arc(r); a != kInvalidArc; a = m_forward.parent_arc(r)) {
        m_arcs.push_back(a);
        r = topology.up_tail(a);
    }
    m_path.source_seed = seed_at(sources, r, m_forward.weight(r));
    // Backward half: from the meeting node down to a target, travelled downward in this order.
    m_down_arcs.clear();
    r = meet;
    for (ArcId a = m_backward.parent_arc(r); a != kInvalidArc; a = m_backward.parent_arc(r)) {
        m_down_arcs.push_back(a);
        r = topology.up_tail(a);
    }
    m_path.target_seed = seed_at(targets, r, m_backward.weight(r));
    if (!with_edges)
        return m_path;
    const auto unpack_forward = [&] {
        for (auto it = m_arcs.rbegin(); it != m_arcs.rend(); ++it)
            metric.unpack(*it, true, m_path.edges);
    };
    const auto unpack_backward = [&](std::vector<EdgeId>& edges) {
        for (ArcId a : m_down_arcs)
            metric.unpack(a, false, edges);
    };
    const auto unpack_backward_apart = [&] {
        m_down_edges.clear();
        unpack_backward(m_down_edges);
    };
    // The halves at once when the path is long and a helper is idle (engine/run_beside): a
    // province's routes unpack into thousands of edges, and the halves do not depend on each
    // other.
    if (length_mm(m_path.weight) >= kBesideMinLengthMm &&
        run_beside(unpack_forward, unpack_backward_apart)) {
        m_path.edges.insert(m_path.edges.end(), m_down_edges.begin(), m_down_edges.end());
    } else {
        unpack_forward();
        unpack_backward(m_path.edges);
    }
    return m_path;
}

}  // namespace muster::cch
