#pragma once
// WGS84 coordinates. LonLat (doubles) is the geometry boundary type; Coordinate (fixed-point,
// 1e-7 degree, about 1 cm) is what the road network stores and what "equal coordinates" means
// when ways are joined into a topology.

#include <cmath>
#include <cstdint>
#include <functional>

namespace muster {

/// A WGS84 longitude/latitude in degrees, GeoJSON order.
struct LonLat {
    double lon = 0;
    double lat = 0;
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

/// A fixed-point WGS84 coordinate in units of 1e-7 degree.
struct Coordinate {
    std::int32_t lon_e7 = 0;
    std::int32_t lat_e7 = 0;

    static Coordinate from(LonLat p) {
        return {static_cast<std::int32_t>(std::lround(p.lon * 1e7)),
                static_cast<std::int32_t>(std::lround(p.lat * 1e7))};
    }
    LonLat lon_lat() const { return {lon_e7 * 1e-7, lat_e7 * 1e-7}; }
    friend bool operator==(const Coordinate&, const Coordinate&) = default;
};

struct CoordinateHash {
    std::size_t operator()(const Coordinate& c) const noexcept {
        const auto key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(c.lon_e7)) << 32) |
                         static_cast<std::uint32_t>(c.lat_e7);
        return std::hash<std::uint64_t>{}(key);
    }
};

/// An axis-aligned box in degrees.
struct BoundingBox {
    double min_lon = INFINITY, min_lat = INFINITY, max_lon = -INFINITY, max_lat = -INFINITY;

    void extend(LonLat p) {
        min_lon = std::fmin(min_lon, p.lon);
        min_lat = std::fmin(min_lat, p.lat);
        max_lon = std::fmax(max_lon, p.lon);
        max_lat = std::fmax(max_lat, p.lat);
    }
    bool empty() const { return min_lon > max_lon; }
    /// Whether the boxes share a point (edges included); never for an empty box.
    bool intersects(const BoundingBox& other) const {
        return !empty() && !other.empty() && min_lon <= other.max_lon && other.min_lon <= max_lon &&
               min_lat <= other.max_lat && other.min_lat <= max_lat;
    }
};

}  // namespace muster
