#pragma once
// Incoming edges of every node of a RoadNetwork (the transpose of its forward star), for searches
// that run backwards: towards an incident, from where a facility can be reached.
// Invariant: in_edges(v) lists, in increasing order, every edge e with head(e) == v.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/road_network.hpp"

namespace muster {

class ReverseGraph {
  public:
    /// O(n + m).
    explicit ReverseGraph(const RoadNetwork& network);
    std::span<const EdgeId> in_edges(NodeId v) const {
        return {m_in_edge.data() + m_first_in[v], m_first_in[v + 1] - m_first_in[v]};
    }
    /// The tail of each edge, precomputed (RoadNetwork::tail is a binary search).
    NodeId tail(EdgeId e) const { return m_tail[e]; }

  private:
    IdVector<NodeId, std::uint32_t> m_first_in;  // node_count + 1, into m_in_edge
    std::vector<EdgeId> m_in_edge;               // edge ids grouped by head
    IdVector<EdgeId, NodeId> m_tail;             // per edge
};

}  // namespace muster
