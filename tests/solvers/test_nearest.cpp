// nearest_facilities (solvers/nearest.hpp): a river map drawn by hand where the straight-line
// nearest team is not the road-nearest, an island team that is unreachable, one-way bridges that
// make "to the incident" and "from the incident" differ; and Malta against Boost.Graph.

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "solvers/nearest.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::snap_on_piece;
using muster::test::tiny_network;
using muster::test::TinyRoad;

namespace {

constexpr NodeId S0{0}, S1{1}, S2{2}, N0{3}, N2{4}, J{5}, K{6};
constexpr PieceId kS0S1{0}, kS1S2{1}, kNorth{2}, kEastBridge{3}, kIsland{4}, kWestBridge{5};

// A river between two roads; seconds and metres (1000 m per minute). Thousandths of a degree:
//
//   y=2   N0 ---------T1--------240 s, 4000 m---------- N2
//          :          (0.25 of N0-N2, x=2)               |
//          : west bridge (second map only,               | east bridge 60 s, 1000 m
//          :  one way N0 -> S0, 60 s, 1000 m)            |
//   y=0   S0 --T4--I----120 s, 2000 m--- S1 ----T2-------- S2          J --T3-- K (island)
//          x=0 (x=0.4)(x=2)             x=4   (x=6)       x=8         x=20    x=21
//
// The incident I is half way along S0-S1; team T1 is 0.002° (about 221 m) north of it across
// the river, T2 0.004° east of it on the same bank, T4 0.0016° west of it on its own road, T3 on
// an island road that no road joins.
RoutingGraph river(bool west_bridge) {
    std::vector<TinyRoad> roads = {{S0, S1, 120'000, 2'000'000},
                                   {S1, S2, 120'000, 2'000'000},
                                   {N0, N2, 240'000, 4'000'000},
                                   {S2, N2, 60'000, 1'000'000},
                                   {J, K, 60'000, 1'000'000}};
    if (west_bridge)
        roads.push_back({N0, S0, 60'000, 1'000'000, true});
    return RoutingGraph(tiny_network(
        {{0, 0}, {0.004, 0}, {0.008, 0}, {0, 0.002}, {0.008, 0.002}, {0.020, 0}, {0.021, 0}},
        roads));
}

struct Scene {
    Snap incident;
    std::vector<Snap> teams;  // T1, T2, T3, T4: indices 0..3
};

Scene scene(const RoadNetwork& network) {
    return {snap_on_piece(network, kS0S1, 0.5),
            {snap_on_piece(network, kNorth, 0.25), snap_on_piece(network, kS1S2, 0.5),
             snap_on_piece(network, kIsland, 0.5), snap_on_piece(network, kS0S1, 0.1)}};
}

Dijkstra search_for(const RoutingGraph& graph, TravelDirection direction) {
    return Dijkstra(
        graph.network(), &graph.reverse(),
        direction == TravelDirection::to_incident ? Direction::backward : Direction::forward);
}

void check_point(LonLat got, LonLat expected) {
    CHECK(got.lon == Approx(expected.lon).margin(1e-9));
    CHECK(got.lat == Approx(expected.lat).margin(1e-9));
}

}  // namespace

TEST_CASE("nearest_facilities ranks teams by road time, not by straight-line distance") {
    const RoutingGraph graph = river(false);
    const Scene s = scene(graph.network());
    // Straight-line distances from I (degrees of longitude or latitude): T4 0.0016, T1 0.002,
    // T2 0.004: T1 is the second nearest by air.
    CHECK(distance_m(s.teams[0].point, s.incident.point) <
          distance_m(s.teams[1].point, s.incident.point));
    Dijkstra search = search_for(graph, TravelDirection::to_incident);
    const auto results = nearest_facilities(graph, graph.base(), s.incident, s.teams, 2,
                                            TravelDirection::to_incident, search);
    // By road, to I:
    //   T4, on I's road: |0.5 - 0.1| × 120 = 48 s, 0.4 × 2000 = 800 m
    //   T2: 0.5 × 120 = 60 s to S1, then 0.5 × 120 = 60 s to I: 120 s, 1000 + 1000 = 2000 m
    //   T1: 0.75 × 240 = 180 s to N2, bridge 60, S2-S1 120, S1-I 60: 420 s (N0 is a dead end)
    REQUIRE(results.size() == 2);
    CHECK(results[0].facility == 3);
    REQUIRE(results[0].route);
    CHECK(results[0].route->duration_s == 48.0);
    CHECK(results[0].route->distance_m == 800.0);
    CHECK(results[1].facility == 1);
    REQUIRE(results[1].route);
    CHECK(results[1].route->duration_s == 120.0);
    CHECK(results[1].route->distance_m == 2000.0);
}

TEST_CASE("nearest_facilities gives each team's route from its base to the incident") {
    const RoutingGraph graph = river(false);
    const RoadNetwork& network = graph.network();
    const Scene s = scene(network);
    Dijkstra search = search_for(graph, TravelDirection::to_incident);
    const auto results = nearest_facilities(graph, graph.base(), s.incident, s.teams, 3,
                                            TravelDirection::to_incident, search);
    REQUIRE(results.size() == 3);
    // T2 -> I: back along S1-S2 from its middle to S1, then along S1-S0 to I's middle.
    REQUIRE(results[1].facility == 1);
    const Route& t2 = *results[1].route;
    CHECK(t2.edges ==
          std::vector<EdgeId>{edge_between(network, S2, S1), edge_between(network, S1, S0)});
    REQUIRE(t2.geometry.size() == 3);
    check_point(t2.geometry[0], {0.006, 0});
    check_point(t2.geometry[1], {0.004, 0});
    check_point(t2.geometry[2], {0.002, 0});
    // T1 -> I: 420 s, 3000 + 1000 + 2000 + 1000 = 7000 m, over the east bridge.
    REQUIRE(results[2].facility == 0);
    const Route& t1 = *results[2].route;
    CHECK(t1.duration_s == 420.0);
    CHECK(t1.distance_m == 7000.0);
    CHECK(t1.edges ==
          std::vector<EdgeId>{edge_between(network, N0, N2), edge_between(network, N2, S2),
                              edge_between(network, S2, S1), edge_between(network, S1, S0)});
    check_point(t1.geometry.front(), {0.002, 0.002});
    check_point(t1.geometry.back(), {0.002, 0});
    // T4 -> I on the same road: straight along it.
    REQUIRE(results[0].facility == 3);
    CHECK(results[0].route->edges == std::vector<EdgeId>{edge_between(network, S0, S1)});
}

TEST_CASE("nearest_facilities reports an island team unreachable, after the reachable") {
    const RoutingGraph graph = river(false);
    const Scene s = scene(graph.network());
    Dijkstra search = search_for(graph, TravelDirection::to_incident);
    // k = 4 of 4: T4 48 s, T2 120 s, T1 420 s, then T3 with no route.
    auto results = nearest_facilities(graph, graph.base(), s.incident, s.teams, 4,
                                      TravelDirection::to_incident, search);
    REQUIRE(results.size() == 4);
    CHECK(results[0].facility == 3);
    CHECK(results[1].facility == 1);
    CHECK(results[2].facility == 0);
    CHECK(results[3].facility == 2);
    CHECK_FALSE(results[3].route);
    // The island team alone with T1: T1 first even though the island is nearer by air, then
    // the island team with no route; never the other way round.
    const std::vector<Snap> two = {s.teams[2], s.teams[0]};
    results = nearest_facilities(graph, graph.base(), s.incident, two, 2,
                                 TravelDirection::to_incident, search);
    REQUIRE(results.size() == 2);
    CHECK(results[0].facility == 1);
    CHECK(results[0].route->duration_s == 420.0);
    CHECK(results[1].facility == 0);
    CHECK_FALSE(results[1].route);
    // k = 1 of the island team only: it is reported, unreachable.
    results = nearest_facilities(graph, graph.base(), s.incident, std::vector<Snap>{s.teams[2]}, 1,
                                 TravelDirection::to_incident, search);
    REQUIRE(results.size() == 1);
    CHECK_FALSE(results[0].route);
}

TEST_CASE("nearest_facilities to and from the incident differ across a one-way bridge") {
    const RoutingGraph graph = river(true);
    const Scene s = scene(graph.network());
    const std::vector<Snap> t1 = {s.teams[0]};
    // To I: T1 -> N0 0.25 × 240 = 60 s, west bridge N0 -> S0 60 s, S0 -> I 0.5 × 120 = 60 s:
    // 180 s, 1000 + 1000 + 1000 = 3000 m.
    Dijkstra backward = search_for(graph, TravelDirection::to_incident);
    auto to = nearest_facilities(graph, graph.base(), s.incident, t1, 1,
                                 TravelDirection::to_incident, backward);
    REQUIRE(to.size() == 1);
    REQUIRE(to[0].route);
    CHECK(to[0].route->duration_s == 180.0);
    CHECK(to[0].route->distance_m == 3000.0);
    // From I (casualties to a hospital at T1): the west bridge runs the wrong way, so east:
    // I -> S1 60, S1 -> S2 120, bridge 60, N2 -> T1 0.75 × 240 = 180: 420 s.
    Dijkstra forward = search_for(graph, TravelDirection::from_incident);
    auto from = nearest_facilities(graph, graph.base(), s.incident, t1, 1,
                                   TravelDirection::from_incident, forward);
    REQUIRE(from.size() == 1);
    REQUIRE(from[0].route);
    CHECK(from[0].route->duration_s == 420.0);
    check_point(from[0].route->geometry.front(), s.incident.point);
    check_point(from[0].route->geometry.back(), s.teams[0].point);
}

TEST_CASE("nearest_facilities with k of 0 or more than the facilities, and the wrong search") {
    const RoutingGraph graph = river(false);
    const Scene s = scene(graph.network());
    Dijkstra backward = search_for(graph, TravelDirection::to_incident);
    CHECK(nearest_facilities(graph, graph.base(), s.incident, s.teams, 0,
                             TravelDirection::to_incident, backward)
              .empty());
    CHECK(nearest_facilities(graph, graph.base(), s.incident, s.teams, 10,
                             TravelDirection::to_incident, backward)
              .size() == 4);
    CHECK(nearest_facilities(graph, graph.base(), s.incident, {}, 3, TravelDirection::to_incident,
                             backward)
              .empty());
    REQUIRE_THROWS_AS(nearest_facilities(graph, graph.base(), s.incident, s.teams, 1,
                                         TravelDirection::from_incident, backward),
                      muster::ContractError);
}

TEST_CASE("nearest_facilities breaks ties by facility index") {
    const RoutingGraph graph = river(false);
    const RoadNetwork& network = graph.network();
    // Two teams at the same point, and one at the mirror point on the other side of I on its own
    // road: all 0.3 × 120 = 36 s from I.
    const std::vector<Snap> teams = {snap_on_piece(network, kS0S1, 0.8),
                                     snap_on_piece(network, kS0S1, 0.2),
                                     snap_on_piece(network, kS0S1, 0.2)};
    const Snap incident = snap_on_piece(network, kS0S1, 0.5);
    Dijkstra search = search_for(graph, TravelDirection::to_incident);
    const auto results = nearest_facilities(graph, graph.base(), incident, teams, 2,
                                            TravelDirection::to_incident, search);
    REQUIRE(results.size() == 2);
    CHECK(results[0].facility == 0);
    CHECK(results[1].facility == 1);
    CHECK(results[0].route->duration_s == 36.0);
    CHECK(results[1].route->duration_s == 36.0);
}

namespace {

// Nearest k of Malta nodes against Boost.Graph: to_incident times from every node to the
// incident on the transposed graph, from_incident times from the incident.
void compare_nearest_with_boost(TravelDirection direction) {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const bool to_incident = direction == TravelDirection::to_incident;
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << ", " << (to_incident ? "to" : "from") << " the incident");
    std::mt19937_64 random(seed + (to_incident ? 2 : 3));
    muster::test::UniformId<NodeId> any_node(network.node_count());
    Dijkstra search = search_for(graph, direction);
    muster::test::QueryTimer timer(std::string("Malta nearest 3 of 50, ") +
                                   (to_incident ? "to" : "from") + " incident");
    constexpr std::size_t kTeams = 50, kNearest = 3;
    for (int q = 0; q < 20; ++q) {
        const NodeId incident_node = any_node(random);
        std::vector<NodeId> bases(kTeams);
        std::vector<Snap> teams;
        for (NodeId& b : bases) {
            b = any_node(random);
            teams.push_back(muster::test::snap_at_node(network, graph.reverse(), b, to_incident));
        }
        const Snap incident =
            muster::test::snap_at_node(network, graph.reverse(), incident_node, !to_incident);
        const auto times = to_incident ? muster::test::boost_durations_to(
                                             network, graph.base().duration_ms, incident_node)
                                       : muster::test::boost_durations_from(
                                             network, graph.base().duration_ms, incident_node);
        std::vector<std::size_t> order(kTeams);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return times[bases[a]] < times[bases[b]];
        });

        const auto results = timer.time([&] {
            return nearest_facilities(graph, graph.base(), incident, teams, kNearest, direction,
                                      search);
        });
        INFO("incident at node " << incident_node);
        REQUIRE(results.size() == kNearest);
        for (std::size_t i = 0; i < kNearest; ++i) {
            const std::uint64_t expected = times[bases[order[i]]];
            if (expected == UINT64_MAX) {
                CHECK_FALSE(results[i].route);
                continue;
            }
            CHECK(results[i].facility == order[i]);
            REQUIRE(results[i].route);
            CHECK(std::llround(results[i].route->duration_s * 1000) ==
                  static_cast<long long>(expected));
            // The route runs from the team's base to the incident (or back) along open edges.
            const NodeId start = to_incident ? bases[results[i].facility] : incident_node;
            const NodeId end = to_incident ? incident_node : bases[results[i].facility];
            NodeId at = start;
            std::uint64_t sum = 0;
            for (EdgeId e : results[i].route->edges) {
                CHECK(graph.reverse().tail(e) == at);
                sum += network.duration_ms(e);
                at = network.head(e);
            }
            CHECK(at == end);
            CHECK(sum == expected);
        }
    }
}

}  // namespace

TEST_CASE("nearest_facilities to an incident on Malta equals Boost.Graph's Dijkstra") {
    compare_nearest_with_boost(TravelDirection::to_incident);
}

TEST_CASE("nearest_facilities from an incident on Malta equals Boost.Graph's Dijkstra") {
    compare_nearest_with_boost(TravelDirection::from_incident);
}

TEST_CASE("nearest_facilities agrees with fastest_route for snapped Malta points") {
    const RoutingGraph& graph = muster::test::malta_drive();
    std::mt19937_64 random(muster::test::test_seed() + 4);
    std::uniform_real_distribution<double> lon(14.35, 14.57), lat(35.82, 35.98);
    auto random_snap = [&] {
        for (;;) {
            if (auto s = graph.snaps().nearest({lon(random), lat(random)}, 200))
                return *s;
        }
    };
    Dijkstra forward(graph.network(), &graph.reverse(), Direction::forward);
    Dijkstra backward(graph.network(), &graph.reverse(), Direction::backward);
    for (int q = 0; q < 3; ++q) {
        const Snap incident = random_snap();
        std::vector<Snap> teams;
        for (int i = 0; i < 15; ++i)
            teams.push_back(random_snap());
        for (TravelDirection direction :
             {TravelDirection::to_incident, TravelDirection::from_incident}) {
            const bool to = direction == TravelDirection::to_incident;
            const auto results =
                nearest_facilities(graph, graph.base(), incident, teams, teams.size(), direction,
                                   to ? backward : forward);
            REQUIRE(results.size() == teams.size());
            for (const NearestResult& r : results) {
                const auto route =
                    to ? fastest_route(graph, graph.base(), teams[r.facility], incident, forward)
                       : fastest_route(graph, graph.base(), incident, teams[r.facility], forward);
                REQUIRE(route.has_value() == r.route.has_value());
                if (!route)
                    continue;
                CHECK(r.route->duration_s == route->duration_s);
                // A forward search from the incident is fastest_route's own search: it breaks ties
                // between equally fast ways alike. A backward one may pick another of them.
                if (!to)
                    CHECK(r.route->distance_m == route->distance_m);
                check_point(r.route->geometry.front(),
                            to ? teams[r.facility].point : incident.point);
                check_point(r.route->geometry.back(),
                            to ? incident.point : teams[r.facility].point);
            }
        }
    }
}
