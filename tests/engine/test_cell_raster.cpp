// CellRaster (engine/cell_raster.hpp) and outline_cells (engine/geometry.hpp) on cells of 100 m
// around (0, 0), where the cells crossed and the outlines are drawn by hand. Cell (k, l) below
// means the cell centred on (100·k m, 100·l m) east and north of the centre: it spans
// [100k − 50, 100k + 50) × [100l − 50, 100l + 50).

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/cell_raster.hpp"
#include "engine/errors.hpp"
#include "engine/geometry.hpp"

using muster::BoundingBox;
using muster::CellRaster;
using muster::LonLat;
using muster::MultiPolygon;

namespace {

constexpr double kCellM = 100;

/// A raster of 100 m cells around (0, 0) reaching 0.005° (about 550 m) north-east.
CellRaster raster() {
    BoundingBox box;
    box.extend({0, 0});
    box.extend({0.005, 0.005});
    return CellRaster({0, 0}, box, kCellM, 1'000'000);
}

/// The point `x` metres east and `y` metres north of the raster's centre.
LonLat at(const CellRaster& r, double x, double y) {
    return r.frame().to_lon_lat({x, y});
}

/// The marked cells as (k, l) pairs around the centre (see the top of the file).
std::set<std::pair<long, long>> marked_cells(const CellRaster& r, std::uint16_t up_to) {
    // The centre's cell: the one whose span holds x = 0.
    const auto k0 = static_cast<long>(std::floor((0 - r.x0_m()) / r.cell_m()));
    const auto l0 = static_cast<long>(std::floor((0 - r.y0_m()) / r.cell_m()));
    std::set<std::pair<long, long>> out;
    for (std::size_t j = 0; j < r.rows(); ++j) {
        for (std::size_t i = 0; i < r.columns(); ++i) {
            if (r.marked(static_cast<std::ptrdiff_t>(i), static_cast<std::ptrdiff_t>(j), up_to))
                out.insert({static_cast<long>(i) - k0, static_cast<long>(j) - l0});
        }
    }
    return out;
}

}  // namespace

TEST_CASE("CellRaster centres a cell on its centre and marks the cells a segment crosses") {
    const CellRaster r = raster();
    CHECK(r.cell_m() == kCellM);
    CHECK(std::fmod(std::fabs(r.x0_m()), kCellM) == Approx(50));  // cell edges at ±50 m
    CellRaster m = r;
    // From (0, 0) to (240, 110): y = 0.4583 x crosses x = 50 at y = 22.9 (into cell (1, 0)),
    // y = 50 at x = 109.1 (into (1, 1)), x = 150 at y = 68.8 (into (2, 1)), and ends there.
    const std::vector<LonLat> line{at(r, 0, 0), at(r, 240, 110)};
    m.mark_line(line, 1);
    CHECK(marked_cells(m, 1) == std::set<std::pair<long, long>>{{0, 0}, {1, 0}, {1, 1}, {2, 1}});
    // One point: its cell only. A lower level already there is kept.
    const LonLat p = at(r, -40, 260);
    m.mark_line(std::span(&p, 1), 2);
    CHECK(marked_cells(m, 1).size() == 4);
    CHECK(marked_cells(m, 2).count({0, 3}) == 1);
    m.mark_line(line, 3);
    CHECK(marked_cells(m, 1).size() == 4);
}

TEST_CASE("CellRaster enlarges its cells to stay within its cell budget") {
    BoundingBox box;
    box.extend({0, 0});
    box.extend({0.01, 0.01});  // about 1.1 km square
    const CellRaster r({0.005, 0.005}, box, 1.0, 10'000);
    CHECK(r.cell_m() > 1.0);
    CHECK(r.columns() * r.rows() <= 10'000);
    CHECK(r.columns() * r.cell_m() >= 1113);
    REQUIRE_THROWS_AS(CellRaster({0, 0}, box, 0.0, 100), muster::ContractError);
    REQUIRE_THROWS_AS(CellRaster({0, 0}, box, NAN, 100), muster::ContractError);
    REQUIRE_THROWS_AS(CellRaster({0, 0}, BoundingBox{}, 10, 100), muster::ContractError);
}

TEST_CASE("outline_cells draws a ring of cells as a polygon with a hole") {
    CellRaster r = raster();
    // A square road through the centres of cells (0..3, 0..3): the 12 cells of its perimeter.
    const std::vector<LonLat> loop{at(r, 0, 0), at(r, 300, 0), at(r, 300, 300), at(r, 0, 300),
                                   at(r, 0, 0)};
    r.mark_line(loop, 1);
    CHECK(marked_cells(r, 1).size() == 12);
    const MultiPolygon area = muster::outline_cells(r, 1);
    REQUIRE(area.polygons.size() == 1);
    CHECK(area.polygons[0].rings.size() == 2);  // the 2 × 2 cells inside are a hole
    CHECK_FALSE(muster::invalid_reason(area));
    // 16 − 4 cells of 100 m × 100 m (the frame is exact to well under 0.1 % here).
    CHECK(muster::area_m2(area) == Approx(120'000).epsilon(0.001));
    CHECK(muster::covers(area, at(r, 0, 0)));
    CHECK(muster::covers(area, at(r, 340, 340)));        // the far corner cell's inside
    CHECK_FALSE(muster::covers(area, at(r, 150, 150)));  // the hole
    CHECK_FALSE(muster::covers(area, at(r, 360, 150)));  // beyond the east side
    // Outer ring: the square from (−50, −50) to (350, 350), 4 corners once joined.
    CHECK(area.polygons[0].rings[0].size() == 5);
}

TEST_CASE("outline_cells keeps cells that meet at a corner apart and draws each level's cells") {
    CellRaster r = raster();
    const LonLat a = at(r, 0, 0), b = at(r, 100, 100), c = at(r, 200, 100);
    r.mark_line(std::span(&a, 1), 1);
    r.mark_line(std::span(&b, 1), 2);
    r.mark_line(std::span(&c, 1), 2);
    const MultiPolygon first = muster::outline_cells(r, 1);
    REQUIRE(first.polygons.size() == 1);
    CHECK(muster::area_m2(first) == Approx(10'000).epsilon(0.001));
    // Level 2 adds (1, 1) and (2, 1): a 2 × 1 block meeting (0, 0) at one corner only.
    const MultiPolygon second = muster::outline_cells(r, 2);
    CHECK(second.polygons.size() == 2);
    CHECK_FALSE(muster::invalid_reason(second));
    CHECK(muster::area_m2(second) == Approx(30'000).epsilon(0.001));
    CHECK(muster::outline_cells(r, 0).empty());
}
