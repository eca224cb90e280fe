#include "engine/cch/cch_topology.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "engine/errors.hpp"

namespace muster::cch {

CchTopology::CchTopology(const RoadNetwork& network, std::vector<NodeId> order)
    : m_order(std::move(order)) {
    const std::size_t n = network.node_count();
    if (m_order.size() != n)
        throw std::invalid_argument("a CCH order must list every node once");
    m_rank.assign(n, kNoRank);
    for (Rank r = 0; r < n; ++r) {
        if (m_order[r] >= n || m_rank[m_order[r]] != kNoRank)
            throw std::invalid_argument("a CCH order must list every node once");
        m_rank[m_order[r]] = r;
    }

    // Chordal completion by contraction in order. Contracting x joins its upward neighbours in a
    // clique; adding them to x's lowest upward neighbour (its parent) is enough, because that one
    // is contracted next among them and passes them on in turn.
    std::vector<std::vector<Rank>> up(n);
    for (NodeId u = 0; u < n; ++u) {
        for (EdgeId e = network.first_out(u); e < network.end_out(u); ++e) {
            const Rank a = m_rank[u], b = m_rank[network.head(e)];
            if (a != b)
                up[std::min(a, b)].push_back(std::max(a, b));
        }
    }
    m_parent.assign(n, kNoRank);
    m_first_up.assign(n + 1, 0);
    for (Rank x = 0; x < n; ++x) {
        auto& list = up[x];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (!list.empty()) {
            m_parent[x] = list.front();
            auto& into = up[list.front()];
            into.insert(into.end(), list.begin() + 1, list.end());
        }
        m_first_up[x + 1] = m_first_up[x] + static_cast<ArcId>(list.size());
    }
    m_up_head.reserve(m_first_up[n]);
    m_up_tail.reserve(m_first_up[n]);
    for (Rank x = 0; x < n; ++x) {
        m_up_head.insert(m_up_head.end(), up[x].begin(), up[x].end());
        m_up_tail.insert(m_up_tail.end(), up[x].size(), x);
        std::vector<Rank>().swap(up[x]);
    }

    // Downward adjacency: arcs grouped by head; filled by tail ascending, so sorted by tail.
    const std::size_t arcs = m_up_head.size();
    m_first_down.assign(n + 1, 0);
    for (ArcId a = 0; a < arcs; ++a)
        ++m_first_down[m_up_head[a] + 1];
    for (Rank y = 0; y < n; ++y)
        m_first_down[y + 1] += m_first_down[y];
    m_down_tail.resize(arcs);
    m_down_arc.resize(arcs);
    {
        std::vector<std::uint32_t> fill(m_first_down.begin(), m_first_down.end() - 1);
        for (ArcId a = 0; a < arcs; ++a) {
            const std::uint32_t i = fill[m_up_head[a]]++;
            m_down_tail[i] = m_up_tail[a];
            m_down_arc[i] = a;
        }
    }

    // Input edges to arcs, and arcs to their input edges.
    const std::size_t m = network.edge_count();
    m_edge_arc.assign(m, kInvalidArc);
    m_edge_upward.assign(m, 0);
    m_first_arc_edge.assign(arcs + 1, 0);
    for (NodeId u = 0; u < n; ++u) {
        for (EdgeId e = network.first_out(u); e < network.end_out(u); ++e) {
            const Rank a = m_rank[u], b = m_rank[network.head(e)];
            if (a == b)
                continue;
            m_edge_arc[e] = find_arc(std::min(a, b), std::max(a, b));
            m_edge_upward[e] = a < b;
            ++m_first_arc_edge[m_edge_arc[e] + 1];
        }
    }
    for (ArcId a = 0; a < arcs; ++a)
        m_first_arc_edge[a + 1] += m_first_arc_edge[a];
    m_arc_edges.resize(m_first_arc_edge[arcs]);
    std::vector<std::uint32_t> fill(m_first_arc_edge.begin(), m_first_arc_edge.end() - 1);
    for (EdgeId e = 0; e < m; ++e) {
        if (m_edge_arc[e] != kInvalidArc)
            m_arc_edges[fill[m_edge_arc[e]]++] = e;
    }
}

ArcId CchTopology::find_arc(Rank x, Rank y) const {
    const auto begin = m_up_head.begin() + m_first_up[x];
    const auto end = m_up_head.begin() + m_first_up[x + 1];
    const auto it = std::lower_bound(begin, end, y);
    return it != end && *it == y ? static_cast<ArcId>(it - m_up_head.begin()) : kInvalidArc;
}

void CchTopology::check() const {
    const std::size_t n = node_count();
    auto fail = [](const std::string& what) { throw DataError("CCH invariant violated: " + what); };
    for (Rank r = 0; r < n; ++r) {
        if (m_order[r] >= n || m_rank[m_order[r]] != r)
            fail("rank and order are not inverse permutations at rank " + std::to_string(r));
    }
    if (m_first_up.size() != n + 1 || m_first_up.front() != 0 || m_first_up.back() != arc_count())
        fail("first_up does not span the arcs");
    for (Rank x = 0; x < n; ++x) {
        if (m_first_up[x] > m_first_up[x + 1])
            fail("first_up decreases at rank " + std::to_string(x));
        for (ArcId a = m_first_up[x]; a < m_first_up[x + 1]; ++a) {
            if (m_up_tail[a] != x || m_up_head[a] <= x || m_up_head[a] >= n)
                fail("arc " + std::to_string(a) + " does not run upward from rank " +
                     std::to_string(x));
            if (a > m_first_up[x] && m_up_head[a - 1] >= m_up_head[a])
                fail("upward arcs of rank " + std::to_string(x) + " are not strictly sorted");
        }
        const Rank expected =
            m_first_up[x] < m_first_up[x + 1] ? m_up_head[m_first_up[x]] : kNoRank;
        if (m_parent[x] != expected)
            fail("the elimination-tree parent of rank " + std::to_string(x) +
                 " is not its lowest upward neighbour");
        if (expected == kNoRank)
            continue;
        for (ArcId a = m_first_up[x] + 1; a < m_first_up[x + 1]; ++a) {
            if (find_arc(expected, m_up_head[a]) == kInvalidArc)
                fail("not chordal: ranks " + std::to_string(expected) + " and " +
                     std::to_string(m_up_head[a]) + " (upward neighbours of " + std::to_string(x) +
                     ") are not joined");
        }
    }
    for (EdgeId e = 0; e < edge_count(); ++e) {
        const ArcId a = m_edge_arc[e];
        if (a == kInvalidArc)
            continue;
        if (std::find(arc_edges(a).begin(), arc_edges(a).end(), e) == arc_edges(a).end())
            fail("input edge " + std::to_string(e) + " is not listed on its arc");
    }
}

std::size_t CchTopology::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return bytes(m_order) + bytes(m_rank) + bytes(m_parent) + bytes(m_first_up) + bytes(m_up_head) +
           bytes(m_up_tail) + bytes(m_first_down) + bytes(m_down_tail) + bytes(m_down_arc) +
           bytes(m_edge_arc) + bytes(m_edge_upward) + bytes(m_first_arc_edge) + bytes(m_arc_edges);
}

}  // namespace muster::cch
