// Distances, lengths and areas on the WGS84 ellipsoid, and the local metric frame used by snapping.
//
// Expected values come from closed forms on the ellipsoid (a = 6378137 m, f = 1/298.257223563,
// e² = f(2 − f) = 0.00669437999014) or from published figures, never from the code under test:
//   one degree of longitude on the equator = a·π/180                     = 111319.4908 m
//   meridian radius of curvature M(φ) = a(1 − e²) / (1 − e² sin²φ)^{3/2}
//   one degree of latitude at the equator  = M(0)·π/180 = a(1 − e²)·π/180  = 110574.2758 m
//   prime vertical radius N(φ) = a / (1 − e² sin²φ)^{1/2}

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/geodesic.hpp"

using muster::LonLat;

namespace {

constexpr double kDegLonEquatorM = 111319.4908;  // a·π/180
constexpr double kDegLatEquatorM = 110574.2758;  // a(1 − e²)·π/180

}  // namespace

TEST_CASE("distance_m of one degree of longitude on the equator is a times pi/180") {
    // The equator is a geodesic (for arcs shorter than (1 − f)·π·a), so the distance is the arc
    // of the equatorial circle: 6378137 × π/180 = 111319.4908 m.
    REQUIRE(muster::distance_m({0, 0}, {1, 0}) == Approx(kDegLonEquatorM).margin(1e-3));
    // Anywhere along the equator, not only at the prime meridian.
    REQUIRE(muster::distance_m({100, 0}, {101, 0}) == Approx(kDegLonEquatorM).margin(1e-3));
}

TEST_CASE("distance_m of one degree of latitude centred on 45 degrees is the meridian arc") {
    // Arc = ∫ M(φ) dφ over [44.5°, 45.5°]. M(45°)·π/180 = 111131.7774 m (sin²45° = 1/2:
    // 6378137 × 0.99330562 / 0.99665281^{3/2} × π/180); the curvature of M over the degree adds
    // M''·h²/24 ≈ 0.0002 m, giving 111131.7777 m. (The textbook series
    // 111132.954 − 559.822 cos 2φ + 1.175 cos 4φ gives 111131.779 at 45°.)
    REQUIRE(muster::distance_m({10, 44.5}, {10, 45.5}) == Approx(111131.7777).margin(2e-3));
}

TEST_CASE("distance_m from the equator to the pole is the WGS84 quarter meridian") {
    // Published WGS84 quarter meridian: 10 001 965.729 m.
    REQUIRE(muster::distance_m({0, 0}, {0, 90}) == Approx(10001965.729).margin(1e-3));
}

TEST_CASE("distance_m reproduces Karney's Wellington to Salamanca example") {
    // GeographicLib documentation: Inverse(-41.32, 174.81, 40.96, -5.50) → s12 = 19959679.267 m,
    // a nearly antipodal pair where simpler methods fail to converge.
    REQUIRE(muster::distance_m({174.81, -41.32}, {-5.50, 40.96}) ==
            Approx(19959679.267).margin(1e-3));
}

TEST_CASE("distance_m is symmetric and zero between a point and itself") {
    const LonLat beijing{116.3975, 39.9087};
    const LonLat tianjin{117.2010, 39.0842};
    REQUIRE(muster::distance_m(beijing, tianjin) ==
            Approx(muster::distance_m(tianjin, beijing)).margin(1e-6));
    REQUIRE(muster::distance_m(beijing, beijing) == 0.0);
    // And not zero for distinct points: 1e-6° of longitude on the equator = 0.1113 m.
    REQUIRE(muster::distance_m({0, 0}, {1e-6, 0}) == Approx(0.1113195).margin(1e-6));
}

TEST_CASE("length_m of a polyline is the sum of its segments") {
    // East along the equator 0.001°, then north 0.001°:
    //   111.3194908 + 110.5742758 = 221.8937666 m.
    const std::vector<LonLat> l_shape{{0, 0}, {0.001, 0}, {0.001, 0.001}};
    REQUIRE(muster::length_m(l_shape) ==
            Approx(kDegLonEquatorM * 0.001 + kDegLatEquatorM * 0.001).margin(1e-4));

    // Three collinear points on the equator: 0.001° + 0.002° = 0.003° = 333.9585 m.
    const std::vector<LonLat> straight{{0, 0}, {0.001, 0}, {0.003, 0}};
    REQUIRE(muster::length_m(straight) == Approx(kDegLonEquatorM * 0.003).margin(1e-4));
}

