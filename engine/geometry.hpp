#pragma once
// muster's own polygon types, with the operations the model needs. GEOS (through its stable C API)
// does the geometry; these types keep GEOS out of every other header.

#include <optional>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"

namespace muster {

/// A closed ring of WGS84 points; the first point is repeated at the end.
using Ring = std::vector<LonLat>;

/// A polygon: the outer ring first, then holes.
struct Polygon {
    std::vector<Ring> rings;
};

/// One or more polygons. A single polygon is a MultiPolygon with one member.
struct MultiPolygon {
    std::vector<Polygon> polygons;
    bool empty() const { return polygons.empty(); }
};

/// Area on the WGS84 ellipsoid in square metres: outer rings minus holes.
double area_m2(const MultiPolygon& area);

/// Why the geometry is invalid (GEOS's reason, e.g. "Self-intersection[14.5 35.9]"), or nothing if
/// it is valid.
std::optional<std::string> invalid_reason(const MultiPolygon& area);

/// A point guaranteed to lie inside the polygon (GEOS point-on-surface); the location used to snap
/// an area feature to the road network. Throws InputError for an empty geometry.
LonLat point_on_surface(const MultiPolygon& area);

/// Whether the point lies inside or on the boundary of the area.
bool covers(const MultiPolygon& area, LonLat point);

}  // namespace muster
