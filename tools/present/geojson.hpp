#pragma once
// GeoJSON (RFC 7946) for JSON answers: positions [lon, lat] rounded to 1e-7 degree (about 1 cm),
// geometry objects, and FeatureTables as one FeatureCollection. Files are written by GDAL
// (geodata/result_writer.hpp); this is for JSON sent to stdout or over HTTP.

#include <nlohmann/json.hpp>

#include <span>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geometry.hpp"
#include "geodata/feature_table.hpp"

namespace muster::tools {

/// [lon, lat].
nlohmann::json position_json(LonLat p);
/// A LineString geometry object.
nlohmann::json line_json(const std::vector<LonLat>& line);
/// A MultiLineString geometry object.
nlohmann::json multi_line_json(const std::vector<std::vector<LonLat>>& lines);
/// A MultiPolygon geometry object.
nlohmann::json multi_polygon_json(const MultiPolygon& area);
/// The geometry object of a feature, or null.
nlohmann::json geometry_json(const FeatureGeometry& geometry);

/// Every row of every table as one FeatureCollection, properties named by the columns (booleans
/// as true / false, nulls as null). With several tables each feature's "layer" names its table.
nlohmann::json feature_collection(std::span<const FeatureTable> tables);

/// A value rounded to `decimals` places, for figures that must not show float noise.
double rounded(double value, int decimals);

}  // namespace muster::tools
