#include "tools/report/north_arrow.hpp"

#include "tools/present/messages.hpp"
#include "tools/report/report_text.hpp"

namespace muster::tools {

void draw_north_arrow(cairo_t* cr, double x, double y, double height) {
    const double half = height * 0.32;
    const double base = y + height * 0.75;
    cairo_save(cr);
    cairo_set_line_width(cr, 0.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    // Left half dark, right half light: the usual split arrowhead.
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - half, base + height * 0.12);
    cairo_line_to(cr, x, base);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + half, base + height * 0.12);
    cairo_line_to(cr, x, base);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_stroke(cr);
    cairo_restore(cr);
    TextStyle style;
    style.size_pt = 8;
    style.bold = true;
    style.align = Align::centre;
    draw_text(cr, tr("N|north"), x, base + height * 0.12 + 1, style);
}

}  // namespace muster::tools
