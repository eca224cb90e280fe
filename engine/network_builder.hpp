#pragma once
// Builds the routable network of one profile from road ways.
//
// Topology comes from shared vertices: a node is every way end and every coordinate (to 1e-7
// degree) that two ways share or one way visits twice; ways are cut into pieces between nodes.
// So OSM ways and shapefile lines both work without node ids. Nodes are numbered along a Hilbert
// curve. Each piece becomes a forward and/or backward edge, as the profile's access allows, with
// its geodesic length and its travel time at the way's speed; a ferry's piece takes its share, by
// length, of the whole crossing's time (way_duration_s: duration or speed, plus boarding).

#include <span>

#include "engine/road_network.hpp"
#include "engine/road_profile.hpp"

namespace muster {

/// Builds the network of `profile` from `ways`. Ways the profile cannot use are left out; ways
/// with fewer than two distinct points contribute nothing. Deterministic for the same input.
/// Complexity O(P log P) in the number of points.
RoadNetwork build_road_network(std::span<const RoadWay> ways, Profile profile);

}  // namespace muster
