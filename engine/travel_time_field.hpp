#pragma once
// A travel-time field on a square grid, and its contours: how service areas are drawn. Roads
// reached with known times mark the corners of the cells they pass through with the least time
// at which they are in the cell; each marked corner spreads its time to its eight neighbours at a
// slow off-road speed; the polygon within a limit is the contour of the field at that level,
// traced by marching squares with linear interpolation between corners. The method is the one
// Valhalla's isochrones (a time grid and a marching-squares contour) and openrouteservice's use;
// the code is muster's own.
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
// Invariants: corner (i, j) lies at (x0 + i·cell, y0 + j·cell) in `frame`'s metres; the values
// are seconds, kUnreached where no road reached; the two outermost rows and columns of corners
// are never reached, so every contour closes inside the grid. Corners lie half a cell off the
// frame's centre: a road through the centre runs along the middle of a row of cells.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geodesic.hpp"
#include "engine/geometry.hpp"

namespace muster {

class TravelTimeField {
  public:
    /// Clears the field to a grid of `cell_m` metres covering `box` (lon/lat) and two spare cells
    /// on every side, in a frame centred on `centre`. If that takes more than `max_corners`
    /// corners the cells are enlarged until it does not (cell_m() tells the size used). Keeps its
    /// buffers from one call to the next. Throws ContractError unless cell_m is finite and > 0,
    /// the box is not empty and max_corners >= 64. O(corners).
    void reset(LonLat centre, const BoundingBox& box, double cell_m, std::size_t max_corners);

    /// Adds a road reached at `times_s[k]` at its point k (the time linear in between): the
    /// corners of every cell it passes through take the least time at which it is in that cell
    /// (keeping a lower time already there). One point: the corners of its cell. Points outside
    /// the grid are clipped. Throws ContractError unless the spans have the same size. O(points +
    /// cells crossed).
    void add_road(std::span<const LonLat> line, std::span<const double> times_s);

    /// Spreads every marked corner's time to its eight neighbours at `off_road_mps`: a neighbour
    /// keeps the lower of its time and the corner's plus the distance at that speed. Once, after
    /// the roads are added. Throws ContractError unless off_road_mps is finite and > 0. O(marked
    /// corners).
    void spread(double off_road_mps);

    /// The area where the field is at most `level_s` (see the guarantees above) in WGS84, holes
    /// of less than `min_hole_m2` filled. Empty if no corner is at or below the level. O(corners
    /// + boundary · outer rings).
    MultiPolygon contour(double level_s, double min_hole_m2);

    double cell_m() const { return m_cell_m; }
    std::size_t columns() const { return m_nx; }  ///< corners per row
    std::size_t rows() const { return m_ny; }     ///< rows of corners
    /// The time at corner (i, j), kUnreached if none.
    float value(std::size_t i, std::size_t j) const { return m_values[j * m_nx + i]; }

    static constexpr float kUnreached = 3.0e38F;

  private:
    void mark(std::size_t corner, float time_s);
    void mark_cell(std::ptrdiff_t i, std::ptrdiff_t j, float time_s);
    void add_piece(LocalFrame::Xy a, LocalFrame::Xy b, double ta, double tb);
    LocalFrame::Xy crossing(std::uint32_t edge, float level) const;

    LocalFrame m_frame{LonLat{0, 0}};
    double m_cell_m = 1;
    double m_x0 = 0, m_y0 = 0;
    std::size_t m_nx = 0, m_ny = 0;
    float m_step_s = 0;  ///< the off-road time across one cell, for crossings next to no road
    std::vector<float> m_values;
    std::vector<std::uint32_t> m_marked;  ///< corners marked by roads, each once
    std::vector<float> m_marked_times;    ///< their times before spreading
    // Contour scratch: the inside flags, the next crossing of each cell edge's crossing (-1: none)
    // and the edges with one, kept between calls so a query allocates nothing but its answer.
    std::vector<std::uint8_t> m_inside;
    std::vector<std::int32_t> m_next;
    std::vector<std::uint32_t> m_starts;
};

}  // namespace muster
