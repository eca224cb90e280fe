#include "tools/report/area_path.hpp"

namespace muster::tools {

void append_area(cairo_t* cr, const MapFrame& frame, const MultiPolygon& area) {
    for (const Polygon& polygon : area.polygons) {
        for (const Ring& ring : polygon.rings) {
            append_line(cr, frame, ring);
            if (ring.size() >= 2)
                cairo_close_path(cr);
        }
    }
}

void append_line(cairo_t* cr, const MapFrame& frame, std::span<const LonLat> line) {
    if (line.size() < 2)
        return;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const PagePoint p = frame.to_page(line[k]);
        if (k == 0)
            cairo_move_to(cr, p.x, p.y);
        else
            cairo_line_to(cr, p.x, p.y);
    }
}

}  // namespace muster::tools
