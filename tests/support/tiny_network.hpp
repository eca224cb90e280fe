#pragma once
// Test support: road networks drawn by hand. Nodes are given by coordinate (node id = position in
// the list), roads by their end nodes with travel times and lengths chosen by the test, so the
// expected answers are sums a reader can check. Road i is piece i; a two-way road has a forward
// edge (its digitised direction) and a reversed one.

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "engine/road_network.hpp"
#include "engine/snapping.hpp"
#include "tests/support/ids.hpp"

namespace muster::test {

/// A node of a tiny network: its position in the node list, written as a number or a NodeId.
struct TinyNode {
    TinyNode(std::uint32_t position) : id(position) {}  // NOLINT: implicit, to draw roads tersely
    TinyNode(NodeId node) : id(node) {}                 // NOLINT
    NodeId id;
};

struct TinyRoad {
    TinyNode from = 0;
    TinyNode to = 0;
    std::uint32_t duration_ms = 0;
    std::uint32_t length_mm = 0;
    bool oneway = false;           ///< only from -> to
    std::vector<LonLat> via = {};  ///< shape points between the end nodes
    bool against_only = false;  ///< only to -> from: a one-way road digitised against its direction
};

/// A network of `nodes` and `roads`, exactly as given.
inline RoadNetwork tiny_network(const std::vector<LonLat>& nodes,
                                const std::vector<TinyRoad>& roads,
                                Profile profile = Profile::drive) {
    struct Edge {
        NodeId tail, head;
        std::uint32_t piece_ref, duration_ms, length_mm;
    };
    std::vector<Edge> edges;
    RoadNetworkArrays a;
    a.profile = profile;
    a.class_names = {"residential"};
    for (std::uint32_t i = 0; i < roads.size(); ++i) {
        const TinyRoad& r = roads[i];
        a.piece_first_point.push_back(static_cast<std::uint32_t>(a.piece_points.size()));
        a.piece_points.push_back(Coordinate::from(nodes[r.from.id.value()]));
        for (LonLat p : r.via)
            a.piece_points.push_back(Coordinate::from(p));
        a.piece_points.push_back(Coordinate::from(nodes[r.to.id.value()]));
        if (!r.against_only)
            edges.push_back({r.from.id, r.to.id, i, r.duration_ms, r.length_mm});
        if (!r.oneway)
            edges.push_back(
                {r.to.id, r.from.id, i | RoadNetwork::kReversedBit, r.duration_ms, r.length_mm});
    }
    a.piece_first_point.push_back(static_cast<std::uint32_t>(a.piece_points.size()));
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        return std::tie(x.tail, x.head, x.piece_ref) < std::tie(y.tail, y.head, y.piece_ref);
    });
    a.first_out.assign(nodes.size() + 1, EdgeId(0));
    for (const Edge& e : edges) {
        ++a.first_out[e.tail + 1];
        a.head.push_back(e.head);
        a.length_mm.push_back(e.length_mm);
        a.duration_ms.push_back(e.duration_ms);
        a.road_class.push_back(0);
        a.edge_piece.push_back(e.piece_ref);
    }
    for (NodeId v : first_ids<NodeId>(nodes.size()))
        a.first_out[v + 1] = a.first_out[v + 1] + (a.first_out[v] - EdgeId(0));
    for (LonLat p : nodes)
        a.node_coordinate.push_back(Coordinate::from(p));
    return RoadNetwork(std::move(a));
}

/// The edge from node `from` to node `to`; fails the test if there is none.
inline EdgeId edge_between(const RoadNetwork& network, TinyNode from, TinyNode to) {
    for (EdgeId e : network.out_edges(from.id)) {
        if (network.head(e) == to.id)
            return e;
    }
    throw std::logic_error("no edge " + std::to_string(from.id.value()) + " -> " +
                           std::to_string(to.id.value()));
}

/// A point on `piece` at `fraction` of its length, as snapping would give it (for pieces of
/// one segment; the point is interpolated in lon/lat).
inline Snap snap_on_piece(const RoadNetwork& network, PieceId piece, double fraction,
                          double piece_length_m = 1000.0) {
    const auto points = network.piece_points(piece);
    const LonLat a = points.front().lon_lat(), b = points.back().lon_lat();
    Snap s;
    s.piece = piece;
    s.segment = 0;
    s.fraction = fraction;
    s.offset_m = fraction * piece_length_m;
    s.piece_length_m = piece_length_m;
    s.point = {a.lon + (b.lon - a.lon) * fraction, a.lat + (b.lat - a.lat) * fraction};
    return s;
}

}  // namespace muster::test
