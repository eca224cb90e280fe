#pragma once
// Hazard zones as the HTTP service takes and lists them: a GeoJSON Feature whose geometry is a
// Polygon or MultiPolygon ([lon, lat], WGS84) and whose properties say what the zone does:
//
//   {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[lon, lat], ...]]},
//    "properties": {"effect": "closed" | "slow", "speed_factor": 0.5, "id": "...", "name": "...",
//                   "kind": "flood", "roads": "ferry"}}
//
// effect is required; speed_factor is required for slow zones, in [0.01, 1] (kMinSpeedFactor),
// and not given for closed ones; id, name and kind are optional, an id at most kMaxHazardIdBytes
// bytes without control characters. "roads": "ferry" limits the zone to ferry
// crossings, and with "geometry": null it takes every ferry out of service, as a storm does.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/entities.hpp"

namespace muster::tools {

/// The longest id a client may give a zone, in bytes: it must fit the path that lifts it.
inline constexpr std::size_t kMaxHazardIdBytes = 256;

/// The zone a Feature describes (its id empty unless the properties give one). Throws QueryError
/// (InvalidValue) naming the member at fault ("geometry.coordinates[0][2]: ...",
/// "properties.speed_factor: ...") for anything else: not a Feature, a geometry that is not a
/// Polygon or MultiPolygon, a position that is not [lon, lat] in range, a ring with fewer than 4
/// positions or not closed, a polygon GEOS finds invalid (with its reason), an unknown effect,
/// a bad factor, a roads class other than ferry or an id too long or with control characters.
/// O(positions) plus GEOS's validity test.
HazardZone parse_hazard_feature(const nlohmann::json& feature);

/// The zone as a GeoJSON Feature of the shape above, its area a MultiPolygon.
nlohmann::json hazard_feature_json(const HazardZone& zone);

}  // namespace muster::tools
