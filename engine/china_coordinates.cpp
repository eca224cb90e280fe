#include "engine/china_coordinates.hpp"

#include <cmath>
#include <numbers>

#include "engine/text.hpp"

namespace muster {
namespace {

constexpr double kPi = std::numbers::pi;
// The Krasovsky 1940 ellipsoid of the GCJ-02 formula.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccentricity2 = 0.00669342162296594323;
// BD-09's own constant.
constexpr double kBdPi = kPi * 3000.0 / 180.0;

double shift_lat(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double shift_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// The GCJ-02 offset (degrees) at a WGS84 position inside China.
LonLat offset(LonLat p) {
    double d_lat = shift_lat(p.lon - 105.0, p.lat - 35.0);
    double d_lon = shift_lon(p.lon - 105.0, p.lat - 35.0);
    const double rad_lat = p.lat / 180.0 * kPi;
    double magic = std::sin(rad_lat);
    magic = 1 - kEccentricity2 * magic * magic;
    const double sqrt_magic = std::sqrt(magic);
    d_lat = (d_lat * 180.0) / ((kSemiMajor * (1 - kEccentricity2)) / (magic * sqrt_magic) * kPi);
    d_lon = (d_lon * 180.0) / (kSemiMajor / sqrt_magic * std::cos(rad_lat) * kPi);
    return {d_lon, d_lat};
}

// Solves forward(x) = target for x by fixed-point iteration from `start`: the offsets change by
// far less than a metre over the few hundred metres they move a point, so each step gains about
// three digits.
template <class Forward>
LonLat invert(LonLat target, LonLat start, Forward forward) {
    LonLat x = start;
    for (int i = 0; i < 30; ++i) {
        const LonLat image = forward(x);
        const double d_lon = image.lon - target.lon;
        const double d_lat = image.lat - target.lat;
        x.lon -= d_lon;
        x.lat -= d_lat;
        if (std::abs(d_lon) < 1e-11 && std::abs(d_lat) < 1e-11)
            break;
    }
    return x;
}

}  // namespace

std::string_view to_string(CoordinateSystem system) {
    switch (system) {
        case CoordinateSystem::wgs84:
            return "wgs84";
        case CoordinateSystem::gcj02:
            return "gcj02";
        case CoordinateSystem::bd09:
            return "bd09";
    }
    return "?";
}

std::optional<CoordinateSystem> parse_coordinate_system(std::string_view text) {
    const std::string word = ascii_lower(text);
    for (const char* name :
         {"wgs84", "wgs-84", "wgs 84", "4326", "epsg:4326", "cgcs2000", "4490", "epsg:4490"}) {
        if (word == name)
            return CoordinateSystem::wgs84;
    }
    for (const char* name : {"gcj02", "gcj-02", "amap", "gaode", "tencent", "高德", "腾讯", "火星",
                             "火星坐标", "国测局"}) {
        if (word == name)
            return CoordinateSystem::gcj02;
    }
    for (const char* name : {"bd09", "bd-09", "baidu", "百度"}) {
        if (word == name)
            return CoordinateSystem::bd09;
    }
    return std::nullopt;
}

bool outside_china(LonLat p) {
    return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

LonLat wgs84_to_gcj02(LonLat p) {
    if (outside_china(p))
        return p;
    const LonLat d = offset(p);
    return {p.lon + d.lon, p.lat + d.lat};
}

LonLat gcj02_to_wgs84(LonLat p) {
    if (outside_china(p))
        return p;
    const LonLat d = offset(p);
    return invert(p, {p.lon - d.lon, p.lat - d.lat}, wgs84_to_gcj02);
}

LonLat gcj02_to_bd09(LonLat p) {
    const double z = std::hypot(p.lon, p.lat) + 0.00002 * std::sin(p.lat * kBdPi);
    const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kBdPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
    // Baidu's published inverse is itself approximate (to about a metre); refine it.
    const double x = p.lon - 0.0065, y = p.lat - 0.006;
    const double z = std::hypot(x, y) - 0.00002 * std::sin(y * kBdPi);
    const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdPi);
    return invert(p, {z * std::cos(theta), z * std::sin(theta)}, gcj02_to_bd09);
}

LonLat to_wgs84(LonLat point, CoordinateSystem system) {
    switch (system) {
        case CoordinateSystem::wgs84:
            return point;
        case CoordinateSystem::gcj02:
            return gcj02_to_wgs84(point);
        case CoordinateSystem::bd09:
            return gcj02_to_wgs84(bd09_to_gcj02(point));
    }
    return point;
}

LonLat from_wgs84(LonLat wgs84, CoordinateSystem system) {
    switch (system) {
        case CoordinateSystem::wgs84:
            return wgs84;
        case CoordinateSystem::gcj02:
            return wgs84_to_gcj02(wgs84);
        case CoordinateSystem::bd09:
            return gcj02_to_bd09(wgs84_to_gcj02(wgs84));
    }
    return wgs84;
}

}  // namespace muster
