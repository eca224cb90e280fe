// A point at a junction is the junction: a point snapped within a centimetre of a node leaves it
// and reaches it by every road of the node, whichever of the node's pieces the snap lies on, in
// route (Dijkstra and CCH) and matrix alike; a point farther along a one-way road is still on it.
//
// The hand-drawn junction X, on the equator, with one-way roads only (times chosen by hand):
//
//              P (-0.01, 0) --r0, 100 s--> X (0, 0) --r3, 50 s--> R (0.01, 0)
//                   ^                      ^  |                       |
//                   |                      |  |                       |
//                r2, 20 s            r1, 10 s  r4, 30 s          r5, 200 s
//                   |                      |  v                       |
//                   +------------------ Q (0, -0.01) <----------------+
//
// r2 runs Q -> P, r1 Q -> X, r4 X -> Q, r5 R -> Q. Each road is given 1,000 m long.
//
// On Malta, points given by the coordinates of random nodes are snapped by the index as a user's
// points are, and routed; Boost.Graph's Dijkstra between the nodes is the oracle.

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <vector>

#include "engine/network_location.hpp"
#include "engine/network_snapping.hpp"
#include "solvers/matrix.hpp"
#include "solvers/route.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::snap_on_piece;
using muster::test::tiny_network;
using muster::test::TinyRoad;

