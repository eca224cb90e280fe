// Customizable contraction hierarchy on a hand-drawn square whose order is given by hand, so the
// shortcut, the elimination tree and every weight can be checked on paper:
//
//   node 0 ---- node 1        roads: 0-1 two-way (10 ms, 100 mm), 1-2 two-way (20 ms, 50 mm),
//     ^           |                  2-3 two-way (5 ms, 70 mm), 3 -> 0 one-way (4 ms, 10 mm)
//     |           |
//   node 3 ---- node 2        order: 0, 2, 1, 3 (ranks 0..3)
//
// Contracting node 0 joins its neighbours 1 and 3: the shortcut 1-3 (ranks 2-3). Its upward
// weight (1 -> 3) is min(1->0->3: none, 1->2->3: 25 ms 120 mm); its downward weight (3 -> 1) is
// min(3->0->1: 14 ms 110 mm, 3->2->1: 25 ms 120 mm).

#include <catch2/catch.hpp>

#include "engine/cch/cch_buckets.hpp"
#include "engine/cch/cch_query.hpp"
#include "engine/cch/nested_dissection.hpp"
#include "engine/errors.hpp"
#include "engine/routing_graph.hpp"
#include "tests/support/helpers_taken.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using namespace muster::cch;
using muster::test::edge_between;
using muster::test::node_ids;
using namespace muster::test::id_literals;
using muster::test::tiny_network;

namespace {

RoadNetwork square() {
    return tiny_network({{14.50, 35.90}, {14.51, 35.90}, {14.51, 35.89}, {14.50, 35.89}},
                        {{0, 1, 10, 100}, {1, 2, 20, 50}, {2, 3, 5, 70}, {3, 0, 4, 10, true}});
}

}  // namespace

TEST_CASE("CCH chordal completion and elimination tree of a hand-ordered square") {
    const RoadNetwork network = square();
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    REQUIRE_NOTHROW(topology.check());
    REQUIRE(topology.rank(1_node) == 2_rank);
    REQUIRE(topology.node(1_rank) == 2_node);
    // Arcs: 0-2, 0-3, 1-2, 1-3 (input) and 2-3 (the shortcut between nodes 1 and 3), in ranks.
    REQUIRE(topology.arc_count() == 5);
    REQUIRE(topology.find_arc(2_rank, 3_rank) != kInvalidArc);
    const ArcId shortcut = topology.find_arc(2_rank, 3_rank);
    for (EdgeId e : network.edges())
        REQUIRE(topology.edge_arc(e) != shortcut);
    REQUIRE(topology.parent(0_rank) == 2_rank);
    REQUIRE(topology.parent(1_rank) == 2_rank);
    REQUIRE(topology.parent(2_rank) == 3_rank);
    REQUIRE(topology.parent(3_rank) == kNoRank);
    REQUIRE(topology.depth(0_rank) == 2);
    REQUIRE(topology.depth(1_rank) == 2);
    REQUIRE(topology.depth(2_rank) == 1);
    REQUIRE(topology.depth(3_rank) == 0);
    // Edge 3 -> 0 runs from rank 3 down to rank 0.
    const EdgeId e30 = edge_between(network, 3, 0);
    REQUIRE(topology.edge_arc(e30) == topology.find_arc(0_rank, 3_rank));
    REQUIRE_FALSE(topology.edge_upward(e30));
}

TEST_CASE("CCH shortcut weights, a closure, a slowdown tie and a reopening") {
    const RoadNetwork network = square();
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    Metric metric = base_metric(network);
    CchMetric cch(topology, network, metric);
    const ArcId shortcut = topology.find_arc(2_rank, 3_rank);
    REQUIRE(cch.up(shortcut) == pack(25, 120));
    REQUIRE(cch.down(shortcut) == pack(14, 110));

    auto check_equal_to_full = [&] {
        CchMetric full(topology, network, metric);
        for (ArcId a : topology.arcs()) {
            REQUIRE(cch.up(a) == full.up(a));
            REQUIRE(cch.down(a) == full.down(a));
        }
    };
    const EdgeId e01 = edge_between(network, 0, 1);
    const EdgeId e30 = edge_between(network, 3, 0);
    metric.duration_ms[e01] = kClosedMs;
    const EdgeId changed[] = {e01};
    REQUIRE(cch.update(changed) == 2);  // the input arc 0-1 and the shortcut
    REQUIRE(cch.down(shortcut) == pack(25, 120));
    check_equal_to_full();

    // Reopen 0 -> 1, slow 3 -> 0 to 15 ms: 3->0->1 takes 25 ms like 3->2->1 but is 10 mm
    // shorter, and the tie goes to the shorter.
    metric.duration_ms[e01] = 10;
    metric.duration_ms[e30] = 15;
    const EdgeId both[] = {e01, e30};
    cch.update(both);
    REQUIRE(cch.down(shortcut) == pack(25, 110));
    check_equal_to_full();

    metric.duration_ms[e30] = 4;
    const EdgeId reopened[] = {e30};
    cch.update(reopened);
    REQUIRE(cch.down(shortcut) == pack(14, 110));
    check_equal_to_full();
}

