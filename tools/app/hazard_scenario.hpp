#pragma once
// The hazards in force while `muster serve` runs, changed by requests: zones are added and
// lifted while queries run. A query takes the current scenario (the zones, each network's
// metric under them and a version) when it starts and finishes on it; an update builds the next
// scenario beside it and publishes it atomically, so queries that start after the update returns
// see it.
//
// An update recomputes each metric's travel times near the zone added or lifted
// (engine/hazard_overlay.hpp) and brings each network's customized contraction hierarchy up to
// date by partial customization of exactly the edges whose travel time changed, so queries run
// on the CCH with the hazards in force. updated_scenario does it on a copy of the old scenario
// that shares the old one's memory but for the chunks the change writes (engine/cow_array.hpp):
// the two scenarios an update leaves while queries finish on the old one take little more than
// one.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/entities.hpp"
#include "engine/errors.hpp"
#include "engine/metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster::tools {

/// The hazards in force and what they make of each network. Immutable once published.
///
/// Invariant: cch[i] is customized for metrics[i] and refers to it, so the metrics are never
/// replaced once cch is filled (moving the scenario keeps them in place; copying is refused).
struct HazardScenario {
    std::uint64_t version = 1;  ///< 1 for the zones in force at start, +1 per change
    /// The live state's version (ResourceState::version) this scenario came into force with:
    /// it is published before that state, so a reader can tell a scenario ahead of the state.
    std::uint64_t state_version = 0;
    std::vector<HazardZone> zones;  ///< in the order they came into force
    std::vector<Metric> metrics;    ///< per graph, in the order the graphs were given
    /// Per graph, its contraction hierarchy customized for metrics[i]. (Mutable only while the
    /// scenario is not published: updated_scenario brings its copy up to date.)
    std::vector<std::unique_ptr<cch::CchMetric>> cch;
};

/// A change to the hazards in force.
struct HazardChange {
    enum class Kind { add, lift };
    Kind kind = Kind::add;
    HazardZone zone;                  ///< the zone to add (add)
    std::string lifted;               ///< the id of the zone to lift (lift)
    std::uint64_t state_version = 0;  ///< the live state's version it comes into force with
};

/// graph's hierarchy customized for `metric`, a metric under hazard zones. A shortcut past a
/// weight's bounds is no error (engine/cch/weight.hpp): only a route that needs one is.
std::unique_ptr<cch::CchMetric> customized_under_hazards(const RoutingGraph& graph,
                                                         const Metric& metric);

/// The scenario of `zones` (version 1) over `graphs`: each graph's base metric with the zones
/// applied (apply_hazards) and its CCH fully customized for it. Throws InputError for a bad
/// zone (apply_hazards). O(graphs ·
/// (edges + pieces near the zones + CCH triangles)).
HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones);

/// The scenario of `zones` (version 1) from hierarchies customized under them already
/// (customized[i] for graphs[i], a RoutingSession's release_customized()): each metric copied
/// and each hierarchy taken and bound to its copy, not computed again, so the same scenario as
/// initial_scenario(graphs, zones); the metrics they were bound to may go. Throws ContractError
/// if the counts or networks do not match. O(graphs · edges).
HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones,
                                std::vector<std::unique_ptr<cch::CchMetric>> customized);

/// `old` with `change` made, version + 1: the zone appended or removed, every metric a copy of
/// old's with the roads within the zone's bounding box re-evaluated under the new zone set
/// (reapply_hazards), and every CCH a copy of old's brought up to date by partial customization
/// of the edges whose duration changed (closed, slowed or reopened). The copies share old's
/// memory but for the chunks of it they change. Throws QueryError: Conflict for adding a zone
/// whose id is in force, NotFound for lifting an id that is not, InvalidValue for a zone
/// apply_hazards refuses (a slow factor outside (0, 1], an unusable polygon). `old` is left as it
/// was. O(graphs · ((edges + CCH arcs) / 4096 + pieces near the zone × zones there + arcs the
/// change reaches · triangles per arc · log + chunks written · 4096)).
HazardScenario updated_scenario(const HazardScenario& old, const HazardChange& change,
                                const std::vector<const RoutingGraph*>& graphs);

/// The current scenario, shared by readers and replaced by one writer at a time.
///
/// Thread safety: current() may be called from any thread at any time (an atomic load of a
/// shared_ptr); update() calls are serialized by a mutex, and each publishes its scenario with
/// an atomic store. A scenario lives as long as the queries holding it and is never changed: an
/// update writes a copy (updated_scenario), whose chunks it shares with it.
class LiveHazards {
  public:
    /// Starts at initial_scenario(graphs, zones). The graphs must outlive this object.
    LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones);
    /// Starts at initial_scenario(graphs, zones, customized): the hierarchies customized under
    /// `zones` already, taken rather than customized again.
    LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones,
                std::vector<std::unique_ptr<cch::CchMetric>> customized);

    /// The scenario in force now. O(1), lock-free where the platform allows.
    std::shared_ptr<const HazardScenario> current() const { return m_current.load(); }

    /// Makes the change and publishes the result, which it returns: updated_scenario(*current(),
    /// change, graphs). Throws as updated_scenario does, leaving the current scenario in force.
    std::shared_ptr<const HazardScenario> update(const HazardChange& change);

  private:
    std::vector<const RoutingGraph*> m_graphs;
    std::mutex m_writer;
    std::atomic<std::shared_ptr<const HazardScenario>> m_current;
};

}  // namespace muster::tools
