// fastest_route (solvers/route.hpp): hand-drawn maps whose answers are summed by hand in the
// comments, and Malta's driving network against Boost.Graph's dijkstra_shortest_paths.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/network_location.hpp"
#include "solvers/route.hpp"
#include "tests/solvers/grid_map.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::snap_on_piece;
using muster::test::tiny_network;
using namespace muster::test::grid_map;

namespace {

Dijkstra forward_search(const RoutingGraph& graph) {
    return Dijkstra(graph.network(), &graph.reverse(), Direction::forward);
}

MultiPolygon square_around(LonLat c, double half) {
    Polygon p;
    p.rings.push_back({{c.lon - half, c.lat - half},
                       {c.lon + half, c.lat - half},
                       {c.lon + half, c.lat + half},
                       {c.lon - half, c.lat + half},
                       {c.lon - half, c.lat - half}});
    return MultiPolygon{{p}};
}

HazardZone zone(const char* id, HazardEffect effect, double factor, MultiPolygon area) {
    HazardZone z;
    z.id = id;
    z.effect = effect;
    z.speed_factor = factor;
    z.area = std::move(area);
    return z;
}

std::vector<EdgeId> edges(const RoadNetwork& network,
                          std::initializer_list<std::pair<NodeId, NodeId>> hops) {
    std::vector<EdgeId> out;
    for (auto [from, to] : hops)
        out.push_back(edge_between(network, from, to));
    return out;
}

void check_point(LonLat got, LonLat expected) {
    CHECK(got.lon == Approx(expected.lon).margin(1e-9));
    CHECK(got.lat == Approx(expected.lat).margin(1e-9));
}

// A point at node u on piece p (fraction 0 at the piece's first point, 1 at its last).
Snap at_node(const RoadNetwork& network, PieceId p, double fraction) {
    return snap_on_piece(network, p, fraction);
}

}  // namespace

TEST_CASE("fastest_route between two nodes on the hand-drawn grid") {
    const RoutingGraph graph = grid();
    Dijkstra search = forward_search(graph);
    // A -> C straight along the bottom: 60 + 60 = 120 s, 2000 m.
    const auto route = fastest_route(graph, graph.base(), at_node(graph.network(), kAB, 0),
                                     at_node(graph.network(), kBC, 1), search);
    REQUIRE(route);
    CHECK(route->duration_s == 120.0);
    CHECK(route->distance_m == 2000.0);
    CHECK(route->edges == edges(graph.network(), {{A, B}, {B, C}}));
    REQUIRE(route->geometry.size() == 3);
    check_point(route->geometry.front(), {0, 0});
    check_point(route->geometry.back(), {0.002, 0});
}

TEST_CASE("fastest_route takes the detour a closed zone forces, time and length by hand") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    // A flood over the middle of B - C closes it both ways.
    const std::vector<HazardZone> hazards = {
        zone("flood", HazardEffect::closed, 0, square_around({0.0015, 0}, 0.0001))};
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    // Ways from A to C without B - C:
    //   A-B-E-F-C: 60 + 30 + 90 + 50 = 230 s; 1000 + 400 + 1200 + 600 = 3200 m
    //   A-D-E-F-C: 40 + 90 + 90 + 50 = 270 s
    //   A-D-G-H-I-F-C: 40 + 40 + 100 + 100 + 40 + 50 = 370 s
    const auto route =
        fastest_route(graph, metric, at_node(network, kAB, 0), at_node(network, kBC, 1), search);
    REQUIRE(route);
    CHECK(route->duration_s == 230.0);
    CHECK(route->distance_m == 3200.0);
    CHECK(route->edges == edges(network, {{A, B}, {B, E}, {E, F}, {F, C}}));
    // Without the flood: 120 s.
    CHECK(fastest_route(graph, graph.base(), at_node(network, kAB, 0), at_node(network, kBC, 1),
                        search)
              ->duration_s == 120.0);
}

TEST_CASE("fastest_route through a slow zone of factor 0.5 pays double on its edge") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    const std::vector<HazardZone> hazards = {
        zone("smoke", HazardEffect::slow, 0.5, square_around({0.0005, 0}, 0.0001))};
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    // A - B takes 60 / 0.5 = 120 s. A -> C: A-B-C 120 + 60 = 180 s; the other way round,
    // A-D-E-F-C, is 270 s. So 180 s, still 2000 m.
    const auto route =
        fastest_route(graph, metric, at_node(network, kAB, 0), at_node(network, kBC, 1), search);
    REQUIRE(route);
    CHECK(route->duration_s == 180.0);
    CHECK(route->distance_m == 2000.0);
    // From the middle of A - B to B: half of the slowed 120 s.
    CHECK(fastest_route(graph, metric, at_node(network, kAB, 0.5), at_node(network, kAB, 1), search)
              ->duration_s == 60.0);
}

