#pragma once
// The JSON answers of the routing queries, as the command line prints them (--format json) and
// the HTTP service returns them. Durations in seconds, distances in metres, geometries GeoJSON
// with [lon, lat]; what cannot be reached has null figures and "reachable": false.
// docs/routing.md shows each shape. Positions are given in `system` (tools/present/
// shown_coordinates.hpp), and an answer not in WGS84 says so: "coordinates": "gcj02" or "bd09".

#include <nlohmann/json.hpp>

#include <stop_token>

#include "engine/china_coordinates.hpp"
#include "tools/app/isochrone_query.hpp"
#include "tools/app/matrix_query.hpp"
#include "tools/app/nearest_query.hpp"
#include "tools/app/route_query.hpp"

namespace muster::tools {

/// {"incident": [lon, lat], "snap_distance_m", "set", "direction", "metric",
///  "results": [{"id", "name", "kind", "duration_s", "distance_m", "geometry", "reachable",
///               "ferries", "snap_distance_m"}],
///  "unavailable": [{"id", "name", "kind", "reason"}]} (+ "note" when there is one)
nlohmann::json nearest_json(const NearestAnswer& answer,
                            CoordinateSystem system = CoordinateSystem::wgs84);

/// {"duration_s", "distance_m", "geometry", "metric",
///  "ferries": [{"duration_s", "distance_m", "geometry"}] (the crossings, boarding included;
///  [] on roads alone), "from": {"query", "location", "snapped", "snap_distance_m"}, "to": {...}}
nlohmann::json route_json(const RouteAnswer& answer,
                          CoordinateSystem system = CoordinateSystem::wgs84);

/// {"sources": [{"id", "name", "location", "snap_distance_m"}], "targets": [...],
///  "durations_s": [[...] per source], "distances_m": [[...]], "metric"}; null where unreachable.
nlohmann::json matrix_json(const MatrixAnswer& answer,
                           CoordinateSystem system = CoordinateSystem::wgs84);

/// {"origin", "snap_distance_m", "direction", "metric",
///  "bands": [{"minutes", "limit_s", "nodes", "segments", "area_m2", "area" (MultiPolygon),
///             "roads" (MultiLineString)}]}: "nodes" and "area" are all the band reaches,
///  "roads" its ring, the road beyond the previous band's limit ("segments" of them).
/// Throws muster::Stopped once `stop` is requested (checked before each band): a large answer
/// takes longer to write than to compute.
nlohmann::json isochrone_json(const IsochroneAnswer& answer,
                              CoordinateSystem system = CoordinateSystem::wgs84,
                              const std::stop_token& stop = {});

}  // namespace muster::tools
