#pragma once
// The answer of a service-area (isochrone) query as GIS layers (FeatureTables), for --out FILE
// and --format geojson. docs/routing.md lists the columns. Geometries are given in `system`
// (tools/present/shown_coordinates.hpp).

#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/feature_table.hpp"
#include "tools/app/isochrone_query.hpp"

namespace muster::tools {

/// Two layers: "isochrone", one polygon per band (minutes, limit_s, nodes, area_m2, direction,
/// metric), and "roads", the stretches of road each band reaches beyond the previous one (minutes,
/// edge, from_frac, to_frac): rings, so a band's road is that of its minutes and below.
std::vector<FeatureTable> isochrone_layers(const IsochroneAnswer& answer,
                                           CoordinateSystem system = CoordinateSystem::wgs84);

}  // namespace muster::tools
