#include "engine/routing_graph.hpp"

#include <future>
#include <utility>

#include "engine/errors.hpp"

namespace muster {

RoutingGraph::RoutingGraph(RoadNetwork network, std::vector<NodeId> order)
    : m_network(std::make_unique<RoadNetwork>(std::move(network))) {
    // The indexes for snapping and for service areas' polygons only read the network: built on
    // a second core beside the hierarchy, they halve a province's start (the two halves take
    // about as long). The future waits for them if the hierarchy throws.
    const RoadNetwork& roads = *m_network;
    auto beside = std::async(std::launch::async, [&roads] {
        auto snaps = std::make_unique<SnapIndex>(roads);
        auto cells = std::make_unique<RoadCells>(roads, road_cell_m(roads.profile()));
        return std::pair(std::move(snaps), std::move(cells));
    });
    m_components = strongly_connected_components(roads);
    m_base = std::make_unique<Metric>(base_metric(roads));
    m_cch = std::make_unique<cch::CchTopology>(
        roads, order.empty() ? cch::nested_dissection_order(roads) : std::move(order));
    m_base_cch = std::make_unique<cch::CchMetric>(*m_cch, roads, *m_base);
    std::tie(m_snaps, m_cells) = beside.get();
}

const ReverseGraph& RoutingGraph::reverse() const {
    std::call_once(m_reverse->made, [this] {
        m_reverse->graph = std::make_unique<ReverseGraph>(*m_network);
        m_reverse->ready.store(true, std::memory_order_release);
    });
    return *m_reverse->graph;
}

const cch::CchMetric& RoutingGraph::base_cch() const {
    if (!m_base_cch)
        throw ContractError("the network's own customized hierarchy was given away");
    return *m_base_cch;
}

}  // namespace muster
