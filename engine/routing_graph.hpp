#pragma once
// A road network ready for queries: the network, its reverse graph, its snapping index and its
// strongly connected components, all built once when the network is loaded and shared read-only
// by every query (and every thread) after that.

#include <memory>

#include "engine/components.hpp"
#include "engine/metric.hpp"
#include "engine/reverse_graph.hpp"
#include "engine/road_network.hpp"
#include "engine/snapping.hpp"

namespace muster {

class RoutingGraph {
public:
    explicit RoutingGraph(RoadNetwork network)
        : m_network(std::make_unique<RoadNetwork>(std::move(network))),
          m_reverse(*m_network),
          m_snaps(*m_network),
          m_components(strongly_connected_components(*m_network)),
          m_base(base_metric(*m_network)) {}

    const RoadNetwork& network() const { return *m_network; }
    const ReverseGraph& reverse() const { return m_reverse; }
    const SnapIndex& snaps() const { return m_snaps; }
    const Components& components() const { return m_components; }
    /// The network's own travel times, without hazards.
    const Metric& base() const { return m_base; }

private:
    std::unique_ptr<RoadNetwork> m_network;  // stable address: the index and graph point into it
    ReverseGraph m_reverse;
    SnapIndex m_snaps;
    Components m_components;
    Metric m_base;
};

}  // namespace muster
