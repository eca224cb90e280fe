// The isochrone query's own parts (tools/app/isochrone_query.hpp) on hand-made polygons and
// demand points: the people per band, bands as rings, and the parsing of its parameters.

#include <catch2/catch.hpp>

#include <vector>

#include "engine/geometry.hpp"
#include "tools/app/isochrone_query.hpp"
#include "tools/app/query_error.hpp"

using namespace muster;
using namespace muster::tools;

namespace {

// A square of `side` degrees centred on (0, 0), counter-clockwise.
MultiPolygon square(double side) {
    const double h = side / 2;
    MultiPolygon area;
    area.polygons.push_back(Polygon{{{{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}}}});
    return area;
}

ServiceAreaBand band_of(double limit_s, MultiPolygon area) {
    ServiceAreaBand band;
    band.limit_s = limit_s;
    band.area = std::move(area);
    return band;
}

DemandPoint person(LonLat at, std::int64_t population) {
    return DemandPoint{0, at, population, 0};
}

}  // namespace

TEST_CASE("band_population sums the demand points each nested band covers") {
    // Squares of 0.002°, 0.004° and 0.008° around (0, 0). Points: 100 at the centre, 20 at
    // 0.0015° east (outside the first square, inside the second), 3 at 0.003° north (third
    // only), 7 at 0.005° (outside all): 100, 120 and 123 people.
    const std::vector<ServiceAreaBand> bands{
        band_of(300, square(0.002)), band_of(600, square(0.004)), band_of(900, square(0.008))};
    const std::vector<DemandPoint> demand{person({0, 0}, 100), person({0.0015, 0}, 20),
                                          person({0, 0.003}, 3), person({0.005, 0}, 7)};
    const auto people = band_population(bands, demand);
    REQUIRE(people.size() == 3);
    CHECK(people[0] == 100);
    CHECK(people[1] == 120);
    CHECK(people[2] == 123);
    // Without demand points (no township with people): no figure, not 0.
    const auto none = band_population(bands, {});
    REQUIRE(none.size() == 3);
    CHECK_FALSE(none[0].has_value());
    CHECK_FALSE(none[2].has_value());

    // As rings: 100, 20 and 3 people; each ring the square minus the smaller one: areas add up
    // to the largest square's and no two rings overlap.
    IsochroneArea area;
    area.bands = bands;
    area.population = people;
    make_rings(area);
    CHECK(area.population[0] == 100);
    CHECK(area.population[1] == 20);
    CHECK(area.population[2] == 3);
    const double whole = area_m2(square(0.008));
    double sum = 0;
    for (const ServiceAreaBand& b : area.bands) {
        CHECK_FALSE(invalid_reason(b.area));
        sum += area_m2(b.area);
    }
    CHECK(sum == Approx(whole).epsilon(1e-9));
    // 0.004² − 0.002² of 0.008²: 3/16 of the whole.
    CHECK(area_m2(area.bands[1].area) == Approx(whole * 3 / 16).epsilon(1e-6));
    for (std::size_t i = 0; i < area.bands.size(); ++i) {
        for (std::size_t j = i + 1; j < area.bands.size(); ++j) {
            CHECK(area_m2(union_of(area.bands[i].area, area.bands[j].area)) ==
                  Approx(area_m2(area.bands[i].area) + area_m2(area.bands[j].area)).epsilon(1e-9));
        }
    }
    CHECK_FALSE(covers(area.bands[1].area, {0, 0}));
    CHECK(covers(area.bands[1].area, {0.0015, 0}));
}

TEST_CASE("parse_band_shape takes disks and rings and names the parameter otherwise") {
    CHECK(parse_band_shape("disks", "--bands") == BandShape::disks);
    CHECK(parse_band_shape("rings", "--bands") == BandShape::rings);
    CHECK(to_string(BandShape::rings) == "rings");
    REQUIRE_THROWS_WITH(parse_band_shape("squares", "--bands"),
                        Catch::StartsWith("--bands: 'squares' is not a band shape"));
    REQUIRE_THROWS_AS(parse_band_shape("Disks", "bands"), QueryError);
}

TEST_CASE("parse_isochrone_facilities reads a point, and names the parameter for anything else") {
    const Resources none;
    const auto point =
        parse_isochrone_facilities("14.5,35.9", none, "--at", CoordinateSystem::wgs84, true);
    REQUIRE(point.size() == 1);
    CHECK(point[0].point.location.lon == 14.5);
    CHECK(point[0].point.kind.empty());
    REQUIRE_THROWS_WITH(
        parse_isochrone_facilities("hydrants", none, "--at", CoordinateSystem::wgs84, true),
        Catch::StartsWith("--at: 'hydrants' is neither LON,LAT"));
    // A set the database holds none of.
    REQUIRE_THROWS_WITH(
        parse_isochrone_facilities("hospitals", none, "at", CoordinateSystem::wgs84, false),
        Catch::StartsWith("at: the database holds no hospitals"));
}
