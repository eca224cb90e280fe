#include "engine/reverse_graph.hpp"

namespace muster {

ReverseGraph::ReverseGraph(const RoadNetwork& network)
    : m_first_in(network.node_count() + 1, 0),
      m_in_edge(network.edge_count()),
      m_tail(network.edge_count()) {
    for (NodeId u = 0; u < network.node_count(); ++u) {
        for (EdgeId e = network.first_out(u); e < network.end_out(u); ++e) {
            m_tail[e] = u;
            ++m_first_in[network.head(e) + 1];
        }
    }
    for (std::size_t v = 0; v < network.node_count(); ++v)
        m_first_in[v + 1] += m_first_in[v];
    std::vector<EdgeId> next(m_first_in.begin(), m_first_in.end() - 1);
    for (EdgeId e = 0; e < network.edge_count(); ++e)
        m_in_edge[next[network.head(e)]++] = e;
}

}  // namespace muster
