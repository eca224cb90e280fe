#pragma once
// What a routing graph holds in memory, part by part, in bytes a node: the figure a province-size
// network must fit (issue "a province on one machine": 400 bytes a node for the serving process).
// Each part is measured as the bytes the allocator hands out while it is built again beside the
// graph (glibc's mallinfo2), so parts made of many small blocks (the snapping R-tree) count too.

#include "engine/routing_graph.hpp"

namespace muster::bench {

/// Prints one line per part of `graph` (network arrays, reverse graph, snapping index, components,
/// roads' cells, base metric, CCH topology and customized metric) with its MB and bytes a node,
/// and their sum. Builds each part but the CCH again, once.
void print_graph_memory(const RoutingGraph& graph);

}  // namespace muster::bench
