#pragma once
// Searches from and to points that are not nodes: a point snapped onto the middle of a road is
// left (or reached) along the edges of its piece, paying the part of the edge it travels.

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/metric.hpp"
#include "engine/snapping.hpp"

namespace muster {

/// A node a search starts from (or ends at), with the cost of the partial edge to (or from) it.
struct Seed {
    NodeId node = kInvalidNode;
    std::uint64_t duration_ms = 0;
    std::uint64_t length_mm = 0;
    EdgeId edge = kInvalidEdge;  ///< the partial edge
};

/// Nodes reached by leaving the snapped point along its piece's open edges, with the cost of the
/// rest of each edge (its duration times the fraction of its length still to travel, rounded).
std::vector<Seed> departures(const RoadNetwork& network, const Metric& metric, const Snap& at);

/// Nodes from which the snapped point is reached along its piece's open edges, with the cost of
/// the part of each edge up to the point.
std::vector<Seed> arrivals(const RoadNetwork& network, const Metric& metric, const Snap& at);

/// A trip that stays on one piece: from `from` to `to` along an open edge of the piece that runs
/// the right way. Nothing if they are on different pieces or no edge runs that way.
std::optional<Seed> direct_on_piece(const RoadNetwork& network, const Metric& metric, const Snap& from,
                                    const Snap& to);

/// Fraction of a piece's length at the snapped point, 0 at its first point.
double piece_fraction(const Snap& at);

}  // namespace muster
