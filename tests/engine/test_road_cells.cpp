// The cells a network's pieces cross (engine/road_cells) and the travel-time field's window over
// them (engine/travel_time_field), on roads and grids worked out by hand.

#include <catch2/catch.hpp>

#include <cmath>

#include "engine/errors.hpp"
#include "engine/geometry.hpp"
#include "engine/road_cells.hpp"
#include "engine/travel_time_field.hpp"
#include "tests/support/tiny_network.hpp"

using muster::test::tiny_network;
using namespace muster;

TEST_CASE("RoadCells: a road along the equator crosses three 50 m cells, worked out by hand") {
    // A (0, 0) to B (0.001°, 0): 111.32 m east. The grid's frame lies at the network's western
    // edge and middle latitude, (0, 0); corners at x = ±25, ±75 m, one spare cell west: column 0
    // spans [-75, -25) m, column 1 [-25, 25), column 2 [25, 75), column 3 [75, 125).
    const RoadNetwork network =
        tiny_network({{0, 0}, {0.001, 0}}, {{0, 1, 10'000, 111'320}}, Profile::drive);
    const RoadCells cells(network, road_cell_m(network.profile()));
    const CellGrid& grid = cells.grid();
    CHECK(grid.cell_m == 50);
    CHECK(grid.x0 == Approx(-75));
    CHECK(grid.y0 == Approx(-75));
    const double length_m = 0.001 * grid.frame.metres_per_degree_lon();
    CHECK(length_m == Approx(111.32).margin(0.01));
    CHECK(grid.cell_of({0, 0}).column == 1);
    CHECK(grid.cell_of({0.001, 0}).column == 3);

    // Both edges (A -> B and B -> A) read the piece's one block, in the piece's direction.
    REQUIRE(network.edge_count() == 2);
    for (EdgeId e : network.edges()) {
        const RoadCells::EdgeCells edge = cells.of(e);
        CHECK_FALSE(edge.ferry);
        CHECK(edge.reversed == network.reversed(e));
        const auto crossings = edge.path.crossings();
        REQUIRE(crossings.size() == 3);
        CHECK(edge.box_min.column == 1);
        CHECK(edge.box_min.row == 1);
        CHECK(edge.box_max.column == 3);
        CHECK(edge.box_max.row == 1);
        // The piece enters column 2 at 25 m and column 3 at 75 m, in fractions of 65,535 with a
        // step of margin outward.
        const double scale = CellCrossing::kFractionScale;
        const double at_25 = 25 / length_m * scale, at_75 = 75 / length_m * scale;
        CHECK(crossings[0].column == 0);
        CHECK(crossings[0].enter == 0);
        CHECK(crossings[0].leave == std::ceil(at_25) + 1);
        CHECK(crossings[1].column == 1);
        CHECK(crossings[1].enter == std::floor(at_25) - 1);
        CHECK(crossings[1].leave == std::ceil(at_75) + 1);
        CHECK(crossings[2].column == 2);
        CHECK(crossings[2].enter == std::floor(at_75) - 1);
        CHECK(crossings[2].leave == 65'535);
        for (const CellCrossing& c : crossings)
            CHECK(c.row == 0);
    }
    CHECK(cells.memory_bytes() > 0);
    REQUIRE_THROWS_AS(RoadCells(network, 0), ContractError);
    REQUIRE_THROWS_AS(RoadCells(network, std::nan("")), ContractError);
}

TEST_CASE("RoadCells: a road that turns three times steps east, north, west and south") {
    // One piece A (0, 0) -> (0.001°, 0) -> (0.001°, 0.001°) -> (0, 0.001°) -> B (0, 0.0005°):
    // east, north, west, then half way south. The frame lies at lon 0 and the middle latitude
    // 0.0005°, so y = ±55.29 m at the top and bottom; columns as in the test above (corners at
    // x = ±25, 75 m), rows with corners at y = -75, -25, 25, 75 m: the bottom leg in row 1, the
    // top in row 3, B in row 2.
    const RoadNetwork network =
        tiny_network({{0, 0}, {0, 0.0005}},
                     {{0, 1, 10'000, 400'000, false, {{0.001, 0}, {0.001, 0.001}, {0, 0.001}}}});
    const RoadCells cells(network, road_cell_m(network.profile()));
    const CellGrid& grid = cells.grid();
    REQUIRE(grid.y0 == Approx(-125));
    const RoadCells::EdgeCells edge = cells.of(EdgeId(0));
    CHECK(edge.box_min.column == 1);
    CHECK(edge.box_min.row == 1);
    CHECK(edge.box_max.column == 3);
    CHECK(edge.box_max.row == 3);
    const auto crossings = edge.path.crossings();
    REQUIRE(crossings.size() == 8);
    CHECK(edge.path.words.size() == 8);  // four bytes a cell
    // Relative to the box's south-west cell (1, 1), in order along the piece.
    const int expected[8][2] = {{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
    // Where each cell is entered (m along the piece): the east leg crosses x = 25 and 75, the
    // north leg y = -25 and 25 (30.29 and 80.29 m up it), the west leg x = 75 and 25 (36.32 and
    // 86.32 m along it), the south leg y = 25 (30.29 m down it).
    const double east = 0.001 * grid.frame.metres_per_degree_lon();
    const double north = 0.001 * grid.frame.metres_per_degree_lat();
    const double half_up = north / 2;
    const double length = 2 * east + north + north / 2;
    const double along[8] = {0,
                             25,
                             75,
                             east + half_up - 25,
                             east + half_up + 25,
                             east + north + east - 75,
                             east + north + east - 25,
                             2 * east + north + half_up - 25};
    const double scale = CellCrossing::kFractionScale;
    for (std::size_t k = 0; k < 8; ++k) {
        INFO("cell " << k);
        CHECK(crossings[k].column == expected[k][0]);
        CHECK(crossings[k].row == expected[k][1]);
        // Rounded down with a step of margin; the lengths are geodesic, a hair off the frame's.
        const double enter = k == 0 ? 0 : std::floor(along[k] / length * scale) - 1;
        CHECK(crossings[k].enter == Approx(enter).margin(1));
        // Left where the next is entered, with the margin back and a step up; the last at the end.
        const double leave = k + 1 < 8 ? crossings[k + 1].enter + 3.0 : scale;
        CHECK(crossings[k].leave == leave);
    }
}

namespace {

// 100 x 100 cells of 50 m in the frame at (0, 0), cell (0, 0) spanning [-25, 25) m.
CellGrid grid_of_50m_cells() {
    CellGrid grid;
    grid.frame = LocalFrame({0, 0});
    grid.cell_m = 50;
    grid.x0 = grid.y0 = -25;
    grid.columns = grid.rows = 100;
    return grid;
}

}  // namespace

TEST_CASE("TravelTimeField merges k x k cells when its window is over the corner limit") {
    // A grid of 50 m cells whose cell (0, 0) spans [-25, 25) m around (0, 0). A window of 20 x 20
    // cells with room for 64 corners: 8 x 8 is the least, 1 x 1 merged cells and three spare on
    // each side, so k = 20 (corners: (20 - 1) / k + 1 + 2 · 3 + 1 = 8): cells of 1,000 m.
    const CellGrid grid = grid_of_50m_cells();
    TravelTimeField field;
    field.reset(grid, {0, 0}, {19, 19}, 64);
    CHECK(field.cell_m() == 1000);
    // Grid cell (5, 5), [225, 275) m, reached at 0 s: its merged cell [-25, 975) m takes 0 s at
    // its four corners; their neighbours 1,000 s (1 m/s across 1,000 m). At 10 s the outline
    // crosses each edge out of the square 10 / 1,000 of a cell (10 m) beyond it.
    field.mark_cell(5, 5, 0);
    field.spread(1.0);
    const MultiPolygon area = field.contour(10, 0);
    REQUIRE(area.polygons.size() == 1);
    const LocalFrame& frame = grid.frame;
    const auto at = [&](double x, double y) { return frame.to_lon_lat({x, y}); };
    CHECK(covers(area, at(250, 250)));
    CHECK(covers(area, at(-34, 500)));
    CHECK_FALSE(covers(area, at(-36, 500)));
    CHECK(covers(area, at(984, 500)));
    CHECK_FALSE(covers(area, at(986, 500)));
    // At a corner of the square the outline cuts across, from (985, 975) to (975, 985).
    CHECK(covers(area, at(980, 976)));
    CHECK_FALSE(covers(area, at(982, 982)));
    // The square of 1,020 m, its corners cut where the outline runs between diagonal crossings:
    // within half a percent.
    CHECK(area_m2(area) == Approx(1020.0 * 1020.0).epsilon(0.005));

    REQUIRE_THROWS_AS(field.reset(grid, {5, 0}, {4, 0}, 64), ContractError);
    REQUIRE_THROWS_AS(field.reset(grid, {0, 0}, {1, 1}, 63), ContractError);
}

TEST_CASE("TravelTimeField: roads marked on two fields and merged draw as if on one") {
    // 50 m cells, cell (0, 0) spanning [-25, 25) m: cell (i, j) is centred at (50 i, 50 j).
    const CellGrid grid = grid_of_50m_cells();
    TravelTimeField whole, part, alone;
    whole.reset(grid, {0, 0}, {19, 19}, 1 << 20);
    alone.reset(grid, {0, 0}, {19, 19}, 1 << 20);
    part.reset_like(whole);
    // Cell (10, 10): 50 s on the whole field, 20 s on the part; the part's time is the lesser.
    // Cell (2, 2) on the whole field alone, cell (15, 3) on the part alone.
    whole.mark_cell(10, 10, 50);
    whole.mark_cell(2, 2, 100);
    part.mark_cell(10, 10, 20);
    part.mark_cell(15, 3, 40);
    whole.merge(part);
    alone.mark_cell(10, 10, 20);
    alone.mark_cell(2, 2, 100);
    alone.mark_cell(15, 3, 40);
    whole.spread(1.0);
    alone.spread(1.0);
    const LocalFrame& frame = grid.frame;
    const auto at = [&](double x, double y) { return frame.to_lon_lat({x, y}); };
    // At 25 s only cell (10, 10) is inside: its corners hold 20 s, not 50.
    const MultiPolygon at_25 = whole.contour(25, 0);
    CHECK(covers(at_25, at(500, 500)));
    CHECK_FALSE(covers(at_25, at(750, 150)));
    CHECK_FALSE(covers(at_25, at(100, 100)));
    // At 45 s the part's cell (15, 3) too; at 120 s the whole field's cell (2, 2) as well.
    CHECK(covers(whole.contour(45, 0), at(750, 150)));
    CHECK(covers(whole.contour(120, 0), at(100, 100)));
    // And point for point what one field marked with all of it draws.
    for (const double level : {25.0, 45.0, 120.0}) {
        INFO(level << " s");
        CHECK(whole.contour(level, 0).polygons == alone.contour(level, 0).polygons);
    }
    // A field merges only one with its own window.
    TravelTimeField other;
    other.reset(grid, {1, 0}, {19, 19}, 1 << 20);
    REQUIRE_THROWS_AS(whole.merge(other), ContractError);
}
