// outline_cells (engine/geometry.hpp): the boundary of a raster's marked cells traced into rings
// on the grid itself, in time linear in the cells. (GEOS's polygonizer, used before, assigns
// holes to shells in time quadratic in the boundary: 25 s for one band over Malta's walk network.)

#include <array>
#include <cstdint>
#include <vector>

#include "engine/cell_raster.hpp"
#include "engine/geometry.hpp"

namespace muster {
namespace {

using Index = std::ptrdiff_t;

// Directions of a boundary edge, counter-clockwise: east (+x), north (+y), west, south. An edge
// is directed with its marked cell on its left, so outer rings run counter-clockwise and holes
// clockwise.
enum Direction : int { east = 0, north = 1, west = 2, south = 3 };
constexpr std::array<Index, 4> kStepX{1, 0, -1, 0};
constexpr std::array<Index, 4> kStepY{0, 1, 0, -1};
constexpr int left_of(int d) {
    return (d + 1) % 4;
}
constexpr int right_of(int d) {
    return (d + 3) % 4;
}

class Outline {
  public:
    Outline(const CellRaster& raster, std::uint16_t up_to)
        : m_raster(raster),
          m_up_to(up_to),
          m_columns(static_cast<Index>(raster.columns())),
          m_rows(static_cast<Index>(raster.rows())) {}

    MultiPolygon trace() {
        label_parts();
        if (m_parts == 0)
            return {};
        std::vector<Polygon> polygons(m_parts);
        std::vector<std::vector<Ring>> holes(m_parts);
        m_used.assign(static_cast<std::size_t>((m_columns + 1) * (m_rows + 1)), 0);
        for (Index j = 0; j <= m_rows; ++j) {
            for (Index i = 0; i <= m_columns; ++i) {
                for (int d = 0; d < 4; ++d) {
                    if (!leaves(i, j, d) || (used(i, j) & (1U << d)))
                        continue;
                    const std::int32_t part = part_left_of(i, j, d);
                    std::int64_t twice_area = 0;
                    Ring ring = trace_ring(i, j, d, twice_area);
                    if (twice_area > 0) {
                        polygons[static_cast<std::size_t>(part)].rings.insert(
                            polygons[static_cast<std::size_t>(part)].rings.begin(),
                            std::move(ring));
                    } else {
                        holes[static_cast<std::size_t>(part)].push_back(std::move(ring));
                    }
                }
            }
        }
        MultiPolygon result;
        for (std::size_t p = 0; p < polygons.size(); ++p) {
            Polygon& polygon = polygons[p];
            for (Ring& hole : holes[p])
                polygon.rings.push_back(std::move(hole));
            result.polygons.push_back(std::move(polygon));
        }
        return result;
    }

  private:
    bool in(Index i, Index j) const { return m_raster.marked(i, j, m_up_to); }
    std::int32_t part(Index i, Index j) const {
        return m_part[static_cast<std::size_t>(j * m_columns + i)];
    }
    std::uint8_t& used(Index i, Index j) {
        return m_used[static_cast<std::size_t>(j * (m_columns + 1) + i)];
    }

    // The cells around vertex (i, j): north-east is cell (i, j), north-west (i - 1, j), south-west
    // (i - 1, j - 1), south-east (i, j - 1). The cell on the left of the edge leaving the vertex
    // in direction d, and the one on its right.
    static std::array<Index, 2> left_cell(Index i, Index j, int d) {
        constexpr std::array<std::array<Index, 2>, 4> offset{{{0, 0}, {-1, 0}, {-1, -1}, {0, -1}}};
        return {i + offset[static_cast<std::size_t>(d)][0],
                j + offset[static_cast<std::size_t>(d)][1]};
    }
    static std::array<Index, 2> right_cell(Index i, Index j, int d) {
        return left_cell(i, j, right_of(d));
    }
    // Whether a boundary edge leaves vertex (i, j) in direction d: a marked cell on its left, an
    // unmarked one on its right.
    bool leaves(Index i, Index j, int d) const {
        const auto l = left_cell(i, j, d), r = right_cell(i, j, d);
        return in(l[0], l[1]) && !in(r[0], r[1]);
    }
    std::int32_t part_left_of(Index i, Index j, int d) const {
        const auto l = left_cell(i, j, d);
        return part(l[0], l[1]);
    }

