// GCJ-02 and BD-09 against pairs published by independent implementations of the same formulas,
// and the inverses against the forward formulas on a seeded grid over China.
//
// Sources of the reference pairs (each is that project's own test or README output):
//   eviltransform  github.com/googollee/eviltransform, python/test.py and go/transform_test.go:
//                  WGS84 -> GCJ-02 in Shanghai, Shenzhen and Beijing (checked there to 1e-6°).
//                  Its BD-09 pairs (TESTS_bd) are not used: its own published formula misses them
//                  by 10 and 41 m, so they are not outputs of the formula muster implements.
//   coordtransform github.com/wandergis/coordtransform, test/app.js ("result" block): the four
//                  conversions of (116.404, 39.915); its inverses are one-step approximations
//                  (the research note measures them at up to 4.7 m).

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "engine/china_coordinates.hpp"
#include "engine/geodesic.hpp"
#include "tests/support/random_seed.hpp"

using muster::CoordinateSystem;
using muster::LonLat;

namespace {

// 5e-7° is eviltransform's own tolerance (assertAlmostEqual to 6 places): about 5 cm.
constexpr double kPublishedDeg = 5e-7;

struct WgsGcjPair {
    const char* place;
    LonLat wgs84;
    LonLat gcj02;
};

// eviltransform python/test.py TESTS (given there as lat, lng; here lon, lat).
const WgsGcjPair kEviltransformPairs[] = {
    {"Shanghai", {121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
    {"Shenzhen", {113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
    {"Beijing", {116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
};

}  // namespace

TEST_CASE("wgs84_to_gcj02 reproduces eviltransform's published pairs") {
    for (const WgsGcjPair& pair : kEviltransformPairs) {
        INFO(pair.place);
        const LonLat gcj = muster::wgs84_to_gcj02(pair.wgs84);
        CHECK(gcj.lon == Approx(pair.gcj02.lon).margin(kPublishedDeg));
        CHECK(gcj.lat == Approx(pair.gcj02.lat).margin(kPublishedDeg));
    }
}

TEST_CASE("wgs84_to_gcj02 and gcj02_to_bd09 reproduce coordtransform's published results") {
    // coordtransform test/app.js: wgs84togcj02(116.404, 39.915) and gcj02tobd09(116.404, 39.915).
    const LonLat gcj = muster::wgs84_to_gcj02({116.404, 39.915});
    CHECK(gcj.lon == Approx(116.41024449916938).margin(1e-9));
    CHECK(gcj.lat == Approx(39.91640428150164).margin(1e-9));
    const LonLat bd = muster::gcj02_to_bd09({116.404, 39.915});
    CHECK(bd.lon == Approx(116.41036949371029).margin(1e-9));
    CHECK(bd.lat == Approx(39.92133699351021).margin(1e-9));
}

TEST_CASE("gcj02_to_wgs84 recovers eviltransform's WGS84 points to under half a metre") {
    // eviltransform's own test of its exact inverse: within 0.5 m of the published WGS84 point.
    for (const WgsGcjPair& pair : kEviltransformPairs) {
        INFO(pair.place);
        CHECK(muster::distance_m(muster::gcj02_to_wgs84(pair.gcj02), pair.wgs84) < 0.5);
    }
}

TEST_CASE("the exact inverses lie within a few metres of coordtransform's one-step ones") {
    // coordtransform test/app.js: gcj02towgs84 and bd09togcj02 of (116.404, 39.915), each a
    // one-step approximation; an exact inverse differs from them by at most their error (< 5 m)
    // and, unlike them, maps back onto the input exactly.
    const LonLat input{116.404, 39.915};
    const LonLat wgs = muster::gcj02_to_wgs84(input);
    CHECK(muster::distance_m(wgs, {116.39775550083061, 39.91359571849836}) < 5.0);
    CHECK(muster::distance_m(muster::wgs84_to_gcj02(wgs), input) < 0.001);

    const LonLat gcj = muster::bd09_to_gcj02(input);
    CHECK(muster::distance_m(gcj, {116.39762729119315, 39.90865673957631}) < 5.0);
    CHECK(muster::distance_m(muster::gcj02_to_bd09(gcj), input) < 0.001);
}

TEST_CASE("the GCJ-02 shift in Beijing is about 555 m, BD-09's within its published range") {
    // Research note (public formula over China): WGS->GCJ 26-699 m, Beijing 555 m; WGS->BD-09
    // 705-1511 m.
    const LonLat tiananmen{116.3975, 39.9087};
    const double gcj_m = muster::distance_m(tiananmen, muster::wgs84_to_gcj02(tiananmen));
    CHECK(gcj_m > 500);
    CHECK(gcj_m < 610);
    const double bd_m =
        muster::distance_m(tiananmen, muster::from_wgs84(tiananmen, CoordinateSystem::bd09));
    CHECK(bd_m > 705);
    CHECK(bd_m < 1511);
}

TEST_CASE("outside China's box GCJ-02 equals WGS84 both ways") {
    // Valletta, Vaduz and Tokyo (139.69° E lies east of the box's 137.8347°).
    for (const LonLat p :
         {LonLat{14.5146, 35.8989}, LonLat{9.5209, 47.1410}, LonLat{139.6917, 35.6895}}) {
        CHECK(muster::outside_china(p));
        const LonLat gcj = muster::wgs84_to_gcj02(p);
        CHECK(gcj.lon == p.lon);
        CHECK(gcj.lat == p.lat);
        const LonLat back = muster::gcj02_to_wgs84(p);
        CHECK(back.lon == p.lon);
        CHECK(back.lat == p.lat);
        CHECK(muster::to_wgs84(p, CoordinateSystem::gcj02).lon == p.lon);
    }
    CHECK_FALSE(muster::outside_china({118.78, 32.04}));  // Nanjing
    CHECK_FALSE(muster::outside_china({87.62, 43.83}));   // Urumqi
}

TEST_CASE("round trips through GCJ-02 and BD-09 return within 0.5 m on a grid over China") {
    const auto seed = muster::test::seed_from_env(20261204);
    INFO("seed " << seed << " (MUSTER_TEST_SEED repeats it)");
    std::mt19937_64 rng(seed);
    // Mainland China with Hainan, kept off the box's edges, where the formula is not used.
    std::uniform_real_distribution<double> lon(73.5, 134.5), lat(18.0, 53.5);
    double worst_gcj_m = 0, worst_bd_m = 0;
    for (int i = 0; i < 20000; ++i) {
        const LonLat p{lon(rng), lat(rng)};
        const LonLat gcj = muster::from_wgs84(p, CoordinateSystem::gcj02);
        const LonLat bd = muster::from_wgs84(p, CoordinateSystem::bd09);
        worst_gcj_m = std::max(
            worst_gcj_m, muster::distance_m(muster::to_wgs84(gcj, CoordinateSystem::gcj02), p));
        worst_bd_m = std::max(worst_bd_m,
                              muster::distance_m(muster::to_wgs84(bd, CoordinateSystem::bd09), p));
    }
    INFO("worst GCJ-02 round trip " << worst_gcj_m << " m, BD-09 " << worst_bd_m << " m");
    CHECK(worst_gcj_m < 0.5);
    CHECK(worst_bd_m < 0.5);
}

TEST_CASE("parse_coordinate_system takes the systems' names, the maps' names and EPSG codes") {
    using muster::parse_coordinate_system;
    CHECK(parse_coordinate_system("wgs84") == CoordinateSystem::wgs84);
    CHECK(parse_coordinate_system("EPSG:4326") == CoordinateSystem::wgs84);
    CHECK(parse_coordinate_system("CGCS2000") == CoordinateSystem::wgs84);
    CHECK(parse_coordinate_system("GCJ-02") == CoordinateSystem::gcj02);
    CHECK(parse_coordinate_system("gaode") == CoordinateSystem::gcj02);
    CHECK(parse_coordinate_system("Tencent") == CoordinateSystem::gcj02);
    CHECK(parse_coordinate_system("高德") == CoordinateSystem::gcj02);
    CHECK(parse_coordinate_system("BD09") == CoordinateSystem::bd09);
    CHECK(parse_coordinate_system("百度") == CoordinateSystem::bd09);
    CHECK_FALSE(parse_coordinate_system("").has_value());
    CHECK_FALSE(parse_coordinate_system("utm50").has_value());
    CHECK(muster::to_string(CoordinateSystem::gcj02) == "gcj02");
    CHECK(muster::to_string(CoordinateSystem::bd09) == "bd09");
    CHECK(muster::to_string(CoordinateSystem::wgs84) == "wgs84");
}
