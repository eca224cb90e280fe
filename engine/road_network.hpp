#pragma once
// The routable road network of one travel profile.
//
// Topology is a compressed sparse row forward star: the out-edges of node u are the edge ids
// [first_out[u], first_out[u+1]), the head of edge e is head[e]; edge attributes are parallel
// arrays indexed by the same edge id (structure of arrays). road_network_graph.hpp gives a
// Boost.Graph view of it for Boost's algorithms. Each edge runs along a *piece*: the stretch of a
// road between two nodes, stored once with its full polyline and shared by the edges of both
// directions.
//
// Invariants (checked by the constructor, which names the one that fails):
//   first_out has node_count + 1 entries, starts at 0, never decreases, ends at edge_count;
//   every head is < node_count; every edge's piece is < piece_count, and the piece's end nodes are
//   the edge's tail and head (in the piece's direction or, if the edge is reversed, against it);
//   piece_first_point has piece_count + 1 entries, never decreases, each piece has >= 2 points;
//   every piece has an edge in at least one direction;
//   every attribute array has one entry per edge / node / piece.

#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/id_vector.hpp"
#include "engine/road_profile.hpp"
#include "engine/strong_id.hpp"

namespace muster {

struct NodeIdTag;
struct EdgeIdTag;
struct PieceIdTag;
/// A node of a RoadNetwork: 0 .. node_count - 1.
using NodeId = StrongId<NodeIdTag>;
/// A directed edge of a RoadNetwork: 0 .. edge_count - 1, grouped by tail.
using EdgeId = StrongId<EdgeIdTag>;
/// A piece of road (the polyline both directions of a road share): 0 .. piece_count - 1.
using PieceId = StrongId<PieceIdTag>;
// Zero cost: an id is its integer, and arrays of ids are stored and loaded as bytes.
static_assert(sizeof(NodeId) == sizeof(std::uint32_t) && sizeof(EdgeId) == sizeof(std::uint32_t) &&
              sizeof(PieceId) == sizeof(std::uint32_t));
static_assert(std::is_trivially_copyable_v<NodeId> && std::is_trivially_copyable_v<EdgeId> &&
              std::is_trivially_copyable_v<PieceId>);
inline constexpr NodeId kInvalidNode{UINT32_MAX};
inline constexpr EdgeId kInvalidEdge{UINT32_MAX};

/// The arrays a RoadNetwork is made of: what the builder produces and the database stores.
struct RoadNetworkArrays {
    Profile profile = Profile::drive;
    IdVector<NodeId, EdgeId> first_out;            ///< node_count + 1
    IdVector<EdgeId, NodeId> head;                 ///< per edge
    IdVector<EdgeId, std::uint32_t> length_mm;     ///< per edge, millimetres
    IdVector<EdgeId, std::uint32_t> duration_ms;   ///< per edge, milliseconds (integers: sums
                                                   ///< are exact)
    IdVector<EdgeId, std::uint8_t> road_class;     ///< per edge, index into class_names
    IdVector<EdgeId, std::uint32_t> edge_piece;    ///< per edge: piece id, top bit if reversed
    IdVector<NodeId, Coordinate> node_coordinate;  ///< per node
    IdVector<PieceId, std::uint32_t> piece_first_point;  ///< piece_count + 1, into piece_points
    std::vector<Coordinate> piece_points;  ///< every piece's polyline, end nodes included
    std::vector<std::string> class_names;  ///< road classes, e.g. "primary"
    friend bool operator==(const RoadNetworkArrays&, const RoadNetworkArrays&) = default;
};

class RoadNetwork {
  public:
    static constexpr std::uint32_t kReversedBit = 0x8000'0000u;

    /// Takes the arrays and checks every invariant. Throws DataError naming the invariant that
    /// fails.
    explicit RoadNetwork(RoadNetworkArrays arrays);

    Profile profile() const { return m_arrays.profile; }
    std::size_t node_count() const { return m_arrays.node_coordinate.size(); }
    std::size_t edge_count() const { return m_arrays.duration_ms.size(); }
    std::size_t piece_count() const { return m_arrays.piece_first_point.size() - 1; }

    /// Every node, every edge, every piece: for range-for.
    IdRange<NodeId> nodes() const { return first_ids<NodeId>(node_count()); }
    IdRange<EdgeId> edges() const { return first_ids<EdgeId>(edge_count()); }
    IdRange<PieceId> pieces() const { return first_ids<PieceId>(piece_count()); }

    EdgeId first_out(NodeId u) const { return m_arrays.first_out[u]; }
    EdgeId end_out(NodeId u) const { return m_arrays.first_out[u + 1]; }
    /// The out-edges of u: [first_out(u), end_out(u)).
    IdRange<EdgeId> out_edges(NodeId u) const { return {first_out(u), end_out(u)}; }
    NodeId head(EdgeId e) const { return m_arrays.head[e]; }
    /// A binary search over first_out: O(log n). ReverseGraph::tail is O(1).
    NodeId tail(EdgeId e) const;
    double length_m(EdgeId e) const { return m_arrays.length_mm[e] * 1e-3; }
    std::uint32_t length_mm(EdgeId e) const { return m_arrays.length_mm[e]; }
    double duration_s(EdgeId e) const { return m_arrays.duration_ms[e] * 1e-3; }
    std::uint32_t duration_ms(EdgeId e) const { return m_arrays.duration_ms[e]; }
    const std::string& road_class(EdgeId e) const {
        return m_arrays.class_names[m_arrays.road_class[e]];
    }
    Coordinate coordinate(NodeId u) const { return m_arrays.node_coordinate[u]; }
    /// Whether the edge is a ferry crossing (class kFerryClass). O(1).
    bool ferry(EdgeId e) const { return m_arrays.road_class[e] == m_ferry_class; }
    /// Whether the piece is a ferry crossing. O(1).
    bool ferry_piece(PieceId p) const;
    /// The road class of a piece (that of its edges).
    const std::string& piece_class(PieceId p) const;

    PieceId piece(EdgeId e) const { return PieceId(m_arrays.edge_piece[e] & ~kReversedBit); }
    bool reversed(EdgeId e) const { return (m_arrays.edge_piece[e] & kReversedBit) != 0; }
    /// A piece's polyline in its own direction, end nodes included.
    std::span<const Coordinate> piece_points(PieceId p) const;
    /// The edge along the piece in its direction (or against it), or kInvalidEdge.
    EdgeId piece_edge(PieceId p, bool against) const;

    /// The arrays the network is made of, e.g. to store.
    const RoadNetworkArrays& arrays() const { return m_arrays; }

  private:
    EdgeId any_piece_edge(PieceId p) const;  // forward if there is one, else backward
    RoadNetworkArrays m_arrays;
    IdVector<PieceId, EdgeId> m_piece_forward;   // per piece
    IdVector<PieceId, EdgeId> m_piece_backward;  // per piece
    int m_ferry_class = -1;                      // index of kFerryClass in class_names, if any
};

}  // namespace muster
