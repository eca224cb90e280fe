#pragma once
// The hazards in force while `muster serve` runs, changed by requests: zones are added and
// lifted while queries run. A query takes the current scenario (the zones, each network's
// metric under them and a version) when it starts and finishes on it; an update builds the next
// scenario beside it and publishes it atomically, so queries that start after the update returns
// see it.
//
// The update is one function, old scenario + change -> new scenario (updated_scenario): it
// recomputes each metric's travel times near the zone added or lifted (engine/hazard_overlay.hpp)
// and derives each network's customized contraction hierarchy from the old scenario's by partial
// customization of exactly the edges whose travel time changed, so queries run on the CCH with
// the hazards in force.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/entities.hpp"
#include "engine/metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster::tools {

/// The hazards in force and what they make of each network. Immutable once published.
///
/// Invariant: cch[i] is customized for metrics[i] and refers to it, so the metrics are never
/// replaced once cch is filled (moving the scenario keeps them in place; copying is refused).
struct HazardScenario {
    std::uint64_t version = 1;      ///< 1 for the zones in force at start, +1 per change
    std::vector<HazardZone> zones;  ///< in the order they came into force
    std::vector<Metric> metrics;    ///< per graph, in the order the graphs were given
    /// Per graph, its contraction hierarchy customized for metrics[i].
    std::vector<std::unique_ptr<const cch::CchMetric>> cch;
};

/// A change to the hazards in force.
struct HazardChange {
    enum class Kind { add, lift };
    Kind kind = Kind::add;
    HazardZone zone;     ///< the zone to add (add)
    std::string lifted;  ///< the id of the zone to lift (lift)
};

/// The scenario of `zones` (version 1) over `graphs`: each graph's base metric with the zones
/// applied (apply_hazards) and its CCH fully customized for it. Throws InputError for a bad
/// zone (apply_hazards). O(graphs · (edges + pieces near the zones + CCH triangles)).
HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones);

/// `old` with `change` made, version + 1: the zone appended or removed, every metric a copy of
/// old's with the roads within the zone's bounding box re-evaluated under the new zone set
/// (reapply_hazards), and every CCH a copy of old's brought up to date by partial customization
/// of the edges whose duration changed (closed, slowed or reopened). Throws QueryError: Conflict for adding a zone whose id is
/// in force, NotFound for lifting an id that is not, InvalidValue for a zone apply_hazards
/// refuses (a slow factor outside (0, 1], an unusable polygon). `old` is left as it was.
/// O(graphs · (edges + CCH arcs + pieces near the zone × zones there + arcs the change reaches
/// · triangles per arc · log)); the O(edges + arcs) copies dominate when few roads change.
HazardScenario updated_scenario(const HazardScenario& old, const HazardChange& change,
                                const std::vector<const RoutingGraph*>& graphs);

/// The current scenario, shared by readers and replaced by one writer at a time.
///
/// Thread safety: current() may be called from any thread at any time (an atomic load of a
/// shared_ptr); update() calls are serialized by a mutex, and each publishes its scenario with
/// an atomic store. A scenario lives as long as the queries holding it.
class LiveHazards {
  public:
    /// Starts at initial_scenario(graphs, zones). The graphs must outlive this object.
    LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones);

    /// The scenario in force now. O(1), lock-free where the platform allows.
    std::shared_ptr<const HazardScenario> current() const { return m_current.load(); }

    /// Makes the change (updated_scenario) and publishes the result, which it returns. Throws
    /// as updated_scenario does, leaving the current scenario in force.
    std::shared_ptr<const HazardScenario> update(const HazardChange& change);

  private:
    std::vector<const RoutingGraph*> m_graphs;
    std::mutex m_writer;
    std::atomic<std::shared_ptr<const HazardScenario>> m_current;
};

}  // namespace muster::tools
