// Snapping points onto the road network; a point far from it is refused at once, wherever it
// lies (near a pole a degree of longitude spans almost no metres, so a search ordered by distance
// in degrees cannot tell near roads from far ones there: it must still look at no road at all).
//
// Maps are at the equator (see test_geodesic.cpp for the figures):
//   0.001° of longitude = 111.3194908 m,  0.001° of latitude = 110.5742758 m.

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "engine/components.hpp"
#include "engine/errors.hpp"
#include "engine/facility_snapping.hpp"
#include "engine/network_builder.hpp"
#include "engine/network_snapping.hpp"
#include "engine/snapping.hpp"
#include "tests/support/ids.hpp"

using namespace muster::test::id_literals;
using muster::LonLat;
using muster::PieceId;
using muster::Profile;
using muster::RoadNetwork;
using muster::RoadWay;
using muster::SnapIndex;

namespace {

constexpr double kDegLonM = 111319.4908;  // one degree of longitude on the equator
constexpr double kDegLatM = 110574.2758;  // one degree of latitude at the equator

RoadWay road(std::string id, std::vector<LonLat> points) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = "residential";
    way.points = std::move(points);
    way.drive = {true, true, 25.0};
    way.walk = {true, true, 5.0};
    return way;
}

/// One straight east-west road along the equator, 0.002° = 222.6389816 m long:
///
///            p           p = (0.001, 0.0001), 0.0001° north of the midpoint m
///            :
///   a ------ m ------ b  q   a = (0, 0), b = (0.002, 0), q = (0.0025, 0) beyond b
RoadNetwork straight_road() {
    const std::vector<RoadWay> ways{road("ab", {{0, 0}, {0.002, 0}})};
    return muster::build_road_network(ways, Profile::drive);
}

/// A grid of 11 east-west and 11 north-south roads 0.001° apart around (14.5, 35.9), each of
/// 10 segments: 220 segments in all.
RoadNetwork grid() {
    std::vector<RoadWay> ways;
    for (int i = 0; i <= 10; ++i) {
        std::vector<LonLat> east, north;
        for (int k = 0; k <= 10; ++k) {
            east.push_back({14.5 + 0.001 * k, 35.9 + 0.001 * i});
            north.push_back({14.5 + 0.001 * i, 35.9 + 0.001 * k});
        }
        ways.push_back(road("e" + std::to_string(i), east));
        ways.push_back(road("n" + std::to_string(i), north));
    }
    return muster::build_road_network(ways, Profile::drive);
}

}  // namespace

TEST_CASE("a point beside the middle of a straight road snaps to the middle") {
    const RoadNetwork net = straight_road();
    const SnapIndex index(net);
    const auto snap = index.nearest({0.001, 0.0001});
    REQUIRE(snap.has_value());
    REQUIRE(snap->piece == 0_piece);
    REQUIRE(snap->segment == 0);
    REQUIRE(snap->fraction == Approx(0.5).margin(1e-9));
    REQUIRE(snap->point.lon == Approx(0.001).margin(1e-10));
    REQUIRE(snap->point.lat == Approx(0.0).margin(1e-10));
    // Half of 0.002° of longitude: 0.001 × 111319.4908 = 111.3194908 m.
    REQUIRE(snap->offset_m == Approx(0.001 * kDegLonM).margin(1e-4));
    REQUIRE(snap->piece_length_m == Approx(0.002 * kDegLonM).margin(1e-4));
    // Perpendicular offset: 0.0001° of latitude = 0.0001 × 110574.2758 = 11.0574276 m.
    REQUIRE(snap->distance_m == Approx(0.0001 * kDegLatM).margin(1e-4));
}

TEST_CASE("a point beyond the end of a road snaps to the end vertex") {
    const RoadNetwork net = straight_road();
    const SnapIndex index(net);
    const auto snap = index.nearest({0.0025, 0});
    REQUIRE(snap.has_value());
    REQUIRE(snap->fraction == 1.0);
    REQUIRE(snap->point.lon == Approx(0.002).margin(1e-10));
    REQUIRE(snap->point.lat == Approx(0.0).margin(1e-10));
    REQUIRE(snap->offset_m == Approx(0.002 * kDegLonM).margin(1e-4));  // the whole road
    // From q to b: 0.0005° of longitude = 55.6597454 m.
    REQUIRE(snap->distance_m == Approx(0.0005 * kDegLonM).margin(1e-4));
}