    // Numbers the parts of the marked cells: cells joined by a side (not by a corner alone).
    void label_parts() {
        m_part.assign(static_cast<std::size_t>(m_columns * m_rows), -1);
        std::vector<std::array<Index, 2>> stack;
        for (Index j = 0; j < m_rows; ++j) {
            for (Index i = 0; i < m_columns; ++i) {
                if (!in(i, j) || part(i, j) >= 0)
                    continue;
                const std::int32_t label = m_parts++;
                m_part[static_cast<std::size_t>(j * m_columns + i)] = label;
                stack.push_back({i, j});
                while (!stack.empty()) {
                    const auto [ci, cj] = stack.back();
                    stack.pop_back();
                    for (int d = 0; d < 4; ++d) {
                        const Index ni = ci + kStepX[static_cast<std::size_t>(d)];
                        const Index nj = cj + kStepY[static_cast<std::size_t>(d)];
                        if (!in(ni, nj) || part(ni, nj) >= 0)
                            continue;
                        m_part[static_cast<std::size_t>(nj * m_columns + ni)] = label;
                        stack.push_back({ni, nj});
                    }
                }
            }
        }
    }

    // Follows boundary edges from vertex (i, j) leaving in direction d until back at it, marking
    // them used; the ring holds the corners only, closed. At a vertex where two marked cells meet
    // at a corner only (the one place with two ways on), the ring turns left, around the cell it
    // came along, if they are different parts, so that the parts stay apart; and right if they
    // are one part, so that the hole they close off is a ring of its own. Either way every ring
    // is simple. `twice_area` gets twice its signed area in cells (> 0: counter-clockwise).
    Ring trace_ring(Index i0, Index j0, int d0, std::int64_t& twice_area) {
        Ring ring;
        Index i = i0, j = j0;
        int d = d0;
        int previous = -1;
        twice_area = 0;
        while (true) {
            used(i, j) |= static_cast<std::uint8_t>(1U << d);
            if (d != previous)
                ring.push_back(corner(i, j));
            const Index ni = i + kStepX[static_cast<std::size_t>(d)];
            const Index nj = j + kStepY[static_cast<std::size_t>(d)];
            twice_area += i * nj - ni * j;
            i = ni;
            j = nj;
            previous = d;
            d = next_direction(i, j, d);
            if (i == i0 && j == j0 && d == d0)
                break;
        }
        if (previous == d0)  // the start lies on a straight run: not a corner
            ring.erase(ring.begin());
        ring.push_back(ring.front());
        return ring;
    }

    int next_direction(Index i, Index j, int arrived) const {
        const int left = left_of(arrived), right = right_of(arrived);
        const bool can_left = leaves(i, j, left), can_right = leaves(i, j, right);
        if (can_left && can_right) {
            const auto came = left_cell(i, j, left);  // the cell the edge came along
            const auto other = left_cell(i, j, right);
            return part(came[0], came[1]) != part(other[0], other[1]) ? left : right;
        }
        if (can_left)
            return left;
        if (can_right)
            return right;
        return arrived;  // straight on
    }

    LonLat corner(Index i, Index j) const {
        const double c = m_raster.cell_m();
        return m_raster.frame().to_lon_lat({m_raster.x0_m() + static_cast<double>(i) * c,
                                            m_raster.y0_m() + static_cast<double>(j) * c});
    }

    const CellRaster& m_raster;
    std::uint16_t m_up_to;
    Index m_columns, m_rows;
    std::int32_t m_parts = 0;
    std::vector<std::int32_t> m_part;  // per cell: its part, or -1 if unmarked
    std::vector<std::uint8_t> m_used;  // per vertex: the directions of the edges traced from it
};

}  // namespace

MultiPolygon outline_cells(const CellRaster& raster, std::uint16_t up_to) {
    return Outline(raster, up_to).trace();
}

}  // namespace muster
