#pragma once
// A large road network made of a real one: k × k copies of a sample's roads side by side, each
// border between neighbouring copies crossed by a number of two-way bridge roads. Real street
// structure at every scale below a tile (which a grid lacks: its separators are as long as its
// side), so it is the closer stand-in for a large real network; it is still synthetic, and
// optimistic in that tiles are joined only at their borders. Deterministic: no randomness.

#include <cstddef>
#include <span>
#include <vector>

#include "engine/road_profile.hpp"

namespace muster::bench {

struct TilingOptions {
    std::size_t tiles_per_side = 6;       ///< k: k × k copies
    std::size_t bridges_per_border = 30;  ///< roads joining each pair of neighbouring copies
    double gap_m = 1000;                  ///< sea between neighbouring copies' extents
};

/// The copies and bridges. A bridge joins the outermost drivable vertex of one copy to the
/// facing outermost one of its neighbour within one of `bridges_per_border` equal bands along
/// the border (bands without drivable roads on both sides get none); it is a two-way primary
/// road. O(k² · ways' points).
std::vector<RoadWay> tiled_road_ways(std::span<const RoadWay> tile, const TilingOptions& options);

}  // namespace muster::bench
