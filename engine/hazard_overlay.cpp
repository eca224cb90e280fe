#include "engine/hazard_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
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
    if (zone.effect == HazardEffect::slow &&
        !(zone.speed_factor >= kMinSpeedFactor && zone.speed_factor <= 1)) {
        throw InputError("hazard " + zone.id +
                         ": a slow zone's speed factor must be in [0.01, 1] (a hundredth of the "
                         "usual speed at the slowest), not " +
                         std::to_string(zone.speed_factor));
    }
}

}  // namespace

namespace {

constexpr double kUntouched = 2.0;  // a factor above any zone's: the piece meets no zone

/// Lowers factors[i] of each candidates[i] (sorted piece ids) whose polyline meets `zone` to the
/// zone's factor (0 closed, else its speed factor): closed wins over slow, slower over faster.
void mark_zone(const RoutingGraph& graph, const HazardZone& zone,
               std::span<const PieceId> candidates, std::vector<double>& factors) {
    check_factor(zone);
    const double zone_factor = zone.effect == HazardEffect::closed ? 0.0 : zone.speed_factor;
    const std::vector<PieceId> near = graph.snaps().pieces_in_box(bounds_of(zone.area));
    if (near.empty())
        return;
    const PreparedArea area(zone.area);
    std::vector<LonLat> line;
    auto candidate = candidates.begin();
    for (PieceId p : near) {  // both sorted: a merge
        candidate = std::lower_bound(candidate, candidates.end(), p);
        if (candidate == candidates.end())
            break;
        if (*candidate != p)
            continue;
        double& factor = factors[static_cast<std::size_t>(candidate - candidates.begin())];
        if (factor <= zone_factor)
            continue;  // already as slow or closed
        if (!zone.road_class.empty() && graph.network().piece_class(p) != zone.road_class)
            continue;
        line.clear();
        for (const Coordinate& c : graph.network().piece_points(p))
            line.push_back(c.lon_lat());
        try {
            if (area.intersects(line))
                factor = zone_factor;
        } catch (const Error& e) {
            throw InputError("hazard " + zone.id + ": " + e.what());
        }
    }
}

/// The duration of edge e of a piece with `factor` (kUntouched, 0 closed, else a speed factor).
std::uint32_t duration_under(const Metric& base, EdgeId e, double factor) {
    if (factor == kUntouched || base.closed(e))
        return base.duration_ms[e];
    if (factor == 0.0)
        return kClosedMs;
    // Never rounded into kClosedMs: a very slow edge is still open.
    const double slowed = std::round(base.duration_ms[e] / factor);
    return static_cast<std::uint32_t>(std::min<double>(slowed, kClosedMs - 1.0));
}

std::string hazard_label(std::span<const HazardZone> hazards) {
    std::vector<std::string> ids;
    ids.reserve(hazards.size());
    for (const HazardZone& zone : hazards)
        ids.push_back(zone.id);
    std::sort(ids.begin(), ids.end());
    std::string label = "hazards:";
    for (std::size_t i = 0; i < ids.size(); ++i)
        label += (i ? "," : "") + ids[i];
    return label;
}

}  // namespace

Metric apply_hazards(const RoutingGraph& graph, const Metric& base,
                     std::span<const HazardZone> hazards) {
    const RoadNetwork& network = graph.network();
    Metric metric = base;
    if (hazards.empty())
        return metric;
    const std::vector<PieceId> pieces(network.pieces().begin(), network.pieces().end());
    std::vector<double> factors(pieces.size(), kUntouched);  // by candidate index: piece id
    for (const HazardZone& zone : hazards)
        mark_zone(graph, zone, pieces, factors);
    for (PieceId p : network.pieces()) {
        const double factor = factors[p.value()];
        if (factor == kUntouched)
            continue;
        for (bool against : {false, true}) {
            const EdgeId e = network.piece_edge(p, against);
            if (e != kInvalidEdge)
                metric.duration_ms[e] = duration_under(base, e, factor);
        }
    }
    metric.label = hazard_label(hazards);
    return metric;
}

std::vector<EdgeId> reapply_hazards(const RoutingGraph& graph, const Metric& base,
                                    std::span<const HazardZone> hazards, const BoundingBox& box,
                                    Metric& metric) {
    const RoadNetwork& network = graph.network();
    if (metric.duration_ms.size() != base.duration_ms.size())
        throw ContractError("reapply_hazards needs two metrics of one network");
    for (const HazardZone& zone : hazards)
        check_factor(zone);  // before anything changes
    const std::vector<PieceId> pieces = graph.snaps().pieces_in_box(box);
    std::vector<double> factors(pieces.size(), kUntouched);
    for (const HazardZone& zone : hazards) {
        if (bounds_of(zone.area).intersects(box))
            mark_zone(graph, zone, pieces, factors);
    }
    std::vector<EdgeId> changed;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (bool against : {false, true}) {
            const EdgeId e = network.piece_edge(pieces[i], against);
            if (e == kInvalidEdge)
                continue;
            const std::uint32_t duration = duration_under(base, e, factors[i]);
            if (duration != metric.duration_ms[e]) {
                metric.duration_ms[e] = duration;
                changed.push_back(e);
            }
        }
    }
    std::sort(changed.begin(), changed.end());
    metric.label = hazards.empty() ? base.label : hazard_label(hazards);
    return changed;
}

HazardZone all_ferries_closed() {
    HazardZone zone;
    zone.id = "ferries";
    zone.name = "all ferries out of service";
    zone.kind = "storm";
    zone.effect = HazardEffect::closed;
    zone.road_class = std::string(kFerryClass);
    zone.area.polygons.push_back({{{{-180, -90}, {180, -90}, {180, 90}, {-180, 90}, {-180, -90}}}});
    return zone;
}

BoundingBox hazard_bounds(const HazardZone& zone) {
    return bounds_of(zone.area);
}

bool inside_closed_zone(std::span<const HazardZone> hazards, LonLat point) {
    return std::any_of(hazards.begin(), hazards.end(), [point](const HazardZone& zone) {
        return zone.effect == HazardEffect::closed && zone.road_class.empty() &&
               covers(zone.area, point);
    });
}

}  // namespace muster
