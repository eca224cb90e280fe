#pragma once
// The scale bar: a round length (1, 2 or 5 × a power of ten, in kilometres) whose length on the
// page is measured geodesically across the map's centre, so that it holds whatever the frame.

#include <cairo.h>

#include "tools/report/map_frame.hpp"

namespace muster::tools {

/// Metres on the ground per point of the page, along the horizontal through the map's centre,
/// measured on the ellipsoid (engine/geodesic.hpp's distance_m).
double ground_metres_per_point(const MapFrame& frame);

/// The longest round length, in metres, of 1, 2 or 5 × 10^k (10 m and up) whose bar is at most
/// `max_points` long at `metres_per_point`.
double round_scale_length_m(double metres_per_point, double max_points);

/// Draws the bar with its lower left corner at (x, y): two halves, black and white, labelled
/// "0" and "L km" (in the output language). Returns the width used.
double draw_scale_bar(cairo_t* cr, const MapFrame& frame, double x, double y, double max_points);

}  // namespace muster::tools