TEST_CASE("CCH metric moved onto another metric keeps its weights and follows the new metric") {
    // What serve's first hazard scenario does with the graph's own hierarchy.
    RoutingGraph graph(square(), node_ids({0, 2, 1, 3}));
    REQUIRE(graph.has_base_cch());
    std::unique_ptr<CchMetric> taken = graph.release_base_cch();
    CHECK_FALSE(graph.has_base_cch());
    CHECK_THROWS_AS(graph.base_cch(), ContractError);
    Metric own = graph.base();
    CchMetric moved(std::move(*taken), own);
    const ArcId shortcut = graph.cch().find_arc(2_rank, 3_rank);
    CHECK(moved.up(shortcut) == pack(25, 120));
    CHECK(moved.down(shortcut) == pack(14, 110));
    CHECK(&moved.metric() == &own);
    // Bound to `own`: closing 0 -> 1 there leaves the shortcut down 3->2->1, 25 ms 120 mm.
    const EdgeId e01 = edge_between(graph.network(), 0, 1);
    own.duration_ms[e01] = kClosedMs;
    const EdgeId changed[] = {e01};
    CHECK(moved.update(changed) == 2);
    CHECK(moved.down(shortcut) == pack(25, 120));
    CHECK(graph.base().duration_ms[e01] == 10);
}

TEST_CASE("CCH query unpacks the shortcut into the roads travelled") {
    const RoadNetwork network = square();
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    const Metric metric = base_metric(network);
    const CchMetric cch(topology, network, metric);
    CchQuery query(topology);
    const Seed from[] = {{3_node, 0, 0, kInvalidEdge}};
    const Seed to[] = {{1_node, 0, 0, kInvalidEdge}};
    const CchPath& path = query.run(cch, from, to, true);
    REQUIRE(path.weight == pack(14, 110));
    REQUIRE(path.edges ==
            std::vector<EdgeId>{edge_between(network, 3, 0), edge_between(network, 0, 1)});

    // Back 1 -> 3: 1->2->3, 25 ms 120 mm; a seed cost is added to the path.
    const Seed back_from[] = {{1_node, 7, 3, kInvalidEdge}};
    const Seed back_to[] = {{3_node, 0, 0, kInvalidEdge}};
    const CchPath& back = query.run(cch, back_from, back_to, true);
    REQUIRE(back.weight == pack(32, 123));
    REQUIRE(back.edges ==
            std::vector<EdgeId>{edge_between(network, 1, 2), edge_between(network, 2, 3)});

    // 0 -> 3 cannot use the one-way road: 0->1->2->3, 35 ms 220 mm.
    const Seed zero[] = {{0_node, 0, 0, kInvalidEdge}};
    REQUIRE(query.run(cch, zero, back_to, false).weight == pack(35, 220));
}

