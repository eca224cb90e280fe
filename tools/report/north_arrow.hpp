#pragma once
// The north arrow: the report's frames are north up, so it points straight up.

#include <cairo.h>

namespace muster::tools {

/// Draws the arrow `height` points tall with its top centre at (x, y) and "N" (北 in Chinese)
/// below it.
void draw_north_arrow(cairo_t* cr, double x, double y, double height);

}  // namespace muster::tools
