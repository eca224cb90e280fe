#include "engine/travel_time_field.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>

#include "engine/errors.hpp"

namespace muster {
namespace {

/// Cells around the box: the marked corners stay two from the edge, for the spread and the
/// contour to close; one more for a point on the box edge.
constexpr double kSpareCells = 3;
/// A crossing stays this fraction of a cell away from the corners, so that rings never touch.
constexpr float kCornerGap = 1e-3F;

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

void TravelTimeField::reset(LonLat centre, const BoundingBox& box, double cell_m,
                            std::size_t max_corners) {
    if (!(cell_m > 0) || !std::isfinite(cell_m))
        throw ContractError("a travel-time field's cells must be a finite size > 0 m");
    if (box.empty())
        throw ContractError("a travel-time field needs a non-empty box");
    if (max_corners < 64)
        throw ContractError("a travel-time field needs room for at least 8 x 8 corners");
    m_frame = LocalFrame(centre);
    const auto low = m_frame.to_xy({box.min_lon, box.min_lat});
    const auto high = m_frame.to_xy({box.max_lon, box.max_lat});
    // Corners at (k + 1/2) cells from the centre, so that a road through it runs inside a row of
    // cells rather than along their edges.
    const auto first = [&](double c, double lo) { return std::floor(lo / c - 0.5) - kSpareCells; };
    const auto corners = [&](double c, double lo, double hi) {
        return std::floor(hi / c - 0.5) + 1 + kSpareCells - first(c, lo) + 1;
    };
    while (corners(cell_m, low.x, high.x) * corners(cell_m, low.y, high.y) >
           static_cast<double>(max_corners)) {
        cell_m *= 1.25;
    }
    m_cell_m = cell_m;
    m_x0 = (first(cell_m, low.x) + 0.5) * cell_m;
    m_y0 = (first(cell_m, low.y) + 0.5) * cell_m;
    m_nx = static_cast<std::size_t>(corners(cell_m, low.x, high.x));
    m_ny = static_cast<std::size_t>(corners(cell_m, low.y, high.y));
    m_values.assign(m_nx * m_ny, kUnreached);
    m_marked.clear();
    m_marked_times.clear();
    m_step_s = static_cast<float>(cell_m);  // at 1 m/s until spread() says otherwise
    // Every entry is -1 between contours (a contour consumes the links it makes).
    if (m_next.size() < 2 * m_values.size())
        m_next.resize(2 * m_values.size(), -1);
}

void TravelTimeField::mark(std::size_t corner, float time_s) {
    float& v = m_values[corner];
    if (v == kUnreached)
        m_marked.push_back(static_cast<std::uint32_t>(corner));
    v = std::min(v, time_s);
}

void TravelTimeField::mark_cell(std::ptrdiff_t i, std::ptrdiff_t j, float time_s) {
    // Cells whose corners stay two away from the grid's edge (the roads lie inside the box).
    if (i < 2 || j < 2 || i + 3 >= static_cast<std::ptrdiff_t>(m_nx) ||
        j + 3 >= static_cast<std::ptrdiff_t>(m_ny))
        return;
    const std::size_t k = static_cast<std::size_t>(j) * m_nx + static_cast<std::size_t>(i);
    mark(k, time_s);
    mark(k + 1, time_s);
    mark(k + m_nx, time_s);
    mark(k + m_nx + 1, time_s);
}

// A grid traversal (Amanatides and Woo, 1987) that knows where along the piece each cell is
// entered and left, so that each cell takes the piece's least time inside it.
void TravelTimeField::add_piece(LocalFrame::Xy a, LocalFrame::Xy b, double ta, double tb) {
    const double ax = (a.x - m_x0) / m_cell_m, ay = (a.y - m_y0) / m_cell_m;
    const double bx = (b.x - m_x0) / m_cell_m, by = (b.y - m_y0) / m_cell_m;
    auto i = static_cast<std::ptrdiff_t>(std::floor(ax));
    auto j = static_cast<std::ptrdiff_t>(std::floor(ay));
    const auto end_i = static_cast<std::ptrdiff_t>(std::floor(bx));
    const auto end_j = static_cast<std::ptrdiff_t>(std::floor(by));
    const double dx = bx - ax, dy = by - ay;
    constexpr double kNever = std::numeric_limits<double>::infinity();
    const std::ptrdiff_t step_i = dx > 0 ? 1 : dx < 0 ? -1 : 0;
    const std::ptrdiff_t step_j = dy > 0 ? 1 : dy < 0 ? -1 : 0;
    const double delta_x = step_i ? 1 / std::fabs(dx) : kNever;
    const double delta_y = step_j ? 1 / std::fabs(dy) : kNever;
    double next_x = step_i > 0   ? (std::floor(ax) + 1 - ax) * delta_x
                    : step_i < 0 ? (ax - std::floor(ax)) * delta_x
                                 : kNever;
    double next_y = step_j > 0   ? (std::floor(ay) + 1 - ay) * delta_y
                    : step_j < 0 ? (ay - std::floor(ay)) * delta_y
                                 : kNever;
    const auto time_at = [&](double s) { return ta + std::clamp(s, 0.0, 1.0) * (tb - ta); };
    const bool rising = tb >= ta;
    double entered = 0;
    const std::ptrdiff_t steps = std::abs(end_i - i) + std::abs(end_j - j);
    for (std::ptrdiff_t s = 0; s <= steps; ++s) {
        const double left = s == steps ? 1.0 : std::min(next_x, next_y);
        mark_cell(i, j, static_cast<float>(time_at(rising ? entered : left)));
        if (s == steps)
            break;
        entered = left;
        if (next_x < next_y) {
            i += step_i;
            next_x += delta_x;
        } else {
            j += step_j;
            next_y += delta_y;
        }
    }
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
    // The times before spreading, so that a time spreads one step only.
    m_marked_times.resize(m_marked.size());
    for (std::size_t k = 0; k < m_marked.size(); ++k)
        m_marked_times[k] = m_values[m_marked[k]];
    const auto nx = static_cast<std::ptrdiff_t>(m_nx);
    const std::array<std::ptrdiff_t, 8> offsets{-nx - 1, -nx, -nx + 1, -1, 1, nx - 1, nx, nx + 1};
    const std::array<float, 8> costs{diagonal, axis,     diagonal, axis,
                                     axis,     diagonal, axis,     diagonal};
    float* values = m_values.data();
    for (std::size_t k = 0; k < m_marked.size(); ++k) {
        float* centre = values + m_marked[k];
        const float t = m_marked_times[k];
        for (std::size_t n = 0; n < 8; ++n) {
            float& v = centre[offsets[n]];
            v = std::min(v, t + costs[n]);
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
    for (std::size_t k = 0; k < n; ++k)
        m_inside[k] = m_values[k] <= level ? 1 : 0;
    m_starts.clear();
    const std::uint8_t* in = m_inside.data();
    const auto nx = static_cast<std::uint32_t>(m_nx);
    for (std::size_t j = 0; j + 1 < m_ny; ++j) {
        for (std::size_t i = 0; i + 1 < m_nx; ++i) {
            const auto k = static_cast<std::uint32_t>(j * m_nx + i);
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
