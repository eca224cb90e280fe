#pragma once
// A metric-independent contraction order for a customizable contraction hierarchy: METIS's
// nested dissection (METIS_NodeND) of the network's undirected, de-duplicated, loop-free graph.
// Separators come last, so the chordal completion stays small and the elimination tree shallow.

#include <cstdint>
#include <vector>

#include "engine/road_network.hpp"

namespace muster::cch {

/// Networks of up to this many nodes are cut with the best of five separators per bisection,
/// larger ones with METIS's first.
inline constexpr std::size_t kManySeparatorsUpTo = 1'000'000;

/// Node ids in contraction order: order[r] is the node of rank r (rank 0 is contracted first).
/// Deterministic: METIS runs with a fixed seed. O(m log n) roughly; about 1 s per 10^5 nodes.
/// Throws muster::Error (an internal error) if METIS fails.
std::vector<NodeId> nested_dissection_order(const RoadNetwork& network);

}  // namespace muster::cch
