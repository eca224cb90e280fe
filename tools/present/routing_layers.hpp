#pragma once
// The answers of the routing queries (nearest, route, matrix) as GIS layers (FeatureTables), for
// --out FILE and
// --format geojson. Column names fit a Shapefile's 10 characters. docs/routing.md lists them.
// Geometries (and matrix's lon/lat columns) are given in `system`; a layer not in WGS84 carries
// the column coord_sys naming it (tools/present/shown_coordinates.hpp).

#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/feature_table.hpp"
#include "tools/app/matrix_query.hpp"
#include "tools/app/nearest_query.hpp"
#include "tools/app/route_query.hpp"

namespace muster::tools {

/// "nearest": one line per result, the route from where travel starts to where it ends
/// (no geometry if unreachable): rank, id, name, kind, duration_s, distance_m, reachable, snap_m.
FeatureTable nearest_layer(const NearestAnswer& answer,
                           CoordinateSystem system = CoordinateSystem::wgs84);

/// "route": one line: from, to, duration_s, distance_m, ferries (crossings), ferry_s (their
/// time, boarding included), metric.
FeatureTable route_layer(const RouteAnswer& answer,
                         CoordinateSystem system = CoordinateSystem::wgs84);

/// "matrix": one row per source and target, a straight line from origin to destination:
/// source, target, duration_s, distance_m, reachable, src_lon, src_lat, dst_lon, dst_lat.
FeatureTable matrix_layer(const MatrixAnswer& answer,
                          CoordinateSystem system = CoordinateSystem::wgs84);

}  // namespace muster::tools
