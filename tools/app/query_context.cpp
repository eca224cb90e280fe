#include "tools/app/query_context.hpp"

#include "engine/hazard_overlay.hpp"
#include "engine/network_snapping.hpp"
#include "tools/app/number_text.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {

Snap snap_query_point(const QueryContext& context, const QueryPoint& point, std::string_view role) {
    // Past a small isolated part of the network to the main one when that is within the limit.
    if (auto snap = snap_to_network(context.graph.snaps(), context.graph.components(),
                                    point.location, context.snap_limit_m)
                        .snap)
        return *snap;
    std::string where = point.text;
    if (!point.kind.empty())
        where += " at " + fixed(point.location.lon, 6) + "," + fixed(point.location.lat, 6);
    throw QueryError(ErrorCode::NoSegment,
                     "the " + std::string(role) + " " + where + " is farther than " +
                         metres_text(context.snap_limit_m) + " m from any road of the " +
                         std::string(to_string(context.graph.network().profile())) + " network");
}

const HazardZone* closed_zone_at(std::span<const HazardZone> hazards, LonLat point) {
    for (const HazardZone& zone : hazards) {
        if (inside_closed_zone(std::span(&zone, 1), point))
            return &zone;
    }
    return nullptr;
}

std::string closed_zone_reason(const HazardZone& zone) {
    return "inside closed hazard zone " + zone.id +
           (zone.name.empty() ? "" : " (" + zone.name + ")");
}

std::string metres_text(double metres) {
    return metres == static_cast<double>(static_cast<std::int64_t>(metres))
               ? with_commas(static_cast<std::int64_t>(metres))
               : fixed(metres, 1);
}

}  // namespace muster::tools
