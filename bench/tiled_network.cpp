#include "bench/tiled_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <string>

namespace muster::bench {
namespace {

constexpr double kMetresPerDegreeLat = 110'574;
constexpr double kMetresPerDegreeLonAtEquator = 111'320;
constexpr double kBridgeSpeedKmh = 65;  // a primary road's default

struct Extent {
    double min_lon = std::numeric_limits<double>::max(), max_lon = -min_lon;
    double min_lat = min_lon, max_lat = -min_lon;
};

/// The outermost drivable vertices in each band along one side of the tile: for an east side,
/// per band of latitude, the vertex with the greatest longitude (and so on for the others).
/// Nothing for a band without drivable vertices.
std::vector<std::optional<LonLat>> outermost(std::span<const RoadWay> tile, const Extent& extent,
                                             std::size_t bands, bool east_west, bool far_side) {
    std::vector<std::optional<LonLat>> best(bands);
    const double lo = east_west ? extent.min_lat : extent.min_lon;
    const double hi = east_west ? extent.max_lat : extent.max_lon;
    for (const RoadWay& way : tile) {
        if (!way.drive.usable())
            continue;
        for (const LonLat& p : way.points) {
            const double along = east_west ? p.lat : p.lon;
            const double across = east_west ? p.lon : p.lat;
            const auto band = std::min(
                bands - 1,
                static_cast<std::size_t>((along - lo) / (hi - lo) * static_cast<double>(bands)));
            auto& b = best[band];
            const double current = b ? (east_west ? b->lon : b->lat) : 0;
            if (!b || (far_side ? across > current : across < current))
                b = p;
        }
    }
    return best;
}

RoadWay bridge(LonLat from, LonLat to, std::size_t number) {
    RoadWay way;
    way.id = "bridge-" + std::to_string(number);
    way.road_class = "primary";
    way.points = {from, to};
    way.drive = {true, true, kBridgeSpeedKmh};
    way.walk = {true, true, kWalkingSpeedKmh};
    return way;
}

LonLat moved(LonLat p, double dlon, double dlat) {
    return {p.lon + dlon, p.lat + dlat};
}

}  // namespace

std::vector<RoadWay> tiled_road_ways(std::span<const RoadWay> tile, const TilingOptions& options) {
    Extent extent;
    for (const RoadWay& way : tile) {
        if (!way.drive.usable())
            continue;
        for (const LonLat& p : way.points) {
            extent.min_lon = std::min(extent.min_lon, p.lon);
            extent.max_lon = std::max(extent.max_lon, p.lon);
            extent.min_lat = std::min(extent.min_lat, p.lat);
            extent.max_lat = std::max(extent.max_lat, p.lat);
        }
    }
    if (extent.min_lon > extent.max_lon)
        return {};
    const double mid_lat = (extent.min_lat + extent.max_lat) / 2 * std::numbers::pi / 180;
    const double step_lon = extent.max_lon - extent.min_lon +
                            options.gap_m / (kMetresPerDegreeLonAtEquator * std::cos(mid_lat));
    const double step_lat = extent.max_lat - extent.min_lat + options.gap_m / kMetresPerDegreeLat;
    const std::size_t k = options.tiles_per_side;

    std::vector<RoadWay> ways;
    ways.reserve(k * k * tile.size() + 2 * k * k * options.bridges_per_border);
    for (std::size_t row = 0; row < k; ++row) {
        for (std::size_t column = 0; column < k; ++column) {
            const double dlon = static_cast<double>(column) * step_lon;
            const double dlat = static_cast<double>(row) * step_lat;
            const std::string suffix = "@" + std::to_string(column) + "," + std::to_string(row);
            for (const RoadWay& way : tile) {
                RoadWay copy = way;
                copy.id += suffix;
                for (LonLat& p : copy.points)
                    p = moved(p, dlon, dlat);
                ways.push_back(std::move(copy));
            }
        }
    }

    const std::size_t bands = options.bridges_per_border;
    const auto east = outermost(tile, extent, bands, true, true);
    const auto west = outermost(tile, extent, bands, true, false);
    const auto north = outermost(tile, extent, bands, false, true);
    const auto south = outermost(tile, extent, bands, false, false);
    std::size_t number = 0;
    for (std::size_t row = 0; row < k; ++row) {
        for (std::size_t column = 0; column < k; ++column) {
            const double dlon = static_cast<double>(column) * step_lon;
            const double dlat = static_cast<double>(row) * step_lat;
            for (std::size_t b = 0; b < bands; ++b) {
                if (column + 1 < k && east[b] && west[b]) {
                    ways.push_back(bridge(moved(*east[b], dlon, dlat),
                                          moved(*west[b], dlon + step_lon, dlat), number++));
                }
                if (row + 1 < k && north[b] && south[b]) {
                    ways.push_back(bridge(moved(*north[b], dlon, dlat),
                                          moved(*south[b], dlon, dlat + step_lat), number++));
                }
            }
        }
    }
    return ways;
}

}  // namespace muster::bench
