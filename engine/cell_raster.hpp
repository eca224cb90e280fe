#pragma once
// A raster of square cells in a local metric frame, for drawing areas that are known as a set of
// lines (the roads a service area reaches): lines mark the cells they pass through, and
// geometry.hpp's outline_cells turns the marked cells into polygons.
//
// Invariants: cell (column i, row j) spans x in [x0_m + i·cell_m, x0_m + (i+1)·cell_m) and y
// likewise from y0_m, in the metres of `frame`; `levels` has columns · rows entries, row-major
// (index j · columns + i); level 0 means unmarked.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geodesic.hpp"

namespace muster {

class CellRaster {
  public:
    /// Cells of `cell_m` metres covering `box` (lon/lat) with one spare cell on every side, the
    /// frame centred on `centre` and the grid placed so that `centre` lies in the middle of a
    /// cell. If that would take more than `max_cells` cells, the cells are enlarged until it
    /// does not (cell_m() tells the size used). Throws ContractError unless cell_m is
    /// finite and > 0, the box is not empty and max_cells >= 9. O(cells).
    CellRaster(LonLat centre, const BoundingBox& box, double cell_m, std::size_t max_cells);

    /// Marks the cells the polyline passes through (every cell its segments touch; one point:
    /// the cell it lies in) with `level`, keeping a lower level already there. Points outside the
    /// raster are clipped. O(points + cells crossed).
    void mark_line(std::span<const LonLat> line, std::uint16_t level);

    /// The level of a cell (0: unmarked).
    std::uint16_t level(std::size_t column, std::size_t row) const {
        return m_levels[row * m_columns + column];
    }
    /// Whether the cell holds a level in [1, up_to]; false outside the raster.
    bool marked(std::ptrdiff_t column, std::ptrdiff_t row, std::uint16_t up_to) const;

    const LocalFrame& frame() const { return m_frame; }
    double cell_m() const { return m_cell_m; }
    double x0_m() const { return m_x0_m; }
    double y0_m() const { return m_y0_m; }
    std::size_t columns() const { return m_columns; }
    std::size_t rows() const { return m_rows; }

  private:
    void mark_cell(std::ptrdiff_t column, std::ptrdiff_t row, std::uint16_t level);
    void mark_segment(LocalFrame::Xy a, LocalFrame::Xy b, std::uint16_t level);

    LocalFrame m_frame;
    double m_cell_m = 0;
    double m_x0_m = 0, m_y0_m = 0;
    std::size_t m_columns = 0, m_rows = 0;
    std::vector<std::uint16_t> m_levels;
};

}  // namespace muster
