#pragma once
// The legend of a map: a swatch and a label per entry, laid out in columns.

#include <cairo.h>

#include <string>
#include <vector>

#include "tools/report/map_frame.hpp"
#include "tools/report/map_marker.hpp"

namespace muster::tools {

/// One entry: a filled box (fill areas), a line (roads, flows) or a point marker.
struct LegendEntry {
    enum class Kind { fill, line, marker };
    Kind kind = Kind::fill;
    std::string label;
    Rgb colour;  ///< fill or line colour
    Rgb outline{0.4, 0.4, 0.4};
    double line_width = 1;  ///< lines
    double alpha = 1;       ///< fills and lines
    bool dashed = false;    ///< lines
    Marker marker;          ///< markers
};

/// The height the entries take in `width` (legend_columns of them).
double legend_height(cairo_t* cr, const std::vector<LegendEntry>& entries, double width);

/// Draws the entries top-down in as many columns as fit in `width` with every label whole (at
/// most 3, at least 1), filled column by column; returns the height used.
double draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, double x, double y,
                   double width);

}  // namespace muster::tools
