#pragma once
// The roads' lines as a map draws them at a zoom (GET /map/roads?tolerance_m=): each piece of a
// network simplified (engine/geometry.hpp's simplified_line_m) at a few tolerances, made once per
// network when the service starts, so that a query only picks a level. Zoomed out, a view of a
// whole county draws about half the points, each within the tolerance of the road.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/road_network.hpp"

namespace muster::tools {

/// The tolerances of the levels kept, in metres: about half a screen pixel at zoom 13, 12 and 11
/// at mid latitudes (a pixel is 19, 38, 76 m at the equator, cos(latitude) of that elsewhere).
inline constexpr std::array<double, 3> kRoadMapTolerancesM{4, 10, 30};

/// The most a query may ask: coarser outlines than a kilometre would not be roads any more.
inline constexpr double kMaxRoadMapToleranceM = 1000;

class RoadMapGeometry {
  public:
    /// Every piece of `network` at every level of kRoadMapTolerancesM. The network must outlive
    /// this object. O(points · log points) of GEOS work per level.
    explicit RoadMapGeometry(const RoadNetwork& network);

    /// The points to draw piece p with, within tolerance_m metres of its line: the coarsest level
    /// whose tolerance is at most tolerance_m, or the piece's own points below the finest or where
    /// that level keeps them all. A level's points are copied into `scratch`, which the span then
    /// views. O(points).
    std::span<const Coordinate> points(PieceId p, double tolerance_m,
                                       std::vector<Coordinate>& scratch) const;

    /// The points drawn at each level, every piece's: for the service's log and tests.
    std::array<std::size_t, kRoadMapTolerancesM.size()> level_points() const;

  private:
    // Only the pieces a level drops points of: most pieces are straight between their nodes and
    // are drawn with their own points at every level (a province has tens of millions). Those
    // are told by a bit per piece, and numbered by the bits set before them. The points kept
    // are a subset of the piece's own (Douglas-Peucker keeps vertices), so a level holds their
    // positions among the piece's points, two bytes each rather than a coordinate's eight. On
    // the 10⁷-node province the three levels took 478 MB as coordinates and sorted piece ids,
    // 222 MB as positions, 161 MB with the bits. A piece of more than 65,536 points is drawn
    // with all of them.
    struct Level {
        std::vector<std::uint64_t> simplified;   ///< a bit per piece
        std::vector<std::uint32_t> before_word;  ///< per word of bits, the bits set before it
        std::vector<std::uint32_t> first;  ///< per simplified piece, into kept; one more at the end
        std::vector<std::uint16_t> kept;   ///< the positions of the points kept, ascending

        /// The number among the simplified pieces of p, if it is one.
        std::optional<std::size_t> index(PieceId p) const;
    };
    const RoadNetwork* m_network;
    std::array<Level, kRoadMapTolerancesM.size()> m_levels;
};

}  // namespace muster::tools
