// Hazard zones over a hand-drawn map (engine/hazard_overlay.hpp): which edges a closed zone
// closes, how slow zones scale travel times, and which points stand inside a closed zone.

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::tiny_network;

namespace {

constexpr NodeId A{0}, B{1}, C{2}, D{3}, E{4};
constexpr PieceId kAB{0}, kBC{1}, kAC{2}, kDE{3};

// Longitude / latitude in thousandths of a degree; road AC runs north from A, then east to C.
//
//   y=2  +------------------C              E
//        |                  |             /
//        | road AC          | road BC    / road DE, one way D -> E
//        |                  |           /
//   y=0  A------------------B         D
//       x=0    road AB     x=2       x=3       x=5
RoutingGraph hazard_map() {
    return RoutingGraph(
        tiny_network({{0, 0}, {0.002, 0}, {0.002, 0.002}, {0.003, 0}, {0.005, 0.002}},
                     {{A, B, 60'000, 222'639},
                      {B, C, 60'000, 221'149},
                      {A, C, 120'000, 443'788, false, {{0, 0.002}}},
                      {D, E, 30'000, 313'000, true}}));
}

MultiPolygon square(double min_lon, double min_lat, double max_lon, double max_lat) {
    Polygon p;
    p.rings.push_back({{min_lon, min_lat},
                       {max_lon, min_lat},
                       {max_lon, max_lat},
                       {min_lon, max_lat},
                       {min_lon, min_lat}});
    return MultiPolygon{{p}};
}

HazardZone zone(const char* id, HazardEffect effect, double factor, MultiPolygon area) {
    HazardZone z;
    z.id = id;
    z.kind = "flood";
    z.effect = effect;
    z.speed_factor = factor;
    z.area = std::move(area);
    return z;
}

// A small square across the middle of road AB (x 0.9..1.1, y -0.1..0.1 thousandths).
MultiPolygon over_ab() {
    return square(0.0009, -0.0001, 0.0011, 0.0001);
}
// A small square across the middle of road BC.
MultiPolygon over_bc() {
    return square(0.0019, 0.0009, 0.0021, 0.0011);
}

}  // namespace

TEST_CASE("apply_hazards closes both edges of the road a closed zone crosses and nothing else") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    const std::vector<HazardZone> hazards = {zone("flood-1", HazardEffect::closed, 0, over_ab())};
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    CHECK(metric.closed(edge_between(network, A, B)));
    CHECK(metric.closed(edge_between(network, B, A)));
    for (EdgeId e : network.edges()) {
        if (network.piece(e) != kAB)
            CHECK(metric.duration_ms[e] == network.duration_ms(e));
    }
    CHECK(metric.label == "hazards:flood-1");
}

