#pragma once
// The cells of one square grid over a whole network that each piece of road passes through, with
// where along the piece it enters and leaves each. Built once when the network is loaded, so that
// a service area marks its travel-time field (engine/travel_time_field.hpp) from the roads it
// reached without measuring or rasterizing a polyline per query.
//
// The grid lies in one equirectangular frame (geodesic.hpp's LocalFrame) at the network's western
// edge and middle latitude, so its cells are cell_m square there and cos(lat) / cos(middle) as
// wide elsewhere (under 1 % off within 100 km north or south of the middle at 40°). Corners lie
// at (k + 1/2) cells from the frame's origin. Ferry pieces have no cells: a service area marks
// their landings only.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geodesic.hpp"
#include "engine/road_network.hpp"

namespace muster {

/// Side (m) of the cells of a driving network's grid: half a town block, so that a service
/// area's polygon follows the streets a dispatcher reads on a 5-to-15-minute map. A display
/// choice: a service area's nodes and stretches are exact, its polygon is for maps.
inline constexpr double kRoadCellDriveM = 50.0;
/// Side (m) of the cells of a walking network's grid: a few houses along a street.
inline constexpr double kRoadCellWalkM = 25.0;

inline double road_cell_m(Profile profile) {
    return profile == Profile::drive ? kRoadCellDriveM : kRoadCellWalkM;
}

/// A square grid in a frame: cell (i, j) spans x in [x0 + i·cell_m, x0 + (i + 1)·cell_m) and
/// likewise in y, for i in [0, columns) and j in [0, rows).
struct CellGrid {
    LocalFrame frame{LonLat{0, 0}};
    double cell_m = 1;
    double x0 = 0, y0 = 0;
    std::uint32_t columns = 0, rows = 0;

    /// The cell holding p, in cells (possibly outside [0, columns) x [0, rows)).
    struct Cell {
        std::int64_t column, row;
    };
    Cell cell_of(LonLat p) const {
        // Floor as truncation, less one below a negative fraction: a service area takes the
        // cell of every node it reaches, and std::floor is a call without SSE4.1's round.
        const auto floor_of = [](double v) {
            const auto t = static_cast<std::int64_t>(v);
            return v < static_cast<double>(t) ? t - 1 : t;
        };
        const auto xy = frame.to_xy(p);
        return {floor_of((xy.x - x0) / cell_m), floor_of((xy.y - y0) / cell_m)};
    }
};

/// A cell a piece passes through, relative to the south-west cell of its box, as a CellPath
/// gives it.
struct CellCrossing {
    std::uint16_t column, row;
    /// Where the piece enters and leaves the cell, as fractions of its length in its own
    /// direction times kFractionScale: enter rounded down, leave up, each with a step of margin
    /// or more (so a cell is never missed by a stretch cut at a fraction). Lengths are geodesic,
    /// as path_geometry cuts stretches.
    std::uint16_t enter, leave;

    static constexpr double kFractionScale = 65535.0;
};

/// The cells a piece passes through, in its own direction, a cell once per pass: four bytes a
/// cell. A pass ends where the next begins, on a side the two cells share, so each cell after
/// the first is stored as the step to it and where it is entered; it is left where the next is
/// entered (with kLeaveMargin), the last at the piece's end.
///   word 0: the first cell, its column in the low 16 bits and its row in the high 16 (relative
///           to the box's south-west cell), entered at 0;
///   word k: the step from cell k - 1 (Step) in the low 2 bits, cell k's enter in the high 16.
struct CellPath {
    enum Step : std::uint32_t { kEast = 0, kWest = 1, kNorth = 2, kSouth = 3 };
    /// What a cell's leave adds to the next one's enter: the enter's step down and margin, and
    /// a step of margin up.
    static constexpr std::uint32_t kLeaveMargin = 3;
    static constexpr std::uint32_t kEnd = 65535;  ///< the piece's end: kFractionScale

    std::span<const std::uint32_t> words;

    static std::uint32_t first_column(std::uint32_t word0) { return word0 & 0xFFFF; }
    static std::uint32_t first_row(std::uint32_t word0) { return word0 >> 16; }
    static Step step(std::uint32_t word) { return static_cast<Step>(word & 3); }
    static std::uint32_t enter(std::uint32_t word) { return word >> 16; }
    /// Where the cell before the one of `next` is left.
    static std::uint32_t leave_before(std::uint32_t next) {
        return std::min(kEnd, enter(next) + kLeaveMargin);
    }

