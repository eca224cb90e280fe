#include "engine/network_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "engine/detail/hilbert.hpp"
#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {
namespace {

struct Piece {
    std::uint32_t first_point;  // into the piece point list
    std::uint32_t point_count;
    std::uint32_t way;
};

struct DirectedEdge {
    NodeId tail;
    NodeId head;
    std::uint32_t piece_ref;  // piece id | reversed bit
    std::uint32_t length_mm;
    std::uint32_t duration_ms;
    std::uint8_t road_class;
};

std::vector<Coordinate> distinct_points(const RoadWay& way) {
    std::vector<Coordinate> points;
    points.reserve(way.points.size());
    for (LonLat p : way.points) {
        const Coordinate c = Coordinate::from(p);
        if (points.empty() || !(points.back() == c))
            points.push_back(c);
    }
    return points;
}

std::uint32_t to_units(double value, double per_unit) {
    return static_cast<std::uint32_t>(std::llround(value * per_unit));
}

}  // namespace

RoadNetwork build_road_network(std::span<const RoadWay> ways, Profile profile) {
    auto access_of = [profile](const RoadWay& w) -> const WayAccess& {
        return profile == Profile::drive ? w.drive : w.walk;
    };

    // 1. The usable ways' points, and how often each coordinate occurs.
    std::vector<std::uint32_t> used_ways;
    std::vector<std::vector<Coordinate>> way_points;
    std::unordered_map<Coordinate, std::uint32_t, CoordinateHash> occurrences;
    for (std::uint32_t w = 0; w < ways.size(); ++w) {
        if (!access_of(ways[w]).usable())
            continue;
        auto points = distinct_points(ways[w]);
        if (points.size() < 2)
            continue;
        for (const Coordinate& c : points)
            ++occurrences[c];
        used_ways.push_back(w);
        way_points.push_back(std::move(points));
    }

    // 2. Cut every way at its nodes into pieces; a piece that would start and end at the same
    //    node (a closed way) is cut once more at its middle vertex.
    std::vector<Coordinate> piece_points;
    std::vector<Piece> pieces;
    std::unordered_map<Coordinate, NodeId, CoordinateHash> node_of;
    for (std::size_t i = 0; i < way_points.size(); ++i) {
        const auto& points = way_points[i];
        std::vector<bool> is_node(points.size());
        for (std::size_t k = 0; k < points.size(); ++k) {
            is_node[k] = k == 0 || k + 1 == points.size() || occurrences[points[k]] >= 2;
        }
        for (std::size_t start = 0, k = 1; k < points.size(); ++k) {
            if (!is_node[k])
                continue;
            if (points[start] == points[k] && k - start >= 2)
                is_node[(start + k) / 2] = true;
            start = k;
        }
        for (std::size_t start = 0, k = 1; k < points.size(); ++k) {
            if (!is_node[k])
                continue;
            pieces.push_back({static_cast<std::uint32_t>(piece_points.size()),
                              static_cast<std::uint32_t>(k - start + 1), used_ways[i]});
            piece_points.insert(piece_points.end(), points.begin() + static_cast<long>(start),
                                points.begin() + static_cast<long>(k) + 1);
            node_of.emplace(points[start], kInvalidNode);
            node_of.emplace(points[k], kInvalidNode);
            start = k;
        }
    }

    // 3. Number the nodes along a Hilbert curve (ties broken by coordinate: deterministic).
    std::vector<std::tuple<std::uint64_t, std::int32_t, std::int32_t>> order;
    order.reserve(node_of.size());
    for (const auto& [c, id] : node_of)
        order.emplace_back(detail::hilbert_index(c), c.lon_e7, c.lat_e7);
    std::sort(order.begin(), order.end());
    std::vector<Coordinate> nodes;
    nodes.reserve(order.size());
    for (const auto& [key, lon_e7, lat_e7] : order) {
        node_of[Coordinate{lon_e7, lat_e7}] = NodeId(static_cast<std::uint32_t>(nodes.size()));
        nodes.push_back({lon_e7, lat_e7});
    }

    // 4. Directed edges with length, time and class.
    std::unordered_map<std::uint32_t, double> way_lengths;  // of timed ways (ferries) only
    auto way_length_m = [&](std::uint32_t w) {
        auto [it, inserted] = way_lengths.try_emplace(w, 0.0);
        if (inserted) {
            std::vector<LonLat> line;
            for (const Coordinate& c : distinct_points(ways[w]))
                line.push_back(c.lon_lat());
            it->second = length_m(line);
        }
        return it->second;
    };
    RoadNetworkArrays arrays;
    arrays.profile = profile;
    std::unordered_map<std::string, std::size_t> class_index;
    std::vector<DirectedEdge> edges;
    edges.reserve(pieces.size() * 2);
    arrays.piece_first_point.reserve(pieces.size() + 1);
    for (std::uint32_t p = 0; p < pieces.size(); ++p) {
        const Piece& piece = pieces[p];
        const RoadWay& way = ways[piece.way];
        const WayAccess& access = access_of(way);
        std::vector<LonLat> line;
        line.reserve(piece.point_count);
        for (std::uint32_t k = 0; k < piece.point_count; ++k) {
            line.push_back(piece_points[piece.first_point + k].lon_lat());
        }
        const double metres = length_m(line);
        const auto length_mm = to_units(metres, 1e3);
        double seconds = metres / (access.speed_kmh / 3.6);
        if (access.crossing_s || access.boarding_s > 0) {
            // A ferry's time is the whole crossing's: each piece takes its share by length.
            const double way_m = way_length_m(piece.way);
            seconds = way_m > 0 ? way_duration_s(access, way_m) * (metres / way_m) : 0;
        }
        const auto duration_ms = to_units(seconds, 1e3);
        auto [it, inserted] = class_index.try_emplace(way.road_class, arrays.class_names.size());
        if (inserted) {
            if (arrays.class_names.size() > UINT8_MAX)
                throw InputError("more than 256 road classes");
            arrays.class_names.push_back(way.road_class);
        }
        const NodeId from = node_of[piece_points[piece.first_point]];
        const NodeId to = node_of[piece_points[piece.first_point + piece.point_count - 1]];
        const auto road_class = static_cast<std::uint8_t>(it->second);
        if (access.forward)
            edges.push_back({from, to, p, length_mm, duration_ms, road_class});
        if (access.backward) {
            edges.push_back(
                {to, from, p | RoadNetwork::kReversedBit, length_mm, duration_ms, road_class});
        }
        arrays.piece_first_point.push_back(piece.first_point);
    }
    arrays.piece_first_point.push_back(static_cast<std::uint32_t>(piece_points.size()));
    arrays.piece_points = std::move(piece_points);

    // 5. Forward star: edges sorted by tail, then head, then piece (deterministic).
    std::sort(edges.begin(), edges.end(), [](const DirectedEdge& a, const DirectedEdge& b) {
        return std::tie(a.tail, a.head, a.piece_ref) < std::tie(b.tail, b.head, b.piece_ref);
    });
    std::vector<std::uint32_t> first_out(nodes.size() + 1, 0);
    for (const DirectedEdge& e : edges) {
        ++first_out[e.tail.value() + 1];
        arrays.head.push_back(e.head);
        arrays.length_mm.push_back(e.length_mm);
        arrays.duration_ms.push_back(e.duration_ms);
        arrays.road_class.push_back(e.road_class);
        arrays.edge_piece.push_back(e.piece_ref);
    }
    std::partial_sum(first_out.begin(), first_out.end(), first_out.begin());
    arrays.first_out.reserve(first_out.size());
    for (std::uint32_t e : first_out)
        arrays.first_out.push_back(EdgeId(e));
    arrays.node_coordinate = IdVector<NodeId, Coordinate>(std::move(nodes));
    return RoadNetwork(std::move(arrays));
}

}  // namespace muster
