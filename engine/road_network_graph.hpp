#pragma once
// A Boost.Graph view of a RoadNetwork's topology, for Boost's algorithms (strongly connected
// components) and test oracles: a compressed_sparse_row_graph built from the network's own
// forward star. Vertex i is NodeId(i) and the edge whose index is j is EdgeId(j), so property
// maps indexed by vertex_index / edge_index line up with the network's per-node and per-edge
// arrays. The graph is a copy of the topology (O(n + m) memory): build it where it is needed and
// let it go, do not keep it beside the network.

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/road_network.hpp"

namespace muster {

using RoadNetworkGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

/// The network's topology as a Boost CSR graph, edges in the network's order. O(n + m).
inline RoadNetworkGraph road_network_graph(const RoadNetwork& network) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted_edges;
    sorted_edges.reserve(network.edge_count());
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u))
            sorted_edges.emplace_back(u.value(), network.head(e).value());
    }
    return RoadNetworkGraph(boost::edges_are_sorted, sorted_edges.begin(), sorted_edges.end(),
                            network.node_count());
}

}  // namespace muster
