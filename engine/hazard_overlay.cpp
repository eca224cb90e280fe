#include "engine/hazard_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/geometry.hpp"

namespace muster {
namespace {

BoundingBox bounds_of(const MultiPolygon& area) {
    BoundingBox box;
    for (const Polygon& polygon : area.polygons) {
        if (polygon.rings.empty())
            continue;
        for (LonLat p : polygon.rings.front())
            box.extend(p);  // holes lie inside the outer ring
    }
    return box;
}

void check_factor(const HazardZone& zone) {
    if (zone.effect == HazardEffect::slow && !(zone.speed_factor > 0 && zone.speed_factor <= 1)) {
        throw InputError("hazard " + zone.id +
                         ": a slow zone's speed factor must be in (0, 1], not " +
                         std::to_string(zone.speed_factor));
    }
}

}  // namespace

Metric apply_hazards(const RoutingGraph& graph, const Metric& base,
                     std::span<const HazardZone> hazards) {
    const RoadNetwork& network = graph.network();
    Metric metric = base;
    if (hazards.empty())
        return metric;

    // Per piece: the smallest factor of the zones it meets; 0 means closed (closed wins).
    constexpr double kUntouched = 2.0;
    std::vector<double> factor(network.piece_count(), kUntouched);
    std::vector<LonLat> line;
    for (const HazardZone& zone : hazards) {
        check_factor(zone);
        const double zone_factor = zone.effect == HazardEffect::closed ? 0.0 : zone.speed_factor;
        const std::vector<PieceId> candidates = graph.snaps().pieces_in_box(bounds_of(zone.area));
        if (candidates.empty())
            continue;
        const PreparedArea area(zone.area);
        for (PieceId p : candidates) {
            if (factor[p] <= zone_factor)
                continue;  // already as slow or closed
            line.clear();
            for (const Coordinate& c : network.piece_points(p))
                line.push_back(c.lon_lat());
            try {
                if (area.intersects(line))
                    factor[p] = zone_factor;
            } catch (const Error& e) {
                throw InputError("hazard " + zone.id + ": " + e.what());
            }
        }
    }

    for (PieceId p = 0; p < network.piece_count(); ++p) {
        if (factor[p] == kUntouched)
            continue;
        for (bool against : {false, true}) {
            const EdgeId e = network.piece_edge(p, against);
            if (e == kInvalidEdge || metric.closed(e))
                continue;
            if (factor[p] == 0.0) {
                metric.duration_ms[e] = kClosedMs;
            } else {
                // Never rounded into kClosedMs: a very slow edge is still open.
                const double slowed = std::round(base.duration_ms[e] / factor[p]);
                metric.duration_ms[e] =
                    static_cast<std::uint32_t>(std::min<double>(slowed, kClosedMs - 1.0));
            }
        }
    }

    std::vector<std::string> ids;
    ids.reserve(hazards.size());
    for (const HazardZone& zone : hazards)
        ids.push_back(zone.id);
    std::sort(ids.begin(), ids.end());
    metric.label = "hazards:";
    for (std::size_t i = 0; i < ids.size(); ++i)
        metric.label += (i ? "," : "") + ids[i];
    return metric;
}

bool inside_closed_zone(std::span<const HazardZone> hazards, LonLat point) {
    return std::any_of(hazards.begin(), hazards.end(), [point](const HazardZone& zone) {
        return zone.effect == HazardEffect::closed && covers(zone.area, point);
    });
}

}  // namespace muster
