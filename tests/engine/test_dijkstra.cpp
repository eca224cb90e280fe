// Dijkstra's search (engine/dijkstra.hpp) forward and backward on a map drawn by hand, and against
// Boost.Graph's dijkstra_shortest_paths on seeded random grids; the reverse graph it runs back on.

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/errors.hpp"
#include "engine/reverse_graph.hpp"
#include "engine/routing_graph.hpp"
#include "tests/support/boost_oracle.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::tiny_network;
using muster::test::TinyRoad;

namespace {

constexpr NodeId A{0}, B{1}, C{2}, D{3}, E{4};

// Travel times in seconds, lengths in metres; B -> E is one way (downwards).
//
//   A --60 s, 1000 m-- B --60 s, 1000 m-- C
//   |                  |
//   150 s, 2000 m      v 30 s, 500 m
//   |                  |
//   D --60 s, 1000 m-- E
RoadNetwork hand_map() {
    return tiny_network({{0, 0.002}, {0.001, 0.002}, {0.002, 0.002}, {0, 0}, {0.001, 0}},
                        {{A, B, 60'000, 1'000'000},
                         {B, C, 60'000, 1'000'000},
                         {A, D, 150'000, 2'000'000},
                         {B, E, 30'000, 500'000, true},
                         {D, E, 60'000, 1'000'000}});
}

// Settles everything and returns the durations (UINT64_MAX where not reached).
std::vector<std::uint64_t> run_all(Dijkstra& search, const Metric& metric, std::size_t nodes) {
    while (search.settle_next(metric)) {
    }
    std::vector<std::uint64_t> d(nodes, UINT64_MAX);
    for (NodeId v : muster::first_ids<NodeId>(nodes)) {
        if (search.settled(v))
            d[v.value()] = search.duration_ms(v);
    }
    return d;
}

}  // namespace

TEST_CASE("Dijkstra forward settles a hand-drawn map in order of travel time") {
    const RoadNetwork network = hand_map();
    const Metric metric = base_metric(network);
    Dijkstra search(network, nullptr, Direction::forward);
    search.clear();
    search.add_source(A, 0, 0);
    // A 0; B 60; E = B + 30 = 90; C = B + 60 = 120; D = min(150 direct, E + 60 = 150): a tie.
    std::vector<NodeId> order;
    while (auto u = search.settle_next(metric))
        order.push_back(*u);
    CHECK(order == std::vector<NodeId>{A, B, E, C, D});
    CHECK(search.settled_nodes() == order);
    CHECK(search.duration_ms(B) == 60'000);
    CHECK(search.duration_ms(E) == 90'000);
    CHECK(search.duration_ms(C) == 120'000);
    CHECK(search.duration_ms(D) == 150'000);
    // The tie at D goes to the shorter way: A-D 2000 m beats A-B-E-D 1000 + 500 + 1000 = 2500 m.
    CHECK(search.length_mm(D) == 2'000'000);
    CHECK(search.parent_edge(D) == edge_between(network, A, D));
    CHECK(search.parent_node(D) == A);
    CHECK(search.length_mm(E) == 1'500'000);
    CHECK(search.parent_node(E) == B);
    CHECK(search.parent_edge(A) == kInvalidEdge);
    CHECK(search.parent_node(A) == kInvalidNode);
}

TEST_CASE("Dijkstra backward gives travel times towards its source over incoming edges") {
    const RoadNetwork network = hand_map();
    const ReverseGraph reverse(network);
    const Metric metric = base_metric(network);
    Dijkstra search(network, &reverse, Direction::backward);
    search.clear();
    search.add_source(A, 0, 0);
    const auto d = run_all(search, metric, network.node_count());
    // Towards A: B 60, C 120, D 150; E cannot go up the one-way B -> E: E -> D -> A = 60 + 150.
    CHECK(d == std::vector<std::uint64_t>{0, 60'000, 120'000, 150'000, 210'000});
    // Backward, the parent edge leaves the node towards the source.
    CHECK(search.parent_edge(E) == edge_between(network, E, D));
    CHECK(search.parent_node(E) == D);
    CHECK(search.parent_node(D) == A);
}

TEST_CASE("Dijkstra never relaxes a closed edge") {
    const RoadNetwork network = hand_map();
    Metric metric = base_metric(network);
    metric.duration_ms[edge_between(network, A, B)] = kClosedMs;
    Dijkstra search(network, nullptr, Direction::forward);
    search.clear();
    search.add_source(A, 0, 0);
    const auto d = run_all(search, metric, network.node_count());
    // A -> B closed: A-D 150, D-E 210, E-B 270 (B -> E is one way, so B is reached... not from E).
    // B has only the two-way roads A-B (closed from A) and B-C, and B -> E: nothing leads into B
    // but A -> B and C -> B, and C is reached only through B. So B and C are unreachable.
    CHECK(d == std::vector<std::uint64_t>{0, UINT64_MAX, UINT64_MAX, 150'000, 210'000});
}

TEST_CASE("Dijkstra with two sources keeps the smaller initial duration") {
    const RoadNetwork network = hand_map();
    const Metric metric = base_metric(network);
    Dijkstra search(network, nullptr, Direction::forward);
    search.clear();
    search.add_source(A, 50'000, 7);
    search.add_source(C, 10'000, 3);
    search.add_source(A, 20'000, 5);  // replaces A's 50 s
    const auto d = run_all(search, metric, network.node_count());
    // A 20; C 10; B = min(A + 60, C + 60) = 70 (from C); E = 100; D = min(A + 150, E + 60) = 160.
    CHECK(d == std::vector<std::uint64_t>{20'000, 70'000, 10'000, 160'000, 100'000});
    CHECK(search.length_mm(A) == 5);
    CHECK(search.parent_node(B) == C);
}

TEST_CASE("Dijkstra clear forgets the previous query") {
    const RoadNetwork network = hand_map();
    const ReverseGraph reverse(network);
    const Metric metric = base_metric(network);
    Dijkstra search(network, &reverse, Direction::forward);
    search.clear();
    search.add_source(E, 0, 0);
    run_all(search, metric, network.node_count());
    search.clear();
    CHECK_FALSE(search.reached(A));
    CHECK(search.next_duration_ms() == UINT64_MAX);
    CHECK_FALSE(search.settle_next(metric).has_value());
    search.add_source(D, 0, 0);
    const auto d = run_all(search, metric, network.node_count());
    // From D: A 150, E 60, B = A + 60 = 210, C = 270.
    CHECK(d == std::vector<std::uint64_t>{150'000, 210'000, 270'000, 0, 60'000});
    CHECK(search.settled_nodes().front() == D);
    // The forward search with the reverse graph finds the tail of a parent edge through it.
    CHECK(search.parent_node(B) == A);
}

TEST_CASE("Dijkstra rejects a backward search without the reverse graph and a foreign metric") {
    const RoadNetwork network = hand_map();
    REQUIRE_THROWS_AS(Dijkstra(network, nullptr, Direction::backward), muster::ContractError);
    Dijkstra search(network, nullptr, Direction::forward);
    search.clear();
    search.add_source(A, 0, 0);
    Metric wrong;
    wrong.duration_ms = CowArray<EdgeId, std::uint32_t>(3, 1);
    REQUIRE_THROWS_AS(search.settle_next(wrong), muster::ContractError);
}

TEST_CASE("Dijkstra matches Boost.Graph on seeded random grids, forward and backward") {
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    for (int round = 0; round < 5; ++round) {
        // A 30 x 30 grid; each road present with p 0.85, one way with p 0.25, 1 to 120 s.
        constexpr int kSide = 30;
        std::vector<LonLat> nodes;
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x)
                nodes.push_back({x * 0.001, y * 0.001});
        }
        std::vector<TinyRoad> roads;
        std::uniform_int_distribution<std::uint32_t> duration(1'000, 120'000);
        std::bernoulli_distribution present(0.85), oneway(0.25), flip(0.5);
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x) {
                const auto u = NodeId(static_cast<std::uint32_t>(y * kSide + x));
                for (NodeId v : {u + 1, u + kSide}) {
                    if ((v == u + 1 && x + 1 == kSide) || (v == u + kSide && y + 1 == kSide) ||
                        !present(random))
                        continue;
                    const bool reversed = flip(random);
                    roads.push_back({reversed ? v : u, reversed ? u : v, duration(random),
                                     duration(random) * 10, oneway(random)});
                }
            }
        }
        const RoadNetwork network = tiny_network(nodes, roads);
        const ReverseGraph reverse(network);
        Metric metric = base_metric(network);
        // Close a few edges too: the oracle leaves them out.
        std::uniform_int_distribution<std::uint32_t> any_edge(
            0, static_cast<std::uint32_t>(network.edge_count() - 1));
        for (int i = 0; i < 20; ++i)
            metric.duration_ms[EdgeId(any_edge(random))] = kClosedMs;

        std::uniform_int_distribution<std::uint32_t> any_node(
            0, static_cast<std::uint32_t>(network.node_count() - 1));
        Dijkstra forward(network, &reverse, Direction::forward);
        Dijkstra backward(network, &reverse, Direction::backward);
        for (int q = 0; q < 4; ++q) {
            const NodeId s(any_node(random));
            forward.clear();
            forward.add_source(s, 0, 0);
            CHECK(run_all(forward, metric, network.node_count()) ==
                  muster::test::boost_durations_from(network, metric.duration_ms, s).items());

            // Backward towards t: each node's time to t is Boost's forward time from it.
            const NodeId t(any_node(random));
            backward.clear();
            backward.add_source(t, 0, 0);
            const auto towards = run_all(backward, metric, network.node_count());
            for (int i = 0; i < 10; ++i) {
                const NodeId v(any_node(random));
                CHECK(towards[v.value()] ==
                      muster::test::boost_durations_from(network, metric.duration_ms, v)[t]);
            }
        }
    }
}

TEST_CASE("A routing graph makes its reverse graph once, for whichever thread asks first") {
    const RoutingGraph graph(hand_map());
    const RoadNetwork& network = graph.network();
    std::vector<const ReverseGraph*> made(4, nullptr);
    {
        std::vector<std::jthread> askers;
        for (auto& reverse : made)
            askers.emplace_back([&graph, &reverse] { reverse = &graph.reverse(); });
    }
    for (const ReverseGraph* reverse : made)
        CHECK(reverse == made.front());
    // Into E: the one-way road from B and the road from D; into A: from B and from D.
    const auto into = [&](NodeId v) {
        const auto edges = made.front()->in_edges(v);
        return std::vector<EdgeId>(edges.begin(), edges.end());
    };
    auto expected_e = std::vector{edge_between(network, B, E), edge_between(network, D, E)};
    auto expected_a = std::vector{edge_between(network, B, A), edge_between(network, D, A)};
    std::sort(expected_e.begin(), expected_e.end());
    std::sort(expected_a.begin(), expected_a.end());
    CHECK(into(E) == expected_e);
    CHECK(into(A) == expected_a);
    CHECK(made.front()->tail(edge_between(network, B, E)) == B);
    // C has only the road from B.
    CHECK(into(C) == std::vector{edge_between(network, B, C)});
}
