#include "bench/graph_memory.hpp"

#include <malloc.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "engine/components.hpp"
#include "engine/metric.hpp"
#include "engine/reverse_graph.hpp"
#include "engine/road_cells.hpp"
#include "engine/snapping.hpp"

namespace muster::bench {
namespace {

// Bytes in use from the allocator: small blocks and mmapped ones.
double allocated_bytes() {
    const struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd);
}

// The bytes allocated while make() builds a part, with the part still alive.
template <typename Make>
double bytes_of(const Make& make) {
    const double before = allocated_bytes();
    [[maybe_unused]] const auto part = make();
    return allocated_bytes() - before;
}

template <typename Items>
double bytes_of_items(const Items& items) {
    return static_cast<double>(items.size() * sizeof(*items.begin()));
}

}  // namespace

void print_graph_memory(const RoutingGraph& graph) {
    const RoadNetwork& network = graph.network();
    const RoadNetworkArrays& a = network.arrays();
    const double geometry = bytes_of_items(a.piece_points) + bytes_of_items(a.piece_first_point);
    std::vector<std::pair<std::string, double>> parts{
        {"network (of which the roads' shapes " +
             std::to_string(
                 static_cast<long>(geometry / static_cast<double>(network.node_count()))) +
             " B)",
         bytes_of([&] { return RoadNetwork(network.arrays()); })},
        {"reverse graph (made when first used)", bytes_of([&] { return ReverseGraph(network); })},
        {"snapping R-tree", bytes_of([&] { return SnapIndex(network); })},
        {"strong components", bytes_of([&] { return strongly_connected_components(network); })},
        {"roads' cells (service areas)",
         bytes_of([&] { return RoadCells(network, road_cell_m(network.profile())); })},
        {"base metric", bytes_of([&] { return base_metric(network); })},
    };
    parts.emplace_back("CCH topology", static_cast<double>(graph.cch().memory_bytes()));
    parts.emplace_back("CCH customized metric",
                       static_cast<double>(graph.base_cch().memory_bytes()));
    const double nodes = static_cast<double>(network.node_count());
    double total = 0;
    std::printf("routing graph memory, %zu nodes (allocated bytes; bytes a node):\n",
                network.node_count());
    for (const auto& [name, bytes] : parts) {
        std::printf("  %-44s %10.1f MB %8.0f B\n", name.c_str(), bytes / 1e6, bytes / nodes);
        total += bytes;
    }
    std::printf("  %-44s %10.1f MB %8.0f B\n", "in all", total / 1e6, total / nodes);
}

}  // namespace muster::bench
