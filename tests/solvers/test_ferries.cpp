// Ferry crossings in the network (engine/road_profile.hpp, network_builder.hpp, snapping.hpp,
// hazard_overlay.hpp) and on routes (solvers/route.hpp): how OSM tags and plain classes make a
// ferry, how its time is computed, that points never snap onto one, that a route reports its
// crossing, and that a storm's closure takes out ferries and nothing else.
//
// The two-island map lies on the equator with vertices 0.001° apart (test_network_builder.cpp):
//   0.001° east-west   = 111.3194908 m,   0.001° north-south = 110.5742758 m.
//
//   y=5                          + X (a ferry's far end, no road)
//                                |
//                                | ferry F2, no duration: 552.871 m at 20 km/h + 10 min
//                                |
//   y=0  W1----W2 ~~~~~~~~~~~~~~ M ~~~~~~~~~~~~~~ E1----E2
//       x=0   x=2   ferry F1, "00:20", W2 -> E1 x=7            x=12  x=14
//        road W (residential)                          road E (residential)
//
// F1 is cut at M, where F2 leaves it: each half is 5 of F1's 10 thousandths, so each takes half
// of its 20 + 10 minutes: 900 s.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/network_builder.hpp"
#include "engine/routing_graph.hpp"
#include "solvers/coverage/walking_reach.hpp"
#include "solvers/route.hpp"

using namespace muster;

namespace {

constexpr double kEastWestM = 111.3194908;
constexpr double kNorthSouthM = 110.5742758;

RoadWay road(std::string id, std::vector<LonLat> points) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = "residential";
    way.points = std::move(points);
    way.drive = osm_drive_access({{"highway", "residential"}});
    way.walk = osm_walk_access({{"highway", "residential"}});
    return way;
}

RoadWay ferry(std::string id, std::vector<LonLat> points, const Tags& tags) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = std::string(kFerryClass);
    way.points = std::move(points);
    way.drive = osm_drive_access(tags);
    way.walk = osm_walk_access(tags);
    return way;
}

std::vector<RoadWay> two_islands() {
    return {road("W", {{0, 0}, {0.002, 0}}),
            ferry("F1", {{0.002, 0}, {0.007, 0}, {0.012, 0}},
                  {{"route", "ferry"}, {"duration", "00:20"}, {"motor_vehicle", "yes"}}),
            ferry("F2", {{0.007, 0}, {0.007, 0.005}}, {{"route", "ferry"}}),
            road("E", {{0.012, 0}, {0.014, 0}})};
}

NodeId node_at(const RoadNetwork& network, LonLat p) {
    for (NodeId u : network.nodes()) {
        if (network.coordinate(u) == Coordinate::from(p))
            return u;
    }
    FAIL("no node at " << p.lon << ", " << p.lat);
    return kInvalidNode;
}

EdgeId edge_between(const RoadNetwork& network, LonLat from, LonLat to) {
    const NodeId u = node_at(network, from), v = node_at(network, to);
    for (EdgeId e : network.out_edges(u)) {
        if (network.head(e) == v)
            return e;
    }
    FAIL("no edge");
    return kInvalidEdge;
}

// The residential roads' 222.639 m at 25 km/h, to the millisecond.
const std::uint32_t kRoadMs =
    static_cast<std::uint32_t>(std::llround(2 * kEastWestM / (25 / 3.6) * 1000));

Route route_between(const RoutingGraph& graph, const Metric& metric, LonLat from, LonLat to) {
    Dijkstra search(graph.network(), nullptr, Direction::forward);
    const auto route =
        fastest_route(graph, metric, graph.snaps().snap(from), graph.snaps().snap(to), search);
    REQUIRE(route);
    return *route;
}

}  // namespace

TEST_CASE("parse_duration_s reads OSM's duration forms and refuses the rest") {
    CHECK(parse_duration_s("00:20") == 1200.0);
    CHECK(parse_duration_s("1:45") == 6300.0);
    CHECK(parse_duration_s("00:05:00") == 300.0);
    CHECK(parse_duration_s("01:02:03") == 3723.0);
    CHECK(parse_duration_s("25") == 1500.0);  // minutes
    CHECK(parse_duration_s(" 00:30 ") == 1800.0);
    CHECK(parse_duration_s("PT1H45M") == 6300.0);
    CHECK(parse_duration_s("PT30S") == 30.0);
    CHECK(parse_duration_s("P1DT2H") == 93600.0);
    for (const char* bad : {"", "abc", "1:75", "1:30:60", "PT", "P1H", "-5", "0", "00:00", "1.5",
                            "1:30:00:00", "10 min", "1::30"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration_s(bad));
    }
}

