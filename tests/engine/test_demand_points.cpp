// demand_points (engine/demand_points.hpp): a 1 km square township on a 250 m grid, split evenly
// and by residential road length, with the counts worked out by hand in the comments.

#include <catch2/catch.hpp>

#include <numeric>
#include <string>
#include <vector>

#include "engine/demand_points.hpp"
#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::tiny_network;

namespace {

const LonLat kCentre{14.5, 35.9};
const LocalFrame kFrame(kCentre);

LonLat at(double x, double y) {
    return kFrame.to_lon_lat({x, y});
}

// A square township of side 2·half metres centred on kCentre (the grid's origin, as it is the
// only township: cell boundaries at multiples of 250 m from it).
Township square_township(double half, std::optional<std::int64_t> population,
                         std::string id = "T1") {
    Polygon p;
    p.rings.push_back(
        {at(-half, -half), at(half, -half), at(half, half), at(-half, half), at(-half, -half)});
    return {std::move(id), "Square", population, "R1", kCentre, MultiPolygon{{p}}};
}

// One residential road along y = 100 m from x = -500 to 500 m, with shape points on the cell
// boundaries x = -250, 0, 250 (so each of its four segments lies in one cell), and a second road
// far away.
RoadNetwork road_along_row() {
    return tiny_network(
        {at(-500, 100), at(500, 100), at(5000, 5000), at(5100, 5000)},
        {{0, 1, 1000, 1000, false, {at(-250, 100), at(0, 100), at(250, 100)}}, {2, 3, 1000, 1000}});
}

RoadNetwork far_road() {
    return tiny_network({at(5000, 5000), at(5100, 5000)}, {{0, 1, 1000, 1000}});
}

std::int64_t total(const DemandPoints& d) {
    std::int64_t sum = 0;
    for (const DemandPoint& p : d.points)
        sum += p.population;
    return sum;
}

}  // namespace

TEST_CASE("apportion splits by largest remainder and keeps the total") {
    // 7 by 3:1 is 5.25 and 1.75: floors 5 and 1, the one left goes to the larger remainder.
    CHECK(apportion(7, std::vector<double>{3, 1}) == std::vector<std::int64_t>{5, 2});
    // 1000 in three equal parts: 333.33 each, the one left to the first.
    CHECK(apportion(1000, std::vector<double>{1, 1, 1}) ==
          std::vector<std::int64_t>{334, 333, 333});
    // No weight at all: an even split.
    CHECK(apportion(10, std::vector<double>{0, 0, 0, 0}) == std::vector<std::int64_t>{3, 3, 2, 2});
    CHECK(apportion(0, std::vector<double>{}).empty());
    CHECK_THROWS_AS(apportion(5, std::vector<double>{}), muster::ContractError);
    CHECK_THROWS_AS(apportion(-1, std::vector<double>{1}), muster::ContractError);
    CHECK_THROWS_AS(apportion(5, std::vector<double>{1, -1}), muster::ContractError);
}

TEST_CASE("a township without residential roads is split evenly over its cells") {
    // 1 km square, 250 m cells: 4 x 4 = 16 cell centres inside. 1000 people / 16 = 62.5 each;
    // all remainders tie, so the first 8 cells (the two southern rows) get 63, the rest 62.
    const std::vector<Township> townships{square_township(500, 1000)};
    const DemandPoints d = demand_points(townships, far_road());
    REQUIRE(d.points.size() == 16);
    CHECK(total(d) == 1000);
    for (std::size_t i = 0; i < 16; ++i)
        CHECK(d.points[i].population == (i < 8 ? 63 : 62));
    // The first cell is the south-west one, centred 375 m west and south of the centre.
    CHECK(distance_m(d.points[0].location, at(-375, -375)) < 0.01);
    CHECK(d.problems.empty());
}

TEST_CASE("residential road length decides where a township's people are") {
    // The road crosses the four cells of the row 0..250 m north, 250 m in each: each gets a
    // quarter of 1000; the cells without road get nobody and are left out.
    const std::vector<Township> townships{square_township(500, 1000)};
    const DemandPoints d = demand_points(townships, road_along_row());
    REQUIRE(d.points.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(d.points[i].population == 250);
        CHECK(d.points[i].residential_road_m == Approx(250).epsilon(0.002));
        CHECK(distance_m(d.points[i].location, at(-375 + 250.0 * i, 125)) < 0.01);
    }
}

TEST_CASE("point townships, tiny townships and unknown populations") {
    Township point{"P", "Point", 321, "R", at(100, 100), std::nullopt};
    // 100 m square: no 250 m cell centre (at ±125 m) lies inside, so it stays one point.
    Township tiny = square_township(50, 77);
    Township unknown = square_township(500, std::nullopt, "U");
    const std::vector<Township> townships{point, tiny, unknown};
    const DemandPoints d = demand_points(townships, far_road());
    REQUIRE(d.points.size() == 2);
    CHECK(d.points[0].township == 0);
    CHECK(d.points[0].population == 321);
    CHECK(d.points[0].location == point.location);
    CHECK(d.points[1].township == 1);
    CHECK(d.points[1].population == 77);
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].feature_id == "U");
    CHECK(d.problems[0].field == "population");
}

TEST_CASE("a bad demand grid cell size is refused") {
    const std::vector<Township> townships{square_township(500, 1000)};
    DemandGridOptions options;
    options.cell_m = 0;
    CHECK_THROWS_AS(demand_points(townships, far_road(), options), InputError);
    options.cell_m = std::nan("");
    CHECK_THROWS_AS(demand_points(townships, far_road(), options), InputError);
}