TEST_CASE("apply_hazards doubles the travel time of a road in a slow zone of factor 0.5") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    const std::vector<HazardZone> hazards = {zone("mud", HazardEffect::slow, 0.5, over_bc())};
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    // 60 s / 0.5 = 120 s, both ways; road AB untouched.
    CHECK(metric.duration_ms[edge_between(network, B, C)] == 120'000);
    CHECK(metric.duration_ms[edge_between(network, C, B)] == 120'000);
    CHECK(metric.duration_ms[edge_between(network, A, B)] == 60'000);
}

TEST_CASE("apply_hazards takes the smallest factor of overlapping slow zones and closed wins") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    const std::vector<HazardZone> hazards = {
        zone("z-slow-half", HazardEffect::slow, 0.5, over_bc()),
        zone("a-slow-quarter", HazardEffect::slow, 0.25, over_bc()),
        zone("m-slow-on-ab", HazardEffect::slow, 0.5, over_ab()),
        zone("b-closed-on-ab", HazardEffect::closed, 0, over_ab()),
    };
    const Metric metric = apply_hazards(graph, graph.base(), hazards);
    // BC: 60 s / 0.25 = 240 s (not / 0.5). AB: closed, whatever the slow zone over it says.
    CHECK(metric.duration_ms[edge_between(network, B, C)] == 240'000);
    CHECK(metric.closed(edge_between(network, A, B)));
    CHECK(metric.closed(edge_between(network, B, A)));
    // Road AC runs through none of them.
    CHECK(metric.duration_ms[edge_between(network, A, C)] == 120'000);
    CHECK(metric.label == "hazards:a-slow-quarter,b-closed-on-ab,m-slow-on-ab,z-slow-half");
}

TEST_CASE("apply_hazards tests the road itself, not its bounding box") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    // Below the diagonal D (3,0) - E (5,2): at x 4.2..4.8 the road is at y 1.2..1.8, above the
    // square's top at y 0.8; but the segment's box (x 3..5, y 0..2) holds the square.
    const MultiPolygon below_diagonal = square(0.0042, 0.0002, 0.0048, 0.0008);
    BoundingBox box;
    box.extend({0.0042, 0.0002});
    box.extend({0.0048, 0.0008});
    CHECK(graph.snaps().pieces_in_box(box) == std::vector<PieceId>{kDE});
    const std::vector<HazardZone> hazards = {
        zone("rockfall", HazardEffect::closed, 0, below_diagonal)};
    CHECK(apply_hazards(graph, graph.base(), hazards).duration_ms == graph.base().duration_ms);

    // Over the diagonal's middle (4, 1): closed; it is one way, so one edge.
    const std::vector<HazardZone> on_it = {
        zone("rockfall", HazardEffect::closed, 0, square(0.0039, 0.0009, 0.0041, 0.0011))};
    CHECK(apply_hazards(graph, graph.base(), on_it).closed(edge_between(network, D, E)));
}

TEST_CASE("apply_hazards closes a road wholly inside a zone, and closed edges stay closed") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    Metric base = graph.base();
    base.duration_ms[edge_between(network, C, B)] = kClosedMs;
    // Around the whole of road AC's corner stretch and more: AB, BC, AC all inside or crossing.
    const std::vector<HazardZone> hazards = {
        zone("slow-all", HazardEffect::slow, 0.5, square(-0.001, -0.001, 0.0025, 0.003))};
    const Metric metric = apply_hazards(graph, base, hazards);
    CHECK(metric.duration_ms[edge_between(network, A, C)] == 240'000);
    CHECK(metric.duration_ms[edge_between(network, B, C)] == 120'000);
    CHECK(metric.closed(edge_between(network, C, B)));  // closed in the base, stays so
    CHECK(metric.duration_ms[edge_between(network, D, E)] == 30'000);
}

TEST_CASE("apply_hazards without hazards gives the base metric") {
    const RoutingGraph graph = hazard_map();
    const Metric metric = apply_hazards(graph, graph.base(), {});
    CHECK(metric.duration_ms == graph.base().duration_ms);
    CHECK(metric.label == "base");
}

TEST_CASE("apply_hazards rejects a slow zone whose factor is 0, negative or above 1") {
    const RoutingGraph graph = hazard_map();
    for (double factor : {0.0, -0.5, 1.5}) {
        const std::vector<HazardZone> hazards = {
            zone("bad-factor", HazardEffect::slow, factor, over_ab())};
        REQUIRE_THROWS_WITH(apply_hazards(graph, graph.base(), hazards),
                            Catch::Matchers::Contains("bad-factor"));
        REQUIRE_THROWS_AS(apply_hazards(graph, graph.base(), hazards), InputError);
    }
}

TEST_CASE("inside_closed_zone counts closed zones only, boundary included") {
    const std::vector<HazardZone> hazards = {
        zone("closed", HazardEffect::closed, 0, square(0, 0, 0.001, 0.001)),
        zone("slow", HazardEffect::slow, 0.5, square(0.002, 0, 0.003, 0.001))};
    CHECK(inside_closed_zone(hazards, {0.0005, 0.0005}));
    CHECK(inside_closed_zone(hazards, {0.001, 0.0005}));  // on the edge
    CHECK_FALSE(
        inside_closed_zone(hazards, {0.0025, 0.0005}));  // slow zones do not make it unavailable
    CHECK_FALSE(inside_closed_zone(hazards, {0.0015, 0.0005}));
    CHECK_FALSE(inside_closed_zone({}, {0.0005, 0.0005}));
}

TEST_CASE("reapply_hazards updates only the roads near a changed zone, as apply_hazards would") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    const EdgeId ab = edge_between(network, A, B), ba = edge_between(network, B, A);
    const EdgeId bc = edge_between(network, B, C), cb = edge_between(network, C, B);
    std::vector<HazardZone> zones = {zone("slow-bc", HazardEffect::slow, 0.5, over_bc())};
    Metric metric = apply_hazards(graph, graph.base(), zones);
    REQUIRE(metric.duration_ms[bc] == 120'000);  // 60 s ÷ 0.5

    SECTION("adding a closure over AB closes AB's two edges and reports just them") {
        zones.push_back(zone("flood-ab", HazardEffect::closed, 0, over_ab()));
        const auto changed =
            reapply_hazards(graph, graph.base(), zones, hazard_bounds(zones.back()), metric);
        CHECK(changed == std::vector<EdgeId>{std::min(ab, ba), std::max(ab, ba)});
        CHECK(metric.closed(ab));
        CHECK(metric.closed(ba));
        CHECK(metric.duration_ms[bc] == 120'000);  // BC's slowdown is untouched
        CHECK(metric.duration_ms == apply_hazards(graph, graph.base(), zones).duration_ms);
        CHECK(metric.label == "hazards:flood-ab,slow-bc");
    }
    SECTION("lifting the slow zone restores BC's 60 s both ways") {
        const HazardZone lifted = zones.front();
        zones.clear();
        const auto changed =
            reapply_hazards(graph, graph.base(), zones, hazard_bounds(lifted), metric);
        CHECK(changed == std::vector<EdgeId>{std::min(bc, cb), std::max(bc, cb)});
        CHECK(metric.duration_ms[bc] == 60'000);
        CHECK(metric.duration_ms[cb] == 60'000);
        CHECK(metric.label == graph.base().label);
    }
    SECTION("a closure over BC inside the slow zone wins where it lies") {
        zones.push_back(zone("flood-bc", HazardEffect::closed, 0, over_bc()));
        const auto changed =
            reapply_hazards(graph, graph.base(), zones, hazard_bounds(zones.back()), metric);
        CHECK(changed == std::vector<EdgeId>{std::min(bc, cb), std::max(bc, cb)});
        CHECK(metric.closed(bc));
        CHECK(metric.duration_ms == apply_hazards(graph, graph.base(), zones).duration_ms);
    }
    SECTION("a bad slow factor is refused before anything changes") {
        zones.push_back(zone("bad", HazardEffect::slow, 1.5, over_ab()));
        const Metric before = metric;
        CHECK_THROWS_AS(
            reapply_hazards(graph, graph.base(), zones, hazard_bounds(zones.back()), metric),
            InputError);
        CHECK(metric.duration_ms == before.duration_ms);
    }
}

TEST_CASE("apply_hazards slows to a hundredth of the usual speed at the most") {
    const RoutingGraph graph = hazard_map();
    const RoadNetwork& network = graph.network();
    for (double factor : {0.009, 0.001, 1e-300}) {
        const std::vector<HazardZone> hazards = {
            zone("crawl", HazardEffect::slow, factor, over_ab())};
        REQUIRE_THROWS_AS(apply_hazards(graph, graph.base(), hazards), InputError);
        REQUIRE_THROWS_WITH(
            apply_hazards(graph, graph.base(), hazards),
            Catch::Matchers::Contains("crawl") && Catch::Matchers::Contains("[0.01, 1]"));
    }
    // 0.01 is taken: AB's 60,000 ms become 6,000,000 ms.
    const std::vector<HazardZone> slowest = {zone("crawl", HazardEffect::slow, 0.01, over_ab())};
    const Metric metric = apply_hazards(graph, graph.base(), slowest);
    CHECK(metric.duration_ms[edge_between(network, A, B)] == 6'000'000);
    CHECK(metric.duration_ms[edge_between(network, B, A)] == 6'000'000);
}
