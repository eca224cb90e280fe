#include "tools/report/scale_bar.hpp"

#include <cmath>

#include "tools/app/number_text.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/report_text.hpp"

namespace muster::tools {

double ground_metres_per_point(const MapFrame& frame) {
    const PageRect& a = frame.area();
    const double y = a.y + a.height / 2;
    const double span = a.width / 2;
    const double cx = a.x + a.width / 2;
    return distance_m(frame.to_lon_lat({cx - span / 2, y}), frame.to_lon_lat({cx + span / 2, y})) /
           span;
}

double round_scale_length_m(double metres_per_point, double max_points) {
    const double most = metres_per_point * max_points;
    double best = 10;
    for (double power = 10; power <= 1e7; power *= 10) {
        for (const double step : {1.0, 2.0, 5.0}) {
            if (step * power <= most)
                best = step * power;
        }
    }
    return best;
}

double draw_scale_bar(cairo_t* cr, const MapFrame& frame, double x, double y, double max_points) {
    const double per_point = ground_metres_per_point(frame);
    const double length_m = round_scale_length_m(per_point, max_points);
    const double width = length_m / per_point;
    const double height = 4;
    cairo_save(cr);
    cairo_set_line_width(cr, 0.6);
    for (int half = 0; half < 2; ++half) {
        cairo_rectangle(cr, x + half * width / 2, y - height, width / 2, height);
        if (half == 0)
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    TextStyle style;
    style.size_pt = 7;
    style.align = Align::centre;
    const double km = length_m / 1000;
    const std::string label =
        (km >= 1 ? fixed(km, 0) : fixed(km, km >= 0.1 ? 1 : 2)) + " " + tr("km");
    draw_text(cr, "0", x, y - height - 10, style);
    draw_text(cr, label, x + width, y - height - 10, style);
    return width;
}

}  // namespace muster::tools
