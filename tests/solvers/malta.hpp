#pragma once
// Test support for the solvers' oracle comparisons: Malta's driving and walking networks, built
// once per test binary from the sample OSM extract (geodata's read_roads + build_road_network),
// its sample hazard zones, and points snapped exactly onto nodes.

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/geodesic.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/network_builder.hpp"
#include "engine/routing_graph.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/field_map.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

/// Malta's network of `profile` with its snapping index and hierarchy, built from the roads.
inline RoutingGraph malta_network(Profile profile) {
    VectorLayer layer(parse_source_spec(sample("malta/malta-latest.osm.pbf:lines")));
    const RoadReadResult roads = read_roads(layer, FieldMap::defaults());
    return RoutingGraph(build_road_network(roads.items, profile));
}

/// Malta's driving network, loaded on first use.
inline const RoutingGraph& malta_drive() {
    static const RoutingGraph graph = malta_network(Profile::drive);
    return graph;
}

/// Malta's walking network, loaded on first use.
inline const RoutingGraph& malta_walk() {
    static const RoutingGraph graph = malta_network(Profile::walk);
    return graph;
}

/// The sample hazard zones of samples/malta/hazards.geojson.
inline const std::vector<HazardZone>& malta_hazards() {
    static const std::vector<HazardZone> hazards = [] {
        VectorLayer layer(parse_source_spec(sample("malta/hazards.geojson")));
        return read_hazards(layer, FieldMap::defaults()).items;
    }();
    return hazards;
}

/// A snap exactly at node u, on the piece of one of its edges: an edge out of u if `leaving`
/// (else into u) when it has one. Such a piece may be a one-way road that does not lead where
/// the trip goes: the trip must still use every road of the node.
inline Snap snap_at_node(const RoadNetwork& network, const ReverseGraph& reverse, NodeId u,
                         bool leaving) {
    EdgeId e = kInvalidEdge;
    if (leaving && network.first_out(u) < network.end_out(u))
        e = network.first_out(u);
    if (e == kInvalidEdge && !reverse.in_edges(u).empty())
        e = reverse.in_edges(u).front();
    if (e == kInvalidEdge)
        e = network.first_out(u);
    const PieceId p = network.piece(e);
    std::vector<LonLat> line;
    for (const Coordinate& c : network.piece_points(p))
        line.push_back(c.lon_lat());
    Snap s;
    s.piece = p;
    s.piece_length_m = length_m(line);
    const bool at_first = network.piece_points(p).front() == network.coordinate(u);
    s.segment = at_first ? 0 : static_cast<std::uint32_t>(line.size() - 2);
    s.fraction = at_first ? 0.0 : 1.0;
    s.offset_m = at_first ? 0.0 : s.piece_length_m;
    s.point = network.coordinate(u).lon_lat();
    return s;
}

/// Wall-clock timing of the queries under test, printed when MUSTER_TEST_TIMINGS is set.
class QueryTimer {
  public:
    explicit QueryTimer(std::string what) : m_what(std::move(what)) {}
    ~QueryTimer() {
        if (std::getenv("MUSTER_TEST_TIMINGS") && m_count > 0) {
            std::cout << "[timing] " << m_what << ": " << m_count << " queries, mean "
                      << m_total.count() / m_count * 1e3 << " ms\n";
        }
    }
    template <class F>
    decltype(auto) time(F&& f) {
        const auto start = std::chrono::steady_clock::now();
        struct Stop {
            QueryTimer& timer;
            std::chrono::steady_clock::time_point start;
            ~Stop() {
                timer.m_total += std::chrono::steady_clock::now() - start;
                ++timer.m_count;
            }
        } stop{*this, start};
        return f();
    }

  private:
    std::string m_what;
    std::chrono::duration<double> m_total{0};
    std::size_t m_count = 0;
};

/// Malta's driving metric under its sample hazard zones, and the hierarchy customized for it,
/// made on first use.
struct MaltaUnderHazards {
    Metric metric;
    std::unique_ptr<const cch::CchMetric> customized;
};
inline const MaltaUnderHazards& malta_under_hazards() {
    static const std::unique_ptr<MaltaUnderHazards> under = [] {
        const RoutingGraph& graph = malta_drive();
        auto made = std::make_unique<MaltaUnderHazards>();
        made->metric = apply_hazards(graph, graph.base(), malta_hazards());
        made->customized =
            std::make_unique<const cch::CchMetric>(graph.cch(), graph.network(), made->metric);
        return made;
    }();
    return *under;
}

/// `count` nodes of `network` drawn uniformly (with repeats) from `random`.
inline std::vector<NodeId> random_nodes(const RoadNetwork& network, std::size_t count,
                                        std::mt19937_64& random) {
    std::uniform_int_distribution<std::uint32_t> any_node(
        0, static_cast<std::uint32_t>(network.node_count() - 1));
    std::vector<NodeId> nodes;
    for (std::size_t i = 0; i < count; ++i)
        nodes.push_back(NodeId(any_node(random)));
    return nodes;
}

}  // namespace muster::test
