#include "engine/snapping.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {

namespace bgi = boost::geometry::index;

namespace {

// Boxes in single precision, rounded outwards (and one unit further, for the query point's own
// rounding), each over a run of up to kSegmentsPerBox segments of one piece: 24 bytes a box. A
// box per segment in double precision held 142 bytes a node at 10^7 nodes, the most of any
// part of the routing graph.
using Point = boost::geometry::model::point<float, 2, boost::geometry::cs::cartesian>;
using Box = boost::geometry::model::box<Point>;
constexpr std::uint32_t kSegmentsPerBox = 8;
struct Segments {
    PieceId piece;
    std::uint32_t first;  // the run's first segment within the piece
};
using Value = std::pair<Box, Segments>;

float round_down(double v) {
    float f = static_cast<float>(v);
    if (static_cast<double>(f) > v)
        f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return std::nextafter(f, -std::numeric_limits<float>::infinity());
}
float round_up(double v) {
    float f = static_cast<float>(v);
    if (static_cast<double>(f) < v)
        f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return std::nextafter(f, std::numeric_limits<float>::infinity());
}

/// The box over scaled (x, y) corners, rounded outwards.
Box outward_box(double x_low, double y_low, double x_high, double y_high) {
    return Box(Point(round_down(x_low), round_down(y_low)),
               Point(round_up(x_high), round_up(y_high)));
}

/// The box of the index (scaled degrees) outside which no segment lies within `max_distance_m`
/// of `p` in `frame` (whose metres grow with the differences of longitude and of latitude alike),
/// a hundredth wider for rounding; its whole width where a degree of longitude spans too few
/// metres to bound it (at a pole).
Box reach_box(LonLat p, double max_distance_m, const LocalFrame& frame, double lon_scale) {
    const double lat_reach = 1.01 * max_distance_m / frame.metres_per_degree_lat();
    const double lon_metres = frame.metres_per_degree_lon();
    const double lon_reach = lon_metres > 0 ? 1.01 * max_distance_m / lon_metres : 360;
    const double lon_low = lon_reach < 360 ? p.lon - lon_reach : -540;
    const double lon_high = lon_reach < 360 ? p.lon + lon_reach : 540;
    return outward_box(lon_low * lon_scale, p.lat - lat_reach, lon_high * lon_scale,
                       p.lat + lat_reach);
}

}  // namespace

struct SnapIndex::Tree {
    explicit Tree(const std::vector<Value>& values) : rtree(values) {}  // packing (bulk load)
    bgi::rtree<Value, bgi::rstar<16>> rtree;
};

SnapIndex::SnapIndex(SnapIndex&&) noexcept = default;
SnapIndex::~SnapIndex() = default;

SnapIndex::SnapIndex(const RoadNetwork& network) : m_network(network) {
    BoundingBox box;
    for (NodeId u : network.nodes())
        box.extend(network.coordinate(u).lon_lat());
    if (!box.empty())
        m_lon_scale = std::cos((box.min_lat + box.max_lat) / 2 * std::numbers::pi / 180);

    std::vector<Value> values;
    values.reserve(network.piece_count() + network.arrays().piece_points.size() / kSegmentsPerBox);
    for (PieceId p : network.pieces()) {
        const auto points = network.piece_points(p);
        for (std::uint32_t first = 0; first + 1 < points.size(); first += kSegmentsPerBox) {
            const auto last = std::min<std::size_t>(first + kSegmentsPerBox, points.size() - 1);
            BoundingBox run;
            for (std::size_t k = first; k <= last; ++k)
                run.extend(points[k].lon_lat());
            values.push_back({outward_box(run.min_lon * m_lon_scale, run.min_lat,
                                          run.max_lon * m_lon_scale, run.max_lat),
                              {p, first}});
        }
    }
    m_tree = std::make_unique<const Tree>(values);
}

std::optional<Snap> SnapIndex::nearest(LonLat p, double max_distance_m) const {
    return nearest_accepted(p, max_distance_m, nullptr);
}

