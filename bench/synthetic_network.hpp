#pragma once
// A deterministic synthetic road network for benchmarks at scale: a perturbed street grid with a
// hierarchy of road classes, as RoadWays for build_road_network().
//
// Layout (block = `block_m` metres, about 110 m as in many towns):
//   - every grid row and column is a street; a row or column whose index is a multiple of 32 is
//     primary, of 8 secondary, else residential; intersections are jittered by up to ±15 % of a
//     block, and each block side has a shape point off the straight line;
//   - streets are cut into ways of 1 to 6 blocks (so some nodes are plain way joins), about 12 %
//     of residential block sides are missing (broken links, dead ends), about 30 % of block sides
//     carry a cul-de-sac stub from their middle (a degree-1 and a degree-3 node), and about 1 in
//     12 residential streets is oneway, alternating direction;
//   - a motorway runs east-west every 400 rows (at least one, mid-grid), as two oneway
//     carriageways 30 m apart that cross the grid without touching it, joined to it by oneway
//     motorway_link ramps (an off- and an on-ramp per carriageway) at every primary column.
// This gives nodes of degree 1 to 4 with a mean near 2.8 (OSM towns: 2.5–3), about 1.2 ways per
// node. Speeds and access come from the plain-layer rules of road_profile.hpp (OSRM's defaults).
// Same seed and size, same ways, on every platform (SplitMix64 hashing, no std distributions).

#include <cstdint>
#include <vector>

#include "engine/road_profile.hpp"

namespace muster::bench {

struct SyntheticOptions {
    std::size_t target_nodes =
        100'000;  ///< the grid is sized so the drive network has about this many
    std::uint64_t seed = 1;
    double block_m = 110;
    LonLat origin{118.0, 31.5};  ///< south-west corner
};

/// The ways of a synthetic network. O(target_nodes).
std::vector<RoadWay> synthetic_road_ways(const SyntheticOptions& options);

}  // namespace muster::bench
