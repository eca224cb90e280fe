#include "engine/geodesic.hpp"

#include <geodesic.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace muster {
namespace {

constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1 / 298.257223563;

const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, kWgs84A, kWgs84F);
        return init;
    }();
    return g;
}

}  // namespace

double distance_m(LonLat a, LonLat b) {
    double s12 = 0;
    geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
    return s12;
}

double length_m(std::span<const LonLat> line) {
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
        total += distance_m(line[i - 1], line[i]);
    return total;
}

double ring_area_m2(std::span<const LonLat> ring) {
    std::vector<double> lats, lons;
    lats.reserve(ring.size());
    lons.reserve(ring.size());
    for (auto p : ring) {
        lats.push_back(p.lat);
        lons.push_back(p.lon);
    }
    // geod_polygonarea closes the ring itself; a repeated closing vertex adds a zero-length edge.
    double area = 0;
    geod_polygonarea(&wgs84(), lats.data(), lons.data(), static_cast<int>(ring.size()), &area,
                     nullptr);
    return std::fabs(area);
}

LocalFrame::LocalFrame(LonLat origin) : m_origin(origin) {
    // Radii of curvature of the ellipsoid at the origin's latitude.
    const double phi = origin.lat * std::numbers::pi / 180;
    const double e2 = kWgs84F * (2 - kWgs84F);
    const double w = std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
    const double prime_vertical = kWgs84A / w;
    const double meridional = kWgs84A * (1 - e2) / (w * w * w);
    m_m_per_deg_lon = prime_vertical * std::cos(phi) * std::numbers::pi / 180;
    m_m_per_deg_lat = meridional * std::numbers::pi / 180;
}

}  // namespace muster
