// ShelterAccessLoss (solvers/coverage/shelter_access_loss.hpp) on the hand-drawn grid
// walked by its road lengths: a shelter at A serving 1,200 m, people at B (10: 1,000 m along
// A-B) and D (20: 500 m along A-D); E is 1,700 m away either way (B -> E is one way, so E walks
// round by D). Which closures cut whom off, by hand. And on Malta's walking network, against a
// recomputation from scratch: every shelter searched again under each closure.

#include <catch2/catch.hpp>

#include <vector>

#include "solvers/coverage/shelter_access_loss.hpp"
#include "tests/solvers/grid_map.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/random_seed.hpp"

using namespace muster;
using namespace muster::test::grid_map;
using muster::test::snap_on_piece;

TEST_CASE("ShelterAccessLoss on the grid, by hand") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    const Metric distance = walking_distance_metric(network, graph.base());
    const std::vector<std::optional<Snap>> demand{snap_on_piece(network, kBC, 0.0),   // B
                                                  snap_on_piece(network, kDE, 0.0),   // D
                                                  snap_on_piece(network, kEF, 0.0)};  // E
    const std::vector<std::int64_t> population{10, 20, 30};
    const std::vector<WalkTarget> targets{{snap_on_piece(network, kAB, 0.0), 1200}};
    const auto pairs = walking_reach(graph, distance, demand, targets);
    REQUIRE(pairs.size() == 2);  // B and D
    const auto edges_of = [&](PieceId p) {
        std::vector<EdgeId> edges;
        for (bool against : {false, true}) {
            if (const EdgeId e = network.piece_edge(p, against); e != kInvalidEdge)
                edges.push_back(e);
        }
        return edges;
    };
    ShelterAccessLoss loss(graph, distance, demand, population, targets, pairs);
    const auto lost = [&](PieceId p) { return loss.people_losing(edges_of(p)); };
    // A-B closed: B walks round by E and D, 400 + 1,200 + 500 m, beyond 1,200 m.
    CHECK(lost(kAB) == 10);
    // A-D closed: D has no other way to A (E -> B does not run that way).
    CHECK(lost(kAD) == 20);
    // The island road, within 1,200 m of A as the crow flies: searched again, nobody lost.
    CHECK(lost(kJK) == 0);
    CHECK(loss.people_losing({}) == 0);
    // Each closure was undone: A-B given twice closes it once, and it reopens.
    auto twice = edges_of(kAB);
    twice.insert(twice.end(), twice.begin(), twice.end());
    CHECK(loss.people_losing(twice) == 10);
    CHECK(lost(kAD) == 20);
    CHECK(lost(kJK) == 0);
}

TEST_CASE("ShelterAccessLoss on Malta equals every shelter searched again under each closure") {
    const RoutingGraph& graph = muster::test::malta_walk();
    const RoadNetwork& network = graph.network();
    const Metric distance = walking_distance_metric(network, graph.base());
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    const auto at = [&](NodeId u) {
        return std::optional(muster::test::snap_at_node(network, graph.reverse(), u, false));
    };
    std::vector<std::optional<Snap>> demand;
    std::vector<std::int64_t> population;
    std::uniform_int_distribution<std::int64_t> people(1, 300);
    for (NodeId u : muster::test::random_nodes(network, 600, random)) {
        demand.push_back(at(u));
        population.push_back(people(random));
    }
    std::vector<WalkTarget> targets;
    std::uniform_real_distribution<double> radius(300, 1500);
    for (NodeId u : muster::test::random_nodes(network, 40, random))
        targets.push_back({*at(u), radius(random)});
    const auto pairs = walking_reach(graph, distance, demand, targets);
    ShelterAccessLoss loss(graph, distance, demand, population, targets, pairs);
    std::vector<char> before(demand.size(), 0);
    for (const WalkingReach& r : pairs)
        before[r.demand] = 1;

    // Closures near the people, where they may cut someone off: every way out of a node at one
    // end of a demand point's road.
    std::size_t cut_somebody = 0;
    for (std::size_t trial = 0; trial < 60; ++trial) {
        const PieceId road = demand[trial * 7 % demand.size()]->piece;
        const EdgeId along = network.piece_edge(road, false) != kInvalidEdge
                                 ? network.piece_edge(road, false)
                                 : network.piece_edge(road, true);
        const NodeId u = network.head(along);
        std::vector<EdgeId> closed;
        for (EdgeId e : network.out_edges(u)) {
            for (bool against : {false, true}) {
                const EdgeId both = network.piece_edge(network.piece(e), against);
                if (both != kInvalidEdge)
                    closed.push_back(both);
            }
        }
        Metric without = distance;
        for (EdgeId e : closed)
            without.duration_ms[e] = kClosedMs;
        std::vector<char> after(demand.size(), 0);
        for (const WalkingReach& r : walking_reach(graph, without, demand, targets))
            after[r.demand] = 1;
        std::int64_t expected = 0;
        for (std::size_t d = 0; d < demand.size(); ++d) {
            if (before[d] && !after[d])
                expected += population[d];
        }
        INFO("trial " << trial << ", node " << u.value());
        CHECK(loss.people_losing(closed) == expected);
        cut_somebody += expected > 0;
    }
    CHECK(cut_somebody > 0);  // the closures tried cut some people off
}
