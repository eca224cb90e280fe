#pragma once
// A travel-time field on a square grid, and its contours: how service areas are drawn. Roads
// reached with known times mark the cells they pass through with the least time at which they
// are in the cell; each corner takes the least time of its four cells and spreads it to its eight
// neighbours at a slow off-road speed; the polygon within a limit is the contour of the field at
// that level, traced by marching squares with linear interpolation between corners. The method is
// the one Valhalla's isochrones (a time grid and a marching-squares contour) and openrouteservice's
// use; the code is muster's own.
//
// Guarantees of contour(level) (in the grid's local metric frame):
// - every point of a road added with a time <= level lies inside the polygon: its cell's four
//   corners hold that time or less, so the whole cell is inside;
// - every point of the polygon lies within 3·√2 cells of a road point added with a time <= level
//   (a point inside lies in a cell with a corner at or below the level, within √2 cells of it;
//   that corner was marked by a road in a cell it touches or spread from such a corner);
// - every part of the polygon holds such a road (inside corners that meet at a cell's diagonal
//   are joined), so there are no islands without one;
// - the polygons of increasing levels nest: a corner inside at one level is inside at every higher
//   one, and each edge's crossing moves away from its inside corner as the level rises;
// - valid: rings do not cross or touch (crossings are kept strictly between corners), outer rings
//   counter-clockwise, holes clockwise; holes smaller than `min_hole_m2` are filled.
//
// The field covers a window of a CellGrid (engine/road_cells.hpp), whose cells a network's
// pieces are known to cross, so a reached road marks its cells without being rasterized.
//
// Invariants: corner (i, j) lies at (x0 + i·cell, y0 + j·cell) in the grid's frame; the values
// are seconds, kUnreached where no road reached; the two outermost rows and columns of corners
// are never reached, so every contour closes inside the window.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geodesic.hpp"
#include "engine/geometry.hpp"
#include "engine/road_cells.hpp"

namespace muster {

class TravelTimeField {
  public:
    /// Clears the field to the cells from `low` to `high` (inclusive) of `grid`, and three spare
    /// cells on every side. If that takes more than `max_corners` corners, k x k cells are merged
    /// into one, k the least that fits (cell_m() tells the size used). Keeps its buffers from one
    /// call to the next. Throws ContractError unless low <= high and max_corners >= 64. O(corners).
    void reset(const CellGrid& grid, CellGrid::Cell low, CellGrid::Cell high,
               std::size_t max_corners);

    /// Clears the field to the window of `other` (reset() it first), to mark part of the same
    /// roads on another thread; other.merge(*this) joins the two. Only the cells are kept: such a
    /// field is merged, not spread or contoured. O(cells).
    void reset_like(const TravelTimeField& other);

    /// Each cell takes the lesser of its time and that of `other` (made by reset_like(*this)):
    /// roads marked on the two fields, as if on this one. O(cells).
    void merge(const TravelTimeField& other);

    /// Marks the grid's cell (column, row), which must lie in the window reset() was given: its
    /// four corners take `time_s` unless they hold less. O(1).
    void mark_cell(std::int64_t column, std::int64_t row, float time_s) {
        if (m_merge > 1) {
            column = m_first_column + (column - m_first_column) / m_merge;
            row = m_first_row + (row - m_first_row) / m_merge;
        }
        mark_window_cell(column - m_first_column + kSpareCells, row - m_first_row + kSpareCells,
                         time_s);
    }

    /// Marks the cells a piece of road passes through (RoadCells::of: its box's corner cells and
    /// its path from the south-west one), each with time_of(enter, leave) (CellPath's fixed
    /// point) unless that is kUnreached, as mark_cell() does. The box must lie in the window
    /// reset() was given. O(cells), with one look at the window per piece rather than per cell.
    template <typename TimeOf>
    void mark_cells(CellGrid::Cell box_min, CellGrid::Cell box_max, CellPath path,
                    const TimeOf& time_of) {
        const std::span<const std::uint32_t> words = path.words;
        if (words.empty())
            return;
        const std::int64_t i0 = box_min.column - m_first_column + kSpareCells;
        const std::int64_t j0 = box_min.row - m_first_row + kSpareCells;
        const std::int64_t i1 = box_max.column - m_first_column + kSpareCells;
        const std::int64_t j1 = box_max.row - m_first_row + kSpareCells;
        if (m_merge == 1 && i0 >= 2 && j0 >= 2 && i1 + 3 < static_cast<std::int64_t>(m_nx) &&
            j1 + 3 < static_cast<std::int64_t>(m_ny)) {
            // A pointer walked from cell to cell: one word read and one cell written each.
            const std::size_t stride = m_nx + 1;
            float* cell =
                m_cells.data() +
                (static_cast<std::size_t>(j0 + 1) + CellPath::first_row(words[0])) * stride +
                static_cast<std::size_t>(i0 + 1) + CellPath::first_column(words[0]);
            path.walk([&](CellPath::Step s) { cell += m_step_offset[s]; },
                      [&](std::uint32_t enter, std::uint32_t leave) {
                          *cell = std::min(*cell, time_of(enter, leave));  // kUnreached keeps it
                      });
            return;
        }
        path.for_each(
            [&](std::uint32_t column, std::uint32_t row, std::uint32_t at, std::uint32_t leave) {
                mark_cell(box_min.column + column, box_min.row + row, time_of(at, leave));
            });
    }

