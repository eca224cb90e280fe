#include "engine/travel_time_field.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numbers>

#include "engine/detail/grid_traversal.hpp"
#include "engine/errors.hpp"

namespace muster {
namespace {

/// A crossing stays this fraction of a cell away from the corners, so that rings never touch.
constexpr float kCornerGap = 1e-3F;

// The lesser of two times, by value, so that loops of it vectorize.
inline float least(float a, float b) {
    return b < a ? b : a;
}

double twice_signed_area(const std::vector<LocalFrame::Xy>& ring) {
    double sum = 0;
    for (std::size_t k = 0, n = ring.size(); k < n; ++k) {
        const auto& p = ring[k];
        const auto& q = ring[(k + 1) % n];
        sum += p.x * q.y - q.x * p.y;
    }
    return sum;
}

bool ring_contains(const std::vector<LocalFrame::Xy>& ring, LocalFrame::Xy p) {
    bool inside = false;
    for (std::size_t k = 0, n = ring.size(), l = n - 1; k < n; l = k++) {
        const auto& a = ring[k];
        const auto& b = ring[l];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

struct OuterRing {
    std::vector<LocalFrame::Xy> points;
    double area = 0;
    double min_x, min_y, max_x, max_y;
    std::vector<std::vector<LocalFrame::Xy>> holes;
};

}  // namespace

void TravelTimeField::reset(const CellGrid& grid, CellGrid::Cell low, CellGrid::Cell high,
                            std::size_t max_corners) {
    if (low.column > high.column || low.row > high.row)
        throw ContractError("a travel-time field needs a window of at least one cell");
    if (max_corners < 64)
        throw ContractError("a travel-time field needs room for at least 8 x 8 corners");
    const auto corners = [&](std::int64_t merge, std::int64_t cells) {
        return static_cast<double>((cells - 1) / merge + 1 + 2 * kSpareCells + 1);
    };
    const std::int64_t columns = high.column - low.column + 1, rows = high.row - low.row + 1;
    m_merge = 1;
    while (corners(m_merge, columns) * corners(m_merge, rows) > static_cast<double>(max_corners))
        ++m_merge;
    m_frame = grid.frame;
    m_cell_m = grid.cell_m * static_cast<double>(m_merge);
    m_first_column = low.column;
    m_first_row = low.row;
    m_x0 = grid.x0 + static_cast<double>(low.column) * grid.cell_m -
           static_cast<double>(kSpareCells) * m_cell_m;
    m_y0 = grid.y0 + static_cast<double>(low.row) * grid.cell_m -
           static_cast<double>(kSpareCells) * m_cell_m;
    m_nx = static_cast<std::size_t>(corners(m_merge, columns));
    m_ny = static_cast<std::size_t>(corners(m_merge, rows));
    m_cells.assign((m_nx + 1) * (m_ny + 1), kUnreached);
    m_marked.resize(m_nx * m_ny);
    m_values.resize(m_nx * m_ny);
    m_step_s = static_cast<float>(m_cell_m);  // at 1 m/s until spread() says otherwise
    // Every entry is -1 between contours (a contour consumes the links it makes).
    if (m_next.size() < 2 * m_values.size())
        m_next.resize(2 * m_values.size(), -1);
}

// The cells the piece passes through, each with the least time at which it is in the cell.
void TravelTimeField::add_piece(LocalFrame::Xy a, LocalFrame::Xy b, double ta, double tb) {
    const bool rising = tb >= ta;
    detail::for_each_cell((a.x - m_x0) / m_cell_m, (a.y - m_y0) / m_cell_m, (b.x - m_x0) / m_cell_m,
                          (b.y - m_y0) / m_cell_m,
                          [&](std::ptrdiff_t i, std::ptrdiff_t j, double enter, double leave) {
                              const double s = rising ? enter : leave;
                              mark_window_cell(i, j, static_cast<float>(ta + s * (tb - ta)));
                          });
}

void TravelTimeField::add_road(std::span<const LonLat> line, std::span<const double> times_s) {
    if (line.size() != times_s.size())
        throw ContractError("a road added to a travel-time field needs one time per point");
    if (line.empty())
        return;
    auto previous = m_frame.to_xy(line.front());
    if (line.size() == 1)
        add_piece(previous, previous, times_s[0], times_s[0]);
    for (std::size_t k = 1; k < line.size(); ++k) {
        const auto next = m_frame.to_xy(line[k]);
        add_piece(previous, next, times_s[k - 1], times_s[k]);
        previous = next;
    }
}

void TravelTimeField::spread(double off_road_mps) {
    if (!(off_road_mps > 0) || !std::isfinite(off_road_mps))
        throw ContractError("a travel-time field spreads at a finite speed > 0 m/s");
    const auto axis = static_cast<float>(m_cell_m / off_road_mps);
    const auto diagonal = static_cast<float>(m_cell_m * std::numbers::sqrt2 / off_road_mps);
    m_step_s = axis;
    // Corner (i, j) touches cells (i - 1 .. i, j - 1 .. j), in the padded array (i .. i + 1,
    // j .. j + 1). Plain loops over rows, which the compiler vectorizes.
    const std::size_t nx = m_nx, ny = m_ny, cx = m_nx + 1;
    for (std::size_t j = 0; j < ny; ++j) {
        const float* __restrict below = m_cells.data() + j * cx;
        const float* __restrict above = below + cx;
        float* __restrict out = m_marked.data() + j * nx;
        for (std::size_t i = 0; i < nx; ++i)
            out[i] = least(least(below[i], below[i + 1]), least(above[i], above[i + 1]));
    }
    // The outer ring of corners stays unreached: no marked corner is next to it.
    std::fill(m_values.begin(), m_values.begin() + static_cast<std::ptrdiff_t>(nx), kUnreached);
    std::fill(m_values.end() - static_cast<std::ptrdiff_t>(nx), m_values.end(), kUnreached);
    for (std::size_t j = 1; j + 1 < ny; ++j) {
        const float* __restrict s = m_marked.data() + (j - 1) * nx;  // the row below
        const float* __restrict c = s + nx;
        const float* __restrict n = c + nx;
        float* __restrict out = m_values.data() + j * nx;
        out[0] = out[nx - 1] = kUnreached;
        for (std::size_t i = 1; i + 1 < nx; ++i) {
            const float straight = least(least(s[i], n[i]), least(c[i - 1], c[i + 1]));
            const float slanted = least(least(s[i - 1], s[i + 1]), least(n[i - 1], n[i + 1]));
            out[i] = least(c[i], least(straight + axis, slanted + diagonal));
        }
    }
}

// Edge 2k runs from corner k east to k + 1, edge 2k + 1 from corner k north to k + nx. The
// crossing is interpolated linearly from the inside corner; next to an unreached corner, the
// field is taken to rise at the off-road speed.
LocalFrame::Xy TravelTimeField::crossing(std::uint32_t edge, float level) const {
    const std::size_t p = edge / 2;
    const std::size_t q = edge % 2 == 0 ? p + 1 : p + m_nx;
    const bool p_inside = m_values[p] <= level;
    const std::size_t in = p_inside ? p : q, out = p_inside ? q : p;
    const float fa = m_values[in];
    const float fb = m_values[out] == kUnreached ? fa + m_step_s : m_values[out];
    const float f = std::clamp((level - fa) / (fb - fa), kCornerGap, 1 - kCornerGap);
    const double ix = static_cast<double>(in % m_nx), iy = static_cast<double>(in / m_nx);
    const double ox = static_cast<double>(out % m_nx), oy = static_cast<double>(out / m_nx);
    return {m_x0 + (ix + f * (ox - ix)) * m_cell_m, m_y0 + (iy + f * (oy - iy)) * m_cell_m};
}

MultiPolygon TravelTimeField::contour(double level_s, double min_hole_m2) {
    const auto level = static_cast<float>(level_s);
    const std::size_t n = m_values.size();
    m_inside.resize(n);
    const float* __restrict values = m_values.data();
    std::uint8_t* __restrict inside = m_inside.data();
    for (std::size_t k = 0; k < n; ++k)
        inside[k] = values[k] <= level ? 1 : 0;
    m_starts.clear();
    const std::uint8_t* in = m_inside.data();
    const auto nx = static_cast<std::uint32_t>(m_nx);
    // Eight corners at a time: a run of eight cells whose nine corners below and above are all
    // inside, or all outside, has no boundary.
    const auto word = [](const std::uint8_t* p) {
        std::uint64_t w;
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    constexpr std::uint64_t kAllInside = 0x0101010101010101;
    for (std::size_t j = 0; j + 1 < m_ny; ++j) {
        for (std::size_t i = 0; i + 1 < m_nx; ++i) {
            const auto k = static_cast<std::uint32_t>(j * m_nx + i);
            if (i + 9 < m_nx) {
                const std::uint64_t w = word(in + k);
                if ((w == 0 || w == kAllInside) && w == word(in + k + 1) &&
                    w == word(in + k + nx) && w == word(in + k + nx + 1)) {
                    i += 7;
                    continue;
                }
            }
            // Corners counter-clockwise: south-west, south-east, north-east, north-west.
            const std::array<std::uint8_t, 4> b{in[k], in[k + 1], in[k + 1 + nx], in[k + nx]};
            const unsigned code = b[0] | b[1] << 1 | b[2] << 2 | b[3] << 3;
            if (code == 0 || code == 15)
                continue;
            // The cell's edges counter-clockwise; edge m runs from corner m to corner m + 1.
            const std::array<std::uint32_t, 4> e{2 * k, 2 * (k + 1) + 1, 2 * (k + nx), 2 * k + 1};
            // A boundary piece runs from an edge left by the inside (corner m in, m + 1 out) to
            // one entering it, the inside on its left. In a saddle the two inside corners are
            // joined (each exit to the next entry), so that inside corners meeting at a diagonal
            // stay one part.
            if (code == 5 || code == 10) {
                const unsigned first = code == 5 ? 0 : 1;
                for (unsigned m = first; m < 4; m += 2) {
                    m_next[e[m]] = static_cast<std::int32_t>(e[(m + 1) % 4]);
                    m_starts.push_back(e[m]);
                }
                continue;
            }
            unsigned exit = 0, entry = 0;
            for (unsigned m = 0; m < 4; ++m) {
                if (b[m] && !b[(m + 1) % 4])
                    exit = m;
                if (!b[m] && b[(m + 1) % 4])
                    entry = m;
            }
            m_next[e[exit]] = static_cast<std::int32_t>(e[entry]);
            m_starts.push_back(e[exit]);
        }
    }

    std::vector<OuterRing> outers;
    std::vector<std::vector<LocalFrame::Xy>> holes;
    const double cell_area = m_cell_m * m_cell_m;
    for (std::uint32_t start : m_starts) {
        if (m_next[start] < 0)
            continue;
        std::vector<LocalFrame::Xy> ring;
        std::uint32_t edge = start;
        do {
            ring.push_back(crossing(edge, level));
            const std::int32_t next = m_next[edge];
            m_next[edge] = -1;
            if (next < 0)
                break;  // cannot happen: every crossing has one piece in and one out
            edge = static_cast<std::uint32_t>(next);
        } while (edge != start);
        const double area = twice_signed_area(ring) / 2;
        if (area > 0) {
            OuterRing outer{{}, area, ring[0].x, ring[0].y, ring[0].x, ring[0].y, {}};
            for (const auto& p : ring) {
                outer.min_x = std::min(outer.min_x, p.x);
                outer.max_x = std::max(outer.max_x, p.x);
                outer.min_y = std::min(outer.min_y, p.y);
                outer.max_y = std::max(outer.max_y, p.y);
            }
            outer.points = std::move(ring);
            outers.push_back(std::move(outer));
        } else if (-area >= min_hole_m2 && -area >= cell_area * 1e-6) {
            holes.push_back(std::move(ring));
        }
    }
    // Each hole belongs to the smallest outer ring around it (an island in a lake of a larger
    // part lies inside that part's outer ring too).
    for (auto& hole : holes) {
        OuterRing* owner = nullptr;
        const LocalFrame::Xy p = hole.front();
        for (OuterRing& outer : outers) {
            if (p.x < outer.min_x || p.x > outer.max_x || p.y < outer.min_y || p.y > outer.max_y)
                continue;
            if ((owner == nullptr || outer.area < owner->area) &&
                (outers.size() == 1 || ring_contains(outer.points, p)))
                owner = &outer;
        }
        if (owner != nullptr)
            owner->holes.push_back(std::move(hole));
    }
    MultiPolygon area;
    const auto to_ring = [&](const std::vector<LocalFrame::Xy>& points) {
        Ring ring;
        ring.reserve(points.size() + 1);
        for (const auto& p : points)
            ring.push_back(m_frame.to_lon_lat(p));
        ring.push_back(ring.front());
        return ring;
    };
    for (const OuterRing& outer : outers) {
        Polygon polygon;
        polygon.rings.push_back(to_ring(outer.points));
        for (const auto& hole : outer.holes)
            polygon.rings.push_back(to_ring(hole));
        area.polygons.push_back(std::move(polygon));
    }
    return area;
}

}  // namespace muster
