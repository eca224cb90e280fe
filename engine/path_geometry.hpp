#pragma once
// The shape of a path: the polylines of the edges it uses, cut where it starts and ends mid-edge.

#include <cstddef>
#include <span>
#include <vector>

#include "engine/road_network.hpp"
#include "engine/snapping.hpp"

namespace muster {

/// Appends the stretch of edge e between two fractions of its length (measured from its tail, in
/// the edge's direction; from <= to, each clamped to [0, 1]), without repeating a point equal to
/// the last one in `out`. Fractions are of the geodesic length, as snapping measures offsets: the
/// cut points are interpolated linearly in lon/lat within their segment. Points strictly between
/// the cuts are the piece's own. O(points of the piece).
void append_edge_geometry(const RoadNetwork& network, EdgeId e, double from_fraction,
                          double to_fraction, std::vector<LonLat>& out);

/// Appends the stretch of edge e from the point `at` snapped onto its piece to e's head: the
/// snapped point, then the piece's points past it. The same points as append_edge_geometry from
/// at's fraction, without measuring the piece (the snap knows its segment). O(points past it).
void append_edge_after(const RoadNetwork& network, EdgeId e, const Snap& at,
                       std::vector<LonLat>& out);

/// Appends the stretch of edge e from its tail to the point `at` snapped onto its piece: the
/// piece's points before it, then the snapped point. O(points before it).
void append_edge_before(const RoadNetwork& network, EdgeId e, const Snap& at,
                        std::vector<LonLat>& out);

/// From how many edges a path's geometry is gathered by two threads (engine/run_beside): about
/// a tenth of a millisecond of work, where waking a helper costs tens of microseconds.
inline constexpr std::size_t kBesidePathEdges = 256;

/// Appends the whole edges of a path in order, without repeating a point equal to the last one in
/// `out` (so the node two edges share appears once). O(points of the pieces).
void append_path_geometry(const RoadNetwork& network, std::span<const EdgeId> path,
                          std::vector<LonLat>& out);

}  // namespace muster
