// outline_cells (engine/geometry.hpp, traced in engine/cell_outline.cpp) on shapes whose rings
// are drawn by hand, and on a scatter of cells checked against the raster itself: GEOS judges
// validity, the cells' own count gives the area and a flood fill the number of parts. Cells of
// 100 m around (0, 0); cell (k, l) is centred 100·k m east and 100·l m north of the centre.

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/cell_raster.hpp"
#include "engine/geometry.hpp"

using muster::BoundingBox;
using muster::CellRaster;
using muster::LonLat;
using muster::MultiPolygon;

namespace {

constexpr double kCellM = 100;

/// A raster of 100 m cells around (0, 0) reaching `degrees` north-east.
CellRaster raster(double degrees) {
    BoundingBox box;
    box.extend({0, 0});
    box.extend({degrees, degrees});
    return CellRaster({0, 0}, box, kCellM, 10'000'000);
}

LonLat at(const CellRaster& r, double x, double y) {
    return r.frame().to_lon_lat({x, y});
}

void mark(CellRaster& r, long k, long l) {
    const LonLat p = at(r, 100.0 * static_cast<double>(k), 100.0 * static_cast<double>(l));
    r.mark_line(std::span(&p, 1), 1);
}

/// Whether the area holds the point: a point of a polyline touching it, away from its boundary.
bool holds(const MultiPolygon& area, LonLat p) {
    return muster::PreparedArea(area).intersects(std::span(&p, 1));
}

/// The parts of the marked cells joined by a side, counted by a flood fill of the raster.
std::size_t parts(const CellRaster& r) {
    const auto columns = static_cast<std::ptrdiff_t>(r.columns());
    const auto rows = static_cast<std::ptrdiff_t>(r.rows());
    std::vector<bool> seen(r.columns() * r.rows(), false);
    std::size_t count = 0;
    for (std::ptrdiff_t j = 0; j < rows; ++j) {
        for (std::ptrdiff_t i = 0; i < columns; ++i) {
            if (!r.marked(i, j, 1) || seen[static_cast<std::size_t>(j * columns + i)])
                continue;
            ++count;
            std::vector<std::array<std::ptrdiff_t, 2>> stack{{i, j}};
            seen[static_cast<std::size_t>(j * columns + i)] = true;
            while (!stack.empty()) {
                const auto [ci, cj] = stack.back();
                stack.pop_back();
                for (const auto [di, dj] :
                     {std::array<std::ptrdiff_t, 2>{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                    const std::ptrdiff_t ni = ci + di, nj = cj + dj;
                    if (r.marked(ni, nj, 1) && !seen[static_cast<std::size_t>(nj * columns + ni)]) {
                        seen[static_cast<std::size_t>(nj * columns + ni)] = true;
                        stack.push_back({ni, nj});
                    }
                }
            }
        }
    }
    return count;
}

}  // namespace

TEST_CASE("outline_cells makes a hole that meets its outer ring at a corner a hole of its own") {
    // A 3 × 3 block without its centre (1, 1) and its corner (2, 2): the centre is closed off,
    // meeting the outside only at the corner point (150, 150) shared with (2, 2).
    CellRaster r = raster(0.005);
    for (long k = 0; k < 3; ++k) {
        for (long l = 0; l < 3; ++l) {
            if (!(k == 1 && l == 1) && !(k == 2 && l == 2))
                mark(r, k, l);
        }
    }
    const MultiPolygon area = muster::outline_cells(r, 1);
    REQUIRE(area.polygons.size() == 1);
    REQUIRE(area.polygons[0].rings.size() == 2);
    CHECK_FALSE(muster::invalid_reason(area));
    // Outer ring: (−50, −50), (250, −50), (250, 150), (150, 150), (150, 250), (−50, 250), closed;
    // the hole: the centre cell's 4 corners, closed.
    CHECK(area.polygons[0].rings[0].size() == 7);
    CHECK(area.polygons[0].rings[1].size() == 5);
    CHECK(muster::area_m2(area) == Approx(70'000).epsilon(0.001));
    CHECK(holds(area, at(r, 0, 0)));
    CHECK(holds(area, at(r, 200, 100)));
    CHECK_FALSE(holds(area, at(r, 100, 100)));  // the hole
    CHECK_FALSE(holds(area, at(r, 200, 200)));  // the corner left out
}

TEST_CASE("outline_cells draws a scatter of cells exactly, in time linear in the cells") {
    // About 45 % of 200 × 200 cells marked, at random (a fixed linear congruential sequence):
    // thousands of parts and holes, many meeting at corners.
    CellRaster r = raster(0.185);
    REQUIRE(r.columns() >= 200);
    REQUIRE(r.rows() >= 200);
    std::uint64_t state = 12345;
    std::size_t marked = 0;
    for (long k = 0; k < 200; ++k) {
        for (long l = 0; l < 200; ++l) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((state >> 33) % 100 < 45) {
                mark(r, k, l);
                ++marked;
            }
        }
    }
    const auto start = std::chrono::steady_clock::now();
    const MultiPolygon area = muster::outline_cells(r, 1);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 2.0);  // a few milliseconds: generous for a loaded machine
    CHECK(area.polygons.size() == parts(r));
    CHECK_FALSE(muster::invalid_reason(area));
    // The frame is exact to well under 0.1 % within 20 km of its centre.
    CHECK(muster::area_m2(area) ==
          Approx(static_cast<double>(marked) * kCellM * kCellM).epsilon(0.002));
    // Every cell's centre is inside exactly when the cell is marked.
    const muster::PreparedArea prepared(area);
    std::size_t wrong = 0;
    for (long k = -1; k <= 200; ++k) {
        for (long l = -1; l <= 200; ++l) {
            const LonLat centre =
                at(r, 100.0 * static_cast<double>(k), 100.0 * static_cast<double>(l));
            const auto i = static_cast<std::ptrdiff_t>(
                std::floor((100.0 * static_cast<double>(k) - r.x0_m()) / r.cell_m()));
            const auto j = static_cast<std::ptrdiff_t>(
                std::floor((100.0 * static_cast<double>(l) - r.y0_m()) / r.cell_m()));
            if (prepared.intersects(std::span(&centre, 1)) != r.marked(i, j, 1))
                ++wrong;
        }
    }
    CHECK(wrong == 0);
}