TEST_CASE("fastest_route against a one-way road goes round, so the reverse route is longer") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    const Snap b = at_node(network, kAB, 1), e = at_node(network, kDE, 1);
    // B -> E up the one-way road: 30 s, 400 m.
    const auto up = fastest_route(graph, graph.base(), b, e, search);
    REQUIRE(up);
    CHECK(up->duration_s == 30.0);
    CHECK(up->distance_m == 400.0);
    // E -> B: E-D-A-B 90 + 40 + 60 = 190 s (E-F-C-B: 90 + 50 + 60 = 200 s); 1200 + 500 + 1000 m.
    const auto down = fastest_route(graph, graph.base(), e, b, search);
    REQUIRE(down);
    CHECK(down->duration_s == 190.0);
    CHECK(down->distance_m == 2700.0);
    CHECK(down->edges == edges(network, {{E, D}, {D, A}, {A, B}}));
}

TEST_CASE("fastest_route from and to the middle of edges pays the partial end edges") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    // From a quarter of the way along A - B to half way along D - E.
    //   via A: 0.25 × 60 = 15 s to A, A-D 40 s, 0.5 × 90 = 45 s from D: 100 s;
    //          0.25 × 1000 + 500 + 0.5 × 1200 = 1350 m
    //   via B: 0.75 × 60 = 45 s to B, B-E 30 s, 45 s from E back to the middle: 120 s
    const Snap from = at_node(network, kAB, 0.25), to = at_node(network, kDE, 0.5);
    const auto route = fastest_route(graph, graph.base(), from, to, search);
    REQUIRE(route);
    CHECK(route->duration_s == 100.0);
    CHECK(route->distance_m == 1350.0);
    CHECK(route->edges == edges(network, {{B, A}, {A, D}, {D, E}}));
    REQUIRE(route->geometry.size() == 4);
    check_point(route->geometry[0], {0.00025, 0});
    check_point(route->geometry[1], {0, 0});
    check_point(route->geometry[2], {0, 0.001});
    check_point(route->geometry[3], {0.0005, 0.001});
}

TEST_CASE("fastest_route between two points of one road goes straight along it") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    // 0.2 -> 0.7 of A - B: 0.5 × 60 = 30 s, 500 m, along A -> B.
    auto route = fastest_route(graph, graph.base(), at_node(network, kAB, 0.2),
                               at_node(network, kAB, 0.7), search);
    REQUIRE(route);
    CHECK(route->duration_s == 30.0);
    CHECK(route->distance_m == 500.0);
    CHECK(route->edges == edges(network, {{A, B}}));
    REQUIRE(route->geometry.size() == 2);
    check_point(route->geometry[0], {0.0002, 0});
    check_point(route->geometry[1], {0.0007, 0});
    // Back again, 0.7 -> 0.2, along B -> A: the same 30 s.
    route = fastest_route(graph, graph.base(), at_node(network, kAB, 0.7),
                          at_node(network, kAB, 0.2), search);
    REQUIRE(route);
    CHECK(route->duration_s == 30.0);
    CHECK(route->edges == edges(network, {{B, A}}));
    // The same point: nothing to travel.
    route = fastest_route(graph, graph.base(), at_node(network, kAB, 0.4),
                          at_node(network, kAB, 0.4), search);
    REQUIRE(route);
    CHECK(route->duration_s == 0.0);
    CHECK(route->edges.empty());
    REQUIRE(route->geometry.size() == 1);
}