TEST_CASE("CCH unpacks a tie through the lowest triangle, however the weights were reached") {
    // Four equal two-way roads round the square, order 0, 2, 1, 3: 1 -> 3 takes 20 ms and 200 mm
    // through node 0 (rank 0) or node 2 (rank 1), a tie that goes to the lower rank, node 0.
    const RoadNetwork network =
        tiny_network({{14.50, 35.90}, {14.51, 35.90}, {14.51, 35.89}, {14.50, 35.89}},
                     {{0, 1, 10, 100}, {1, 2, 10, 100}, {2, 3, 10, 100}, {3, 0, 10, 100}});
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    Metric metric = base_metric(network);
    CchMetric cch(topology, network, metric);
    const std::vector<EdgeId> through_0{edge_between(network, 1, 0), edge_between(network, 0, 3)};
    const std::vector<EdgeId> through_2{edge_between(network, 1, 2), edge_between(network, 2, 3)};
    CchQuery query(topology);
    const Seed from[] = {{1_node, 0, 0, kInvalidEdge}};
    const Seed to[] = {{3_node, 0, 0, kInvalidEdge}};
    REQUIRE(query.run(cch, from, to, true).edges == through_0);

    // Closed through node 0, the shortcut takes the way through node 2 at the same weight.
    const EdgeId e10 = edge_between(network, 1, 0);
    const EdgeId changed[] = {e10};
    metric.duration_ms[e10] = kClosedMs;
    cch.update(changed);
    REQUIRE(query.run(cch, from, to, true).edges == through_2);

    // Reopened, the shortcut's weight is what it was, so partial customization need not look at
    // it again; the path is the fresh customization's all the same.
    metric.duration_ms[e10] = 10;
    cch.update(changed);
    const CchPath& path = query.run(cch, from, to, true);
    REQUIRE(path.weight == pack(20, 200));
    REQUIRE(path.edges == through_0);
}

TEST_CASE("CCH buckets give every source-target weight of the square") {
    const RoadNetwork network = square();
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    const Metric metric = base_metric(network);
    const CchMetric cch(topology, network, metric);
    std::vector<std::vector<Seed>> targets;
    for (NodeId v : network.nodes())
        targets.push_back({{v, 0, 0, kInvalidEdge}});
    TreeSweep sweep;
    CchBuckets buckets;
    buckets.build(cch, targets, SweepDirection::backward, sweep);
    // Hand-computed travel times from node 3 to nodes 0..3: 4, 14, 5, 0.
    const Seed from[] = {{3_node, 0, 0, kInvalidEdge}};
    sweep.run(cch, from, SweepDirection::forward);
    std::vector<Weight> best(4);
    buckets.scan(sweep, best);
    REQUIRE(best == std::vector<Weight>{pack(4, 10), pack(14, 110), pack(5, 70), pack(0, 0)});
}

// Two branches of the elimination tree meeting. Two-way roads (ms; lengths 1 mm a ms):
// 0-2 10, 1-2 20, 2-3 5, 3-4 7 and 0-4 100; order 0..4 (rank = node).
// Contracting rank 0 joins 2 and 4 (a shortcut of 110 ms); ranks 0 and 1 have parent 2, then
// 3, then 4, so depths 3, 3, 2, 1, 0. A sweep from seeds at nodes 0 and 1 walks two paths that
// meet at rank 2, where rank 1's path is merged into rank 0's.
TEST_CASE("CCH sweep from two branches merges them where they meet, by hand") {
    const RoadNetwork network = tiny_network(
        {{14.50, 35.90}, {14.50, 35.88}, {14.51, 35.90}, {14.52, 35.90}, {14.53, 35.90}},
        {{0, 2, 10, 10}, {1, 2, 20, 20}, {2, 3, 5, 5}, {3, 4, 7, 7}, {0, 4, 100, 100}});
    const CchTopology topology(network, node_ids({0, 1, 2, 3, 4}));
    REQUIRE_NOTHROW(topology.check());
    REQUIRE(topology.depth(0_rank) == 3);
    REQUIRE(topology.depth(1_rank) == 3);
    REQUIRE(topology.depth(2_rank) == 2);
    REQUIRE(topology.depth(4_rank) == 0);
    const Metric metric = base_metric(network);
    const CchMetric cch(topology, network, metric);
    const ArcId a02 = topology.find_arc(0_rank, 2_rank), a12 = topology.find_arc(1_rank, 2_rank);
    const ArcId a23 = topology.find_arc(2_rank, 3_rank), a34 = topology.find_arc(3_rank, 4_rank);
    TreeSweep sweep;
    const auto weights = [&] {
        std::vector<Weight> w;
        for (Rank r : topology.ranks())
            w.push_back(sweep.weight(r));
        return w;
    };

    // Node 1's path is no help: rank 2 at 10 through node 0, rank 4 at 22 by 2-3-4, not by the
    // 100 ms road (rank 4 had 100 first, from rank 0).
    const Seed near_0[] = {{0_node, 0, 0, kInvalidEdge}, {1_node, 3, 3, kInvalidEdge}};
    sweep.run(cch, near_0, SweepDirection::forward);
    CHECK(sweep.visited() == std::vector<Rank>{0_rank, 1_rank, 2_rank, 3_rank, 4_rank});
    CHECK(weights() ==
          std::vector<Weight>{pack(0, 0), pack(3, 3), pack(10, 10), pack(15, 15), pack(22, 22)});
    CHECK(sweep.visited_weights() == weights());
    CHECK(sweep.parent_arc(2_rank) == a02);
    CHECK(sweep.parent_arc(3_rank) == a23);
    CHECK(sweep.parent_arc(4_rank) == a34);
    CHECK(sweep.parent_arc(1_rank) == kInvalidArc);

    // Node 1 starts first: rank 2 at 20 through node 1 (node 0's way gives 25), from the path
    // merged in.
    const Seed near_1[] = {{0_node, 15, 15, kInvalidEdge}, {1_node, 0, 0, kInvalidEdge}};
    sweep.run(cch, near_1, SweepDirection::backward);
    CHECK(weights() ==
          std::vector<Weight>{pack(15, 15), pack(0, 0), pack(20, 20), pack(25, 25), pack(32, 32)});
    CHECK(sweep.parent_arc(2_rank) == a12);

    // A tie at rank 2 (20 both ways) goes to the lower rank's arc, as a sweep over one array
    // of every node, which keeps the first weight relaxed, did.
    const Seed tied[] = {{1_node, 0, 0, kInvalidEdge}, {0_node, 10, 10, kInvalidEdge}};
    sweep.run(cch, tied, SweepDirection::forward);
    CHECK(sweep.weight(2_rank) == pack(20, 20));
    CHECK(sweep.parent_arc(2_rank) == a02);

    // From node 1 alone, rank 0 is no ancestor: not visited, no weight.
    const Seed only_1[] = {{1_node, 0, 0, kInvalidEdge}};
    sweep.run(cch, only_1, SweepDirection::forward);
    CHECK(sweep.visited() == std::vector<Rank>{1_rank, 2_rank, 3_rank, 4_rank});
    CHECK(sweep.weight(0_rank) == kInfinity);
    CHECK(sweep.parent_arc(0_rank) == kInvalidArc);
    CHECK(sweep.weight(4_rank) == pack(32, 32));
}

