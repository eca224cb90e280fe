#include "engine/travel_time_field.hpp"

#include <algorithm>
#include <array>
#include <bit>
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

// For each cell code but the saddles (bit m: corner m inside, counter-clockwise from the
// south-west), the edge m where the inside is left (corner m in, m + 1 out) and the one where
// it is entered (m out, m + 1 in).
constexpr std::array<std::uint8_t, 16> boundary_edges(bool exit) {
    std::array<std::uint8_t, 16> edges{};
    for (unsigned code = 0; code < 16; ++code) {
        for (unsigned m = 0; m < 4; ++m) {
            const bool in = (code >> m & 1) != 0, next_in = (code >> (m + 1) % 4 & 1) != 0;
            if (exit ? in && !next_in : !in && next_in)
                edges[code] = static_cast<std::uint8_t>(m);
        }
    }
    return edges;
}
constexpr std::array<std::uint8_t, 16> kExit = boundary_edges(true);
constexpr std::array<std::uint8_t, 16> kEntry = boundary_edges(false);

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
    const auto stride = static_cast<std::ptrdiff_t>(m_nx + 1);
    m_step_offset = {1, -1, stride, -stride};  // CellPath::kEast, kWest, kNorth, kSouth
    m_values.resize(m_nx * m_ny);
    m_step_s = static_cast<float>(m_cell_m);  // at 1 m/s until spread() says otherwise
    // Every entry is -1 between contours (a contour consumes the links it makes).
    if (m_next.size() < 2 * m_values.size())
        m_next.resize(2 * m_values.size(), -1);
}

void TravelTimeField::reset_like(const TravelTimeField& other) {
    m_frame = other.m_frame;
    m_cell_m = other.m_cell_m;
    m_merge = other.m_merge;
    m_step_offset = other.m_step_offset;
    m_first_column = other.m_first_column;
    m_first_row = other.m_first_row;
    m_x0 = other.m_x0;
    m_y0 = other.m_y0;
    m_nx = other.m_nx;
    m_ny = other.m_ny;
    m_step_s = other.m_step_s;
    m_cells.assign(other.m_cells.size(), kUnreached);
}