TEST_CASE("fastest_route on a one-way road digitised against its direction") {
    // One road, digitised P -> Q but driven only Q -> P. A trip from a point to the same point
    // travels nothing: 0 s (not round some block, and not "unreachable").
    const RoutingGraph graph(
        tiny_network({{0, 0}, {0.001, 0}}, {{0, 1, 60'000, 1'000'000, false, {}, true}}));
    Dijkstra search = forward_search(graph);
    const Snap p = snap_on_piece(graph.network(), PieceId(0), 0.5);
    const auto route = fastest_route(graph, graph.base(), p, p, search);
    REQUIRE(route);
    CHECK(route->duration_s == 0.0);
    // Down the road's direction of travel (Q -> P), 0.5 -> 0.25: 0.25 × 60 = 15 s.
    CHECK(fastest_route(graph, graph.base(), p, snap_on_piece(graph.network(), PieceId(0), 0.25),
                        search)
              ->duration_s == 15.0);
    CHECK_FALSE(fastest_route(graph, graph.base(), p,
                              snap_on_piece(graph.network(), PieceId(0), 0.75), search));
}

TEST_CASE("fastest_route backwards along a one-way road goes round the block") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    // From 0.8 to 0.2 of the one-way B -> E: on to E (0.2 × 30 = 6 s, 80 m), E-D-A-B (190 s,
    // 2700 m), then up to 0.2 (6 s, 80 m): 202 s, 2860 m.
    const auto route = fastest_route(graph, graph.base(), at_node(network, kBE, 0.8),
                                     at_node(network, kBE, 0.2), search);
    REQUIRE(route);
    CHECK(route->duration_s == 202.0);
    CHECK(route->distance_m == 2860.0);
    CHECK(route->edges == edges(network, {{B, E}, {E, D}, {D, A}, {A, B}, {B, E}}));
}

TEST_CASE("fastest_route from a point snapped onto a node uses every road of that node") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    // A point at B, snapped onto the start of the one-way B -> E: it is at B, so B -> A is open
    // to it: 60 s (not B-E-D-A, 30 + 90 + 40 = 160 s).
    const Snap at_b = at_node(network, kBE, 0);
    const auto route = fastest_route(graph, graph.base(), at_b, at_node(network, kAB, 0), search);
    REQUIRE(route);
    CHECK(route->duration_s == 60.0);
    CHECK(route->edges == edges(network, {{B, A}}));
    // And a point at E snapped onto the end of B -> E is reached by D -> E directly: 90 s
    // (not D-A-B-E, 40 + 60 + 30 = 130 s).
    const Snap at_e = at_node(network, kBE, 1);
    CHECK(fastest_route(graph, graph.base(), at_node(network, kAD, 1), at_e, search)->duration_s ==
          90.0);
}

TEST_CASE("fastest_route to an island or across a closed road gives nothing") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    Dijkstra search = forward_search(graph);
    CHECK_FALSE(fastest_route(graph, graph.base(), at_node(network, kAB, 0.5),
                              at_node(network, kJK, 0.5), search));
    // A point in the middle of a closed road cannot leave it.
    const std::vector<HazardZone> hazards = {
        zone("fire", HazardEffect::closed, 0, square_around({0.0005, 0}, 0.0001))};
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    CHECK_FALSE(
        fastest_route(graph, metric, at_node(network, kAB, 0.5), at_node(network, kBC, 1), search));
}

TEST_CASE("fastest_route needs a forward search") {
    const RoutingGraph graph = grid();
    Dijkstra backward(graph.network(), &graph.reverse(), Direction::backward);
    const Snap a = at_node(graph.network(), kAB, 0);
    REQUIRE_THROWS_AS(fastest_route(graph, graph.base(), a, a, backward), muster::ContractError);
}

namespace {

// Compares fastest_route between Malta nodes with Boost.Graph's Dijkstra under `metric`:
// `sources` × 10 pairs of seeded random nodes. Sources are snapped onto a piece leaving the
// node, targets onto one entering it (one-way pieces included).
void compare_with_boost(const Metric& metric, const char* what, int sources) {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat), " << what);
    std::mt19937_64 random(seed);
    muster::test::UniformId<NodeId> any_node(network.node_count());
    Dijkstra search = forward_search(graph);
    muster::test::QueryTimer timer(std::string("Malta route, ") + what);
    std::size_t reachable = 0;
    for (int s = 0; s < sources; ++s) {
        const NodeId u = any_node(random);
        const auto expected = muster::test::boost_durations_from(network, metric.duration_ms, u);
        const Snap from = muster::test::snap_at_node(network, graph.reverse(), u, true);
        for (int t = 0; t < 10; ++t) {
            const NodeId v = any_node(random);
            INFO("from node " << u << " to node " << v);
            const Snap to = muster::test::snap_at_node(network, graph.reverse(), v, false);
            const auto route =
                timer.time([&] { return fastest_route(graph, metric, from, to, search); });
            if (expected[v] == UINT64_MAX) {
                CHECK_FALSE(route);
                continue;
            }
            ++reachable;
            REQUIRE(route);
            CHECK(std::llround(route->duration_s * 1000) == static_cast<long long>(expected[v]));
            // The route is a chain of open edges from u to v whose times add up to its duration.
            std::uint64_t sum = 0;
            NodeId at = u;
            for (EdgeId e : route->edges) {
                CHECK(graph.reverse().tail(e) == at);
                CHECK_FALSE(metric.closed(e));
                sum += metric.duration_ms[e];
                at = network.head(e);
            }
            CHECK(at == v);
            CHECK(sum == expected[v]);
            check_point(route->geometry.front(), network.coordinate(u).lon_lat());
            check_point(route->geometry.back(), network.coordinate(v).lon_lat());
        }
    }
    // Most random pairs of Malta's nodes are connected (Gozo is joined by no road: some are not).
    CHECK(reachable > static_cast<std::size_t>(sources) * 10 / 2);
}

}  // namespace

