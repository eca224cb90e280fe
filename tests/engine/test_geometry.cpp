// Polygon operations: ellipsoidal area with holes, validity, point on surface, covers.
//
// Areas are near the equator, where a 0.001° × 0.001° square has area
//   a²(1 − e²)·(0.001·π/180)² = 111.3194908 m × 110.5742758 m = 12309.0721 m²
// (see test_geodesic.cpp for the derivation and why 1e-6 relative tolerance is sound).

#include <catch2/catch.hpp>

#include "engine/errors.hpp"
#include "engine/geometry.hpp"

using muster::LonLat;
using muster::MultiPolygon;
using muster::Polygon;
using muster::Ring;

namespace {

constexpr double kSquareM2 = 12309.0721;  // 0.001° × 0.001° at the equator

/// A closed axis-aligned square ring, counter-clockwise.
Ring square(double lon0, double lat0, double side) {
    return {{lon0, lat0},
            {lon0 + side, lat0},
            {lon0 + side, lat0 + side},
            {lon0, lat0 + side},
            {lon0, lat0}};
}

MultiPolygon single(Polygon polygon) {
    return MultiPolygon{{std::move(polygon)}};
}

/// POLYGON((0 0, 0.002 0, 0.002 0.002, 0 0.002, 0 0),
///         (0.0005 0.0005, 0.0015 0.0005, 0.0015 0.0015, 0.0005 0.0015, 0.0005 0.0005))
///
///   0.002 +-----------+
///         |           |
///  0.0015 |   +---+   |
///         |   |   |   |      the hole is 0.001° square and holds the centre (0.001, 0.001)
///  0.0005 |   +---+   |
///         |           |
///       0 +-----------+
///         0           0.002
MultiPolygon square_with_hole() {
    return single(Polygon{{square(0, 0, 0.002), square(0.0005, 0.0005, 0.001)}});
}

}  // namespace

TEST_CASE("area_m2 of a polygon is its outer ring minus its holes") {
    // Outer 0.002° square = 4 unit squares, hole = 1: 3 × 12309.0721 = 36927.2163 m².
    REQUIRE(muster::area_m2(square_with_hole()) == Approx(3 * kSquareM2).epsilon(1e-6));
}

TEST_CASE("area_m2 of a multipolygon sums its members") {
    // Two disjoint unit squares (one 0.01° east of the other): 2 × 12309.0721 m².
    const MultiPolygon two{{Polygon{{square(0, 0, 0.001)}}, Polygon{{square(0.01, 0, 0.001)}}}};
    REQUIRE(muster::area_m2(two) == Approx(2 * kSquareM2).epsilon(1e-6));
    REQUIRE(muster::area_m2(MultiPolygon{}) == 0.0);
}

TEST_CASE("invalid_reason reports the self-intersection of a bow-tie polygon") {
    // POLYGON((0 0, 0.001 0.001, 0.001 0, 0 0.001, 0 0)): the two diagonals cross at
    // (0.0005, 0.0005).
    //
    //   0.001 +   +
    //         |\ /|
    //         | X |
    //         |/ \|
    //       0 +   +
    const Ring bow_tie{{0, 0}, {0.001, 0.001}, {0.001, 0}, {0, 0.001}, {0, 0}};
    const auto reason = muster::invalid_reason(single(Polygon{{bow_tie}}));
    REQUIRE(reason.has_value());
    REQUIRE_THAT(*reason, Catch::StartsWith("Self-intersection"));
    REQUIRE_THAT(*reason, Catch::Contains("0.0005 0.0005"));
}

TEST_CASE("invalid_reason is empty for valid polygons") {
    REQUIRE_FALSE(muster::invalid_reason(single(Polygon{{square(0, 0, 0.001)}})).has_value());
    REQUIRE_FALSE(muster::invalid_reason(square_with_hole()).has_value());
}

TEST_CASE("invalid_reason reports a hole outside its shell") {
    // Hole 0.01° east of a 0.001° shell.
    const MultiPolygon area = single(Polygon{{square(0, 0, 0.001), square(0.01, 0, 0.0005)}});
    const auto reason = muster::invalid_reason(area);
    REQUIRE(reason.has_value());
    REQUIRE_THAT(*reason, Catch::Contains("Hole lies outside shell"));
}