TEST_CASE("a point before the start of a road snaps to the start vertex") {
    const RoadNetwork net = straight_road();
    const SnapIndex index(net);
    const auto snap = index.nearest({-0.0003, 0});
    REQUIRE(snap.has_value());
    REQUIRE(snap->fraction == 0.0);
    REQUIRE(snap->offset_m == 0.0);
    REQUIRE(snap->distance_m == Approx(0.0003 * kDegLonM).margin(1e-4));  // 33.3958 m
}

TEST_CASE("offset_m counts the whole segments before the snapped one") {
    //            c (0.001, 0.001)
    //            |
    //            m   p        p = (0.0011, 0.0005): 0.0001° east of the middle m of b c
    //            |
    //   a ------ b            one way a b c; b is an interior vertex, not a node
    const std::vector<RoadWay> ways{road("abc", {{0, 0}, {0.001, 0}, {0.001, 0.001}})};
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.piece_count() == 1);
    const SnapIndex index(net);
    const auto snap = index.nearest({0.0011, 0.0005});
    REQUIRE(snap.has_value());
    REQUIRE(snap->segment == 1);
    REQUIRE(snap->fraction == Approx(0.5).margin(1e-9));
    // a b whole + half of b c: 111.3194908 + 55.2871379 = 166.6066287 m.
    REQUIRE(snap->offset_m == Approx(0.001 * kDegLonM + 0.0005 * kDegLatM).margin(1e-4));
    REQUIRE(snap->piece_length_m == Approx(0.001 * kDegLonM + 0.001 * kDegLatM).margin(1e-4));
    // 0.0001° of longitude at latitude 0.0005° (cos = 1 − 4e-11): 11.1319491 m.
    REQUIRE(snap->distance_m == Approx(0.0001 * kDegLonM).margin(1e-4));
}

TEST_CASE("a point beyond the snap limit is not snapped") {
    const RoadNetwork net = straight_road();
    const SnapIndex index(net);
    // 0.02° north of the road's middle: 0.02 × 110574.2758 = 2211.4855 m, past the 1 km default.
    const LonLat far{0.001, 0.02};
    REQUIRE(muster::kDefaultSnapLimitM == 1000.0);
    REQUIRE_FALSE(index.nearest(far).has_value());
    REQUIRE_THROWS_AS(index.snap(far), muster::InputError);
    REQUIRE_THROWS_WITH(index.snap(far),
                        Catch::Contains("farther than 1000 m") && Catch::Contains("drive network"));

    // With a 3 km limit it snaps, at the hand-computed distance.
    const auto snap = index.nearest(far, 3000);
    REQUIRE(snap.has_value());
    REQUIRE(snap->distance_m == Approx(0.02 * kDegLatM).margin(1e-3));
    REQUIRE(index.snap(far, 3000).distance_m == Approx(0.02 * kDegLatM).margin(1e-3));
}

