#pragma once
// Distances and areas on the WGS84 ellipsoid (PROJ's geodesic routines, Karney 2013).
// Never in degrees.

#include <span>

#include "engine/coordinate.hpp"

namespace muster {

/// Geodesic distance between two points, in metres.
double distance_m(LonLat a, LonLat b);

/// Length of a polyline along the ellipsoid, in metres.
double length_m(std::span<const LonLat> line);

/// Area enclosed by a ring (closed or not, either orientation), in square metres.
double ring_area_m2(std::span<const LonLat> ring);

/// A local metric frame around an origin (equirectangular on the ellipsoid's radii of curvature):
/// accurate to well under 0.1 % within a few kilometres, which is what snapping needs to project a
/// point onto a segment. Reported distances still come from distance_m.
class LocalFrame {
  public:
    explicit LocalFrame(LonLat origin);
    struct Xy {
        double x, y;
    };
    Xy to_xy(LonLat p) const {
        return {(p.lon - m_origin.lon) * m_m_per_deg_lon, (p.lat - m_origin.lat) * m_m_per_deg_lat};
    }
    LonLat to_lon_lat(Xy p) const {
        return {m_origin.lon + p.x / m_m_per_deg_lon, m_origin.lat + p.y / m_m_per_deg_lat};
    }
    double metres_per_degree_lon() const { return m_m_per_deg_lon; }
    double metres_per_degree_lat() const { return m_m_per_deg_lat; }

  private:
    LonLat m_origin;
    double m_m_per_deg_lon;
    double m_m_per_deg_lat;
};

}  // namespace muster