TEST_CASE("CCH query unpacks a long path's two halves the same on two threads as on one") {
    // A road of 40 stretches of 3 km and 2 minutes: 120 km, long enough for a helper to unpack
    // the half below the meeting node on the target's side (kBesideMinLengthMm).
    constexpr std::uint32_t kStretches = 40;
    std::vector<LonLat> nodes;
    std::vector<muster::test::TinyRoad> roads;
    for (std::uint32_t k = 0; k <= kStretches; ++k) {
        nodes.push_back({0.027 * k, 0});
        if (k > 0)
            roads.push_back({k - 1, k, 120'000, 3'000'000});
    }
    const RoadNetwork network = tiny_network(nodes, roads);
    const CchTopology topology(network, nested_dissection_order(network));
    const Metric metric = base_metric(network);
    const CchMetric cch(topology, network, metric);
    std::vector<EdgeId> expected;
    for (std::uint32_t k = 0; k < kStretches; ++k)
        expected.push_back(edge_between(network, k, k + 1));
    const Seed from[] = {{NodeId{0}, 0, 0, kInvalidEdge}};
    const Seed to[] = {{NodeId{kStretches}, 0, 0, kInvalidEdge}};
    CchQuery query(topology);
    CchPath alone;
    REQUIRE(muster::test::with_every_helper_taken([&] { alone = query.run(cch, from, to, true); }));
    CHECK(alone.edges == expected);
    const CchPath beside = query.run(cch, from, to, true);
    CHECK(beside.weight == pack(kStretches * 120'000, kStretches * 3'000'000));
    REQUIRE(length_mm(beside.weight) >= kBesideMinLengthMm);
    CHECK(beside.edges == expected);
}

TEST_CASE("CCH order from METIS is a permutation and passes the invariants") {
    const RoadNetwork network = square();
    auto order = nested_dissection_order(network);
    std::vector<NodeId> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    REQUIRE(sorted == node_ids({0, 1, 2, 3}));
    REQUIRE(order == nested_dissection_order(network));  // deterministic
    const CchTopology topology(network, std::move(order));
    REQUIRE_NOTHROW(topology.check());
}

TEST_CASE("CCH rejects an order that is not a permutation and weights beyond their limit") {
    const RoadNetwork network = square();
    REQUIRE_THROWS_AS(CchTopology(network, node_ids({0, 1, 2})), muster::ContractError);
    REQUIRE_THROWS_AS(CchTopology(network, node_ids({0, 1, 1, 3})), muster::ContractError);
    REQUIRE_THROWS_AS(pack(0, 0xFFFF'FFFFull), DataError);
    REQUIRE_THROWS_AS(add(pack(0xFFFF'0000ull, 0), pack(0x0001'0000ull, 0)), DataError);
    REQUIRE(add(pack(1, 2), kInfinity) == kInfinity);
}

TEST_CASE("CCH sums without a branch give what the sums with one give") {
    // By hand: parts add, up to 2^32 - 2; a part reaching 2^32 - 1 gives kOverflow, which
    // absorbs; kInfinity wins over everything.
    REQUIRE(add_saturating_no_branch(pack(1, 2), pack(3, 4)) == pack(4, 6));
    REQUIRE(add_saturating_no_branch(pack(0xFFFF'FFFD, 0), pack(1, 0)) == pack(0xFFFF'FFFE, 0));
    REQUIRE(add_saturating_no_branch(pack(0xFFFF'FFFD, 0), pack(2, 0)) == kOverflow);
    REQUIRE(add_saturating_no_branch(pack(0, 0xFFFF'FFFD), pack(0, 2)) == kOverflow);
    REQUIRE(add_saturating_no_branch(kOverflow, pack(0, 0)) == kOverflow);
    REQUIRE(add_saturating_no_branch(kInfinity, pack(0, 0)) == kInfinity);
    REQUIRE(add_saturating_no_branch(kOverflow, kInfinity) == kInfinity);
    // And every pair of weights at the parts' edges as add_saturating() sums it.
    const std::vector<Weight> weights{pack(0, 0),
                                      pack(0, 1),
                                      pack(1, 0),
                                      pack(12, 345),
                                      pack(0xFFFF'FFFD, 7),
                                      pack(7, 0xFFFF'FFFD),
                                      pack(0x8000'0000, 0x8000'0000),
                                      kOverflow,
                                      kInfinity};
    for (Weight a : weights) {
        for (Weight b : weights) {
            INFO(a << " + " << b);
            CHECK(add_saturating_no_branch(a, b) == add_saturating(a, b));
        }
    }
}

TEST_CASE("CCH sums past the weight limits on the way to a far ancestor are no error") {
    // Node 2, ranked top, is 3,000 km from both 0 and 1, which are 100 mm apart: 0 -> 1 meets at
    // node 1 (10 ms, 100 mm) and at node 2 (2000 ms, 6,000 km, past the 4,294 km a weight
    // holds), which is no answer and no error. 0 -> 3 runs 6,000 km through node 2: an error.
    constexpr std::uint32_t k3000km = 3'000'000'000u;
    const RoadNetwork network = tiny_network(
        {{14.50, 35.90}, {14.51, 35.90}, {14.52, 35.90}, {14.53, 35.90}},
        {{0, 1, 10, 100}, {0, 2, 1000, k3000km}, {1, 2, 1000, k3000km}, {2, 3, 1000, k3000km}});
    const CchTopology topology(network, node_ids({0, 1, 3, 2}));
    const Metric metric = base_metric(network);
    const CchMetric cch(topology, network, metric);
    CchQuery query(topology);
    const Seed from[] = {{0_node, 0, 0, kInvalidEdge}};
    const Seed to[] = {{1_node, 0, 0, kInvalidEdge}};
    REQUIRE(query.run(cch, from, to, true).weight == pack(10, 100));
    const Seed far[] = {{3_node, 0, 0, kInvalidEdge}};
    REQUIRE(query.run(cch, from, to, false).weight == pack(10, 100));
    REQUIRE_THROWS_AS(query.run(cch, from, far, false), WeightOverflow);

    // The same from buckets: node 1 at 10 ms, node 3 past the limits.
    TreeSweep sweep;
    CchBuckets buckets;
    const std::vector<std::vector<Seed>> near{{{1_node, 0, 0, kInvalidEdge}}};
    buckets.build(cch, near, SweepDirection::backward, sweep);
    sweep.run(cch, from, SweepDirection::forward);
    std::vector<Weight> best(1);
    buckets.scan(sweep, best);
    REQUIRE(best[0] == pack(10, 100));
    const std::vector<std::vector<Seed>> too_far{{{3_node, 0, 0, kInvalidEdge}}};
    buckets.build(cch, too_far, SweepDirection::backward, sweep);
    sweep.run(cch, from, SweepDirection::forward);
    REQUIRE_THROWS_AS(buckets.scan(sweep, best), WeightOverflow);
}

TEST_CASE("CCH shortcuts past the weight limits are no error unless a route needs one") {
    // Nodes 1 and 3, ranked lowest, lie between 0 and 2: via 1 it is 6,000 km (past the 4,294 km
    // a weight holds), via 3 20 ms and 200 mm, so the shortcut 0-2 is 20 ms, 200 mm. Nodes 4-5-6
    // are a second road, 3,000 km a stretch, 5 ranked lowest: the shortcut 4-6 is past the
    // limits, and so is the route 4 -> 6 (an error), but 4 -> 5 is 3,000 km.
    constexpr std::uint32_t k3000km = 3'000'000'000u;
    const RoadNetwork network = tiny_network({{14.50, 35.90},
                                              {14.51, 35.91},
                                              {14.52, 35.90},
                                              {14.51, 35.89},
                                              {14.60, 35.90},
                                              {14.61, 35.90},
                                              {14.62, 35.90}},
                                             {{0, 1, 1000, k3000km},
                                              {1, 2, 1000, k3000km},
                                              {0, 3, 10, 100},
                                              {3, 2, 10, 100},
                                              {4, 5, 1000, k3000km},
                                              {5, 6, 1000, k3000km}});
    const CchTopology topology(network, node_ids({1, 3, 5, 0, 2, 4, 6}));
    Metric metric = base_metric(network);
    CchMetric cch(topology, network, metric);
    const ArcId shortcut = topology.find_arc(3_rank, 4_rank);  // nodes 0 and 2
    CHECK(cch.up(shortcut) == pack(20, 200));
    CHECK(cch.down(shortcut) == pack(20, 200));
    CHECK(cch.up(topology.find_arc(5_rank, 6_rank)) == kOverflow);  // nodes 4 and 6

    CchQuery query(topology);
    const Seed at0[] = {{0_node, 0, 0, kInvalidEdge}};
    const Seed at2[] = {{2_node, 0, 0, kInvalidEdge}};
    const CchPath& path = query.run(cch, at0, at2, true);
    CHECK(path.weight == pack(20, 200));
    CHECK(path.edges == std::vector{edge_between(network, 0, 3), edge_between(network, 3, 2)});
    const Seed at4[] = {{4_node, 0, 0, kInvalidEdge}};
    const Seed at5[] = {{5_node, 0, 0, kInvalidEdge}};
    const Seed at6[] = {{6_node, 0, 0, kInvalidEdge}};
    CHECK(query.run(cch, at4, at5, false).weight == pack(1000, k3000km));
    CHECK_THROWS_AS(query.run(cch, at4, at6, false), WeightOverflow);

    // Closing 0 -> 3 leaves only the way through 1: the shortcut's up weight passes the limits,
    // and the route 0 -> 2 with it; 2 -> 0 still runs through 3.
    metric.duration_ms[edge_between(network, 0, 3)] = kClosedMs;
    const EdgeId closed[] = {edge_between(network, 0, 3)};
    cch.update(closed);
    CHECK(cch.up(shortcut) == kOverflow);
    CHECK(cch.down(shortcut) == pack(20, 200));
    CHECK_THROWS_AS(query.run(cch, at0, at2, false), WeightOverflow);
    CHECK(query.run(cch, at2, at0, false).weight == pack(20, 200));
}

TEST_CASE("CCH query refuses a metric of another topology") {
    const RoadNetwork network = square();
    const CchTopology topology(network, node_ids({0, 2, 1, 3}));
    const CchTopology other(network, node_ids({3, 2, 1, 0}));
    const Metric metric = base_metric(network);
    const CchMetric cch(other, network, metric);
    CchQuery query(topology);
    const Seed at[] = {{0_node, 0, 0, kInvalidEdge}};
    REQUIRE_THROWS_AS(query.run(cch, at, at, false), muster::ContractError);
}