    /// visit(enter, leave) for each cell in order, and move(step) from each to the next: how
    /// for_each() and a travel-time field's marking follow a path. O(cells).
    template <typename Move, typename Visit>
    void walk(const Move& move, const Visit& visit) const {
        if (words.empty())
            return;
        std::uint32_t enter_at = 0;
        for (std::size_t k = 1; k < words.size(); ++k) {
            visit(enter_at, leave_before(words[k]));
            move(step(words[k]));
            enter_at = enter(words[k]);
        }
        visit(enter_at, kEnd);
    }
    /// visit(column, row, enter, leave) for each cell in order. O(cells).
    template <typename Visit>
    void for_each(const Visit& visit) const {
        if (words.empty())
            return;
        constexpr std::int32_t kColumnStep[] = {1, -1, 0, 0}, kRowStep[] = {0, 0, 1, -1};
        std::int32_t column = static_cast<std::int32_t>(first_column(words[0]));
        std::int32_t row = static_cast<std::int32_t>(first_row(words[0]));
        walk(
            [&](Step s) {
                column += kColumnStep[s];
                row += kRowStep[s];
            },
            [&](std::uint32_t enter_at, std::uint32_t leave) {
                visit(static_cast<std::uint32_t>(column), static_cast<std::uint32_t>(row), enter_at,
                      leave);
            });
    }
    /// The cells decoded, for tests and tools. O(cells).
    std::vector<CellCrossing> crossings() const;
};

class RoadCells {
  public:
    /// The cells of every piece that is not a ferry crossing, in a grid of `cell_m` metres over
    /// the network's box. Throws ContractError unless cell_m is finite and > 0, and for a piece
    /// whose box spans more than 65,535 cells. O(points + cells crossed).
    RoadCells(const RoadNetwork& network, double cell_m);

    const CellGrid& grid() const { return m_grid; }
    /// What a service area needs of edge e, from one entry per edge: whether it is a ferry
    /// crossing (no cells) or runs against its piece, the south-west and north-east cells of its
    /// piece's box, and the piece's cells in the piece's own direction.
    struct EdgeCells {
        bool ferry;
        bool reversed;
        CellGrid::Cell box_min, box_max;
        CellPath path;
    };
    EdgeCells of(EdgeId e) const {
        const std::uint32_t entry = m_block[e];
        const Box& box = m_box[entry & kBlockMask];
        const Box& next = (&box)[1];
        return {(entry & kFerryBit) != 0,
                (entry & kReversedBit) != 0,
                {box.column, box.row},
                {box.column + box.columns, box.row + box.rows},
                {{m_paths.data() + box.first, next.first - box.first}}};
    }
    /// How far (in cells, along either axis) the boxes of the pieces of v's edges, in and out,
    /// reach beyond v's own cell; kFarReach for 255 cells or more (then look at the edges).
    /// So a window of the reached nodes' cells, each widened by its reach, holds every cell
    /// their edges cross.
    unsigned reach(NodeId v) const { return m_reach[v]; }
    static constexpr unsigned kFarReach = 255;

    std::size_t memory_bytes() const;

  private:
    struct Box {
        std::uint32_t first = 0;  ///< into m_paths
        std::uint32_t column = 0, row = 0;
        std::uint16_t columns = 0, rows = 0;  ///< extent beyond the south-west cell
    };
    static constexpr std::uint32_t kFerryBit = 1U << 31, kReversedBit = 1U << 30;
    static constexpr std::uint32_t kBlockMask = kReversedBit - 1;
    CellGrid m_grid;
    // One block per piece, in the order of the piece's first edge, so that a walk over edges in
    // id order (tail order: nodes are numbered along a Hilbert curve) reads the blocks in order.
    IdVector<EdgeId, std::uint32_t> m_block;  ///< per edge, its piece's block and the two bits
    std::vector<Box> m_box;                   ///< per block, and one past the last with its end
    IdVector<NodeId, std::uint8_t> m_reach;   ///< per node
    std::vector<std::uint32_t> m_paths;       ///< every piece's CellPath, one after another
};

}  // namespace muster
