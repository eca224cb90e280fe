#pragma once
// The routable road network of one travel profile.
//
// Topology is a Boost.Graph compressed_sparse_row_graph (forward star: out-edges of node u are the
// edge indices [first_out[u], first_out[u+1])); edge attributes are parallel arrays indexed by the
// same edge index (structure of arrays). Each edge runs along a *piece*: the stretch of a road
// between two nodes, stored once with its full polyline and shared by the edges of both
// directions.
//
// Invariants (checked by the constructor, which names the one that fails):
//   first_out has node_count + 1 entries, starts at 0, never decreases, ends at edge_count;
//   every head is < node_count; every edge's piece is < piece_count, and the piece's end nodes are
//   the edge's tail and head (in the piece's direction or, if the edge is reversed, against it);
//   piece_first_point has piece_count + 1 entries, never decreases, each piece has >= 2 points;
//   every attribute array has one entry per edge / node / piece.

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/road_profile.hpp"

namespace muster {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
using PieceId = std::uint32_t;
inline constexpr NodeId kInvalidNode = UINT32_MAX;
inline constexpr EdgeId kInvalidEdge = UINT32_MAX;

/// The arrays a RoadNetwork is made of: what the builder produces and the database stores.
struct RoadNetworkArrays {
    Profile profile = Profile::drive;
    std::vector<EdgeId> first_out;            ///< node_count + 1
    std::vector<NodeId> head;                 ///< per edge
    std::vector<std::uint32_t> length_mm;     ///< per edge, millimetres
    std::vector<std::uint32_t> duration_ms;   ///< per edge, milliseconds (integers: sums are exact)
    std::vector<std::uint8_t> road_class;     ///< per edge, index into class_names
    std::vector<std::uint32_t> edge_piece;    ///< per edge: piece id, top bit set if reversed
    std::vector<Coordinate> node_coordinate;  ///< per node
    std::vector<std::uint32_t> piece_first_point;  ///< piece_count + 1, into piece_points
    std::vector<Coordinate> piece_points;          ///< every piece's polyline, end nodes included
    std::vector<std::string> class_names;          ///< road classes, e.g. "primary"
};

class RoadNetwork {
  public:
    using Graph =
        boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                           boost::no_property, NodeId, EdgeId>;
    static constexpr std::uint32_t kReversedBit = 0x8000'0000u;

    /// Takes the arrays, checks every invariant and builds the Boost graph. Throws DataError
    /// naming the invariant that fails.
    explicit RoadNetwork(RoadNetworkArrays arrays);

    Profile profile() const { return m_arrays.profile; }
    std::size_t node_count() const { return m_arrays.node_coordinate.size(); }
    std::size_t edge_count() const { return m_arrays.duration_ms.size(); }
    std::size_t piece_count() const { return m_arrays.piece_first_point.size() - 1; }

    /// The Boost.Graph view of the topology, for Boost's algorithms.
    const Graph& graph() const { return m_graph; }

    EdgeId first_out(NodeId u) const { return m_graph.m_forward.m_rowstart[u]; }
    EdgeId end_out(NodeId u) const { return m_graph.m_forward.m_rowstart[u + 1]; }
    NodeId head(EdgeId e) const { return m_graph.m_forward.m_column[e]; }
    NodeId tail(EdgeId e) const;
    double length_m(EdgeId e) const { return m_arrays.length_mm[e] * 1e-3; }
    double duration_s(EdgeId e) const { return m_arrays.duration_ms[e] * 1e-3; }
    std::uint32_t duration_ms(EdgeId e) const { return m_arrays.duration_ms[e]; }
    const std::string& road_class(EdgeId e) const {
        return m_arrays.class_names[m_arrays.road_class[e]];
    }
    Coordinate coordinate(NodeId u) const { return m_arrays.node_coordinate[u]; }

    PieceId piece(EdgeId e) const { return m_arrays.edge_piece[e] & ~kReversedBit; }
    bool reversed(EdgeId e) const { return (m_arrays.edge_piece[e] & kReversedBit) != 0; }
    /// A piece's polyline in its own direction, end nodes included.
    std::span<const Coordinate> piece_points(PieceId p) const;
    /// The edge along the piece in its direction (or against it), or kInvalidEdge.
    EdgeId piece_edge(PieceId p, bool against) const;

    /// The arrays to store. first_out and head live in the Boost graph only; these are views of
    /// it, and arrays().first_out / arrays().head are empty.
    std::span<const EdgeId> first_out_array() const { return m_graph.m_forward.m_rowstart; }
    std::span<const NodeId> head_array() const { return m_graph.m_forward.m_column; }
    const RoadNetworkArrays& arrays() const { return m_arrays; }

  private:
    RoadNetworkArrays m_arrays;
    Graph m_graph;
    std::vector<EdgeId> m_piece_forward;   // per piece
    std::vector<EdgeId> m_piece_backward;  // per piece
};

}  // namespace muster
