#include "engine/cell_raster.hpp"

#include "engine/errors.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace muster {

CellRaster::CellRaster(LonLat centre, const BoundingBox& box, double cell_m, std::size_t max_cells)
    : m_frame(centre) {
    if (!(cell_m > 0) || !std::isfinite(cell_m))
        throw ContractError("raster cells must be a finite size > 0 m");
    if (box.empty())
        throw ContractError("a raster needs a non-empty box");
    if (max_cells < 9)
        throw ContractError("a raster needs room for at least 3 x 3 cells");
    const auto low = m_frame.to_xy({box.min_lon, box.min_lat});
    const auto high = m_frame.to_xy({box.max_lon, box.max_lat});
    // Cells counted from the one centred on the frame's origin, k cells to each side.
    const auto extent = [&](double c) {
        const auto first_x = std::floor(std::min(low.x, 0.0) / c + 0.5) - 1;
        const auto last_x = std::floor(std::max(high.x, 0.0) / c + 0.5) + 1;
        const auto first_y = std::floor(std::min(low.y, 0.0) / c + 0.5) - 1;
        const auto last_y = std::floor(std::max(high.y, 0.0) / c + 0.5) + 1;
        return std::array<double, 4>{first_x, last_x, first_y, last_y};
    };
    auto e = extent(cell_m);
    while ((e[1] - e[0] + 1) * (e[3] - e[2] + 1) > static_cast<double>(max_cells)) {
        cell_m *= 1.25;
        e = extent(cell_m);
    }
    m_cell_m = cell_m;
    m_x0_m = (e[0] - 0.5) * cell_m;
    m_y0_m = (e[2] - 0.5) * cell_m;
    m_columns = static_cast<std::size_t>(e[1] - e[0] + 1);
    m_rows = static_cast<std::size_t>(e[3] - e[2] + 1);
    m_levels.assign(m_columns * m_rows, 0);
}

bool CellRaster::marked(std::ptrdiff_t column, std::ptrdiff_t row, std::uint16_t up_to) const {
    if (column < 0 || row < 0 || static_cast<std::size_t>(column) >= m_columns ||
        static_cast<std::size_t>(row) >= m_rows)
        return false;
    const std::uint16_t l =
        m_levels[static_cast<std::size_t>(row) * m_columns + static_cast<std::size_t>(column)];
    return l != 0 && l <= up_to;
}

void CellRaster::mark_cell(std::ptrdiff_t column, std::ptrdiff_t row, std::uint16_t level) {
    if (column < 0 || row < 0 || static_cast<std::size_t>(column) >= m_columns ||
        static_cast<std::size_t>(row) >= m_rows)
        return;
    std::uint16_t& l =
        m_levels[static_cast<std::size_t>(row) * m_columns + static_cast<std::size_t>(column)];
    if (l == 0 || level < l)
        l = level;
}

void CellRaster::mark_line(std::span<const LonLat> line, std::uint16_t level) {
    if (line.empty())
        return;
    auto previous = m_frame.to_xy(line.front());
    if (line.size() == 1)
        mark_segment(previous, previous, level);
    for (std::size_t k = 1; k < line.size(); ++k) {
        const auto next = m_frame.to_xy(line[k]);
        mark_segment(previous, next, level);
        previous = next;
    }
}

// A grid traversal (Amanatides and Woo, 1987): from the cell of `a`, step into whichever
// neighbour the segment enters first, until the cell of `b`. A segment through a cell corner
// also marks one of the two cells beside the corner, which only adds a cell next to the road.
void CellRaster::mark_segment(LocalFrame::Xy a, LocalFrame::Xy b, std::uint16_t level) {
    const double ax = (a.x - m_x0_m) / m_cell_m, ay = (a.y - m_y0_m) / m_cell_m;
    const double bx = (b.x - m_x0_m) / m_cell_m, by = (b.y - m_y0_m) / m_cell_m;
    auto i = static_cast<std::ptrdiff_t>(std::floor(ax));
    auto j = static_cast<std::ptrdiff_t>(std::floor(ay));
    const auto end_i = static_cast<std::ptrdiff_t>(std::floor(bx));
    const auto end_j = static_cast<std::ptrdiff_t>(std::floor(by));
    mark_cell(i, j, level);
    const double dx = bx - ax, dy = by - ay;
    constexpr double kNever = std::numeric_limits<double>::infinity();
    const std::ptrdiff_t step_i = dx > 0 ? 1 : dx < 0 ? -1 : 0;
    const std::ptrdiff_t step_j = dy > 0 ? 1 : dy < 0 ? -1 : 0;
    const double delta_x = step_i ? 1 / std::fabs(dx) : kNever;
    const double delta_y = step_j ? 1 / std::fabs(dy) : kNever;
    // The fraction of the segment at which it crosses the next vertical / horizontal cell edge.
    double next_x = step_i > 0   ? (std::floor(ax) + 1 - ax) * delta_x
                    : step_i < 0 ? (ax - std::floor(ax)) * delta_x
                                 : kNever;
    double next_y = step_j > 0   ? (std::floor(ay) + 1 - ay) * delta_y
                    : step_j < 0 ? (ay - std::floor(ay)) * delta_y
                                 : kNever;
    const std::ptrdiff_t steps = std::abs(end_i - i) + std::abs(end_j - j);
    for (std::ptrdiff_t s = 0; s < steps; ++s) {
        if (next_x < next_y) {
            i += step_i;
            next_x += delta_x;
        } else {
            j += step_j;
            next_y += delta_y;
        }
        mark_cell(i, j, level);
    }
}

}  // namespace muster
