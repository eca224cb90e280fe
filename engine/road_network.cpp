#include "engine/road_network.hpp"

#include <algorithm>
#include <utility>

#include "engine/errors.hpp"

namespace muster {
namespace {

void require(bool ok, const char* invariant) {
    if (!ok)
        throw DataError(std::string("road network invariant violated: ") + invariant);
}

}  // namespace

RoadNetwork::RoadNetwork(RoadNetworkArrays arrays) : m_arrays(std::move(arrays)) {
    const auto& a = m_arrays;
    const std::size_t n = a.node_coordinate.size();
    const std::size_t m = a.head.size();
    require(a.first_out.size() == n + 1, "first_out has node_count + 1 entries");
    require(a.first_out.front() == EdgeId(0) && a.first_out.back().value() == m,
            "first_out runs from 0 to edge_count");
    require(std::is_sorted(a.first_out.begin(), a.first_out.end()), "first_out never decreases");
    require(a.length_mm.size() == m && a.duration_ms.size() == m && a.road_class.size() == m &&
                a.edge_piece.size() == m,
            "one length, duration, class and piece per edge");
    require(std::all_of(a.head.begin(), a.head.end(), [n](NodeId v) { return v.value() < n; }),
            "every head is a node");
    require(!a.piece_first_point.empty() && a.piece_first_point.front() == 0 &&
                a.piece_first_point.back() == a.piece_points.size(),
            "piece_first_point runs from 0 to the number of piece points");
    for (std::size_t p = 0; p + 1 < a.piece_first_point.size(); ++p) {
        require(a.piece_first_point.items()[p] + 2 <= a.piece_first_point.items()[p + 1],
                "every piece has at least 2 points");
    }
    require(std::all_of(a.road_class.begin(), a.road_class.end(),
                        [&](std::uint8_t c) { return c < a.class_names.size(); }),
            "every road class is named");

    const std::size_t pieces = piece_count();
    m_piece_forward.assign(pieces, kInvalidEdge);
    m_piece_backward.assign(pieces, kInvalidEdge);
    for (NodeId u : nodes()) {
        for (EdgeId e : out_edges(u)) {
            const PieceId p = piece(e);
            require(p.value() < pieces, "every edge runs along a piece");
            const auto points = piece_points(p);
            const Coordinate from = reversed(e) ? points.back() : points.front();
            const Coordinate to = reversed(e) ? points.front() : points.back();
            require(from == a.node_coordinate[u] && to == a.node_coordinate[head(e)],
                    "an edge's piece runs from its tail to its head");
            (reversed(e) ? m_piece_backward : m_piece_forward)[p] = e;
        }
    }
    for (PieceId p : this->pieces()) {
        require(m_piece_forward[p] != kInvalidEdge || m_piece_backward[p] != kInvalidEdge,
                "every piece has an edge");
    }
    const auto ferry = std::find(a.class_names.begin(), a.class_names.end(), kFerryClass);
    if (ferry != a.class_names.end())
        m_ferry_class = static_cast<int>(ferry - a.class_names.begin());
}

EdgeId RoadNetwork::any_piece_edge(PieceId p) const {
    return m_piece_forward[p] != kInvalidEdge ? m_piece_forward[p] : m_piece_backward[p];
}

bool RoadNetwork::ferry_piece(PieceId p) const {
    return ferry(any_piece_edge(p));
}

const std::string& RoadNetwork::piece_class(PieceId p) const {
    return road_class(any_piece_edge(p));
}

NodeId RoadNetwork::tail(EdgeId e) const {
    const auto& first_out = m_arrays.first_out;
    // The last node whose first out-edge is <= e.
    auto it = std::upper_bound(first_out.begin(), first_out.end(), e);
    return NodeId(static_cast<NodeId::rep_type>(std::distance(first_out.begin(), it) - 1));
}

std::span<const Coordinate> RoadNetwork::piece_points(PieceId p) const {
    const auto begin = m_arrays.piece_first_point[p];
    const auto end = m_arrays.piece_first_point[p + 1];
    return {m_arrays.piece_points.data() + begin, end - begin};
}

EdgeId RoadNetwork::piece_edge(PieceId p, bool against) const {
    return against ? m_piece_backward[p] : m_piece_forward[p];
}

}  // namespace muster
