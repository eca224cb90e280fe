// service_area (solvers/service_area.hpp) on a line of roads where the reached nodes, the
// fractions of the partial edges and the band polygons' cells are worked out by hand;
// buffer_lines_m; and Malta's 15-minute area against Boost.Graph's Dijkstra (what
// pgr_drivingDistance answers).

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <numbers>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "engine/geometry.hpp"
#include "engine/path_geometry.hpp"
#include "engine/road_cells.hpp"
#include "solvers/service_area.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"
#include "tests/support/helpers_taken.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::snap_on_piece;
using muster::test::tiny_network;
using muster::test::TinyRoad;

namespace {

constexpr NodeId A{0}, B{1}, C{2}, D{3}, E{4};
constexpr PieceId kAB{0}, kBC{1}, kCD{2}, kDE{3};

// Five nodes along the equator, 0.001° (111.32 m) apart; every road takes 3 minutes (180 s) and
// is 3000 m long by the figures set here. With `oneway_bc`, B - C runs only B -> C.
//
//   A --180 s-- B --180 s-- C --180 s-- D --180 s-- E
//   x=0       x=0.001    x=0.002     x=0.003     x=0.004
RoutingGraph line(bool oneway_bc = false) {
    return RoutingGraph(tiny_network({{0, 0}, {0.001, 0}, {0.002, 0}, {0.003, 0}, {0.004, 0}},
                                     {{A, B, 180'000, 3'000'000},
                                      {B, C, 180'000, 3'000'000, oneway_bc},
                                      {C, D, 180'000, 3'000'000},
                                      {D, E, 180'000, 3'000'000}}));
}

using Stretch = std::tuple<NodeId, NodeId, double, double>;  // tail, head, from, to

// The band's segments as (tail, head, from, to), sorted.
std::vector<Stretch> stretches(const RoutingGraph& graph, const ServiceAreaBand& band) {
    std::vector<Stretch> out;
    for (const ReachedSegment& s : band.segments) {
        out.emplace_back(graph.reverse().tail(s.edge), graph.network().head(s.edge),
                         s.from_fraction, s.to_fraction);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void check_stretches(const std::vector<Stretch>& got, const std::vector<Stretch>& expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("segment " << i);
        CHECK(std::get<0>(got[i]) == std::get<0>(expected[i]));
        CHECK(std::get<1>(got[i]) == std::get<1>(expected[i]));
        CHECK(std::get<2>(got[i]) == Approx(std::get<2>(expected[i])).margin(1e-12));
        CHECK(std::get<3>(got[i]) == Approx(std::get<3>(expected[i])).margin(1e-12));
    }
}

std::vector<NodeId> sorted(std::vector<NodeId> nodes) {
    std::sort(nodes.begin(), nodes.end());
    return nodes;
}

// Whether a road (not a ferry crossing) leaves or enters the node: a ferry route's nodes at sea
// are not land a service area reaches.
bool on_land(const RoutingGraph& graph, NodeId v) {
    const auto by_road = [&](EdgeId e) { return !graph.network().ferry(e); };
    return std::ranges::any_of(graph.network().out_edges(v), by_road) ||
           std::ranges::any_of(graph.reverse().in_edges(v), by_road);
}

Dijkstra search_for(const RoutingGraph& graph, TravelDirection direction) {
    return Dijkstra(
        graph.network(), &graph.reverse(),
        direction == TravelDirection::to_incident ? Direction::backward : Direction::forward);
}

}  // namespace

TEST_CASE("service_area from a node of a line reaches the hand-computed nodes and edges") {
    const RoutingGraph graph = line();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    const auto bands = service_area(graph, graph.base(), snap_on_piece(graph.network(), kAB, 0),
                                    {600, 300}, TravelDirection::from_incident, search);
    REQUIRE(bands.size() == 2);
    // Sorted: 5 minutes first. A 0 s, B 180 s; C is 360 s away.
    CHECK(bands[0].limit_s == 300);
    CHECK(bands[0].nodes == std::vector<NodeId>{A, B});
    // A -> B whole; from B, 300 - 180 = 120 s of 180 s: 2/3 of B -> C and of B -> A.
    check_stretches(stretches(graph, bands[0]),
                    {{A, B, 0, 1}, {B, A, 0, 2.0 / 3}, {B, C, 0, 2.0 / 3}});
    // 10 minutes: C 360 s, D 540 s; E 720 s is out. From D, 60 s of 180: 1/3 of D -> C and D -> E.
    // The band's ring leaves out what 5 minutes reach: A -> B, and 2/3 of B -> A and B -> C.
    CHECK(bands[1].limit_s == 600);
    CHECK(bands[1].nodes == std::vector<NodeId>{A, B, C, D});
    check_stretches(stretches(graph, bands[1]), {{B, A, 2.0 / 3, 1},
                                                 {B, C, 2.0 / 3, 1},
                                                 {C, B, 0, 1},
                                                 {C, D, 0, 1},
                                                 {D, C, 0, 1.0 / 3},
                                                 {D, E, 0, 1.0 / 3}});
    // The partial segment's geometry ends a third of the way from D (x=0.003) to E (x=0.004).
    const auto de = std::find_if(
        bands[1].segments.begin(), bands[1].segments.end(),
        [&](const ReachedSegment& s) { return s.edge == edge_between(graph.network(), D, E); });
    REQUIRE(de != bands[1].segments.end());
    const auto line = bands[1].geometry(*de);
    REQUIRE(line.size() == 2);
    CHECK(line.front().lon == Approx(0.003).margin(1e-10));
    CHECK(line.back().lon == Approx(0.003 + 0.001 / 3).margin(1e-10));
}

TEST_CASE("service_area from the middle of an edge starts with both halves of it") {
    const RoutingGraph graph = line();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    // From half way along B - C: 90 s to B and to C; A and D 270 s; E 450 s.
    const auto bands = service_area(graph, graph.base(), snap_on_piece(graph.network(), kBC, 0.5),
                                    {300}, TravelDirection::from_incident, search);
    REQUIRE(bands.size() == 1);
    CHECK(sorted(bands[0].nodes) == std::vector<NodeId>{A, B, C, D});
    // B -> C is travelled from B whole (210 s left) and from the point; the two merge. From A
    // and D, 30 s of 180 s: 1/6.
    check_stretches(stretches(graph, bands[0]), {{A, B, 0, 1.0 / 6},
                                                 {B, A, 0, 1},
                                                 {B, C, 0, 1},
                                                 {C, B, 0, 1},
                                                 {C, D, 0, 1},
                                                 {D, C, 0, 1.0 / 6},
                                                 {D, E, 0, 1.0 / 6}});
    // 1 minute: only the point's own road, 60 s of 180 s = 1/3 each way from the middle.
    const auto minute = service_area(graph, graph.base(), snap_on_piece(graph.network(), kBC, 0.5),
                                     {60}, TravelDirection::from_incident, search);
    CHECK(minute[0].nodes.empty());
    check_stretches(stretches(graph, minute[0]),
                    {{B, C, 0.5, 0.5 + 1.0 / 3}, {C, B, 0.5, 0.5 + 1.0 / 3}});
    // Both limits at once: the 5-minute band's ring has a hole in B - C, where the 1-minute band
    // is.
    const auto both = service_area(graph, graph.base(), snap_on_piece(graph.network(), kBC, 0.5),
                                   {60, 300}, TravelDirection::from_incident, search);
    check_stretches(stretches(graph, both[1]), {{A, B, 0, 1.0 / 6},
                                                {B, A, 0, 1},
                                                {B, C, 0, 0.5},
                                                {B, C, 0.5 + 1.0 / 3, 1},
                                                {C, B, 0, 0.5},
                                                {C, B, 0.5 + 1.0 / 3, 1},
                                                {C, D, 0, 1},
                                                {D, C, 0, 1.0 / 6},
                                                {D, E, 0, 1.0 / 6}});
}

TEST_CASE("service_area from a point needs no reverse graph, one towards it makes it") {
    const RoutingGraph graph = line();
    cch::BoundedSweep sweep(graph.network().node_count());
    cch::TreeSweep tree;
    const HierarchySearch hierarchy{graph.base_cch(), sweep, tree};
    const Snap b = snap_on_piece(graph.network(), kBC, 0);
    // From B, 5 minutes: A and C at 180 s; the polygon drawn too.
    const auto from =
        service_area(graph, graph.base(), b, {300}, TravelDirection::from_incident, hierarchy);
    CHECK(sorted(from[0].nodes) == std::vector<NodeId>{A, B, C});
    CHECK_FALSE(from[0].area.empty());
    CHECK_FALSE(graph.reverse_made());
    const auto to =
        service_area(graph, graph.base(), b, {300}, TravelDirection::to_incident, hierarchy);
    CHECK(sorted(to[0].nodes) == std::vector<NodeId>{A, B, C});
    CHECK(graph.reverse_made());
}

TEST_CASE("service_area towards a point reaches the places it can be reached from") {
    const RoutingGraph graph = line(true);  // B -> C one way
    // From C, 5 minutes: C -> B is not allowed; D 180 s.
    Dijkstra forward = search_for(graph, TravelDirection::from_incident);
    const Snap c = snap_on_piece(graph.network(), kCD, 0);
    const auto from =
        service_area(graph, graph.base(), c, {300}, TravelDirection::from_incident, forward);
    CHECK(from[0].nodes == std::vector<NodeId>{C, D});
    check_stretches(stretches(graph, from[0]),
                    {{C, D, 0, 1}, {D, C, 0, 2.0 / 3}, {D, E, 0, 2.0 / 3}});
    // Towards C, 5 minutes: B (B -> C, 180 s) and D (180 s). From B, 120 s left: the last 2/3 of
    // A -> B; from D: the last 2/3 of E -> D and of C -> D.
    Dijkstra backward = search_for(graph, TravelDirection::to_incident);
    const auto to =
        service_area(graph, graph.base(), c, {300}, TravelDirection::to_incident, backward);
    CHECK(sorted(to[0].nodes) == std::vector<NodeId>{B, C, D});
    check_stretches(
        stretches(graph, to[0]),
        {{A, B, 1.0 / 3, 1}, {B, C, 0, 1}, {C, D, 1.0 / 3, 1}, {D, C, 0, 1}, {E, D, 1.0 / 3, 1}});
}

TEST_CASE("service_area polygon: the travel-time field's contour, worked out by hand") {
    // The line of roads at 18 s per road (22 km/h): along it, faster than the field's off-road
    // 1 m/s, so no corner near the road takes its time from the spread.
    const RoutingGraph graph(tiny_network({{0, 0}, {0.001, 0}, {0.002, 0}, {0.003, 0}, {0.004, 0}},
                                          {{A, B, 18'000, 300'000},
                                           {B, C, 18'000, 300'000},
                                           {C, D, 18'000, 300'000},
                                           {D, E, 18'000, 300'000}}));
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    // From A, 30 and 60 s. The roads reached run east from A (x = 0) at 18 s per 0.001° of the
    // equator, m metres: s = 18 / (0.001 m) s per metre. The field's corners lie 50 m apart at
    // x = ±25, ±75, ... and y = ±25, ±75, ...: the road runs along the middle of a row of cells.
    // A crossed cell's corners take the road's time where it enters the cell; a road corner
    // spreads its time to its neighbours at 1 m/s (50 s along an axis); next to a corner no road
    // reached, the field rises at that speed too.
    const auto bands = service_area(graph, graph.base(), snap_on_piece(graph.network(), kAB, 0),
                                    {30, 60}, TravelDirection::from_incident, search);
    REQUIRE(bands.size() == 2);
    for (const ServiceAreaBand& band : bands) {
        REQUIRE(band.area.polygons.size() == 1);
        CHECK(band.area.polygons[0].rings.size() == 1);
        CHECK_FALSE(invalid_reason(band.area));
    }
    const LocalFrame frame({0, 0});
    const double s = 18 / (0.001 * frame.metres_per_degree_lon());
    const auto east = [&](double metres) {
        return LonLat{metres / frame.metres_per_degree_lon(), 0};
    };
    const auto north = [&](double metres) {
        return LonLat{0, metres / frame.metres_per_degree_lat()};
    };
    // 30 s: the road ends at 30 / s = 185.5 m, in the cell [175, 225] entered at 175 m (time
    // 175 s); the corners at 275 m hold 225 s, where the 60-second road enters the next cell.
    // Between them the outline crosses at 225 + 50 (30 - 175 s) / (50 s) = 30 / s + 50 m: a cell
    // past the road's end.
    const double end_30 = 30 / s + 50;
    CHECK(end_30 == Approx(235.53).margin(0.01));
    CHECK(covers(bands[0].area, east(end_30 - 0.5)));
    CHECK_FALSE(covers(bands[0].area, east(end_30 + 0.5)));
    // 60 s: the road ends at 371.1 m in the cell [325, 375] (entered at 325 s); the corners at
    // 425 m take that + 50 s from the spread, so the outline crosses at 375 + (60 - 325 s) =
    // 382.45 m: 11.4 m past the road's end, within the stated 3·√2 cells (212 m).
    const double end_60 = 375 + (60 - 325 * s);
    CHECK(end_60 == Approx(382.45).margin(0.01));
    CHECK(covers(bands[1].area, east(end_60 - 0.5)));
    CHECK_FALSE(covers(bands[1].area, east(end_60 + 0.5)));
    CHECK(end_60 - 60 / s < 3 * std::numbers::sqrt2 * 50);
    // Across the road at A: A's cell's corners hold 0 s, those at y = 75 m 50 s (spread), those at
    // 125 m none. 30 s: the outline at 25 + 50 · 30 / 50 = 55 m; 60 s: at 75 + 50 · 10 / 50 = 85 m.
    CHECK(covers(bands[0].area, north(54.5)));
    CHECK_FALSE(covers(bands[0].area, north(55.5)));
    CHECK(covers(bands[1].area, north(84.5)));
    CHECK_FALSE(covers(bands[1].area, north(85.5)));
    // Nested: the 60-second polygon contains the 30-second one.
    CHECK(area_m2(union_of(bands[0].area, bands[1].area)) ==
          Approx(area_m2(bands[1].area)).epsilon(1e-9));
    CHECK(kRoadCellDriveM == 50);
    CHECK(kServiceAreaOffRoadMps == 1.0);
}

TEST_CASE("service_area segments carry the travel time at both ends, worked out by hand") {
    const RoutingGraph graph = line(true);  // B -> C one way
    Dijkstra forward = search_for(graph, TravelDirection::from_incident);
    // From A, 5 and 10 minutes: B at 180 s, C 360 s (B -> C), D 540 s.
    const auto bands =
        service_area(graph, graph.base(), snap_on_piece(graph.network(), kAB, 0), {300, 600},
                     TravelDirection::from_incident, forward, {.polygons = false});
    const auto times = [&](const ServiceAreaBand& band, NodeId tail, NodeId head) {
        const EdgeId e = edge_between(graph.network(), tail, head);
        for (const ReachedSegment& s : band.segments) {
            if (s.edge == e)
                return std::pair(s.start_s, s.end_s);
        }
        FAIL("no segment " << tail << " -> " << head);
        return std::pair(0.0, 0.0);
    };
    CHECK(times(bands[0], A, B) == std::pair(0.0, 180.0));
    CHECK(times(bands[0], B, A).first == Approx(180));
    CHECK(times(bands[0], B, A).second == Approx(300));  // 2/3 of the way back to A
    CHECK(times(bands[0], B, C).second == Approx(300));
    // The 10-minute ring: the last third of B -> C from 300 s to C at 360 s; C -> D whole; D -> E
    // to a third, 540 to 600 s.
    CHECK(times(bands[1], B, C).first == Approx(300));
    CHECK(times(bands[1], B, C).second == Approx(360));
    CHECK(times(bands[1], C, D) == std::pair(360.0, 540.0));
    CHECK(times(bands[1], D, E).first == Approx(540));
    CHECK(times(bands[1], D, E).second == Approx(600));
    // Towards C: a stretch's times are those to C, so they fall along it. The last 2/3 of A -> B
    // from 120 s before B (300 s) to B (180 s).
    Dijkstra backward = search_for(graph, TravelDirection::to_incident);
    const auto to = service_area(graph, graph.base(), snap_on_piece(graph.network(), kCD, 0), {300},
                                 TravelDirection::to_incident, backward, {.polygons = false});
    CHECK(times(to[0], A, B).first == Approx(300));
    CHECK(times(to[0], A, B).second == Approx(180));
    CHECK(times(to[0], B, C) == std::pair(180.0, 0.0));
}

TEST_CASE("service_area with a limit of 0 reaches the point itself only") {
    const RoutingGraph graph = line();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    const auto bands = service_area(graph, graph.base(), snap_on_piece(graph.network(), kAB, 0),
                                    {0}, TravelDirection::from_incident, search);
    CHECK(bands[0].nodes == std::vector<NodeId>{A});
    CHECK(bands[0].segments.empty());
    // The point's cell, 50 m centred on A: its corners hold 0 s, their neighbours 50 s or more,
    // so the outline keeps 0.001 of a cell outside it: 2,500 m² and slivers of 0.05 m.
    REQUIRE(bands[0].area.polygons.size() == 1);
    CHECK(area_m2(bands[0].area) == Approx(2'500).epsilon(0.01));
    CHECK(covers(bands[0].area, {0, 0}));
}

TEST_CASE("service_area rejects a negative limit and the wrong search") {
    const RoutingGraph graph = line();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    const Snap a = snap_on_piece(graph.network(), kAB, 0);
    REQUIRE_THROWS_AS(
        service_area(graph, graph.base(), a, {300, -1}, TravelDirection::from_incident, search),
        InputError);
    REQUIRE_THROWS_AS(
        service_area(graph, graph.base(), a, {NAN}, TravelDirection::from_incident, search),
        InputError);
    REQUIRE_THROWS_AS(
        service_area(graph, graph.base(), a, {300}, TravelDirection::to_incident, search),
        muster::ContractError);
    CHECK(service_area(graph, graph.base(), a, {}, TravelDirection::from_incident, search).empty());
    // A limit beyond a day (once an overflow of the millisecond count).
    REQUIRE_THROWS_WITH(
        service_area(graph, graph.base(), a, {1e300}, TravelDirection::from_incident, search),
        Catch::Contains("limits_s") && Catch::Contains("[0, 86400]"));
    REQUIRE_THROWS_AS(
        service_area(graph, graph.base(), a, {86'401}, TravelDirection::from_incident, search),
        InputError);
    CHECK(service_area(graph, graph.base(), a, {86'400}, TravelDirection::from_incident, search,
                       {.polygons = false})
              .size() == 1);
}

TEST_CASE("buffer_lines_m unions overlapping buffers and keeps distant ones apart") {
    // Two crossing roads of 0.002° at the equator: one polygon. A third far away: a second one.
    const std::vector<std::vector<LonLat>> lines = {
        {{0, 0}, {0.002, 0}}, {{0.001, -0.001}, {0.001, 0.001}}, {{0.01, 0}, {0.011, 0}}};
    const MultiPolygon area = buffer_lines_m(lines, 25);
    CHECK(area.polygons.size() == 2);
    CHECK_FALSE(invalid_reason(area));
    CHECK(covers(area, {0.001, 0}));
    CHECK(covers(area, {0.0105, 0.0002}));  // 22 m north of the third road
    CHECK_FALSE(covers(area, {0.005, 0}));
    CHECK(buffer_lines_m({}, 25).empty());
    REQUIRE_THROWS_AS(buffer_lines_m(lines, 0), muster::ContractError);
    REQUIRE_THROWS_AS(buffer_lines_m(lines, NAN), muster::ContractError);
}

namespace {

void compare_service_area_with_boost(TravelDirection direction) {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const bool forward = direction == TravelDirection::from_incident;
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << ", " << (forward ? "from" : "towards") << " the point");
    std::mt19937_64 random(seed + (forward ? 20 : 21));
    muster::test::UniformId<NodeId> any_node(network.node_count());
    Dijkstra search = search_for(graph, direction);
    cch::BoundedSweep sweep(network.node_count());
    cch::TreeSweep tree;
    const HierarchySearch hierarchy{graph.base_cch(), sweep, tree};
    muster::test::QueryTimer timer(
        std::string("Malta service area 5/10/15 min without polygons, ") +
        (forward ? "from" : "towards"));
    for (int q = 0; q < 5; ++q) {
        const NodeId u = any_node(random);
        INFO("node " << u);
        const auto times =
            forward ? muster::test::boost_durations_from(network, graph.base().duration_ms, u)
                    : muster::test::boost_durations_to(network, graph.base().duration_ms, u);
        const Snap at = muster::test::snap_at_node(network, graph.reverse(), u, forward);
        const auto by_dijkstra = timer.time([&] {
            return service_area(graph, graph.base(), at, {300, 600, 900}, direction, search,
                                {.polygons = false});
        });
        const auto on_cch = service_area(graph, graph.base(), at, {300, 600, 900}, direction,
                                         hierarchy, {.polygons = false});
        for (const auto* found : {&by_dijkstra, &on_cch}) {
            INFO((found == &on_cch ? "on the CCH (bounded sweep)" : "by Dijkstra"));
            const std::vector<ServiceAreaBand>& bands = *found;
            REQUIRE(bands.size() == 3);
            // How much of each edge the bands' rings reach, summed band by band: within a limit,
            // the part of the edge its start node's time leaves (edges at the point itself aside).
            IdVector<EdgeId, double> reached(network.edge_count(), 0.0);
            for (const ServiceAreaBand& band : bands) {
                const auto limit_ms = static_cast<std::uint64_t>(band.limit_s * 1000);
                std::vector<NodeId> expected;
                for (NodeId v : network.nodes()) {
                    if (times[v] <= limit_ms)
                        expected.push_back(v);
                }
                CHECK(sorted(band.nodes) == expected);
                // Each partial segment ends where the time runs out: its node's time plus the part
                // of the edge travelled is the limit.
                for (const ReachedSegment& s : band.segments) {
                    const NodeId from =
                        forward ? graph.reverse().tail(s.edge) : network.head(s.edge);
                    const double part = forward ? s.to_fraction : 1 - s.from_fraction;
                    if (part < 1 && times[from] != UINT64_MAX && from != u) {
                        CHECK(times[from] + part * network.duration_ms(s.edge) ==
                              Approx(limit_ms).margin(1e-3));
                    }
                }
                CHECK(band.area.empty());
                for (const ReachedSegment& s : band.segments)
                    reached[s.edge] += s.to_fraction - s.from_fraction;
                std::size_t wrong = 0;
                for (EdgeId e : network.edges()) {
                    const NodeId tail = graph.reverse().tail(e), head = network.head(e);
                    const NodeId from = forward ? tail : head;
                    if (tail == u || head == u)
                        continue;
                    const double duration = network.duration_ms(e);
                    const double expected =
                        times[from] > limit_ms ? 0.0
                        : duration == 0        ? 1.0
                                               : std::min(1.0, (limit_ms - times[from]) / duration);
                    if (std::abs(reached[e] - expected) > 1e-9 && wrong++ == 0)
                        UNSCOPED_INFO("edge " << e << ": " << reached[e] << " reached, "
                                              << expected);
                }
                CHECK(wrong == 0);
            }
        }
    }
}

}  // namespace

// Both searches, Dijkstra's and the bounded sweep on the CCH, against Boost.Graph's.
TEST_CASE("service_area from Malta nodes reaches what Boost.Graph finds in 5, 10, 15 min") {
    compare_service_area_with_boost(TravelDirection::from_incident);
}

TEST_CASE("service_area towards Malta nodes reaches what Boost.Graph finds in 5, 10, 15 min") {
    compare_service_area_with_boost(TravelDirection::to_incident);
}

// The bounded sweep marks the ranks to visit while few are reached, and pulls at every rank once
// half of the top eighth are visited: a minute from a node stays the first way, ten hours
// (the whole island) turns to the second. Both give Boost.Graph's durations.
TEST_CASE("bounded sweep on Malta: a minute and ten hours both ways, against Boost.Graph") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    std::mt19937_64 random(muster::test::test_seed() + 22);
    muster::test::UniformId<NodeId> any_node(network.node_count());
    cch::BoundedSweep sweep(network.node_count());
    cch::TreeSweep tree;
    for (int q = 0; q < 4; ++q) {
        const NodeId u = any_node(random);
        for (const bool forward : {true, false}) {
            const auto times =
                forward ? muster::test::boost_durations_from(network, graph.base().duration_ms, u)
                        : muster::test::boost_durations_to(network, graph.base().duration_ms, u);
            for (const std::uint64_t limit_ms : {60'000ULL, 36'000'000ULL}) {
                INFO("node " << u << (forward ? ", from it" : ", towards it") << ", limit "
                             << limit_ms << " ms");
                const Seed at{u, 0, 0, kInvalidEdge};
                sweep.run(graph.base_cch(), std::span(&at, 1),
                          forward ? cch::SweepDirection::forward : cch::SweepDirection::backward,
                          limit_ms, tree);
                std::vector<NodeId> expected;
                for (NodeId v : network.nodes()) {
                    if (times[v] <= limit_ms)
                        expected.push_back(v);
                }
                REQUIRE(sweep.reached() == expected);
                std::size_t wrong = 0;
                for (NodeId v : network.nodes()) {
                    const std::uint64_t got = sweep.duration_ms(v);
                    if (times[v] <= limit_ms ? got != times[v] : got <= limit_ms)
                        ++wrong;
                }
                CHECK(wrong == 0);
            }
        }
    }
}

TEST_CASE("service_area polygons on Malta are valid, nested and cover every node reached") {
    const RoutingGraph& graph = muster::test::malta_drive();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    // Msida, near the middle of Malta's densest roads.
    const Snap at = graph.snaps().snap({14.4862, 35.8962});
    muster::test::QueryTimer timer("Malta service area 5/10/15 min with polygons, from Msida");
    const auto bands = timer.time([&] {
        return service_area(graph, graph.base(), at, {300, 600, 900},
                            TravelDirection::from_incident, search);
    });
    REQUIRE(bands.size() == 3);
    for (const ServiceAreaBand& band : bands) {
        INFO(band.limit_s << " s");
        REQUIRE_FALSE(band.area.empty());
        CHECK_FALSE(invalid_reason(band.area));
        // Every reached node on land lies on a reached road, whose cells the polygon holds.
        const PreparedArea area(band.area);
        std::size_t outside = 0;
        for (NodeId v : band.nodes) {
            const LonLat p = graph.network().coordinate(v).lon_lat();
            outside += on_land(graph, v) && !area.intersects(std::span<const LonLat>(&p, 1));
        }
        CHECK(outside == 0);
    }
    // Each band contains the previous one.
    for (std::size_t b = 1; b < bands.size(); ++b) {
        CHECK(area_m2(bands[b].area) > area_m2(bands[b - 1].area));
        CHECK(area_m2(union_of(bands[b - 1].area, bands[b].area)) ==
              Approx(area_m2(bands[b].area)).epsilon(1e-6));
    }
}

namespace {

// Twice the signed area of a ring in degrees: > 0 for counter-clockwise.
double twice_signed_area(const Ring& ring) {
    double twice = 0;
    for (std::size_t k = 0; k + 1 < ring.size(); ++k)
        twice += ring[k].lon * ring[k + 1].lat - ring[k + 1].lon * ring[k].lat;
    return twice;
}

// The area of a ring alone, as an outer ring (counter-clockwise).
double ring_area_m2(const Ring& ring) {
    MultiPolygon alone;
    alone.polygons.push_back(
        Polygon{{twice_signed_area(ring) > 0 ? ring : Ring(ring.rbegin(), ring.rend())}});
    return area_m2(alone);
}

}  // namespace

TEST_CASE("service_area from a ferry's landing leaves the route's nodes at sea outside") {
    // Malta's ferry routes have nodes at sea (where routes part). From the landing before one,
    // an area that reaches past it: the landings are land reached, the sea is not.
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    NodeId sea = kInvalidNode;
    for (NodeId v : network.nodes()) {
        if (!on_land(graph, v) && !graph.reverse().in_edges(v).empty()) {
            sea = v;
            break;
        }
    }
    REQUIRE(sea != kInvalidNode);
    EdgeId crossing = graph.reverse().in_edges(sea).front();
    double limit_s = network.duration_s(crossing);
    while (!on_land(graph, graph.reverse().tail(crossing))) {
        crossing = graph.reverse().in_edges(graph.reverse().tail(crossing)).front();
        limit_s += network.duration_s(crossing);
    }
    const NodeId landing = graph.reverse().tail(crossing);
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    const Snap at = graph.snaps().snap(network.coordinate(landing).lon_lat());
    const auto bands = service_area(graph, graph.base(), at, {limit_s + 60},
                                    TravelDirection::from_incident, search);
    REQUIRE(bands.size() == 1);
    const PreparedArea area(bands[0].area);
    std::size_t at_sea = 0, at_sea_inside = 0, on_land_outside = 0;
    for (NodeId v : bands[0].nodes) {
        const LonLat p = graph.network().coordinate(v).lon_lat();
        const bool inside = area.intersects(std::span<const LonLat>(&p, 1));
        if (on_land(graph, v)) {
            on_land_outside += !inside;
        } else {
            ++at_sea;
            at_sea_inside += inside;
        }
    }
    CHECK(at_sea >= 1);
    CHECK(at_sea_inside == 0);
    CHECK(on_land_outside == 0);
}

TEST_CASE("service_area polygons on Malta hold every reached road and stay near it") {
    const RoutingGraph& graph = muster::test::malta_drive();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    // Floriana, at the gate of Valletta: the densest roads, the most holes of the old polygon.
    const Snap at = graph.snaps().snap({14.5083, 35.8940});
    const auto bands = service_area(graph, graph.base(), at, {300, 600, 900},
                                    TravelDirection::from_incident, search);
    REQUIRE(bands.size() == 3);
    const double bound_m = 3 * std::numbers::sqrt2 * kRoadCellDriveM;
    const double min_hole_m2 = kServiceAreaMinHoleCells * kRoadCellDriveM * kRoadCellDriveM;
    std::vector<std::vector<LonLat>> roads;  // reached within the band's limit (bands 0..b)
    std::vector<LonLat> landings;            // of the ferry crossings reached
    for (std::size_t b = 0; b < bands.size(); ++b) {
        const ServiceAreaBand& band = bands[b];
        INFO(band.limit_s << " s");
        REQUIRE_FALSE(band.area.empty());
        CHECK_FALSE(invalid_reason(band.area));
        // Every point of every stretch reached within the limit, and the middle of each of its
        // pieces, lies inside.
        const PreparedArea area(band.area);
        // A ferry crossing is not land reached: its landings reached are inside, the sea between
        // is not.
        for (const ReachedSegment& s : band.segments) {
            const auto line = band.geometry(s);
            if (!graph.network().ferry(s.edge)) {
                roads.emplace_back(line.begin(), line.end());
                continue;
            }
            const NodeId tail = graph.reverse().tail(s.edge), head = graph.network().head(s.edge);
            if (s.from_fraction == 0 && on_land(graph, tail))
                landings.push_back(line.front());
            if (s.to_fraction == 1 && on_land(graph, head))
                landings.push_back(line.back());
        }
        for (LonLat p : landings)
            CHECK(area.intersects(std::span<const LonLat>(&p, 1)));
        std::size_t outside = 0, tested = 0;
        for (const auto& road : roads) {
            for (std::size_t k = 0; k < road.size(); ++k) {
                std::vector<LonLat> points{road[k]};
                if (k + 1 < road.size()) {
                    points.push_back(
                        {(road[k].lon + road[k + 1].lon) / 2, (road[k].lat + road[k + 1].lat) / 2});
                }
                for (LonLat p : points) {
                    ++tested;
                    outside += !area.intersects(std::span<const LonLat>(&p, 1));
                }
            }
        }
        CHECK(tested > 1000);
        CHECK(outside == 0);
        // Outer rings counter-clockwise, holes clockwise and none under the minimum.
        for (const Polygon& polygon : band.area.polygons) {
            CHECK(twice_signed_area(polygon.rings[0]) > 0);
            for (std::size_t r = 1; r < polygon.rings.size(); ++r) {
                CHECK(twice_signed_area(polygon.rings[r]) < 0);
                CHECK(ring_area_m2(polygon.rings[r]) >= min_hole_m2 * 0.99);
            }
        }
        // Nothing beyond the bound: the polygon adds (almost) nothing to a buffer of the roads
        // by the bound (a tenth more for the buffer's own approximation). The 5-minute band only:
        // the buffer's union is slow.
        if (b == 0) {
            const MultiPolygon near = buffer_lines_m(roads, bound_m * 1.1);
            const double beyond = area_m2(union_of(near, band.area)) - area_m2(near);
            CHECK(beyond <= 1e-3 * area_m2(band.area));
        }
    }
    for (std::size_t b = 1; b < bands.size(); ++b) {
        CHECK(area_m2(union_of(bands[b - 1].area, bands[b].area)) ==
              Approx(area_m2(bands[b].area)).epsilon(1e-6));
    }
}

TEST_CASE("service_area on Malta draws the same field with a helper thread as alone") {
    // A helper marks half of the edges on its own part of the field, merged after
    // (engine/run_beside); alone, one thread marks them all. Same nodes, stretches, polygons.
    if (beside_helpers() == 0) {
        WARN("this machine has one core: every service area is drawn alone");
        return;
    }
    const RoutingGraph& graph = muster::test::malta_drive();
    // Floriana, Msida, Mosta, Birkirkara and Marsaskala, both ways.
    for (const LonLat p :
         {LonLat{14.5083, 35.8940}, LonLat{14.4862, 35.8962}, LonLat{14.4250, 35.9100},
          LonLat{14.4610, 35.8970}, LonLat{14.5640, 35.8620}}) {
        for (const TravelDirection direction :
             {TravelDirection::from_incident, TravelDirection::to_incident}) {
            INFO(p.lon << ", " << p.lat
                       << (direction == TravelDirection::from_incident ? " from" : " to"));
            const Snap at = graph.snaps().snap(p);
            Dijkstra search = search_for(graph, direction);
            const auto draw = [&] {
                return service_area(graph, graph.base(), at, {300, 600, 900}, direction, search);
            };
            const auto beside = draw();
            std::vector<ServiceAreaBand> alone;
            REQUIRE(muster::test::with_every_helper_taken([&] { alone = draw(); }));
            REQUIRE(beside.size() == 3);
            REQUIRE(alone.size() == 3);
            // Large enough that the helper took part.
            CHECK(beside.back().nodes.size() > 2000);
            for (std::size_t b = 0; b < 3; ++b) {
                CHECK(beside[b].nodes == alone[b].nodes);
                REQUIRE(beside[b].segments.size() == alone[b].segments.size());
                std::size_t differ = 0;
                for (std::size_t k = 0; k < alone[b].segments.size(); ++k) {
                    const ReachedSegment &x = beside[b].segments[k], &y = alone[b].segments[k];
                    differ +=
                        std::tie(x.edge, x.from_fraction, x.to_fraction, x.start_s, x.end_s) !=
                        std::tie(y.edge, y.from_fraction, y.to_fraction, y.start_s, y.end_s);
                }
                CHECK(differ == 0);
                REQUIRE_FALSE(alone[b].area.empty());
                CHECK(beside[b].area.polygons == alone[b].area.polygons);
            }
        }
    }
}

TEST_CASE("RoadCells on Malta: each crossing's middle, cut by path_geometry, lies in its cell") {
    // The cells are computed once from the pieces' lengths; path_geometry cuts a stretch at a
    // fraction of its geodesic length (PROJ). For every cell of 500 random edges, the point at
    // the middle of the cell's part of the edge must lie in that cell, and the parts must cover
    // the edge from end to end.
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const RoadCells& cells = graph.cells();
    const CellGrid& grid = cells.grid();
    std::mt19937_64 random(11);
    muster::test::UniformId<EdgeId> any_edge(network.edge_count());
    std::size_t checked = 0, misplaced = 0, gaps = 0;
    for (int n = 0; n < 500; ++n) {
        const EdgeId e = any_edge(random);
        const RoadCells::EdgeCells edge = cells.of(e);
        CHECK(edge.ferry == network.ferry(e));
        CHECK(edge.reversed == network.reversed(e));
        if (edge.ferry)
            continue;
        const bool reversed = edge.reversed;
        const double scale = CellCrossing::kFractionScale;
        const double length_m = network.length_m(e);
        // Fractions of the edge (in its own direction) where it is in each cell.
        std::vector<std::pair<double, double>> parts;
        const auto base = edge.box_min;
        for (const CellCrossing& c : edge.path.crossings()) {
            const double enter = c.enter / scale, leave = c.leave / scale;
            const double a = reversed ? 1 - leave : enter, b = reversed ? 1 - enter : leave;
            parts.emplace_back(a, b);
            std::vector<LonLat> cut;
            append_edge_geometry(network, e, 0, (a + b) / 2, cut);
            const auto xy = grid.frame.to_xy(cut.back());
            const double i =
                (xy.x - grid.x0) / grid.cell_m - static_cast<double>(base.column + c.column);
            const double j = (xy.y - grid.y0) / grid.cell_m - static_cast<double>(base.row + c.row);
            // The fractions' margin, a step of 1 / 65,535 each way, in cells.
            const double slack = 3 / scale * length_m / grid.cell_m + 1e-9;
            ++checked;
            misplaced += !(i >= -slack && i <= 1 + slack && j >= -slack && j <= 1 + slack);
        }
        std::sort(parts.begin(), parts.end());
        double reached = 0;
        for (const auto& [a, b] : parts) {
            gaps += a > reached;
            reached = std::max(reached, b);
        }
        gaps += reached < 1;
    }
    CHECK(checked > 1000);
    CHECK(misplaced == 0);
    CHECK(gaps == 0);
}

TEST_CASE("service_area timings on Malta, 15 minutes from random nodes", "[.][timing]") {
    const RoutingGraph& graph = muster::test::malta_drive();
    Dijkstra search = search_for(graph, TravelDirection::from_incident);
    std::mt19937_64 random(7);
    muster::test::UniformId<NodeId> any_node(graph.network().node_count());
    std::vector<Snap> origins;
    for (int q = 0; q < 50; ++q)
        origins.push_back(
            muster::test::snap_at_node(graph.network(), graph.reverse(), any_node(random), true));
    for (const auto& [what, options] :
         {std::pair{"polygon and geometry", ServiceAreaOptions{}},
          std::pair{"polygon, no geometry", ServiceAreaOptions{.segment_geometry = false}},
          std::pair{"no polygon, geometry", ServiceAreaOptions{.polygons = false}},
          std::pair{"no polygon, no geometry",
                    ServiceAreaOptions{.polygons = false, .segment_geometry = false}}}) {
        std::vector<double> ms;
        for (const Snap& at : origins) {
            const auto start = std::chrono::steady_clock::now();
            const auto bands = service_area(graph, graph.base(), at, {900},
                                            TravelDirection::from_incident, search, options);
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
        }
        std::sort(ms.begin(), ms.end());
        std::cout << "[timing] " << what << ": median " << ms[ms.size() / 2] << " ms\n";
    }
}
