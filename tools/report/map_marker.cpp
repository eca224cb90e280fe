#include "tools/report/map_marker.hpp"

#include <cmath>
#include <numbers>

namespace muster::tools {
namespace {

void star_path(cairo_t* cr, double x, double y, double r) {
    for (int k = 0; k < 10; ++k) {
        const double radius = k % 2 == 0 ? r : r * 0.45;
        const double angle = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
        const double px = x + radius * std::cos(angle), py = y + radius * std::sin(angle);
        if (k == 0)
            cairo_move_to(cr, px, py);
        else
            cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
}

// A Greek cross, the usual sign of a hospital.
void cross_path(cairo_t* cr, double x, double y, double r) {
    const double a = r * 0.38;
    const double points[][2] = {{-a, -r}, {a, -r}, {a, -a}, {r, -a}, {r, a},   {a, a},
                                {a, r},   {-a, r}, {-a, a}, {-r, a}, {-r, -a}, {-a, -a}};
    cairo_move_to(cr, x + points[0][0], y + points[0][1]);
    for (const auto& p : points)
        cairo_line_to(cr, x + p[0], y + p[1]);
    cairo_close_path(cr);
}

}  // namespace

void draw_marker(cairo_t* cr, const Marker& marker, double x, double y) {
    const double r = marker.size_pt / 2;
    cairo_save(cr);
    cairo_new_path(cr);
    switch (marker.shape) {
        case MarkerShape::circle:
            cairo_arc(cr, x, y, r, 0, 2 * std::numbers::pi);
            break;
        case MarkerShape::square:
            cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
            break;
        case MarkerShape::triangle:
            cairo_move_to(cr, x, y - r);
            cairo_line_to(cr, x + r * 0.95, y + r * 0.7);
            cairo_line_to(cr, x - r * 0.95, y + r * 0.7);
            cairo_close_path(cr);
            break;
        case MarkerShape::diamond:
            cairo_move_to(cr, x, y - r);
            cairo_line_to(cr, x + r, y);
            cairo_line_to(cr, x, y + r);
            cairo_line_to(cr, x - r, y);
            cairo_close_path(cr);
            break;
        case MarkerShape::cross:
            cross_path(cr, x, y, r);
            break;
        case MarkerShape::star:
            star_path(cr, x, y, r * 1.2);
            break;
    }
    set_colour(cr, marker.fill);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, std::max(0.5, marker.size_pt / 8));
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_restore(cr);
}

}  // namespace muster::tools
