#pragma once
// Polygons and lines of WGS84 points as cairo paths on the map.

#include <cairo.h>

#include <span>

#include "engine/geometry.hpp"
#include "tools/report/map_frame.hpp"

namespace muster::tools {

/// Appends every ring of `area` to the current path (fill it with CAIRO_FILL_RULE_EVEN_ODD so
/// that holes stay open).
void append_area(cairo_t* cr, const MapFrame& frame, const MultiPolygon& area);

/// Appends the polyline to the current path (nothing for fewer than two points).
void append_line(cairo_t* cr, const MapFrame& frame, std::span<const LonLat> line);

}  // namespace muster::tools
