#include "engine/components.hpp"

#include <boost/graph/strong_components.hpp>

#include <algorithm>

#include "engine/road_network_graph.hpp"

namespace muster {

bool Components::is_small(std::uint32_t component) const {
    const std::size_t nodes = of_node.size();
    const std::size_t threshold = std::max<std::size_t>(50, nodes / 100);
    return component != largest && size[component] < threshold;
}

bool Components::edge_on_small(const RoadNetwork& network, EdgeId e) const {
    return is_small(of_node[network.tail(e)]) || is_small(of_node[network.head(e)]);
}

Components strongly_connected_components(const RoadNetwork& network) {
    Components result;
    result.of_node.assign(network.node_count(), 0);
    if (network.node_count() == 0)
        return result;
    const RoadNetworkGraph g = road_network_graph(network);
    const auto count = boost::strong_components(
        g, boost::make_iterator_property_map(result.of_node.begin(),
                                             boost::get(boost::vertex_index, g)));
    result.size.assign(static_cast<std::size_t>(count), 0);
    for (auto c : result.of_node)
        ++result.size[c];
    result.largest = static_cast<std::uint32_t>(
        std::max_element(result.size.begin(), result.size.end()) - result.size.begin());
    return result;
}

}  // namespace muster