TEST_CASE("length_m of an empty or one-point polyline is zero") {
    const std::vector<LonLat> none;
    const std::vector<LonLat> one{{12, 34}};
    REQUIRE(muster::length_m(none) == 0.0);
    REQUIRE(muster::length_m(one) == 0.0);
}

TEST_CASE("ring_area_m2 of a small square at the equator matches M times N times the angles") {
    // The area element on the ellipsoid is M·N·cos φ dφ dλ. On [0°, 0.001°]² we have cos φ = 1,
    // N = a and M = a(1 − e²) to within 2e-9 relative (the terms are e² sin²φ and φ²/2 with
    // φ ≤ 1.75e-5 rad), and the top edge's geodesic bows from the parallel by ~1e-15 rad. So
    //   area = a²(1 − e²)·(0.001·π/180)² = 111.3194908 m × 110.5742758 m = 12309.0721 m².
    // A relative tolerance of 1e-6 (0.012 m²) is far above those effects and far below any error
    // that matters (a wrong axis or a spherical Earth is off by 0.3 % or more).
    const double expected = 12309.0721;
    const std::vector<LonLat> closed{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}, {0, 0}};
    REQUIRE(muster::ring_area_m2(closed) == Approx(expected).epsilon(1e-6));

    // Open rings and clockwise rings give the same area.
    const std::vector<LonLat> open{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}};
    const std::vector<LonLat> clockwise{{0, 0}, {0, 0.001}, {0.001, 0.001}, {0.001, 0}, {0, 0}};
    REQUIRE(muster::ring_area_m2(open) == Approx(expected).epsilon(1e-6));
    REQUIRE(muster::ring_area_m2(clockwise) == Approx(expected).epsilon(1e-6));
}

TEST_CASE("LocalFrame scales are the ellipsoid's radii of curvature") {
    // Equator: a·π/180 and a(1 − e²)·π/180.
    const muster::LocalFrame equator({0, 0});
    REQUIRE(equator.metres_per_degree_lon() == Approx(kDegLonEquatorM).margin(1e-3));
    REQUIRE(equator.metres_per_degree_lat() == Approx(kDegLatEquatorM).margin(1e-3));

    // 60°N: 1 − e² sin²60° = 1 − 0.75 e² = 0.99497922.
    //   N cos φ·π/180 = 6378137 / √0.99497922 × 0.5 × π/180 = 55800.0016 m
    //     (the tables' "55.80 km per degree of longitude at 60°"),
    //   M·π/180 = 6378137 × 0.99330562 / 0.99497922^{3/2} × π/180 = 111412.2875 m.
    const muster::LocalFrame north({25, 60});
    REQUIRE(north.metres_per_degree_lon() == Approx(55800.0016).margin(1e-3));
    REQUIRE(north.metres_per_degree_lat() == Approx(111412.2875).margin(1e-3));
}

TEST_CASE("LocalFrame maps its origin to zero and round-trips points") {
    const LonLat origin{116.40, 39.90};
    const muster::LocalFrame frame(origin);

    const auto zero = frame.to_xy(origin);
    REQUIRE(zero.x == 0.0);
    REQUIRE(zero.y == 0.0);

    // 0.01° east and 0.02° south of the origin: x = 0.01 × m/°lon, y = −0.02 × m/°lat.
    const LonLat p{116.41, 39.88};
    const auto xy = frame.to_xy(p);
    REQUIRE(xy.x == Approx(0.01 * frame.metres_per_degree_lon()).epsilon(1e-9));
    REQUIRE(xy.y == Approx(-0.02 * frame.metres_per_degree_lat()).epsilon(1e-9));

    const LonLat back = frame.to_lon_lat(xy);
    REQUIRE(back.lon == Approx(p.lon).margin(1e-12));
    REQUIRE(back.lat == Approx(p.lat).margin(1e-12));
}

TEST_CASE("LocalFrame distances agree with geodesic ones to 0.1 % within a few km") {
    // The accuracy the header promises for snapping: a point about 3 km north-east at 40°N.
    const LonLat origin{116.40, 40.00};
    const LonLat p{116.425, 40.02};
    const muster::LocalFrame frame(origin);
    const auto xy = frame.to_xy(p);
    const double geodesic = muster::distance_m(origin, p);
    REQUIRE(geodesic > 2000.0);  // the comparison is over kilometres, not metres
    REQUIRE(std::hypot(xy.x, xy.y) == Approx(geodesic).epsilon(1e-3));
}
