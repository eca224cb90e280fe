#pragma once
// Strongly connected components of a road network (Boost.Graph's Tarjan), and which of them are
// small: islands of a few nodes (a car park, a badly joined way) where a snapped facility cannot be
// reached from, or cannot reach, the rest of the network.

#include <cstdint>
#include <vector>

#include "engine/road_network.hpp"

namespace muster {

struct Components {
    IdVector<NodeId, std::uint32_t> of_node;  ///< component id per node
    std::vector<std::uint32_t> size;          ///< node count per component
    std::uint32_t largest = 0;                ///< id of the largest component

    std::size_t count() const { return size.size(); }
    /// A component is small if it is not the largest and has fewer than max(50, 1 % of all nodes)
    /// nodes. Separate islands of real size (Gozo beside Malta) are not small.
    bool is_small(std::uint32_t component) const;
    /// An edge is on a small component if either end is.
    bool edge_on_small(const RoadNetwork& network, EdgeId e) const;
};

/// O(n + m).
Components strongly_connected_components(const RoadNetwork& network);

}  // namespace muster
