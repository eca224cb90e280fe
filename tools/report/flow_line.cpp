#include "tools/report/flow_line.hpp"

namespace muster::tools {

double flow_width(double amount, double largest, double thinnest, double widest) {
    return largest > 0 ? thinnest + (widest - thinnest) * amount / largest : thinnest;
}

void draw_flow_line(cairo_t* cr, PagePoint from, PagePoint to, Rgb colour, double alpha,
                    double width_pt) {
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_move_to(cr, from.x, from.y);
    cairo_line_to(cr, to.x, to.y);
    set_colour(cr, colour, alpha);
    cairo_set_line_width(cr, width_pt);
    cairo_stroke(cr);
    cairo_restore(cr);
}

}  // namespace muster::tools
