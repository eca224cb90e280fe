#pragma once
// Point symbols of the map and its legend: filled shapes with a white outline, so that they
// stand out on roads and fills alike.

#include <cairo.h>

#include "tools/report/report_text.hpp"

namespace muster::tools {

enum class MarkerShape { circle, square, triangle, diamond, cross, star };

struct Marker {
    MarkerShape shape = MarkerShape::circle;
    Rgb fill;
    double size_pt = 6;  ///< across
};

/// Draws the marker centred on (x, y).
void draw_marker(cairo_t* cr, const Marker& marker, double x, double y);

}  // namespace muster::tools
