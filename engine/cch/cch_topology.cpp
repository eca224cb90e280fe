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
        throw ContractError("a CCH order must list every node once");
    m_rank.assign(n, kNoRank);
    for (Rank r : ranks()) {
        if (m_order[r].value() >= n || m_rank[m_order[r]] != kNoRank)
            throw ContractError("a CCH order must list every node once");
        m_rank[m_order[r]] = r;
    }

    // Chordal completion by contraction in order. Contracting x joins its upward neighbours in a
    // clique; adding them to x's lowest upward neighbour (its parent) is enough, because that one
    // is contracted next among them and passes them on in turn.
    IdVector<Rank, std::vector<Rank>> up(n);
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            const Rank a = m_rank[u], b = m_rank[network.head(e)];
            if (a != b)
                up[std::min(a, b)].push_back(std::max(a, b));
        }
    }
    m_parent.assign(n, kNoRank);
    m_first_up.assign(n + 1, ArcId(0));
    for (Rank x : ranks()) {
        auto& list = up[x];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (!list.empty()) {
            m_parent[x] = list.front();
            auto& into = up[list.front()];
            into.insert(into.end(), list.begin() + 1, list.end());
        }
        m_first_up[x + 1] = m_first_up[x] + static_cast<std::uint32_t>(list.size());
    }
    // A parent ranks above its children: from the top down, each depth follows its parent's.
    m_depth.assign(n, 0);
    for (std::size_t i = n; i-- > 0;) {
        const Rank x(static_cast<std::uint32_t>(i));
        if (m_parent[x] != kNoRank)
            m_depth[x] = m_depth[m_parent[x]] + 1;
    }
    m_up_head.reserve(m_first_up.back().value());
    for (Rank x : ranks()) {
        for (Rank y : up[x])
            m_up_head.push_back(y);
        std::vector<Rank>().swap(up[x]);
    }

    // Downward adjacency: arcs grouped by head; filled by tail ascending, so sorted by tail.
    const std::size_t arcs = m_up_head.size();
    m_first_down.assign(n + 1, 0);
    for (ArcId a : this->arcs())
        ++m_first_down[m_up_head[a] + 1];
    for (Rank y : ranks())
        m_first_down[y + 1] += m_first_down[y];
    m_down_tail.resize(arcs);
    m_down_arc.resize(arcs);
    {
        IdVector<Rank, std::uint32_t> fill(
            std::vector(m_first_down.begin(), m_first_down.end() - 1));
        for (Rank x : ranks()) {
            for (ArcId a : up_arcs(x)) {
                const std::uint32_t i = fill[m_up_head[a]]++;
                m_down_tail[i] = x;
                m_down_arc[i] = a;
            }
        }
    }

    // Input edges to arcs. An arc's input edges are found from its ends' out-edges when needed
    // (CchMetric::input), not listed: 8 bytes an arc less.
    const std::size_t m = network.edge_count();
    m_edge_arc.assign(m, kInvalidArc);
    m_edge_upward.assign(m, 0);
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            const Rank a = m_rank[u], b = m_rank[network.head(e)];
            if (a == b)
                continue;
            m_edge_arc[e] = find_arc(std::min(a, b), std::max(a, b));
            m_edge_upward[e] = a < b;
        }
    }
}

ArcId CchTopology::find_arc(Rank x, Rank y) const {
    const auto begin = m_up_head.begin() + m_first_up[x].value();
    const auto end = m_up_head.begin() + m_first_up[x + 1].value();
    const auto it = std::lower_bound(begin, end, y);
    return it != end && *it == y ? ArcId(static_cast<std::uint32_t>(it - m_up_head.begin()))
                                 : kInvalidArc;
}

void CchTopology::check() const {
    const std::size_t n = node_count();
    auto fail = [](const std::string& what) { throw DataError("CCH invariant violated: " + what); };
    for (Rank r : ranks()) {
        if (m_order[r].value() >= n || m_rank[m_order[r]] != r)
            fail("rank and order are not inverse permutations at rank " +
                 std::to_string(r.value()));
    }
    if (m_first_up.size() != n + 1 || m_first_up.front() != ArcId(0) ||
        m_first_up.back().value() != arc_count())
        fail("first_up does not span the arcs");
    for (Rank x : ranks()) {
        if (m_first_up[x] > m_first_up[x + 1])
            fail("first_up decreases at rank " + std::to_string(x.value()));
        for (ArcId a : up_arcs(x)) {
            if (m_up_head[a] <= x || m_up_head[a].value() >= n || up_tail(a) != x)
                fail("arc " + std::to_string(a.value()) + " does not run upward from rank " +
                     std::to_string(x.value()));
            if (a > m_first_up[x] && m_up_head[ArcId(a.value() - 1)] >= m_up_head[a])
                fail("upward arcs of rank " + std::to_string(x.value()) +
                     " are not strictly sorted");
        }
        const Rank expected =
            m_first_up[x] < m_first_up[x + 1] ? m_up_head[m_first_up[x]] : kNoRank;
        if (m_parent[x] != expected)
            fail("the elimination-tree parent of rank " + std::to_string(x.value()) +
                 " is not its lowest upward neighbour");
        if (m_depth.size() != n || m_depth[x] != (expected == kNoRank ? 0 : m_depth[expected] + 1))
            fail("the depth of rank " + std::to_string(x.value()) +
                 " is not its parent's plus one");
        if (expected == kNoRank)
            continue;
        for (ArcId a = m_first_up[x] + 1; a < m_first_up[x + 1]; ++a) {
            if (find_arc(expected, m_up_head[a]) == kInvalidArc)
                fail("not chordal: ranks " + std::to_string(expected.value()) + " and " +
                     std::to_string(m_up_head[a].value()) + " (upward neighbours of " +
                     std::to_string(x.value()) + ") are not joined");
        }
    }
    for (EdgeId e : first_ids<EdgeId>(edge_count())) {
        if (m_edge_arc[e] != kInvalidArc && m_edge_arc[e].value() >= arc_count())
            fail("input edge " + std::to_string(e.value()) + " maps to no arc");
    }
}

std::size_t CchTopology::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(*v.data()); };
    return bytes(m_order) + bytes(m_rank) + bytes(m_parent) + bytes(m_depth) + bytes(m_first_up) +
           bytes(m_up_head) + bytes(m_first_down) + bytes(m_down_tail) + bytes(m_down_arc) +
           bytes(m_edge_arc) + bytes(m_edge_upward);
}

}  // namespace muster::cch