TEST_CASE("OSM ferries carry cars and people as their access tags say, as OSRM reads them") {
    const Tags car_ferry{{"route", "ferry"}, {"motor_vehicle", "yes"}, {"duration", "00:25"}};
    const WayAccess drive = osm_drive_access(car_ferry);
    CHECK((drive.forward && drive.backward));
    CHECK(drive.crossing_s == 1500.0);
    CHECK(drive.boarding_s == kFerryBoardingS);
    CHECK(osm_walk_access(car_ferry).usable());

    // An untagged ferry carries both (OSRM's car and foot profiles); motorcar=no only people.
    CHECK(osm_drive_access({{"route", "ferry"}}).usable());
    CHECK_FALSE(osm_drive_access({{"route", "ferry"}, {"motorcar", "no"}}).usable());
    CHECK(osm_walk_access({{"route", "ferry"}, {"motorcar", "no"}}).usable());
    // access=no with foot=yes: a passenger boat.
    const Tags boat{{"route", "ferry"}, {"access", "no"}, {"foot", "yes"}};
    CHECK_FALSE(osm_drive_access(boat).usable());
    CHECK(osm_walk_access(boat).usable());
    CHECK_FALSE(osm_walk_access({{"route", "ferry"}, {"foot", "no"}}).usable());

    // oneway applies to both profiles; no duration: the length at the ferry speed.
    const Tags one_way{{"route", "ferry"}, {"oneway", "yes"}};
    for (const WayAccess& access : {osm_drive_access(one_way), osm_walk_access(one_way)}) {
        CHECK(access.forward);
        CHECK_FALSE(access.backward);
        CHECK_FALSE(access.crossing_s);
        CHECK(access.speed_kmh == kFerrySpeedKmh);
    }
    // A ferry with a highway tag is still timed as a ferry, not by its highway class.
    CHECK(osm_drive_access({{"route", "ferry"}, {"highway", "primary"}}).boarding_s ==
          kFerryBoardingS);
}

TEST_CASE("way_duration_s: a tagged crossing takes its duration, an untagged one its length") {
    WayAccess untagged{true, true, kFerrySpeedKmh};
    untagged.boarding_s = 600;
    CHECK(way_duration_s(untagged, 1000) == Approx(180.0 + 600.0));  // 1 km at 20 km/h: 3 min
    WayAccess tagged = untagged;
    tagged.crossing_s = 1200;
    CHECK(way_duration_s(tagged, 1000) == 1800.0);
    CHECK(way_duration_s(tagged, 5000) == 1800.0);
    CHECK(way_duration_s({true, true, 36.0}, 1000) == Approx(100.0));  // a road: no boarding
}

TEST_CASE("a plain layer's ferry classes (轮渡, 渡口, ferry) carry cars and people") {
    for (const char* word : {"轮渡", "渡口", "汽渡", "Ferry"}) {
        INFO(word);
        CHECK(canonical_road_class(word) == std::string(kFerryClass));
        const WayAccess drive = plain_drive_access(word, std::nullopt, std::nullopt);
        CHECK((drive.forward && drive.backward));
        CHECK(drive.speed_kmh == kFerrySpeedKmh);
        CHECK(drive.boarding_s == kFerryBoardingS);
        CHECK(plain_walk_access(word).usable());
    }
    // A given speed and oneway are the crossing's.
    const WayAccess slow = plain_drive_access("轮渡", 12.0, 1);
    CHECK(slow.speed_kmh == 12.0);
    CHECK((slow.forward && !slow.backward));
    CHECK_FALSE(plain_walk_access("轮渡", 12.0, 1).backward);
}