std::optional<Snap> SnapIndex::nearest_accepted(LonLat p, double max_distance_m,
                                                const std::function<bool(PieceId)>& accept) const {
    if (!(max_distance_m >= 0) || !std::isfinite(max_distance_m)) {
        throw ContractError("snap limit must be a finite distance >= 0");
    }
    const LocalFrame frame(p);
    // A box distance d in the index's scaled degrees is at least d * metres_per_unit metres away.
    const double metres_per_unit = 0.99 * std::fmin(frame.metres_per_degree_lon() / m_lon_scale,
                                                    frame.metres_per_degree_lat());

    std::optional<Snap> best;
    double best_local_m = max_distance_m;
    const Point q(static_cast<float>(p.lon * m_lon_scale), static_cast<float>(p.lat));
    const auto& tree = m_tree->rtree;
    // Only boxes within the limit in latitude and longitude of the frame can hold a segment within
    // it. Near a pole a degree of longitude spans almost no metres, so the bound below from the
    // distance of boxes is almost 0 and stops nothing: there the band of latitude alone keeps the
    // search to the roads that can be near (none, for a network far from the pole).
    const Box reach = reach_box(p, max_distance_m, frame, m_lon_scale);
    if (tree.empty() || !boost::geometry::intersects(tree.bounds(), reach))
        return std::nullopt;
    // Nearest boxes first, k at a time: a run's box is never farther than its segments, so the
    // search is over once a box lies beyond the best segment found.
    bool done = false;
    for (std::size_t k = 16, seen = 0; !done && seen < tree.size(); k *= 4) {
        std::size_t rank = 0;
        done = true;
        for (auto it =
                 tree.qbegin(bgi::nearest(q, static_cast<unsigned>(k)) && bgi::intersects(reach));
             it != tree.qend(); ++it, ++rank) {
            const double lower_bound_m = boost::geometry::distance(q, it->first) * metres_per_unit;
            if (lower_bound_m > best_local_m)
                break;
            if (rank + 1 == k)
                done = false;  // the k-th box may still be near: look further
            if (rank < seen)
                continue;  // examined in the previous round

            const auto [piece, first] = it->second;
            if (m_network.ferry_piece(piece) || (accept && !accept(piece)))
                continue;
            const auto points = m_network.piece_points(piece);
            const auto last = std::min<std::size_t>(first + kSegmentsPerBox, points.size() - 1);
            auto a = frame.to_xy(points[first].lon_lat());
            for (std::uint32_t index = first; index < last; ++index) {
                const auto b = frame.to_xy(points[index + 1].lon_lat());
                const double dx = b.x - a.x, dy = b.y - a.y;
                const double len2 = dx * dx + dy * dy;
                // The query point is the frame's origin, so this projects (0, 0) onto AB.
                const double t =
                    len2 > 0 ? std::clamp(-(a.x * dx + a.y * dy) / len2, 0.0, 1.0) : 0.0;
                const double px = a.x + t * dx, py = a.y + t * dy;
                a = b;
                const double local_m = std::hypot(px, py);
                // Of segments equally near (at a junction), the first piece's first: the same
                // whatever order the index gives them in.
                if (local_m > best_local_m ||
                    (best && local_m == best_local_m &&
                     std::pair(best->piece, best->segment) < std::pair(piece, index)))
                    continue;

                best_local_m = local_m;
                Snap snap;
                snap.piece = piece;
                snap.segment = index;
                snap.fraction = t;
                snap.point = frame.to_lon_lat({px, py});
                best = snap;
            }
        }
        seen = k;
    }
    if (!best)
        return best;

    // Exact figures on the ellipsoid for the winner only.
    const auto points = m_network.piece_points(best->piece);
    double before = 0, total = 0;
    for (std::uint32_t k = 0; k + 1 < points.size(); ++k) {
        const double segment_m = distance_m(points[k].lon_lat(), points[k + 1].lon_lat());
        if (k < best->segment)
            before += segment_m;
        if (k == best->segment)
            before += best->fraction * segment_m;
        total += segment_m;
    }
    best->offset_m = before;
    best->piece_length_m = total;
    best->distance_m = distance_m(p, best->point);
    return best;
}

std::vector<PieceId> SnapIndex::pieces_in_box(const BoundingBox& box) const {
    std::vector<PieceId> pieces;
    if (box.empty())
        return pieces;
    const Box query =
        outward_box(box.min_lon * m_lon_scale, box.min_lat, box.max_lon * m_lon_scale, box.max_lat);
    const auto& tree = m_tree->rtree;
    for (auto it = tree.qbegin(bgi::intersects(query)); it != tree.qend(); ++it) {
        pieces.push_back(it->second.piece);
    }
    std::sort(pieces.begin(), pieces.end());
    pieces.erase(std::unique(pieces.begin(), pieces.end()), pieces.end());
    return pieces;
}

Snap SnapIndex::snap(LonLat p, double max_distance_m) const {
    if (auto found = nearest(p, max_distance_m))
        return *found;
    std::ostringstream message;
    message.precision(7);
    message << "point (" << p.lon << ", " << p.lat << ") is farther than " << max_distance_m
            << " m from any road of the " << to_string(m_network.profile()) << " network";
    throw InputError(message.str());
}

}  // namespace muster
