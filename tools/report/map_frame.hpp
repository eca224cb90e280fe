#pragma once
// The map's projection onto the page: a local equirectangular frame (engine/geodesic.hpp's
// LocalFrame, metres east and north of the extent's centre on the ellipsoid's radii of
// curvature) scaled to fit the extent into a rectangle of the page, north up. Over a county or an
// island the frame's scale errs by well under 1 % across the map.

#include "engine/coordinate.hpp"
#include "engine/geodesic.hpp"

namespace muster::tools {

/// A rectangle on the page, in points (1/72 inch), y downwards.
struct PageRect {
    double x = 0, y = 0, width = 0, height = 0;
};

struct PagePoint {
    double x = 0, y = 0;
};

class MapFrame {
  public:
    /// `extent` (not empty) fitted into `area` with `margin` (a share of the extent on each
    /// side), centred, the same scale on both axes.
    MapFrame(const BoundingBox& extent, const PageRect& area, double margin = 0.04);

    PagePoint to_page(LonLat p) const;
    LonLat to_lon_lat(PagePoint p) const;
    /// The rectangle the map fills.
    const PageRect& area() const { return m_area; }
    /// The WGS84 box the whole rectangle shows.
    BoundingBox visible() const;
    /// Metres of the local frame per point of the page.
    double metres_per_point() const { return m_metres_per_point; }

  private:
    PageRect m_area;
    LocalFrame m_frame;
    double m_metres_per_point = 1;
};

}  // namespace muster::tools
