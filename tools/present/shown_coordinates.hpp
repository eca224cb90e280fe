#pragma once
// Answers given back in the coordinate system their points were given in. muster computes in
// WGS84; when a query's points were declared GCJ-02 or BD-09 (--coordinates, coordinates=), every
// position of its answer is converted back at presentation, so that it lands where the user's map
// (AMap, Tencent, Baidu) shows it, and the answer says which system it is in. Figures (metres,
// seconds, square metres) are always computed in WGS84 before the conversion.

#include <nlohmann/json.hpp>

#include <span>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "engine/geometry.hpp"
#include "geodata/feature_table.hpp"

namespace muster::tools {

/// The column that layers in another system than WGS84 carry on every row (e.g. "gcj02"): the
/// files still declare EPSG:4326, which is the nearest a GIS format can say.
inline constexpr const char* kCoordinatesColumn = "coord_sys";

/// A WGS84 position, line or area in `system`.
LonLat shown(LonLat wgs84, CoordinateSystem system);
std::vector<LonLat> shown(std::span<const LonLat> wgs84, CoordinateSystem system);
MultiPolygon shown(const MultiPolygon& wgs84, CoordinateSystem system);

/// Adds "coordinates": "gcj02" (or "bd09") to a JSON answer; nothing for WGS84, the default.
void declare_coordinates(nlohmann::json& answer, CoordinateSystem system);

/// A layer of WGS84 geometries with every geometry in `system` and, unless that is WGS84, the
/// column kCoordinatesColumn naming it.
FeatureTable shown(FeatureTable layer, CoordinateSystem system);

}  // namespace muster::tools
