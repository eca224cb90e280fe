// Snapping a point far from the network: refused at once, wherever the point lies. Near a pole a
// degree of longitude spans almost no metres, so a search ordered by distance in degrees cannot
// tell near roads from far ones there; the search must still look at no road at all.

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "engine/network_builder.hpp"
#include "engine/snapping.hpp"

using muster::LonLat;
using muster::PieceId;
using muster::Profile;
using muster::RoadNetwork;
using muster::RoadWay;
using muster::SnapIndex;

namespace {

RoadWay road(std::string id, std::vector<LonLat> points) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = "residential";
    way.points = std::move(points);
    way.drive = {true, true, 25.0};
    way.walk = {true, true, 5.0};
    return way;
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
