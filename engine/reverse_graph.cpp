#include "engine/reverse_graph.hpp"

namespace muster {

ReverseGraph::ReverseGraph(const RoadNetwork& network)
    : m_first_in(network.node_count() + 1, 0),
      m_in_edge(network.edge_count()),
      m_tail(network.edge_count()) {
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            m_tail[e] = u;
            ++m_first_in[network.head(e) + 1];
        }
    }
    for (NodeId v : network.nodes())
        m_first_in[v + 1] += m_first_in[v];
    IdVector<NodeId, std::uint32_t> next(std::vector(m_first_in.begin(), m_first_in.end() - 1));
    for (EdgeId e : network.edges())
        m_in_edge[next[network.head(e)]++] = e;
}

}  // namespace muster