TEST_CASE("a ferry's pieces share its crossing time by length, roads keep their speed") {
    const std::vector<RoadWay> ways = two_islands();
    const RoadNetwork network = build_road_network(ways, Profile::drive);
    // F1's halves: half of 20 min + 10 min boarding each.
    const EdgeId w2_m = edge_between(network, {0.002, 0}, {0.007, 0});
    const EdgeId m_e1 = edge_between(network, {0.007, 0}, {0.012, 0});
    CHECK(network.duration_ms(w2_m) == 900'000);
    CHECK(network.duration_ms(m_e1) == 900'000);
    CHECK(network.ferry(w2_m));
    CHECK(network.road_class(w2_m) == "ferry");
    // F2: no duration, 552.871 m at 20 km/h = 99.517 s, plus 600 s.
    const EdgeId m_x = edge_between(network, {0.007, 0}, {0.007, 0.005});
    CHECK(network.duration_ms(m_x) == std::llround((5 * kNorthSouthM / (20 / 3.6) + 600) * 1000));
    const EdgeId road_w = edge_between(network, {0, 0}, {0.002, 0});
    CHECK_FALSE(network.ferry(road_w));
    CHECK(network.duration_ms(road_w) == kRoadMs);
}

TEST_CASE("the route across the strait takes the ferry: roads + 30 min, one crossing") {
    const RoutingGraph graph(build_road_network(two_islands(), Profile::drive));
    const Route route = route_between(graph, graph.base(), {0, 0}, {0.014, 0});
    CHECK(std::llround(route.duration_s * 1000) == 2 * kRoadMs + 1'800'000);
    const auto crossings = ferry_crossings(graph.network(), graph.base(), route);
    REQUIRE(crossings.size() == 1);
    CHECK(crossings[0].duration_s == 1800.0);
    CHECK(crossings[0].distance_m == Approx(10 * kEastWestM).margin(0.002));
    CHECK(crossings[0].geometry.front().lon == Approx(0.002));
    CHECK(crossings[0].geometry.back().lon == Approx(0.012));
    // Within an island: no crossing.
    const Route west = route_between(graph, graph.base(), {0, 0}, {0.002, 0});
    CHECK(ferry_crossings(graph.network(), graph.base(), west).empty());
}

TEST_CASE("a point at sea beside a ferry snaps to the nearest road, never onto the crossing") {
    const RoutingGraph graph(build_road_network(two_islands(), Profile::drive));
    // 11 m from F1, 445 m from road W's end at W2.
    const auto snap = graph.snaps().nearest({0.006, 0.0001});
    REQUIRE(snap);
    CHECK_FALSE(graph.network().ferry_piece(snap->piece));
    CHECK(snap->point.lon == Approx(0.002).margin(1e-9));
    CHECK(snap->point.lat == Approx(0).margin(1e-9));
    // X, the far end of F2, has no road within 500 m: nothing.
    CHECK_FALSE(graph.snaps().nearest({0.007, 0.005}, 500));
}

TEST_CASE("all_ferries_closed closes every ferry and no road: the islands are cut apart") {
    const RoutingGraph graph(build_road_network(two_islands(), Profile::drive));
    const RoadNetwork& network = graph.network();
    const HazardZone storm = all_ferries_closed();
    const Metric metric = apply_hazards(graph, graph.base(), std::span(&storm, 1));
    CHECK(metric.label == "hazards:ferries");
    for (EdgeId e : network.edges())
        CHECK(metric.closed(e) == network.ferry(e));
    Dijkstra search(network, nullptr, Direction::forward);
    CHECK_FALSE(fastest_route(graph, metric, graph.snaps().snap({0, 0}),
                              graph.snaps().snap({0.014, 0}), search));
    // A storm closes crossings, not the ground under facilities.
    CHECK_FALSE(inside_closed_zone(std::span(&storm, 1), {0.001, 0}));
}

TEST_CASE("a zone limited to ferries closes the ferries it touches, not the roads") {
    const RoutingGraph graph(build_road_network(two_islands(), Profile::drive));
    const RoadNetwork& network = graph.network();
    // Over W2 and F1's first half: road W touches it too, but stays open.
    HazardZone zone;
    zone.id = "channel";
    zone.road_class = std::string(kFerryClass);
    zone.area.polygons.push_back(
        {{{{0.0015, -0.001}, {0.005, -0.001}, {0.005, 0.001}, {0.0015, 0.001}, {0.0015, -0.001}}}});
    const Metric metric = apply_hazards(graph, graph.base(), std::span(&zone, 1));
    CHECK(metric.closed(edge_between(network, {0.002, 0}, {0.007, 0})));
    CHECK_FALSE(metric.closed(edge_between(network, {0.007, 0}, {0.012, 0})));
    CHECK_FALSE(metric.closed(edge_between(network, {0, 0}, {0.002, 0})));
    CHECK_FALSE(metric.closed(edge_between(network, {0.007, 0}, {0.007, 0.005})));
    // The same zone on every road closes road W as well.
    zone.road_class.clear();
    const Metric all = apply_hazards(graph, graph.base(), std::span(&zone, 1));
    CHECK(all.closed(edge_between(network, {0, 0}, {0.002, 0})));
}

TEST_CASE("walking coverage counts a crossing as far as one walks in its time with boarding") {
    const RoadNetwork network = build_road_network(two_islands(), Profile::walk);
    const Metric distance = walking_distance_metric(network, base_metric(network));
    // F1's half: 900 s at 5 km/h = 1,250 m; the road beside it its own length, 222.639 m.
    CHECK(distance.duration_ms[edge_between(network, {0.002, 0}, {0.007, 0})] == 1'250'000);
    CHECK(distance.duration_ms[edge_between(network, {0, 0}, {0.002, 0})] ==
          std::llround(2 * kEastWestM * 1000));
}
