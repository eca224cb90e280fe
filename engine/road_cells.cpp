#include "engine/road_cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "engine/detail/grid_traversal.hpp"
#include "engine/errors.hpp"

namespace muster {
namespace {

// The geodesic length of a short segment, from the ellipsoid's radii at its middle latitude:
// within 1e-7 of PROJ's geodesic for segments of a few kilometres (the error grows with the
// square of the length over the earth's radius), and a hundred times faster. The fractions it
// gives match path_geometry's cuts far below CellCrossing's resolution.
double segment_m(LonLat a, LonLat b) {
    const LocalFrame local({(a.lon + b.lon) / 2, (a.lat + b.lat) / 2});
    const auto p = local.to_xy(a), q = local.to_xy(b);
    return std::hypot(q.x - p.x, q.y - p.y);
}

// A fraction of a piece in CellCrossing's fixed point, rounded down with a step of margin.
std::uint16_t scaled_down(double fraction) {
    const double rounded = std::floor(fraction * CellCrossing::kFractionScale) - 1;
    return static_cast<std::uint16_t>(std::clamp(rounded, 0.0, CellCrossing::kFractionScale));
}

// A grid of `cell_m` over the network's box, in a frame at its western edge and middle
// latitude, corners at (k + 1/2) cells from the frame's origin, one spare cell on every side.
CellGrid grid_over(const RoadNetwork& network, double cell_m) {
    BoundingBox box;
    for (NodeId u : network.nodes())
        box.extend(network.coordinate(u).lon_lat());
    for (const Coordinate& c : network.arrays().piece_points)
        box.extend(c.lon_lat());
    if (box.empty())
        box.extend({0, 0});
    CellGrid grid;
    grid.frame = LocalFrame({box.min_lon, (box.min_lat + box.max_lat) / 2});
    grid.cell_m = cell_m;
    const auto low = grid.frame.to_xy({box.min_lon, box.min_lat});
    const auto high = grid.frame.to_xy({box.max_lon, box.max_lat});
    const double first_x = std::floor(low.x / cell_m - 0.5) - 1;
    const double first_y = std::floor(low.y / cell_m - 0.5) - 1;
    grid.x0 = (first_x + 0.5) * cell_m;
    grid.y0 = (first_y + 0.5) * cell_m;
    grid.columns = static_cast<std::uint32_t>(std::floor(high.x / cell_m - 0.5) + 2 - first_x);
    grid.rows = static_cast<std::uint32_t>(std::floor(high.y / cell_m - 0.5) + 2 - first_y);
    return grid;
}

struct PieceCell {
    std::int64_t column, row;
    double enter;  ///< a fraction of the piece's length
};

// The cells a piece's polyline passes through, in order, with where along it each is entered;
// a cell once per pass (the next segment in the same cell goes on in it). `along` is scratch.
void trace_piece(const CellGrid& grid, std::span<const Coordinate> points,
                 std::vector<double>& along, std::vector<PieceCell>& cells) {
    along.assign(points.size(), 0.0);
    for (std::size_t k = 1; k < points.size(); ++k)
        along[k] = along[k - 1] + segment_m(points[k - 1].lon_lat(), points[k].lon_lat());
    const double total = along.back();
    cells.clear();
    for (std::size_t k = 1; k < points.size(); ++k) {
        const auto a = grid.frame.to_xy(points[k - 1].lon_lat());
        const auto b = grid.frame.to_xy(points[k].lon_lat());
        const double length = along[k] - along[k - 1];
        const auto fraction = [&](double s) {
            return total > 0 ? (along[k - 1] + s * length) / total : 0.0;
        };
        detail::for_each_cell(
            (a.x - grid.x0) / grid.cell_m, (a.y - grid.y0) / grid.cell_m,
            (b.x - grid.x0) / grid.cell_m, (b.y - grid.y0) / grid.cell_m,
            [&](std::ptrdiff_t i, std::ptrdiff_t j, double in, double /*out*/) {
                if (cells.empty() || cells.back().column != i || cells.back().row != j)
                    cells.push_back({i, j, fraction(in)});
            });
    }
}

// At least as many crossings as every piece's trace has, from its points' cells alone (each
// segment crosses at most its cells' Manhattan distance apart, plus one), so the crossings are
// stored without growing: a province's roads cross tens of millions of cells.
std::size_t crossings_bound(const CellGrid& grid, const RoadNetwork& network) {
    std::size_t bound = 0;
    for (PieceId p : network.pieces()) {
        const auto points = network.piece_points(p);
        CellGrid::Cell previous = grid.cell_of(points.front().lon_lat());
        bound += 1;
        for (const Coordinate& point : points.subspan(1)) {
            const CellGrid::Cell next = grid.cell_of(point.lon_lat());
            bound += static_cast<std::size_t>(std::abs(next.column - previous.column) +
                                              std::abs(next.row - previous.row) + 1);
            previous = next;
        }
    }
    return bound;
}

// Appends the CellPath of a piece's cells, whose box's south-west cell is (min_i, min_j).
// Throws ContractError if two cells in a row do not share a side (a trace steps along one axis
// at a time, and a piece's segments join at their points).
void append_path(const std::vector<PieceCell>& cells, std::int64_t min_i, std::int64_t min_j,
                 std::vector<std::uint32_t>& path) {
    const auto column = static_cast<std::uint32_t>(cells.front().column - min_i);
    const auto row = static_cast<std::uint32_t>(cells.front().row - min_j);
    path.push_back(column | row << 16);
    for (std::size_t k = 1; k < cells.size(); ++k) {
        const std::int64_t di = cells[k].column - cells[k - 1].column;
        const std::int64_t dj = cells[k].row - cells[k - 1].row;
        if (std::abs(di) + std::abs(dj) != 1)
            throw ContractError("a piece of road's cells do not follow one another side by side");
        const CellPath::Step step = di == 1    ? CellPath::kEast
                                    : di == -1 ? CellPath::kWest
                                    : dj == 1  ? CellPath::kNorth
                                               : CellPath::kSouth;
        path.push_back(step | std::uint32_t{scaled_down(cells[k].enter)} << 16);
    }
}

}  // namespace

RoadCells::RoadCells(const RoadNetwork& network, double cell_m) {
    if (!(cell_m > 0) || !std::isfinite(cell_m))
        throw ContractError("a network's grid of cells needs a finite cell size > 0 m");
    m_grid = grid_over(network, cell_m);
    m_block.assign(network.edge_count(), 0);
    std::vector<std::uint32_t> block_of(network.piece_count(), UINT32_MAX);
    std::vector<double> along;
    std::vector<PieceCell> cells;
    m_box.reserve(network.piece_count() + 1);
    m_paths.reserve(crossings_bound(m_grid, network));
    for (EdgeId e : network.edges()) {
        const PieceId p = network.piece(e);
        const std::uint32_t flags =
            (network.ferry(e) ? kFerryBit : 0) | (network.reversed(e) ? kReversedBit : 0);
        if (block_of[p.value()] != UINT32_MAX) {
            m_block[e] = block_of[p.value()] | flags;
            continue;
        }
        if (m_box.size() > kBlockMask)
            throw ContractError("a network's grid of cells holds at most 2^30 pieces");
        block_of[p.value()] = static_cast<std::uint32_t>(m_box.size());
        m_block[e] = block_of[p.value()] | flags;
        Box& box = m_box.emplace_back();
        box.first = static_cast<std::uint32_t>(m_paths.size());
        if (network.ferry_piece(p))
            continue;
        trace_piece(m_grid, network.piece_points(p), along, cells);
        std::int64_t min_i = cells.front().column, min_j = cells.front().row;
        std::int64_t max_i = min_i, max_j = min_j;
        for (const PieceCell& c : cells) {
            min_i = std::min(min_i, c.column);
            min_j = std::min(min_j, c.row);
            max_i = std::max(max_i, c.column);
            max_j = std::max(max_j, c.row);
        }
        constexpr std::int64_t kMaxSpan = std::numeric_limits<std::uint16_t>::max();
        if (max_i - min_i > kMaxSpan || max_j - min_j > kMaxSpan || min_i < 0 || min_j < 0)
            throw ContractError("a piece of road spans more cells than its box can hold");
        box.column = static_cast<std::uint32_t>(min_i);
        box.row = static_cast<std::uint32_t>(min_j);
        box.columns = static_cast<std::uint16_t>(max_i - min_i);
        box.rows = static_cast<std::uint16_t>(max_j - min_j);
        append_path(cells, min_i, min_j, m_paths);
    }
    m_box.push_back({static_cast<std::uint32_t>(m_paths.size()), 0, 0, 0, 0});
    // Each node's reach: the farthest its edges' pieces' boxes lie from its own cell.
    m_reach.assign(network.node_count(), 0);
    const auto widen = [&](NodeId v, EdgeId e) {
        const EdgeCells edge = of(e);
        if (edge.ferry)
            return;
        const CellGrid::Cell c = m_grid.cell_of(network.coordinate(v).lon_lat());
        const std::int64_t far =
            std::max({c.column - edge.box_min.column, edge.box_max.column - c.column,
                      c.row - edge.box_min.row, edge.box_max.row - c.row, std::int64_t{0}});
        m_reach[v] = static_cast<std::uint8_t>(
            std::max<std::int64_t>(m_reach[v], std::min<std::int64_t>(far, kFarReach)));
    };
    for (NodeId u : network.nodes()) {
        for (EdgeId e : network.out_edges(u)) {
            widen(u, e);
            widen(network.head(e), e);
        }
    }
    m_paths.shrink_to_fit();
}

std::size_t RoadCells::memory_bytes() const {
    return m_block.capacity() * sizeof(std::uint32_t) + m_box.capacity() * sizeof(Box) +
           m_paths.capacity() * sizeof(std::uint32_t) + m_reach.capacity();
}

std::vector<CellCrossing> CellPath::crossings() const {
    std::vector<CellCrossing> out;
    out.reserve(words.size());
    for_each(
        [&](std::uint32_t column, std::uint32_t row, std::uint32_t enter, std::uint32_t leave) {
            out.push_back({static_cast<std::uint16_t>(column), static_cast<std::uint16_t>(row),
                           static_cast<std::uint16_t>(enter), static_cast<std::uint16_t>(leave)});
        });
    return out;
}

}  // namespace muster
