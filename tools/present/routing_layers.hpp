#pragma once
// The answers of the routing queries (nearest, route, matrix) as GIS layers (FeatureTables), for
// --out FILE and --format geojson. docs/outputs.md lists the fields (times in minutes, distances
// in metres). Geometries (and matrix's lon/lat columns) are given in `system`; a layer not in
// WGS84 carries the column coord_sys naming it (tools/present/shown_coordinates.hpp).

#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/feature_table.hpp"
#include "tools/app/matrix_query.hpp"
#include "tools/app/nearest_query.hpp"
#include "tools/app/route_query.hpp"

namespace muster::tools {

/// "nearest_facilities": one line per result, the route from where travel starts to where it
/// ends (no geometry, NULL time and distance if unreachable).
FeatureTable nearest_layer(const NearestAnswer& answer,
                           CoordinateSystem system = CoordinateSystem::wgs84);

/// "fastest_route": one line, with its ferry crossings and their time (boarding included).
FeatureTable route_layer(const RouteAnswer& answer,
                         CoordinateSystem system = CoordinateSystem::wgs84);

/// "travel_matrix": one row per origin and destination, a straight line between them.
FeatureTable matrix_layer(const MatrixAnswer& answer,
                          CoordinateSystem system = CoordinateSystem::wgs84);

}  // namespace muster::tools
