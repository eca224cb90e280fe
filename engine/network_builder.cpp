#include "engine/network_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "engine/detail/hilbert.hpp"
#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {
namespace {

struct Piece {
    std::uint32_t first_point;  // into the piece point list
    std::uint32_t point_count;
    std::uint32_t way;
    std::uint32_t first_place;  // where it starts and ends (build_road_network's step 2)
    std::uint32_t last_place;
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

    // 1. The usable ways' distinct points, one after another.
    std::vector<std::uint32_t> used_ways;
    std::vector<std::size_t> way_start{0};  // into points, per used way, and the end
    std::vector<Coordinate> points;
    for (std::uint32_t w = 0; w < ways.size(); ++w) {
        if (!access_of(ways[w]).usable())
            continue;
        auto distinct = distinct_points(ways[w]);
        if (distinct.size() < 2)
            continue;
        points.insert(points.end(), distinct.begin(), distinct.end());
        used_ways.push_back(w);
        way_start.push_back(points.size());
    }

    // 2. Points at one place, found by sorting rather than hashing (millions of points): each
    //    point's place; each place's coordinate and how many points it has.
    std::vector<std::pair<Coordinate, std::uint32_t>> by_place(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        by_place[i] = {points[i], static_cast<std::uint32_t>(i)};
    std::sort(by_place.begin(), by_place.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.lon_e7, a.first.lat_e7, a.second) <
               std::tie(b.first.lon_e7, b.first.lat_e7, b.second);
    });
    std::vector<std::uint32_t> place_of(points.size());
    std::vector<Coordinate> place_coordinate;
    std::vector<std::uint32_t> points_at;
    for (std::size_t i = 0; i < by_place.size(); ++i) {
        if (i == 0 || !(by_place[i].first == by_place[i - 1].first)) {
            place_coordinate.push_back(by_place[i].first);
            points_at.push_back(0);
        }
        ++points_at.back();
        place_of[by_place[i].second] = static_cast<std::uint32_t>(points_at.size() - 1);
    }
    std::vector<std::pair<Coordinate, std::uint32_t>>().swap(by_place);

    // 3. Cut every way at its nodes (its ends, and places it shares) into pieces; a piece that
    //    would start and end at the same node (a closed way) is cut once more at its middle
    //    vertex.
    std::vector<Coordinate> piece_points;
    std::vector<Piece> pieces;
    std::vector<bool> place_is_node(points_at.size());
    std::vector<bool> is_node;
    for (std::size_t i = 0; i + 1 < way_start.size(); ++i) {
        const std::size_t first = way_start[i], count = way_start[i + 1] - first;
        const auto at = [&](std::size_t k) { return points[first + k]; };
        is_node.assign(count, false);
        for (std::size_t k = 0; k < count; ++k)
            is_node[k] = k == 0 || k + 1 == count || points_at[place_of[first + k]] >= 2;
        for (std::size_t start = 0, k = 1; k < count; ++k) {
            if (!is_node[k])
                continue;
            if (at(start) == at(k) && k - start >= 2)
                is_node[(start + k) / 2] = true;
            start = k;
        }
        for (std::size_t start = 0, k = 1; k < count; ++k) {
            if (!is_node[k])
                continue;
            pieces.push_back({static_cast<std::uint32_t>(piece_points.size()),
                              static_cast<std::uint32_t>(k - start + 1), used_ways[i],
                              place_of[first + start], place_of[first + k]});
            piece_points.insert(piece_points.end(),
                                points.begin() + static_cast<long>(first + start),
                                points.begin() + static_cast<long>(first + k) + 1);
            place_is_node[place_of[first + start]] = true;
            place_is_node[place_of[first + k]] = true;
            start = k;
        }
    }

    // 4. Number the nodes along a Hilbert curve (ties broken by coordinate: deterministic).
    std::vector<std::uint32_t>().swap(place_of);
    std::vector<Coordinate>().swap(points);
    std::vector<std::tuple<std::uint64_t, std::int32_t, std::int32_t, std::uint32_t>> order;
    for (std::uint32_t place = 0; place < place_is_node.size(); ++place) {
        if (!place_is_node[place])
            continue;
        const Coordinate c = place_coordinate[place];
        order.emplace_back(detail::hilbert_index(c), c.lon_e7, c.lat_e7, place);
    }
    std::sort(order.begin(), order.end());
    std::vector<NodeId> node_of_place(points_at.size(), kInvalidNode);
    std::vector<Coordinate> nodes;
    nodes.reserve(order.size());
    for (const auto& [key, lon_e7, lat_e7, place] : order) {
        node_of_place[place] = NodeId(static_cast<std::uint32_t>(nodes.size()));
        nodes.push_back({lon_e7, lat_e7});
    }

    // 5. Directed edges with length, time and class.
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
    std::vector<LonLat> line;
    for (std::uint32_t p = 0; p < pieces.size(); ++p) {
        const Piece& piece = pieces[p];
        const RoadWay& way = ways[piece.way];
        const WayAccess& access = access_of(way);
        line.clear();
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
        const NodeId from = node_of_place[piece.first_place];
        const NodeId to = node_of_place[piece.last_place];
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

    // 6. Forward star: edges sorted by tail, then head, then piece (deterministic).
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
