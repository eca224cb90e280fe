// travel_matrix (solvers/matrix.hpp): a matrix on the hand-drawn grid of tests/solvers/grid_map.hpp
// worked out by hand, and on Malta against Boost.Graph's Dijkstra and against fastest_route.

#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "engine/errors.hpp"
#include "solvers/matrix.hpp"
#include "solvers/route.hpp"
#include "tests/solvers/grid_map.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"

using namespace muster;
using namespace muster::test::grid_map;
using muster::test::snap_on_piece;

TEST_CASE("travel_matrix on the hand-drawn grid") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    // Sources: node A; a quarter along A - B; node E. Targets: node C; half way along D - E; the
    // island road J - K.
    const std::vector<Snap> sources = {snap_on_piece(network, kAB, 0),
                                       snap_on_piece(network, kAB, 0.25),
                                       snap_on_piece(network, kDE, 1)};
    const std::vector<Snap> targets = {snap_on_piece(network, kBC, 1),
                                       snap_on_piece(network, kDE, 0.5),
                                       snap_on_piece(network, kJK, 0.5)};
    const TravelMatrix m = travel_matrix(graph, graph.base(), sources, targets, search);
    REQUIRE(m.sources == 3);
    REQUIRE(m.targets == 3);
    // A -> C: A-B-C 60 + 60 = 120 s, 2000 m.
    CHECK(m.duration(0, 0) == 120.0);
    CHECK(m.distance(0, 0) == 2000.0);
    // A -> middle of D-E: A-D 40 + 0.5 × 90 = 85 s, 500 + 600 = 1100 m (A-B-E and back: 135 s).
    CHECK(m.duration(0, 1) == 85.0);
    CHECK(m.distance(0, 1) == 1100.0);
    // Quarter of A-B -> C: 0.75 × 60 = 45 s to B, + 60: 105 s, 750 + 1000 = 1750 m.
    CHECK(m.duration(1, 0) == 105.0);
    CHECK(m.distance(1, 0) == 1750.0);
    // Quarter of A-B -> middle of D-E: 15 + 40 + 45 = 100 s, 250 + 500 + 600 = 1350 m.
    CHECK(m.duration(1, 1) == 100.0);
    CHECK(m.distance(1, 1) == 1350.0);
    // E -> C: E-F-C 90 + 50 = 140 s, 1800 m (B -> E is one way, so not E-B-C).
    CHECK(m.duration(2, 0) == 140.0);
    CHECK(m.distance(2, 0) == 1800.0);
    // E -> middle of D-E: half of E -> D, 45 s, 600 m.
    CHECK(m.duration(2, 1) == 45.0);
    CHECK(m.distance(2, 1) == 600.0);
    // Nobody reaches the island.
    for (std::size_t s = 0; s < 3; ++s) {
        CHECK_FALSE(m.duration(s, 2));
        CHECK_FALSE(m.distance(s, 2));
    }
}

TEST_CASE("travel_matrix with no targets or sources, and the wrong search") {
    const RoutingGraph graph = grid();
    Dijkstra search(graph.network(), &graph.reverse(), Direction::forward);
    const std::vector<Snap> one = {snap_on_piece(graph.network(), kAB, 0.5)};
    const TravelMatrix none = travel_matrix(graph, graph.base(), one, {}, search);
    CHECK(none.sources == 1);
    CHECK(none.targets == 0);
    CHECK(none.duration_s.empty());
    CHECK(travel_matrix(graph, graph.base(), {}, one, search).duration_s.empty());
    Dijkstra backward(graph.network(), &graph.reverse(), Direction::backward);
    REQUIRE_THROWS_AS(travel_matrix(graph, graph.base(), one, one, backward),
                      muster::ContractError);
}

TEST_CASE("travel_matrix of Malta nodes equals Boost.Graph and fastest_route, 200 pairs") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed + 10);
    muster::test::UniformId<NodeId> any_node(network.node_count());
    std::vector<NodeId> from(20), to(10);
    std::vector<Snap> sources, targets;
    for (NodeId& u : from) {
        u = any_node(random);
        sources.push_back(muster::test::snap_at_node(network, graph.reverse(), u, true));
    }
    for (NodeId& v : to) {
        v = any_node(random);
        targets.push_back(muster::test::snap_at_node(network, graph.reverse(), v, false));
    }
    Dijkstra search(network, &graph.reverse(), Direction::forward);
    muster::test::QueryTimer timer("Malta matrix 20 x 10");
    const TravelMatrix m =
        timer.time([&] { return travel_matrix(graph, graph.base(), sources, targets, search); });
    for (std::size_t s = 0; s < from.size(); ++s) {
        const auto expected =
            muster::test::boost_durations_from(network, graph.base().duration_ms, from[s]);
        for (std::size_t t = 0; t < to.size(); ++t) {
            INFO("node " << from[s] << " -> node " << to[t]);
            const auto route = fastest_route(graph, graph.base(), sources[s], targets[t], search);
            if (expected[to[t]] == UINT64_MAX) {
                CHECK_FALSE(m.duration(s, t));
                CHECK_FALSE(route);
                continue;
            }
            REQUIRE(m.duration(s, t));
            CHECK(std::llround(*m.duration(s, t) * 1000) ==
                  static_cast<long long>(expected[to[t]]));
            REQUIRE(route);
            CHECK(*m.duration(s, t) == route->duration_s);
            CHECK(*m.distance(s, t) == route->distance_m);
        }
    }
}

TEST_CASE("travel_matrix of snapped Malta points equals fastest_route, both ways round") {
    const RoutingGraph& graph = muster::test::malta_drive();
    std::mt19937_64 random(muster::test::test_seed() + 11);
    std::uniform_real_distribution<double> lon(14.35, 14.57), lat(35.82, 35.98);
    std::vector<Snap> points;
    while (points.size() < 12) {
        if (auto s = graph.snaps().nearest({lon(random), lat(random)}, 200))
            points.push_back(*s);
    }
    // Two points on one road (one of them twice) exercise the trip along a single piece.
    points.push_back(points.front());
    Dijkstra search(graph.network(), &graph.reverse(), Direction::forward);
    muster::test::QueryTimer timer("Malta matrix 13 x 13");
    const TravelMatrix m =
        timer.time([&] { return travel_matrix(graph, graph.base(), points, points, search); });
    for (std::size_t s = 0; s < points.size(); ++s) {
        CHECK(m.duration(s, s) == 0.0);
        for (std::size_t t = 0; t < points.size(); ++t) {
            const auto route = fastest_route(graph, graph.base(), points[s], points[t], search);
            REQUIRE(route.has_value() == m.duration(s, t).has_value());
            if (!route)
                continue;
            CHECK(*m.duration(s, t) == route->duration_s);
            CHECK(*m.distance(s, t) == route->distance_m);
        }
    }
}