namespace {

constexpr NodeId P{0}, X{1}, R{2}, Q{3};
constexpr PieceId r0{0}, r1{1}, r2{2}, r3{3}, r4{4}, r5{5};

RoutingGraph junction() {
    return RoutingGraph(tiny_network({{-0.01, 0}, {0, 0}, {0.01, 0}, {0, -0.01}},
                                     {{P, X, 100'000, 1'000'000, true},
                                      {Q, X, 10'000, 1'000'000, true},
                                      {Q, P, 20'000, 1'000'000, true},
                                      {X, R, 50'000, 1'000'000, true},
                                      {X, Q, 30'000, 1'000'000, true},
                                      {R, Q, 200'000, 1'000'000, true}}));
}

// A point `metres` along piece p from its first point (pieces are 1,000 m long).
Snap at_metres(const RoadNetwork& network, PieceId p, double metres) {
    return snap_on_piece(network, p, metres / 1000.0);
}

// The duration (ms) of the fastest route by Dijkstra; the CCH must give the same.
std::int64_t route_ms(const RoutingGraph& graph, const Snap& from, const Snap& to) {
    Dijkstra search(graph.network(), &graph.reverse(), Direction::forward);
    cch::CchQuery query(graph.base_cch().topology());
    const auto by_dijkstra = fastest_route(graph, graph.base(), from, to, search);
    const auto by_cch = fastest_route(graph, graph.base_cch(), from, to, query);
    REQUIRE(by_dijkstra);
    REQUIRE(by_cch);
    CHECK(by_cch->duration_s == by_dijkstra->duration_s);
    CHECK(by_cch->edges == by_dijkstra->edges);
    return std::llround(by_dijkstra->duration_s * 1000);
}

}  // namespace

TEST_CASE("a point a millimetre from a node is at that node, one alone on a short piece") {
    const RoutingGraph graph = junction();
    const RoadNetwork& network = graph.network();
    CHECK(node_at(network, at_metres(network, r0, 999.999)) == X);  // the end of P -> X
    CHECK(node_at(network, at_metres(network, r3, 0.001)) == X);    // the start of X -> R
    CHECK(node_at(network, at_metres(network, r3, 0.009)) == X);    // within a centimetre
    CHECK_FALSE(node_at(network, at_metres(network, r3, 0.02)));
    CHECK_FALSE(node_at(network, at_metres(network, r0, 999.98)));
    CHECK(piece_fraction(at_metres(network, r0, 999.999)) == 1.0);
    CHECK(piece_fraction(at_metres(network, r3, 0.001)) == 0.0);
    CHECK(piece_fraction(at_metres(network, r3, 500)) == 0.5);

    // At a node, departures and arrivals are the node alone, at no cost.
    for (const auto& seeds : {departures(network, graph.base(), at_metres(network, r0, 999.999)),
                              arrivals(network, graph.base(), at_metres(network, r3, 0.001))}) {
        REQUIRE(seeds.size() == 1);
        CHECK(seeds[0].node == X);
        CHECK(seeds[0].duration_ms == 0);
        CHECK(seeds[0].length_mm == 0);
        CHECK(seeds[0].edge == kInvalidEdge);
    }

    // A piece of 1.5 cm: both ends are within a centimetre of 0.6 cm; the nearer one is meant.
    Snap tiny = at_metres(network, r3, 0);
    tiny.piece_length_m = 0.015;
    tiny.offset_m = 0.006;
    CHECK(node_at(network, tiny) == X);
    tiny.offset_m = 0.009;
    CHECK(node_at(network, tiny) == R);
}

TEST_CASE("a route to a node snapped onto a one-way road into it may arrive by another road") {
    const RoutingGraph graph = junction();
    const RoadNetwork& network = graph.network();
    const Snap from_q = at_metres(network, r1, 0);  // Q, the start of Q -> X
    // X, a millimetre before the end of P -> X: reached by Q -> X, 10 s (not Q-P-X, 120 s).
    CHECK(route_ms(graph, from_q, at_metres(network, r0, 999.999)) == 10'000);
    // 2 cm before the end of P -> X the point is on that road, reached along it only:
    // Q -> P 20 s, then P -> X up to the point, 0.99998 × 100 s = 99.998 s: 119.998 s.
    CHECK(route_ms(graph, from_q, at_metres(network, r0, 999.98)) == 119'998);
}

TEST_CASE("a route from a node, snapped onto a one-way road out of it, leaves by another") {
    const RoutingGraph graph = junction();
    const RoadNetwork& network = graph.network();
    const Snap to_q = at_metres(network, r1, 0);
    // X, a millimetre along X -> R: leaves by X -> Q, 30 s (not X-R-Q, 250 s).
    const Snap from_x = at_metres(network, r3, 0.001);
    CHECK(route_ms(graph, from_x, to_q) == 30'000);
    // 2 cm along X -> R the point is on that road: the rest of it, 0.99998 × 50 s = 49.999 s,
    // then R -> Q 200 s: 249.999 s.
    CHECK(route_ms(graph, at_metres(network, r3, 0.02), to_q) == 249'999);

    // The route starts at X itself, on X -> Q, with no piece of X -> R (zero-length or back).
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    const auto route = fastest_route(graph, graph.base(), from_x, to_q, search);
    REQUIRE(route);
    CHECK(route->edges == std::vector<EdgeId>{edge_between(network, X, Q)});
    REQUIRE(route->geometry.size() == 2);
    CHECK(route->geometry.front() == network.coordinate(X).lon_lat());
    CHECK(route->geometry.back() == network.coordinate(Q).lon_lat());
    CHECK(route->distance_m == 1000.0);
}

TEST_CASE("two points at one node on different one-way pieces are 0 s apart, at the node") {
    const RoutingGraph graph = junction();
    const RoadNetwork& network = graph.network();
    // The end of P -> X and the start of X -> R: the same junction, whichever way the roads run.
    const Snap a = at_metres(network, r0, 999.999), b = at_metres(network, r3, 0.001);
    CHECK(route_ms(graph, a, b) == 0);
    CHECK(route_ms(graph, b, a) == 0);
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    const auto route = fastest_route(graph, graph.base(), b, a, search);
    REQUIRE(route);
    CHECK(route->edges.empty());
    CHECK(route->geometry == std::vector<LonLat>{network.coordinate(X).lon_lat()});
}

TEST_CASE("a matrix between junction points snapped onto one-way roads uses every road") {
    const RoutingGraph graph = junction();
    const RoadNetwork& network = graph.network();
    // Sources: X on the start of X -> R, Q. Targets: X on the end of P -> X, Q on the end of
    // R -> Q. By hand: X->X 0, X->Q 30 s (X -> Q), Q->X 10 s (Q -> X), Q->Q 0.
    const std::vector<Snap> sources{at_metres(network, r3, 0.001), at_metres(network, r2, 0)};
    const std::vector<Snap> targets{at_metres(network, r0, 999.999),
                                    at_metres(network, r5, 999.999)};
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    cch::CchQuery query(graph.base_cch().topology());
    for (const TravelMatrix& m :
         {travel_matrix(graph, graph.base(), sources, targets, search),
          travel_matrix(graph, graph.base_cch(), sources, targets, query)}) {
        CHECK(m.duration(0, 0) == 0.0);
        CHECK(m.duration(0, 1) == 30.0);
        CHECK(m.duration(1, 0) == 10.0);
        CHECK(m.duration(1, 1) == 0.0);
    }
}

TEST_CASE("routes between Malta nodes given by coordinates equal Boost.Graph's Dijkstra") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const Metric& metric = graph.base();
    // Nodes of the main network whose coordinates no other node shares: such a point can only
    // be that node. (Roads crossing without a node, a bridge over a street, stay possible.)
    std::map<std::pair<std::int32_t, std::int32_t>, int> at_coordinate;
    for (NodeId u : network.nodes())
        ++at_coordinate[{network.coordinate(u).lon_e7, network.coordinate(u).lat_e7}];
    std::vector<NodeId> nodes;
    for (NodeId u : network.nodes()) {
        if (graph.components().of_node[u] == graph.components().largest &&
            at_coordinate[{network.coordinate(u).lon_e7, network.coordinate(u).lat_e7}] == 1)
            nodes.push_back(u);
    }
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::size_t> any(0, nodes.size() - 1);
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    cch::CchQuery query(graph.base_cch().topology());
    // The node's point as a user writes it, "14.4881693,35.8602355", read back: a decimal of
    // seven places is rarely the very double the network's 1e-7 degree integers give.
    const auto snap = [&](NodeId u) {
        char text[64];
        std::snprintf(text, sizeof text, "%.7f %.7f", network.coordinate(u).lon_e7 * 1e-7,
                      network.coordinate(u).lat_e7 * 1e-7);
        LonLat p;
        REQUIRE(std::sscanf(text, "%lf %lf", &p.lon, &p.lat) == 2);
        const auto found =
            snap_to_network(graph.snaps(), graph.components(), p, kDefaultSnapLimitM);
        REQUIRE(found.snap);
        return *found.snap;
    };
    // Snaps a hair off the piece's end (not exactly 0 or its length): what this test is about.
    int off_end = 0;
    const auto count_off_end = [&](const Snap& at) {
        off_end += at.offset_m != 0.0 && at.offset_m != at.piece_length_m;
    };
    for (int s = 0; s < 20; ++s) {
        const NodeId u = nodes[any(random)];
        const auto expected = muster::test::boost_durations_from(network, metric.duration_ms, u);
        const Snap from = snap(u);
        CHECK(node_at(network, from) == u);
        count_off_end(from);
        for (int t = 0; t < 10; ++t) {
            const NodeId v = nodes[any(random)];
            INFO("from node " << u << " to node " << v);
            const Snap to = snap(v);
            CHECK(node_at(network, to) == v);
            count_off_end(to);
            REQUIRE(expected[v] != UINT64_MAX);  // one strongly connected component
            const auto by_dijkstra = fastest_route(graph, metric, from, to, search);
            const auto by_cch = fastest_route(graph, graph.base_cch(), from, to, query);
            REQUIRE(by_dijkstra);
            REQUIRE(by_cch);
            CHECK(std::llround(by_dijkstra->duration_s * 1000) ==
                  static_cast<long long>(expected[v]));
            CHECK(std::llround(by_cch->duration_s * 1000) == static_cast<long long>(expected[v]));
            // The route runs from node to node: whole edges, geometry from u's point to v's.
            std::uint64_t sum = 0;
            NodeId at = u;
            for (EdgeId e : by_dijkstra->edges) {
                CHECK(graph.reverse().tail(e) == at);
                sum += metric.duration_ms[e];
                at = network.head(e);
            }
            CHECK(at == v);
            CHECK(sum == expected[v]);
            CHECK(by_dijkstra->geometry.front() == network.coordinate(u).lon_lat());
            CHECK(by_dijkstra->geometry.back() == network.coordinate(v).lon_lat());
        }
    }
    CHECK(off_end > 0);
}
