#pragma once
// A road network ready for queries: the network, its snapping index, its strongly connected
// components, the cells its roads cross (for service areas' polygons) and its customizable
// contraction hierarchy (the metric-free topology, and a customization for the network's own
// travel times), all built once when the network is loaded and shared read-only by every query
// (and every thread) after that. The reverse graph is made when a search first needs it.

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/cch/cch_topology.hpp"
#include "engine/cch/nested_dissection.hpp"
#include "engine/components.hpp"
#include "engine/metric.hpp"
#include "engine/reverse_graph.hpp"
#include "engine/road_cells.hpp"
#include "engine/road_network.hpp"
#include "engine/snapping.hpp"

namespace muster {

class RoutingGraph {
  public:
    /// Builds every index: the hierarchy on this thread, the snapping index and the cells on a
    /// second one. `order` is the CCH contraction order (node ids, rank 0 first) when one was
    /// stored with the network; empty, it is computed by nested dissection (about 0.3 s per
    /// 30,000 nodes). Throws ContractError for an order that is not a permutation.
    explicit RoutingGraph(RoadNetwork network, std::vector<NodeId> order = {});

    const RoadNetwork& network() const { return *m_network; }
    /// The incoming edges, for Dijkstra's backward searches. Made by the first call (O(n + m),
    /// 22 bytes a node), since queries on the hierarchy never need it; thread-safe.
    const ReverseGraph& reverse() const;
    /// Whether reverse() has been made, e.g. for a report of what the service holds.
    bool reverse_made() const { return m_reverse->ready.load(std::memory_order_acquire); }
    const SnapIndex& snaps() const { return *m_snaps; }
    const Components& components() const { return m_components; }
    /// The cells of the profile's grid (road_cell_m) each piece passes through.
    const RoadCells& cells() const { return *m_cells; }
    /// The network's own travel times, without hazards.
    const Metric& base() const { return *m_base; }
    /// The contraction hierarchy's metric-free part: customize a CchMetric on it for a metric.
    const cch::CchTopology& cch() const { return *m_cch; }
    /// The hierarchy customized for base(). Throws ContractError once released.
    const cch::CchMetric& base_cch() const;
    bool has_base_cch() const { return m_base_cch != nullptr; }
    /// Gives the hierarchy customized for base() away, e.g. to a service's first hazard
    /// scenario, which would otherwise be a copy of it (70 bytes a node on a province).
    std::unique_ptr<cch::CchMetric> release_base_cch() { return std::move(m_base_cch); }

  private:
    // Stable addresses: the indexes and metrics point into one another.
    std::unique_ptr<RoadNetwork> m_network;
    struct LazyReverse {
        std::once_flag made;
        std::unique_ptr<ReverseGraph> graph;
        std::atomic<bool> ready = false;
    };
    std::unique_ptr<LazyReverse> m_reverse = std::make_unique<LazyReverse>();
    std::unique_ptr<SnapIndex> m_snaps;
    Components m_components;
    std::unique_ptr<RoadCells> m_cells;
    std::unique_ptr<Metric> m_base;
    std::unique_ptr<cch::CchTopology> m_cch;
    std::unique_ptr<cch::CchMetric> m_base_cch;
};

}  // namespace muster