    /// Adds a road reached at `times_s[k]` at its point k (the time linear in between): the
    /// corners of every cell it passes through take the least time at which it is in that cell
    /// (keeping a lower time already there). One point: the corners of its cell. Points outside
    /// the window are clipped. Throws ContractError unless the spans have the same size. O(points +
    /// cells crossed).
    void add_road(std::span<const LonLat> line, std::span<const double> times_s);

    /// Gives each corner the least time of its cells, then spreads every corner's time to its
    /// eight neighbours at `off_road_mps`: a neighbour keeps the lower of its time and the
    /// corner's plus the distance at that speed. Once, after the roads are added. Throws
    /// ContractError unless off_road_mps is finite and > 0. O(corners), in passes over rows.
    void spread(double off_road_mps);

    /// The area where the field is at most `level_s` (see the guarantees above) in WGS84, holes
    /// of less than `min_hole_m2` filled. Empty if no corner is at or below the level. O(corners
    /// + boundary · outer rings).
    MultiPolygon contour(double level_s, double min_hole_m2);

    double cell_m() const { return m_cell_m; }

    static constexpr float kUnreached = 3.0e38F;

    static constexpr std::int64_t kSpareCells = 3;

  private:
    // Cell (i, j) of the window takes the time unless it holds less; cells whose corners would
    // come within two of the window's edge are ignored (no road lies there: the window holds the
    // roads' cells and spare ones). A cell's time goes to its four corners in spread().
    void mark_window_cell(std::int64_t i, std::int64_t j, float time_s) {
        if (i < 2 || j < 2 || i + 3 >= static_cast<std::int64_t>(m_nx) ||
            j + 3 >= static_cast<std::int64_t>(m_ny))
            return;
        // The cells' array has a spare row and column of unreached cells on every side.
        float& v =
            m_cells[static_cast<std::size_t>(j + 1) * (m_nx + 1) + static_cast<std::size_t>(i + 1)];
        v = std::min(v, time_s);
    }
    void add_piece(LocalFrame::Xy a, LocalFrame::Xy b, double ta, double tb);
    LocalFrame::Xy crossing(std::uint32_t edge, float level) const;

    LocalFrame m_frame{LonLat{0, 0}};
    double m_cell_m = 1;
    std::int64_t m_merge = 1;  ///< grid cells per field cell along each axis
    /// What a CellPath's step adds to a pointer into m_cells (with m_merge 1).
    std::array<std::ptrdiff_t, 4> m_step_offset{};
    std::int64_t m_first_column = 0, m_first_row = 0;  ///< the window's first cell, in the grid
    double m_x0 = 0, m_y0 = 0;
    std::size_t m_nx = 0, m_ny = 0;
    float m_step_s = 0;  ///< the off-road time across one cell, for crossings next to no road
    std::vector<float> m_cells;   ///< (nx + 1) x (ny + 1): the cells and a spare ring
    std::vector<float> m_marked;  ///< three rows of corners: the least time of their cells
    std::vector<float> m_values;  ///< per corner, the field
    // Contour scratch: the inside flags (a bit per corner, rows of words), a row of them as
    // bytes, the next crossing of each cell edge's crossing (-1: none), the edges with one and
    // the ring being traced, kept between calls so a query allocates little beyond its answer.
    std::vector<std::uint64_t> m_inside;
    std::vector<std::uint8_t> m_row;
    std::vector<std::int32_t> m_next;
    std::vector<std::uint32_t> m_starts;
    std::vector<LocalFrame::Xy> m_ring;
};

}  // namespace muster
