// RoadMapGeometry (tools/app/road_map_geometry.hpp) on Malta's driving network: at each level,
// every piece keeps its ends and a subset of its own points in order, and every point it drops
// lies within the level's tolerance of the line kept, measured here on a plain equirectangular
// projection (not the code's frame); coarser levels keep fewer points; a query's tolerance picks
// the coarsest level within it.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <vector>

#include "engine/geometry.hpp"
#include "tests/solvers/malta.hpp"
#include "tools/app/road_map_geometry.hpp"

using namespace muster;
using tools::kRoadMapTolerancesM;
using tools::RoadMapGeometry;

namespace {

/// Metres from p to the segment a-b, on an equirectangular projection around a.
double metres_to_segment(Coordinate p, Coordinate a, Coordinate b) {
    constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180;
    const double k = std::cos(a.lon_lat().lat * std::numbers::pi / 180);
    const auto xy = [&](Coordinate c) {
        return std::pair{(c.lon_lat().lon - a.lon_lat().lon) * k * kMetresPerDegree,
                         (c.lon_lat().lat - a.lon_lat().lat) * kMetresPerDegree};
    };
    const auto [px, py] = xy(p);
    const auto [bx, by] = xy(b);
    const double length2 = bx * bx + by * by;
    const double t = length2 > 0 ? std::clamp((px * bx + py * by) / length2, 0.0, 1.0) : 0.0;
    return std::hypot(px - t * bx, py - t * by);
}

}  // namespace

TEST_CASE("road map lines keep their ends and stray from the road by at most their tolerance") {
    const RoadNetwork& network = test::malta_drive().network();
    const RoadMapGeometry geometry(network);
    const auto points = [&](PieceId p, double tolerance) {
        std::vector<Coordinate> scratch;
        const std::span<const Coordinate> drawn = geometry.points(p, tolerance, scratch);
        return std::vector<Coordinate>(drawn.begin(), drawn.end());
    };
    std::size_t own_points = 0;
    for (PieceId p : network.pieces())
        own_points += network.piece_points(p).size();
    const auto kept_points = geometry.level_points();
    CHECK(kept_points[0] < own_points);
    CHECK(kept_points[1] < kept_points[0]);
    CHECK(kept_points[2] < kept_points[1]);

    for (std::size_t level = 0; level < kRoadMapTolerancesM.size(); ++level) {
        const double tolerance = kRoadMapTolerancesM[level];
        std::size_t pieces_off = 0, points_off = 0;
        for (PieceId p : network.pieces()) {
            const std::span own = network.piece_points(p);
            const std::vector<Coordinate> kept = points(p, tolerance);
            // A subset of the piece's points, in order, with both ends.
            bool subset =
                kept.size() >= 2 && kept.front() == own.front() && kept.back() == own.back();
            std::size_t k = 0;  // the kept point the segment from own[i] starts at
            for (std::size_t i = 0; subset && i < own.size(); ++i) {
                if (k + 1 < kept.size() && own[i] == kept[k + 1]) {
                    ++k;
                    continue;
                }
                if (own[i] == kept[k])
                    continue;
                // A dropped point: near the kept segment it lies between (a margin of 0.5 m
                // for the two projections' difference and the 1e-7 degree rounding).
                if (k + 1 >= kept.size() ||
                    metres_to_segment(own[i], kept[k], kept[k + 1]) > tolerance + 0.5)
                    ++points_off;
            }
            if (!subset || k + 1 != kept.size())
                ++pieces_off;
        }
        INFO("level " << tolerance << " m");
        CHECK(pieces_off == 0);
        CHECK(points_off == 0);
    }

    // A query's tolerance: the coarsest level within it, the piece's own points below the finest.
    const PieceId longest = *std::max_element(
        network.pieces().begin(), network.pieces().end(), [&](PieceId a, PieceId b) {
            return network.piece_points(a).size() < network.piece_points(b).size();
        });
    const auto same = [](std::span<const Coordinate> a, std::span<const Coordinate> b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    };
    CHECK(same(points(longest, 0), network.piece_points(longest)));
    CHECK(same(points(longest, 3.9), network.piece_points(longest)));
    CHECK(same(points(longest, 9.9), points(longest, kRoadMapTolerancesM[0])));
    CHECK(same(points(longest, 1000), points(longest, kRoadMapTolerancesM[2])));
    CHECK(points(longest, 30).size() < network.piece_points(longest).size());

    // Each level draws what GEOS's simplification of the piece keeps, point for point.
    std::vector<LonLat> line;
    for (Coordinate c : network.piece_points(longest))
        line.push_back(c.lon_lat());
    for (double tolerance : kRoadMapTolerancesM) {
        std::vector<Coordinate> simplified;
        for (LonLat p : simplified_line_m(line, tolerance))
            simplified.push_back(Coordinate::from(p));
        INFO("level " << tolerance << " m");
        CHECK(same(points(longest, tolerance), simplified));
    }
}