TEST_CASE("fastest_route between Malta nodes equals Boost.Graph's Dijkstra, 200 pairs") {
    compare_with_boost(muster::test::malta_drive().base(), "base", 20);
}

TEST_CASE("fastest_route under Malta's sample hazards equals Boost.Graph, 100 pairs") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const Metric metric = apply_hazards(graph, graph.base(), muster::test::malta_hazards());
    // The sample zones close and slow real roads.
    std::size_t closed = 0, slowed = 0;
    for (EdgeId e : graph.network().edges()) {
        closed += metric.closed(e);
        slowed += !metric.closed(e) && metric.duration_ms[e] > graph.base().duration_ms[e];
    }
    CHECK(closed > 0);
    CHECK(slowed > 0);
    compare_with_boost(metric, "sample hazards", 10);
}

TEST_CASE("fastest_route between snapped Malta points: partial edges plus Boost's times") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const Metric& metric = graph.base();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed);
    std::mt19937_64 random(seed + 1);
    std::uniform_real_distribution<double> lon(14.35, 14.57), lat(35.82, 35.98);
    Dijkstra search = forward_search(graph);
    int compared = 0;
    while (compared < 30) {
        const auto from = graph.snaps().nearest({lon(random), lat(random)}, 200);
        const auto to = graph.snaps().nearest({lon(random), lat(random)}, 200);
        if (!from || !to)
            continue;
        ++compared;
        // Oracle: leave `from` along its piece's edges (the rest of the edge, rounded to the
        // millisecond), Boost from the node reached, enter `to`'s piece edge at its tail.
        const double a = piece_fraction(*from), b = piece_fraction(*to);
        std::uint64_t expected = UINT64_MAX;
        for (bool out_against : {false, true}) {
            const EdgeId out = network.piece_edge(from->piece, out_against);
            if (out == kInvalidEdge)
                continue;
            const auto leave = static_cast<std::uint64_t>(
                std::llround((out_against ? a : 1 - a) * metric.duration_ms[out]));
            const auto dist =
                muster::test::boost_durations_from(network, metric.duration_ms, network.head(out));
            for (bool in_against : {false, true}) {
                const EdgeId in = network.piece_edge(to->piece, in_against);
                if (in == kInvalidEdge)
                    continue;
                const NodeId tail = graph.reverse().tail(in);
                if (dist[tail] == UINT64_MAX)
                    continue;
                const auto enter = static_cast<std::uint64_t>(
                    std::llround((in_against ? 1 - b : b) * metric.duration_ms[in]));
                expected = std::min(expected, leave + dist[tail] + enter);
            }
        }
        if (from->piece == to->piece) {
            const EdgeId e = network.piece_edge(from->piece, b < a);
            if (e != kInvalidEdge)
                expected = std::min<std::uint64_t>(
                    expected, std::llround(std::fabs(b - a) * metric.duration_ms[e]));
        }
        const auto route = fastest_route(graph, metric, *from, *to, search);
        if (expected == UINT64_MAX) {
            CHECK_FALSE(route);
        } else {
            REQUIRE(route);
            CHECK(std::llround(route->duration_s * 1000) == static_cast<long long>(expected));
            check_point(route->geometry.front(), from->point);
            check_point(route->geometry.back(), to->point);
        }
    }
}
