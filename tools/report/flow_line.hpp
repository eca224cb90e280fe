#pragma once
// Flows drawn as straight lines from origin to destination (relief shipments, ambulance trips),
// as wide as their share of the largest flow.

#include <cairo.h>

#include "tools/report/map_frame.hpp"
#include "tools/report/report_text.hpp"

namespace muster::tools {

/// A line's width (pt) for `amount` of a largest `largest`: from `thinnest` up to `widest` in
/// proportion; `thinnest` when there is no largest.
double flow_width(double amount, double largest, double thinnest, double widest);

/// Strokes a round-capped straight line from `from` to `to` in `colour` at `alpha`.
void draw_flow_line(cairo_t* cr, PagePoint from, PagePoint to, Rgb colour, double alpha,
                    double width_pt);

}  // namespace muster::tools
