#pragma once
// The answer of a service-area (isochrone) query as GIS layers (FeatureTables), for --out FILE
// and --format geojson. docs/routing.md lists the columns. Geometries are given in `system`
// (tools/present/shown_coordinates.hpp).

#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/feature_table.hpp"
#include "tools/app/isochrone_query.hpp"

namespace muster::tools {

/// Two layers. "service_area": one polygon per facility and band, the largest bands first (so a
/// map draws the small ones on top): facility_id, facility_name, facility_kind, from_min, to_min
/// (disks from 0, rings from the previous limit), population (NULL without townships' people),
/// area_km2, node_count, direction, travel_mode, metric. "service_area_lines": the stretches of
/// road each band reaches beyond the previous one (no stretch in two bands): facility_id,
/// facility_name, band_to_min, edge_id, from_fraction, to_fraction, start_min and end_min (the
/// travel time at the from_fraction and the to_fraction ends) and length_m. Ids and names NULL
/// for a plain coordinate.
std::vector<FeatureTable> isochrone_layers(const IsochroneAnswer& answer,
                                           CoordinateSystem system = CoordinateSystem::wgs84);

}  // namespace muster::tools
