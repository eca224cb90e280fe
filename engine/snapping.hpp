#pragma once
// Snapping points to the road network: the nearest point on any road piece, by projection onto
// its segments, found through an R-tree (Boost.Geometry) of boxes over runs of segments. Ferry
// crossings are indexed (a hazard zone over one finds it) but never snapped to: a point at sea or
// on a quay is not on the crossing, as in OSRM, whose profiles make ferries no start points. The
// R-tree lives in snapping.cpp only, so that the many files including this header do not compile
// Boost.Geometry.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "engine/road_network.hpp"

namespace muster {

/// Default limit beyond which a point is not snapped: farther than 1 km from any road, a point
/// is an error (or a problem for a bulk import), not a silent snap.
inline constexpr double kDefaultSnapLimitM = 1000.0;

/// Where a point meets the road network.
struct Snap {
    PieceId piece{0};
    std::uint32_t segment = 0;  ///< index of the segment within the piece
    double fraction = 0;        ///< position along that segment, 0..1
    double offset_m = 0;        ///< distance from the piece's first point along the road
    double piece_length_m = 0;
    LonLat point;           ///< the snapped point on the road
    double distance_m = 0;  ///< from the query point to `point`, geodesic
    /// Set when a nearer road on a small isolated part of the network was passed over for this
    /// one (snap_to_network): how far that road is from the query point, in metres.
    std::optional<double> passed_small_m;
};

class SnapIndex {
  public:
    /// Indexes every segment of every piece of `network`, which must outlive the index.
    /// O(S log S) in the number of segments; about 24 bytes per 8 segments and per piece.
    explicit SnapIndex(const RoadNetwork& network);
    SnapIndex(SnapIndex&&) noexcept;
    ~SnapIndex();

    /// The nearest point on the network (off ferries) within max_distance_m, or nothing. Throws
    /// ContractError for a limit that is negative or not finite. About O(log S).
    std::optional<Snap> nearest(LonLat p, double max_distance_m = kDefaultSnapLimitM) const;

    /// As nearest(), among the pieces for which `accept(piece)` is true only (e.g. those of the
    /// main network); of segments equally near, the lowest piece's lowest. Examines segments
    /// nearest first until one is accepted or the limit is passed, and only those within the
    /// limit in latitude and in longitude, so that a point far from the network is refused at
    /// once even at a pole (where degrees of longitude span no metres): O(log S + segments
    /// nearer than the answer).
    std::optional<Snap> nearest_accepted(LonLat p, double max_distance_m,
                                         const std::function<bool(PieceId)>& accept) const;

    /// As nearest(), but throws InputError naming the point, its distance and the limit.
    Snap snap(LonLat p, double max_distance_m = kDefaultSnapLimitM) const;

    /// The pieces whose index boxes (over runs of a few segments) meet `box` (degrees), sorted,
    /// each once: the candidates for an exact test against a shape inside the box, every piece
    /// with a segment in the box among them. Empty for an empty box.
    /// O(log S + candidates).
    std::vector<PieceId> pieces_in_box(const BoundingBox& box) const;

    const RoadNetwork& network() const { return m_network; }

  private:
    struct Tree;  // the R-tree of segment boxes (snapping.cpp)

    const RoadNetwork& m_network;
    double m_lon_scale =
        1;  // cos(latitude) at the network's centre: boxes are roughly square in metres
    std::unique_ptr<const Tree> m_tree;
};

}  // namespace muster