TEST_CASE("nearest picks the nearer of two parallel roads") {
    //   c ------------ d     lat 0.001
    //         q1             lat 0.0006: 0.0004° from c d, 0.0006° from a b
    //         q0             lat 0.0004: 0.0004° from a b, 0.0006° from c d
    //   a ------------ b     lat 0
    //   0            0.002
    const std::vector<RoadWay> ways{
        road("ab", {{0, 0}, {0.002, 0}}),
        road("cd", {{0, 0.001}, {0.002, 0.001}}),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    const SnapIndex index(net);

    const auto south = index.nearest({0.001, 0.0004});
    REQUIRE(south.has_value());
    REQUIRE(south->point.lat == Approx(0.0).margin(1e-10));
    REQUIRE(net.piece_points(south->piece).front().lat_e7 == 0);
    REQUIRE(south->distance_m == Approx(0.0004 * kDegLatM).margin(1e-4));  // 44.2297 m

    const auto north = index.nearest({0.001, 0.0006});
    REQUIRE(north.has_value());
    REQUIRE(north->point.lat == Approx(0.001).margin(1e-10));
    REQUIRE(net.piece_points(north->piece).front().lat_e7 == 10000);
    REQUIRE(north->distance_m == Approx(0.0004 * kDegLatM).margin(1e-4));
}

TEST_CASE("nearest finds the right road among many") {
    // 100 parallel east-west roads 0.001° apart (lat 0, 0.001, ..., 0.099): more than the index's
    // first batch of 16 boxes, so the search must widen correctly. A point 0.0002° north of the
    // road at lat 0.037 snaps onto it: 0.0002 × 110574.2758 = 22.1149 m (radii change < 1e-8
    // relative over 0.04° of latitude).
    std::vector<RoadWay> ways;
    for (int k = 0; k < 100; ++k) {
        const double lat = 0.001 * k;
        ways.push_back(road("r" + std::to_string(k), {{0, lat}, {0.002, lat}}));
    }
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    const SnapIndex index(net);
    const auto snap = index.nearest({0.0015, 0.0372});
    REQUIRE(snap.has_value());
    REQUIRE(net.piece_points(snap->piece).front().lat_e7 == 370000);
    REQUIRE(snap->fraction == Approx(0.75).margin(1e-6));
    REQUIRE(snap->distance_m == Approx(0.0002 * kDegLatM).margin(1e-3));
}

TEST_CASE("an empty network snaps nothing") {
    const RoadNetwork net = muster::build_road_network({}, Profile::walk);
    const SnapIndex index(net);
    REQUIRE_FALSE(index.nearest({0, 0}).has_value());
    REQUIRE_THROWS_WITH(index.snap({0, 0}), Catch::Contains("walk network"));
}

namespace {

/// A two-way loop (the main network) and, 0.0003° (33.2 m) north of its top road, an isolated
/// one-way stub s → t: s can only be left and t only entered, so each is a component of one node.
///
///        s ----> t          s = (0.0002, 0.0013), t = (0.0008, 0.0013)
///
///   d ------------ c        d = (0, 0.001), c = (0.001, 0.001)
///   |              |
///   a ------------ b        a = (0, 0), b = (0.001, 0)
RoadNetwork loop_and_stub() {
    RoadWay stub = road("st", {{0.0002, 0.0013}, {0.0008, 0.0013}});
    stub.drive = {true, false, 25.0};
    const std::vector<RoadWay> ways{
        road("ab", {{0, 0}, {0.001, 0}}), road("bc", {{0.001, 0}, {0.001, 0.001}}),
        road("cd", {{0.001, 0.001}, {0, 0.001}}), road("da", {{0, 0.001}, {0, 0}}), stub};
    return muster::build_road_network(ways, Profile::drive);
}

}  // namespace

TEST_CASE("snap_to_network passes over an isolated one-way stub for the main network") {
    const RoadNetwork net = loop_and_stub();
    const SnapIndex index(net);
    const auto components = muster::strongly_connected_components(net);
    // p is 0.00005° (5.53 m) north of the stub and 0.00035° (38.70 m) north of c - d.
    const LonLat p{0.0005, 0.00135};
    REQUIRE(index.nearest(p)->distance_m == Approx(0.00005 * kDegLatM).epsilon(1e-3));

    const auto found = muster::snap_to_network(index, components, p);
    REQUIRE(found.snap.has_value());
    CHECK_FALSE(found.on_small_component);
    CHECK(found.small_component_nodes == 1);
    CHECK(found.snap->point.lon == Approx(0.0005).margin(1e-9));
    CHECK(found.snap->point.lat == Approx(0.001).margin(1e-9));
    CHECK(found.snap->distance_m == Approx(0.00035 * kDegLatM).epsilon(1e-3));
    REQUIRE(found.snap->passed_small_m.has_value());
    CHECK(*found.snap->passed_small_m == Approx(0.00005 * kDegLatM).epsilon(1e-3));
    CHECK_FALSE(muster::piece_on_small_component(net, components, found.snap->piece));

    // Within 20 m only the stub: the point stays on it, and that is said.
    const auto near = muster::snap_to_network(index, components, p, 20);
    REQUIRE(near.snap.has_value());
    CHECK(near.on_small_component);
    CHECK(near.snap->point.lat == Approx(0.0013).margin(1e-9));
    CHECK_FALSE(near.snap->passed_small_m.has_value());

    // A point nearest to the main network snaps as nearest() does.
    const auto plain = muster::snap_to_network(index, components, {0.0005, 0.0009});
    CHECK(plain.snap->point.lat == Approx(0.001).margin(1e-9));
    CHECK_FALSE(plain.snap->passed_small_m.has_value());
    CHECK(plain.small_component_nodes == 0);
    // Nothing within the limit.
    CHECK_FALSE(muster::snap_to_network(index, components, {0.0005, 0.02}).snap.has_value());
}

TEST_CASE("snapping_problems says a facility by a one-way stub was moved to the main network") {
    const RoadNetwork net = loop_and_stub();
    const SnapIndex index(net);
    const auto components = muster::strongly_connected_components(net);
    const std::vector<muster::FacilityRef> facilities{{"teams", "T1", {0.0005, 0.00135}},
                                                      {"teams", "T2", {0.0005, 0.0009}}};
    const auto moved = muster::snapping_problems(index, components, facilities);
    REQUIRE(moved.size() == 1);  // T2 is beside the main loop
    CHECK(moved[0].feature_id == "T1");
    CHECK(moved[0].message ==
          "nearest road is on a small isolated part of the drive network (1 node, 6 m away): "
          "snapped to the main network, 39 m away");
    const auto stays = muster::snapping_problems(index, components, facilities, 20);
    REQUIRE(stays.size() == 1);
    CHECK(stays[0].message ==
          "snaps onto a small isolated part of the drive network (1 node, 6 m away) and no road "
          "of the main network is within 20 m");
}

TEST_CASE("SnapIndex finds no road near a pole or far away, and looks at none") {
    const RoadNetwork net = grid();
    const SnapIndex index(net);
    std::size_t examined = 0;
    const auto count = [&](PieceId) {
        ++examined;
        return true;
    };
    for (const LonLat p : std::vector<LonLat>{{0, 90},
                                              {180, -89.9},
                                              {-180, -90},
                                              {14.505, 90},
                                              {14.505, 89.99},
                                              {14.505, 36.5},
                                              {-165.5, 35.905}}) {
        INFO(p.lon << ", " << p.lat);
        examined = 0;
        CHECK_FALSE(index.nearest(p).has_value());
        CHECK_FALSE(index.nearest_accepted(p, muster::kDefaultSnapLimitM, count).has_value());
        CHECK(examined == 0);
    }
}

TEST_CASE("SnapIndex still snaps within the limit just inside it, north and east of the grid") {
    const RoadNetwork net = grid();
    const SnapIndex index(net);
    // 0.009° north of the northern road (35.91): 0.009 × 110,957 m = 998.6 m (a degree of
    // latitude there spans 110,957 m on WGS84), within 1 km; 0.0091° is 1,009.7 m, beyond.
    const auto north = index.nearest({14.505, 35.919});
    REQUIRE(north.has_value());
    CHECK(north->point.lat == Approx(35.91).margin(1e-9));
    CHECK(north->distance_m == Approx(998.6).margin(0.5));
    CHECK_FALSE(index.nearest({14.505, 35.9191}).has_value());
    // 0.011° east of the eastern road (14.51): 0.011 × 90,272 m = 993.0 m (a degree of
    // longitude spans 90,272 m at 35.905°).
    const auto east = index.nearest({14.521, 35.905});
    REQUIRE(east.has_value());
    CHECK(east->point.lon == Approx(14.51).margin(1e-9));
    CHECK(east->distance_m == Approx(993.0).margin(0.5));
}
