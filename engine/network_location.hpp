#pragma once
// Searches from and to points that are not nodes: a point snapped onto the middle of a road is
// left (or reached) along the edges of its piece, paying the part of the edge it travels. A point
// snapped onto an end of its piece is that end's node, whichever of the node's pieces it lies on.

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
    EdgeId edge = kInvalidEdge;  ///< the partial edge; kInvalidEdge for a point that is the node
};

/// Within this distance of an end of its piece, measured along the piece, a snapped point is at
/// that end's node (m). A point given by a node's own coordinates snaps nanometres off the node:
/// the projection onto a segment is computed in floating point.
inline constexpr double kAtNodeM = 0.01;

/// The node a snapped point is at: the first or last node of its piece when the point lies
/// within kAtNodeM of it along the piece (the nearer one on a piece shorter than 2 cm); nothing
/// for a point inside the piece. O(1).
std::optional<NodeId> node_at(const RoadNetwork& network, const Snap& at);

/// Nodes reached by leaving the snapped point along its piece's open edges, with the cost of the
/// rest of each edge (its duration times the fraction of its length still to travel, rounded).
/// A point at a node (node_at) is that node: its one seed is the node itself, cost 0, edge
/// kInvalidEdge, so it leaves by any road of the node, not only along the piece it snapped onto
/// (which may be a one-way road leading into the node). O(1).
std::vector<Seed> departures(const RoadNetwork& network, const Metric& metric, const Snap& at);

/// Nodes from which the snapped point is reached along its piece's open edges, with the cost of
/// the part of each edge up to the point; a point at a node has that node as its one seed, cost 0
/// (edge kInvalidEdge), so it is reached by any road into the node. O(1).
std::vector<Seed> arrivals(const RoadNetwork& network, const Metric& metric, const Snap& at);

/// A trip that stays on one piece: from `from` to `to` along an open edge of the piece that runs
/// the right way (node kInvalidNode, the cost of the stretch between them). Nothing if they are
/// on different pieces or no open edge runs that way. Two snaps at the same place give a trip of
/// cost 0 whatever the piece's directions. O(1).
std::optional<Seed> direct_on_piece(const RoadNetwork& network, const Metric& metric,
                                    const Snap& from, const Snap& to);

/// Fraction of a piece's length at the snapped point, 0 at its first point, 1 at its last;
/// exactly 0 or 1 for a point at a node (node_at), so a route from a node starts at the node.
double piece_fraction(const Snap& at);

}  // namespace muster
