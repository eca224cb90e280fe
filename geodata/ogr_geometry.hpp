#pragma once
// Conversions between GDAL/OGR geometries (and their WKB) and muster's own geometry types.

#include <optional>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geometry.hpp"

class OGRGeometry;

namespace muster {

/// The point of a Point (or a one-point MultiPoint), else nothing.
std::optional<LonLat> as_point(const OGRGeometry& g);
/// The polygons of a Polygon or MultiPolygon (curves linearised), else nothing.
std::optional<MultiPolygon> as_multipolygon(const OGRGeometry& g);
/// The lines of a LineString or MultiLineString, else nothing.
std::optional<std::vector<std::vector<LonLat>>> as_lines(const OGRGeometry& g);
/// OGR's name of the geometry type, e.g. "Line String", for messages.
std::string geometry_type_name(const OGRGeometry& g);

/// GEOS's MakeValid through OGR: a valid polygonal version of an invalid area, or nothing.
std::optional<MultiPolygon> make_valid(const MultiPolygon& area);

/// ISO WKB of muster geometries (what the database stores through SpatiaLite's GeomFromWKB).
std::vector<unsigned char> to_wkb(LonLat point);
std::vector<unsigned char> to_wkb(const MultiPolygon& area);
std::vector<unsigned char> to_wkb(const std::vector<LonLat>& line);

/// Parses WKB read back from the database. Throws DataError if it is not the expected type.
LonLat point_from_wkb(const void* data, std::size_t size);
MultiPolygon multipolygon_from_wkb(const void* data, std::size_t size);
std::vector<LonLat> line_from_wkb(const void* data, std::size_t size);

}  // namespace muster
