#include "tools/report/map_frame.hpp"

#include <algorithm>

namespace muster::tools {
namespace {

LonLat centre_of(const BoundingBox& box) {
    return {(box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2};
}

}  // namespace

MapFrame::MapFrame(const BoundingBox& extent, const PageRect& area, double margin)
    : m_area(area), m_frame(centre_of(extent)) {
    const LocalFrame::Xy low = m_frame.to_xy({extent.min_lon, extent.min_lat});
    const LocalFrame::Xy high = m_frame.to_xy({extent.max_lon, extent.max_lat});
    // A point extent (one feature) still gets a kilometre around it.
    const double width_m = std::max(high.x - low.x, 1000.0) * (1 + 2 * margin);
    const double height_m = std::max(high.y - low.y, 1000.0) * (1 + 2 * margin);
    m_metres_per_point = std::max(width_m / area.width, height_m / area.height);
}

PagePoint MapFrame::to_page(LonLat p) const {
    const LocalFrame::Xy xy = m_frame.to_xy(p);
    return {m_area.x + m_area.width / 2 + xy.x / m_metres_per_point,
            m_area.y + m_area.height / 2 - xy.y / m_metres_per_point};
}

LonLat MapFrame::to_lon_lat(PagePoint p) const {
    return m_frame.to_lon_lat({(p.x - m_area.x - m_area.width / 2) * m_metres_per_point,
                               (m_area.y + m_area.height / 2 - p.y) * m_metres_per_point});
}

BoundingBox MapFrame::visible() const {
    BoundingBox box;
    box.extend(to_lon_lat({m_area.x, m_area.y}));
    box.extend(to_lon_lat({m_area.x + m_area.width, m_area.y + m_area.height}));
    return box;
}

}  // namespace muster::tools
