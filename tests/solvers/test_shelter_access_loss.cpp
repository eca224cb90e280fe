// ShelterAccessLoss (solvers/coverage/shelter_access_loss.hpp) on the hand-drawn grid
// walked by its road lengths: a shelter at A serving 1,200 m, people at B (10: 1,000 m along
// A-B) and D (20: 500 m along A-D); E is 1,700 m away either way (B -> E is one way, so E walks
// round by D). Which closures cut whom off, by hand.

#include <catch2/catch.hpp>

#include <vector>

#include "solvers/coverage/shelter_access_loss.hpp"
#include "tests/solvers/grid_map.hpp"

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