TEST_CASE("invalid_reason reports a ring that is not closed instead of throwing") {
    const Ring open{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}};
    const auto shell = muster::invalid_reason(single(Polygon{{open}}));
    REQUIRE(shell.has_value());
    REQUIRE_THAT(*shell, Catch::Contains("not closed"));

    // The same in a hole, after a good shell has been made (which must not leak).
    const auto hole = muster::invalid_reason(single(Polygon{{square(0, 0, 0.002), open}}));
    REQUIRE(hole.has_value());
    REQUIRE_THAT(*hole, Catch::Contains("not closed"));
}

TEST_CASE("point_on_surface of a polygon with a hole lies in the polygon, not in the hole") {
    const MultiPolygon area = square_with_hole();
    // The centre (0.001, 0.001) is in the hole, so a centroid would be wrong here.
    REQUIRE_FALSE(muster::covers(area, {0.001, 0.001}));

    const LonLat p = muster::point_on_surface(area);
    REQUIRE(muster::covers(area, p));
    // Inside the outer square and not strictly inside the hole.
    REQUIRE(p.lon >= 0.0);
    REQUIRE(p.lon <= 0.002);
    REQUIRE(p.lat >= 0.0);
    REQUIRE(p.lat <= 0.002);
    const bool strictly_in_hole =
        p.lon > 0.0005 && p.lon < 0.0015 && p.lat > 0.0005 && p.lat < 0.0015;
    REQUIRE_FALSE(strictly_in_hole);
}

TEST_CASE("point_on_surface of a concave U shape lies on the U") {
    // The centroid of this U lies in the notch, outside the polygon: base 0.003 × 0.001 at
    // y = 0.0005, two posts 0.001 × 0.002 at y = 0.002, so ȳ = (3·0.0005 + 4·0.002)/7 = 0.00136
    // and x̄ = 0.0015 by symmetry.
    //
    //   0.003 +---+   +---+
    //         |   |   |   |
    //   0.001 |   +---+   |
    //         |           |
    //       0 +-----------+
    //         0  0.001 0.002 0.003
    const Ring u{{0, 0},         {0.003, 0},     {0.003, 0.003}, {0.002, 0.003}, {0.002, 0.001},
                 {0.001, 0.001}, {0.001, 0.003}, {0, 0.003},     {0, 0}};
    const MultiPolygon area = single(Polygon{{u}});
    REQUIRE_FALSE(muster::covers(area, {0.0015, 0.002}));  // in the notch
    REQUIRE(muster::covers(area, muster::point_on_surface(area)));
}

TEST_CASE("point_on_surface of an empty area throws InputError") {
    REQUIRE_THROWS_AS(muster::point_on_surface(MultiPolygon{}), muster::InputError);
}

TEST_CASE("covers is true inside and on the boundary, false outside") {
    const MultiPolygon area = single(Polygon{{square(0, 0, 0.001)}});
    REQUIRE(muster::covers(area, {0.0005, 0.0005}));        // inside
    REQUIRE(muster::covers(area, {0.001, 0.0005}));         // on the east edge
    REQUIRE(muster::covers(area, {0, 0}));                  // on a corner
    REQUIRE_FALSE(muster::covers(area, {0.0015, 0.0005}));  // 0.0005° east of the square
    REQUIRE_FALSE(muster::covers(area, {0.0005, -1e-6}));   // just south of it
}

TEST_CASE("simplified_line_m drops a bump lower than the tolerance and keeps one higher") {
    // On the equator 1e-5 degrees is 1.11 m: the middle point stands 3.3 m off the chord.
    const std::vector<LonLat> bump{{0, 0}, {0.0005, 0.00003}, {0.001, 0}};
    CHECK(muster::simplified_line_m(bump, 5) == std::vector<LonLat>{{0, 0}, {0.001, 0}});
    const auto kept = muster::simplified_line_m(bump, 2);
    REQUIRE(kept.size() == 3);
    CHECK(kept[1].lon == Approx(0.0005).margin(1e-9));
    CHECK(kept[1].lat == Approx(0.00003).margin(1e-9));
    CHECK(muster::simplified_line_m(bump, 0) == bump);
    // A loop would shrink to its two equal ends: it stays as it is.
    const std::vector<LonLat> loop{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0}};
    CHECK(muster::simplified_line_m(loop, 1000) == loop);
    CHECK_THROWS_AS(muster::simplified_line_m(bump, -1), muster::ContractError);
}