void TravelTimeField::merge(const TravelTimeField& other) {
    if (other.m_cells.size() != m_cells.size() || other.m_first_column != m_first_column ||
        other.m_first_row != m_first_row || other.m_merge != m_merge)
        throw ContractError("a travel-time field merges only one made by reset_like from it");
    const float* from = other.m_cells.data();
    float* to = m_cells.data();
    for (std::size_t k = 0; k < m_cells.size(); ++k)
        to[k] = std::min(to[k], from[k]);
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
    // j .. j + 1): its least time, a row at a time into one of three rows kept for the spread
    // (the field is read once and written once). Plain loops over rows, which the compiler
    // vectorizes.
    const std::size_t nx = m_nx, ny = m_ny, cx = m_nx + 1;
    m_marked.resize(3 * nx);
    const auto marked_row = [&](std::size_t j) {
        const float* __restrict below = m_cells.data() + j * cx;
        const float* __restrict above = below + cx;
        float* __restrict out = m_marked.data() + j % 3 * nx;
        for (std::size_t i = 0; i < nx; ++i)
            out[i] = least(least(below[i], below[i + 1]), least(above[i], above[i + 1]));
        return static_cast<const float*>(out);
    };
    // The outer ring of corners stays unreached: no marked corner is next to it.
    std::fill(m_values.begin(), m_values.begin() + static_cast<std::ptrdiff_t>(nx), kUnreached);
    std::fill(m_values.end() - static_cast<std::ptrdiff_t>(nx), m_values.end(), kUnreached);
    const float* south = marked_row(0);
    const float* centre = marked_row(1);
    for (std::size_t j = 1; j + 1 < ny; ++j) {
        const float* north = marked_row(j + 1);
        const float* __restrict s = south;
        const float* __restrict c = centre;
        const float* __restrict n = north;
        float* __restrict out = m_values.data() + j * nx;
        out[0] = out[nx - 1] = kUnreached;
        for (std::size_t i = 1; i + 1 < nx; ++i) {
            const float straight = least(least(s[i], n[i]), least(c[i - 1], c[i + 1]));
            const float slanted = least(least(s[i - 1], s[i + 1]), least(n[i - 1], n[i + 1]));
            out[i] = least(c[i], least(straight + axis, slanted + diagonal));
        }
        south = centre;
        centre = north;
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
    const std::size_t nx = m_nx;
    // A bit per corner, 64 to a word, and a spare zero word at the end of each row so that the
    // east corners of a word's cells are read across words.
    const std::size_t words = nx / 64 + 2;
    m_inside.assign(words * m_ny, 0);
    m_row.assign(words * 64, 0);
    for (std::size_t j = 0; j < m_ny; ++j) {
        const float* __restrict values = m_values.data() + j * nx;
        std::uint8_t* __restrict row = m_row.data();
        for (std::size_t i = 0; i < nx; ++i)
            row[i] = values[i] <= level ? 1 : 0;  // vectorized
        std::uint64_t* bits = m_inside.data() + j * words;
        for (std::size_t i = 0; i < nx; i += 8) {
            // Eight flags of 0 or 1 into eight bits: each byte's flag lands in the top byte at
            // its own bit, and the partial sums below it stay under 256, so nothing carries.
            std::uint64_t eight;
            std::memcpy(&eight, row + i, sizeof eight);
            bits[i / 64] |= (eight * 0x0102040810204080ULL >> 56) << (i % 64);
        }
    }
    m_starts.clear();
    const auto width = static_cast<std::uint32_t>(nx);
    // Cell k's boundary, its corners' flags in `code` (bit m: corner m, counter-clockwise from the
    // south-west). Its edges run counter-clockwise, edge m from corner m to corner m + 1. A
    // boundary piece runs from an edge left by the inside (corner m in, m + 1 out) to one
    // entering it, the inside on its left. In a saddle the two inside corners are joined (each
    // exit to the next entry), so that inside corners meeting at a diagonal stay one part.
    const auto add_boundary = [&](std::uint32_t k, unsigned code) {
        const std::array<std::uint32_t, 4> e{2 * k, 2 * (k + 1) + 1, 2 * (k + width), 2 * k + 1};
        if (code == 5 || code == 10) {
            for (unsigned m = code == 5 ? 0 : 1; m < 4; m += 2) {
                m_next[e[m]] = static_cast<std::int32_t>(e[(m + 1) % 4]);
                m_starts.push_back(e[m]);
            }
            return;
        }
        m_next[e[kExit[code]]] = static_cast<std::int32_t>(e[kEntry[code]]);
        m_starts.push_back(e[kExit[code]]);
    };
    // A cell's corners are inside flags a (south-west), b (south-east), c (north-east) and d
    // (north-west); it holds a boundary where they differ. Cells east of the last corner read
    // spare zeros, and the outermost corners are never inside, so they hold none.
    for (std::size_t j = 0; j + 1 < m_ny; ++j) {
        const std::uint64_t* south = m_inside.data() + j * words;
        const std::uint64_t* north = south + words;
        for (std::size_t w = 0; w + 1 < words; ++w) {
            const std::uint64_t a = south[w], b = a >> 1 | south[w + 1] << 63;
            const std::uint64_t d = north[w], c = d >> 1 | north[w + 1] << 63;
            for (std::uint64_t mixed = (a ^ b) | (a ^ c) | (a ^ d); mixed != 0;
                 mixed &= mixed - 1) {
                const int t = std::countr_zero(mixed);
                const auto k =
                    static_cast<std::uint32_t>(j * nx + w * 64 + static_cast<std::size_t>(t));
                const unsigned code = static_cast<unsigned>((a >> t & 1) | (b >> t & 1) << 1 |
                                                            (c >> t & 1) << 2 | (d >> t & 1) << 3);
                add_boundary(k, code);
            }
        }
    }

    std::vector<OuterRing> outers;
    std::vector<std::vector<LocalFrame::Xy>> holes;
    const double cell_area = m_cell_m * m_cell_m;
    for (std::uint32_t start : m_starts) {
        if (m_next[start] < 0)
            continue;
        std::vector<LocalFrame::Xy>& ring = m_ring;  // copied out only if kept
        ring.clear();
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
            outer.points = ring;
            outers.push_back(std::move(outer));
        } else if (-area >= min_hole_m2 && -area >= cell_area * 1e-6) {
            holes.push_back(ring);
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
