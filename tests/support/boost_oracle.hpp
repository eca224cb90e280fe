#pragma once
// Test support: an independent oracle for shortest travel times, Boost.Graph's
// dijkstra_shortest_paths run on a Boost CSR graph of the network (road_network_graph.hpp) with a
// metric's durations. The seed the oracle comparisons draw their pairs with is test_seed()
// (tests/support/random_seed.hpp).

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/metric.hpp"
#include "engine/road_network.hpp"
#include "engine/road_network_graph.hpp"
#include "tests/support/random_seed.hpp"

namespace muster::test {

/// Durations (ms) from `source` to every node under `duration_ms` (one per edge; kClosedMs
/// edges are left out), by Boost.Graph's Dijkstra; UINT64_MAX where a node cannot be reached.
inline IdVector<NodeId, std::uint64_t> boost_durations_from(
    const RoadNetwork& network, const IdVector<EdgeId, std::uint32_t>& duration_ms, NodeId source) {
    using Graph = RoadNetworkGraph;
    const Graph g = road_network_graph(network);
    const auto edge_index = boost::get(boost::edge_index, g);
    struct Open {
        const Graph* graph = nullptr;
        const std::uint32_t* weights = nullptr;
        bool operator()(const boost::graph_traits<Graph>::edge_descriptor& e) const {
            return weights[boost::get(boost::edge_index, *graph, e)] != kClosedMs;
        }
    };
    const boost::filtered_graph<Graph, Open> open(g, Open{&g, duration_ms.data()});
    IdVector<NodeId, std::uint64_t> distance(network.node_count(), UINT64_MAX);
    boost::dijkstra_shortest_paths(
        open, source.value(),
        boost::weight_map(boost::make_iterator_property_map(duration_ms.begin(), edge_index))
            .distance_map(boost::make_iterator_property_map(distance.begin(),
                                                            boost::get(boost::vertex_index, g)))
            .vertex_index_map(boost::get(boost::vertex_index, g))
            .distance_inf(UINT64_MAX)
            .distance_zero(std::uint64_t{0}));
    return distance;
}

/// boost_durations_from() under a metric's durations.
inline IdVector<NodeId, std::uint64_t> boost_durations_from(
    const RoadNetwork& network, const CowArray<EdgeId, std::uint32_t>& duration_ms, NodeId source) {
    return boost_durations_from(network, IdVector<EdgeId, std::uint32_t>(duration_ms.values()),
                                source);
}

}  // namespace muster::test

#include <boost/graph/adjacency_list.hpp>

namespace muster::test {

/// Durations (ms) from every node to `target` under `duration_ms` (kClosedMs edges left out):
/// Boost.Graph's Dijkstra from `target` on a transposed copy of the network (a Boost
/// adjacency_list with every edge turned round). UINT64_MAX where `target` cannot be reached.
inline IdVector<NodeId, std::uint64_t> boost_durations_to(
    const RoadNetwork& network, const IdVector<EdgeId, std::uint32_t>& duration_ms, NodeId target) {
    using Transposed =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                              boost::property<boost::edge_weight_t, std::uint64_t>>;
    Transposed g(network.node_count());
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            if (duration_ms[e] != kClosedMs)
                boost::add_edge(network.head(e).value(), u.value(), duration_ms[e], g);
        }
    }
    IdVector<NodeId, std::uint64_t> distance(network.node_count(), UINT64_MAX);
    boost::dijkstra_shortest_paths(
        g, target.value(),
        boost::distance_map(
            boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, g)))
            .distance_inf(UINT64_MAX)
            .distance_zero(std::uint64_t{0}));
    return distance;
}

/// boost_durations_to() under a metric's durations.
inline IdVector<NodeId, std::uint64_t> boost_durations_to(
    const RoadNetwork& network, const CowArray<EdgeId, std::uint32_t>& duration_ms, NodeId target) {
    return boost_durations_to(network, IdVector<EdgeId, std::uint32_t>(duration_ms.values()),
                              target);
}

}  // namespace muster::test
