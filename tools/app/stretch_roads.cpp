#include "tools/app/stretch_roads.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace muster::tools {
namespace {

/// A segment between two points, the same whichever way it is walked.
struct Segment {
    Coordinate a, b;
    Segment(Coordinate p, Coordinate q) : a(p), b(q) {
        if (std::pair(b.lon_e7, b.lat_e7) < std::pair(a.lon_e7, a.lat_e7))
            std::swap(a, b);
    }
    friend bool operator==(const Segment&, const Segment&) = default;
};

struct SegmentHash {
    std::size_t operator()(const Segment& s) const noexcept {
        const CoordinateHash h;
        return h(s.a) * 0x9e3779b97f4a7c15ULL ^ h(s.b);
    }
};

}  // namespace

std::string StretchRoads::structures() const {
    if (bridge_m > 0 && tunnel_m > 0)
        return "bridge, tunnel";
    return bridge_m > 0 ? "bridge" : tunnel_m > 0 ? "tunnel" : "";
}

std::vector<StretchRoads> stretch_roads(const RoadNetwork& network,
                                        std::span<const RoadStretch> stretches,
                                        std::span<const StoredRoad> roads) {
    // The first road to hold a segment keeps it: overlapping roads are one road twice.
    std::unordered_map<Segment, std::size_t, SegmentHash> road_of;
    for (std::size_t r = 0; r < roads.size(); ++r) {
        const auto& points = roads[r].points;
        for (std::size_t k = 1; k < points.size(); ++k)
            road_of.emplace(Segment(Coordinate::from(points[k - 1]), Coordinate::from(points[k])),
                            r);
    }
    std::vector<StretchRoads> out;
    for (const RoadStretch& stretch : stretches) {
        StretchRoads labels;
        std::vector<std::pair<std::string, double>> names;  // name, length along it
        for (PieceId p : stretch.pieces) {
            const auto line = network.piece_points(p);
            const auto found = road_of.find(Segment(line[0], line[1]));
            if (found == road_of.end())
                continue;
            const StoredRoad& road = roads[found->second];
            const EdgeId e = network.piece_edge(p, false) != kInvalidEdge
                                 ? network.piece_edge(p, false)
                                 : network.piece_edge(p, true);
            const double metres = network.length_m(e);
            if (road.structure == RoadStructure::bridge)
                labels.bridge_m += metres;
            else if (road.structure == RoadStructure::tunnel)
                labels.tunnel_m += metres;
            if (road.name.empty())
                continue;
            const auto same = std::find_if(names.begin(), names.end(),
                                           [&](const auto& n) { return n.first == road.name; });
            if (same == names.end())
                names.push_back({road.name, metres});
            else
                same->second += metres;
        }
        // Longest first; ties in the order met along the stretch.
        std::stable_sort(names.begin(), names.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        for (const auto& [name, metres] : names)
            labels.name += (labels.name.empty() ? "" : " / ") + name;
        out.push_back(std::move(labels));
    }
    return out;
}

}  // namespace muster::tools
