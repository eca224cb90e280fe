#include "engine/path_geometry.hpp"

#include <algorithm>

#include "engine/geodesic.hpp"
#include "engine/run_beside.hpp"

namespace muster {
namespace {

LonLat lerp(LonLat a, LonLat b, double t) {
    return {a.lon + (b.lon - a.lon) * t, a.lat + (b.lat - a.lat) * t};
}

void push(std::vector<LonLat>& out, LonLat p) {
    if (out.empty() || !(out.back() == p))
        out.push_back(p);
}

void push_piece(std::span<const Coordinate> piece, bool reversed, std::vector<LonLat>& out) {
    if (reversed) {
        for (auto it = piece.rbegin(); it != piece.rend(); ++it)
            push(out, it->lon_lat());
    } else {
        for (const Coordinate& c : piece)
            push(out, c.lon_lat());
    }
}

// Where `at` cuts its segment: the segment's own end points at fractions 0 and 1, so a cut there
// repeats no point.
LonLat cut_point(std::span<const Coordinate> piece, const Snap& at) {
    if (at.fraction <= 0)
        return piece[at.segment].lon_lat();
    if (at.fraction >= 1)
        return piece[at.segment + 1].lon_lat();
    return at.point;
}

}  // namespace

void append_edge_after(const RoadNetwork& network, EdgeId e, const Snap& at,
                       std::vector<LonLat>& out) {
    const auto piece = network.piece_points(network.piece(e));
    push(out, cut_point(piece, at));
    if (network.reversed(e)) {  // towards the piece's first point
        for (std::size_t i = at.segment + 1; i-- > 0;)
            push(out, piece[i].lon_lat());
    } else {
        for (std::size_t i = at.segment + 1; i < piece.size(); ++i)
            push(out, piece[i].lon_lat());
    }
}

void append_edge_before(const RoadNetwork& network, EdgeId e, const Snap& at,
                        std::vector<LonLat>& out) {
    const auto piece = network.piece_points(network.piece(e));
    if (network.reversed(e)) {  // from the piece's last point
        for (std::size_t i = piece.size(); i-- > at.segment + 1;)
            push(out, piece[i].lon_lat());
    } else {
        for (std::size_t i = 0; i <= at.segment; ++i)
            push(out, piece[i].lon_lat());
    }
    push(out, cut_point(piece, at));
}

namespace {

void append_pieces(const RoadNetwork& network, std::span<const EdgeId> path,
                   std::vector<LonLat>& out) {
    // Two passes: first every edge's piece (loads independent of each other, which the processor
    // overlaps: a long path's edges lie all over a large network's arrays), its points prefetched
    // so that their fetches overlap too, then the points.
    std::vector<std::span<const Coordinate>> pieces(path.size());
    std::size_t points = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
        pieces[i] = network.piece_points(network.piece(path[i]));
        __builtin_prefetch(pieces[i].data());
        points += pieces[i].size();
    }
    out.reserve(out.size() + points);
    for (std::size_t i = 0; i < path.size(); ++i)
        push_piece(pieces[i], network.reversed(path[i]), out);
}

}  // namespace

void append_path_geometry(const RoadNetwork& network, std::span<const EdgeId> path,
                          std::vector<LonLat>& out) {
    // A long path's two halves at once when a helper is idle (engine/run_beside): the second
    // half's points go to a vector of their own, appended after without its first point if that
    // repeats the last, as push() would have it.
    if (path.size() >= kBesidePathEdges) {
        // This thread's vector, by reference: in the helper, the name would be the helper's own.
        thread_local std::vector<LonLat> kept;
        std::vector<LonLat>& second = kept;
        const std::size_t half = path.size() / 2;
        if (run_beside([&] { append_pieces(network, path.first(half), out); },
                       [&] {
                           second.clear();
                           append_pieces(network, path.subspan(half), second);
                       })) {
            auto from = second.begin();
            if (from != second.end() && !out.empty() && out.back() == *from)
                ++from;
            out.insert(out.end(), from, second.end());
            return;
        }
    }
    append_pieces(network, path, out);
}

void append_edge_geometry(const RoadNetwork& network, EdgeId e, double from_fraction,
                          double to_fraction, std::vector<LonLat>& out) {
    const auto piece = network.piece_points(network.piece(e));
    if (from_fraction <= 0 && to_fraction >= 1) {  // the whole edge: its points, no lengths needed
        push_piece(piece, network.reversed(e), out);
        return;
    }
    std::vector<LonLat> points;
    points.reserve(piece.size());
    for (const Coordinate& c : piece)
        points.push_back(c.lon_lat());
    if (network.reversed(e))
        std::reverse(points.begin(), points.end());

    std::vector<double> along(points.size(), 0.0);  // cumulative length from the edge's tail
    for (std::size_t i = 1; i < points.size(); ++i)
        along[i] = along[i - 1] + distance_m(points[i - 1], points[i]);
    const double total = along.back();
    const double from_m = std::clamp(from_fraction, 0.0, 1.0) * total;
    const double to_m = std::clamp(to_fraction, 0.0, 1.0) * total;

    auto point_at = [&](double m) {
        const auto it = std::upper_bound(along.begin(), along.end(), m);
        if (it == along.end())
            return points.back();
        const auto i = static_cast<std::size_t>(it - along.begin());
        const double span = along[i] - along[i - 1];
        return lerp(points[i - 1], points[i], span > 0 ? (m - along[i - 1]) / span : 0.0);
    };
    push(out, point_at(from_m));
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (along[i] > from_m && along[i] < to_m)
            push(out, points[i]);
    }
    push(out, point_at(to_m));
}

}  // namespace muster
