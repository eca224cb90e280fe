#pragma once
// The metric-independent part of a customizable contraction hierarchy (Dibbelt, Strasser,
// Wagner, ACM JEA 2016): the chordal completion of the network's undirected graph under a
// contraction order, its elimination tree, and the mapping of every input edge to its arc.
//
// Nodes are addressed by rank (position in the order). Invariants (check() names the one that
// fails):
//   rank and node_of_rank are inverse permutations of the nodes;
//   arcs are stored once per undirected pair, at their lower end: the upward arcs of rank x are
//   [first_up(x), first_up(x+1)), with heads > x, strictly increasing (sorted, no duplicates);
//   each rank's downward arcs (those of which it is the head) are listed by tail, so by id too;
//   the graph is chordal: the upward neighbours of x above its parent are upward neighbours of
//   the parent (so every pair of upward neighbours of x is joined by an arc);
//   the elimination-tree parent of x is its lowest upward neighbour (none for a root);
//   the depth of x is its parent's plus one, 0 for a root;
//   every non-loop input edge maps to the arc of its end nodes (check() sees only that it maps
//   to an arc: the topology keeps no edge's ends); loops map to kInvalidArc.
// Built once per network and shared read-only by every metric and query.

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/road_network.hpp"

namespace muster::cch {

struct RankTag;
struct ArcIdTag;
/// A node's position in the contraction order: 0 .. node_count - 1.
using Rank = StrongId<RankTag>;
/// An upward arc of the chordal completion: 0 .. arc_count - 1, grouped by lower rank.
using ArcId = StrongId<ArcIdTag>;
static_assert(sizeof(Rank) == sizeof(std::uint32_t) && sizeof(ArcId) == sizeof(std::uint32_t));
inline constexpr Rank kNoRank{UINT32_MAX};
inline constexpr ArcId kInvalidArc{UINT32_MAX};

class CchTopology {
  public:
    /// The chordal completion of `network` under `order` (order[r] = node of rank r). Throws
    /// ContractError if `order` is not a permutation of the network's nodes.
    /// O(arcs · log degree) time, O(arcs) memory.
    CchTopology(const RoadNetwork& network, std::vector<NodeId> order);

    std::size_t node_count() const { return m_rank.size(); }
    std::size_t arc_count() const { return m_up_head.size(); }
    std::size_t edge_count() const { return m_edge_arc.size(); }
    /// Every rank, lowest first; every arc, by id.
    IdRange<Rank> ranks() const { return first_ids<Rank>(node_count()); }
    IdRange<ArcId> arcs() const { return first_ids<ArcId>(arc_count()); }

    Rank rank(NodeId u) const { return m_rank[u]; }
    NodeId node(Rank r) const { return m_order[r]; }
    /// Elimination-tree parent of rank x, kNoRank for a root.
    Rank parent(Rank x) const { return m_parent[x]; }
    /// The number of ancestors of rank x in the elimination tree: 0 for a root.
    std::uint32_t depth(Rank x) const { return m_depth[x]; }
    /// depth of every rank (for tight loops).
    IdSpan<Rank, const std::uint32_t> depths() const { return m_depth.span(); }

    /// Upward arcs of x: ids [first_up(x), first_up(x + 1)), heads sorted ascending.
    ArcId first_up(Rank x) const { return m_first_up[x]; }
    /// The upward arcs of x: [first_up(x), first_up(x + 1)).
    IdRange<ArcId> up_arcs(Rank x) const { return {m_first_up[x], m_first_up[x + 1]}; }
    Rank up_head(ArcId a) const { return m_up_head[a]; }
    /// up_head of every arc, by arc id (for tight loops).
    IdSpan<ArcId, const Rank> up_heads() const { return m_up_head.span(); }
    /// The lower end of arc a, kNoRank for an arc not listed among its head's downward arcs (only
    /// a damaged topology has one). Found there: a head's downward arcs are sorted by tail, so by
    /// id too. O(log degree), and 4 bytes an arc less than a list of tails.
    Rank up_tail(ArcId a) const {
        const Rank y = m_up_head[a];
        const ArcId* begin = m_down_arc.data() + m_first_down[y];
        const ArcId* end = m_down_arc.data() + m_first_down[y + 1];
        const ArcId* at = std::lower_bound(begin, end, a);
        return at != end && *at == a ? m_down_tail[static_cast<std::size_t>(at - m_down_arc.data())]
                                     : kNoRank;
    }
    /// Downward arcs of y (arcs (x, y) with x < y), sorted by x: [first_down(y), first_down(y+1)).
    std::uint32_t first_down(Rank y) const { return m_first_down[y]; }
    Rank down_tail(std::uint32_t i) const { return m_down_tail[i]; }
    ArcId down_arc(std::uint32_t i) const { return m_down_arc[i]; }
    /// visit(z, zx, zy) for the lower triangles {z, x, y} of the arc (x, y), x < y, by
    /// increasing z: z and the arcs (z, x) and (z, y). Stops early where visit returns false. A
    /// merge of x's and y's sorted downward arcs: O(their count).
    template <typename Visit>
    void for_each_lower_triangle(Rank x, Rank y, const Visit& visit) const {
        std::uint32_t i = first_down(x), i_end = first_down(x + 1);
        std::uint32_t j = first_down(y), j_end = first_down(y + 1);
        while (i < i_end && j < j_end) {
            const Rank zi = down_tail(i), zj = down_tail(j);
            if (zi < zj) {
                ++i;
            } else if (zj < zi) {
                ++j;
            } else {
                if (!visit(zi, down_arc(i), down_arc(j)))
                    return;
                ++i, ++j;
            }
        }
    }

    /// The arc between ranks x < y, or kInvalidArc. O(log degree).
    ArcId find_arc(Rank x, Rank y) const;
    /// Where the downward arc of y from x is listed: the index in [from, first_down(y + 1)) of the
    /// first tail not below x (first_down(y + 1) if none is). `from` at first_down(y) searches
    /// them all; a caller searching for increasing x passes the last index found. O(log degree).
    std::uint32_t find_down(Rank y, Rank x, std::uint32_t from) const {
        const auto begin = m_down_tail.begin() + from;
        const auto end = m_down_tail.begin() + m_first_down[y + 1];
        return static_cast<std::uint32_t>(std::lower_bound(begin, end, x) - m_down_tail.begin());
    }

    /// The arc an input edge runs along, and whether it runs upward (from the lower rank to the
    /// higher); kInvalidArc for a loop.
    ArcId edge_arc(EdgeId e) const { return m_edge_arc[e]; }
    bool edge_upward(EdgeId e) const { return m_edge_upward[e] != 0; }

    /// Checks every invariant above; throws DataError naming the first that fails. O(arcs ·
    /// degree).
    void check() const;
    /// Bytes held.
    std::size_t memory_bytes() const;

  private:
    IdVector<Rank, NodeId> m_order;  // rank -> node
    IdVector<NodeId, Rank> m_rank;   // node -> rank
    IdVector<Rank, Rank> m_parent;
    IdVector<Rank, std::uint32_t> m_depth;
    IdVector<Rank, ArcId> m_first_up;  // node_count + 1
    IdVector<ArcId, Rank> m_up_head;
    IdVector<Rank, std::uint32_t> m_first_down;  // node_count + 1, into the two below
    std::vector<Rank> m_down_tail;
    std::vector<ArcId> m_down_arc;
    IdVector<EdgeId, ArcId> m_edge_arc;  // per input edge
    IdVector<EdgeId, std::uint8_t> m_edge_upward;
};

}  // namespace muster::cch
