#include "tools/app/hazard_scenario.hpp"

#include <algorithm>
#include <utility>

#include "engine/cch/weight.hpp"
#include "engine/hazard_overlay.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

std::vector<Metric> metrics_under(const std::vector<const RoutingGraph*>& graphs,
                                  const std::vector<HazardZone>& zones) {
    std::vector<Metric> metrics;
    metrics.reserve(graphs.size());
    for (const RoutingGraph* graph : graphs)
        metrics.push_back(apply_hazards(*graph, graph->base(), zones));
    return metrics;
}

}  // namespace

std::unique_ptr<cch::CchMetric> customized_under_hazards(const RoutingGraph& graph,
                                                         const Metric& metric) {
    return std::make_unique<cch::CchMetric>(graph.cch(), graph.network(), metric);
}

HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones) {
    HazardScenario scenario;
    scenario.metrics = metrics_under(graphs, zones);
    scenario.zones = std::move(zones);
    scenario.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        scenario.cch.push_back(customized_under_hazards(*graphs[i], scenario.metrics[i]));
    }
    return scenario;
}

HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones,
                                std::vector<std::unique_ptr<cch::CchMetric>> customized) {
    if (customized.size() != graphs.size())
        throw ContractError("initial_scenario: " + std::to_string(customized.size()) +
                            " hierarchies for " + std::to_string(graphs.size()) + " graphs");
    HazardScenario scenario;
    scenario.zones = std::move(zones);
    scenario.metrics.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        if (!customized[i] || &customized[i]->network() != &graphs[i]->network())
            throw ContractError("initial_scenario: hierarchy " + std::to_string(i) +
                                " is not of graph " + std::to_string(i));
        scenario.metrics.push_back(customized[i]->metric());
    }
    // Bound only once every metric is in place (the vector no longer moves them).
    scenario.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i)
        scenario.cch.push_back(
            std::make_unique<cch::CchMetric>(std::move(*customized[i]), scenario.metrics[i]));
    return scenario;
}

namespace {

// The zones in force after `change`, and the area in which roads' travel times can change.
struct ZoneChange {
    std::vector<HazardZone> zones;
    BoundingBox area;
};

ZoneChange changed_zones(const HazardScenario& old, const HazardChange& change) {
    ZoneChange next{old.zones, {}};
    const auto& id = change.kind == HazardChange::Kind::add ? change.zone.id : change.lifted;
    const auto found = std::find_if(next.zones.begin(), next.zones.end(),
                                    [&](const HazardZone& z) { return z.id == id; });
    if (change.kind == HazardChange::Kind::add) {
        if (found != next.zones.end()) {
            throw QueryError(ErrorCode::Conflict,
                             "id: a hazard zone '" + id + "' is already in force");
        }
        next.area = hazard_bounds(change.zone);
        next.zones.push_back(change.zone);
    } else {
        if (found == next.zones.end()) {
            throw QueryError(ErrorCode::NotFound, "id: no hazard zone '" + id + "' is in force (" +
                                                      std::to_string(old.zones.size()) +
                                                      " zones are)");
        }
        next.area = hazard_bounds(*found);
        next.zones.erase(found);
    }
    return next;
}

// Brings `scenario` to `zones`, given that its roads' travel times can differ from theirs under
// `zones` only within `area`: each metric re-evaluated there, each hierarchy partially
// customized for the edges that changed. On an exception the scenario is left half-updated.
void bring_up_to_date(HazardScenario& scenario, std::vector<HazardZone> zones,
                      const BoundingBox& area, const std::vector<const RoutingGraph*>& graphs) {
    scenario.zones = std::move(zones);
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        std::vector<EdgeId> changed;
        try {
            changed = reapply_hazards(*graphs[i], graphs[i]->base(), scenario.zones, area,
                                      scenario.metrics[i]);
        } catch (const InputError& e) {
            throw QueryError(ErrorCode::InvalidValue, e.what());
        }
        scenario.cch[i]->update(changed);
    }
}

}  // namespace

HazardScenario updated_scenario(const HazardScenario& old, const HazardChange& change,
                                const std::vector<const RoutingGraph*>& graphs) {
    ZoneChange zones = changed_zones(old, change);
    HazardScenario next;
    next.version = old.version + 1;
    next.state_version = change.state_version;
    next.metrics = old.metrics;
    next.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i)
        next.cch.push_back(std::make_unique<cch::CchMetric>(*old.cch[i], next.metrics[i]));
    bring_up_to_date(next, std::move(zones.zones), zones.area, graphs);
    return next;
}

LiveHazards::LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones)
    : m_graphs(std::move(graphs)) {
    m_current.store(
        std::make_shared<const HazardScenario>(initial_scenario(m_graphs, std::move(zones))));
}

LiveHazards::LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones,
                         std::vector<std::unique_ptr<cch::CchMetric>> customized)
    : m_graphs(std::move(graphs)) {
    m_current.store(std::make_shared<const HazardScenario>(
        initial_scenario(m_graphs, std::move(zones), std::move(customized))));
}

std::shared_ptr<const HazardScenario> LiveHazards::update(const HazardChange& change) {
    std::lock_guard writer(m_writer);
    auto next = std::make_shared<const HazardScenario>(
        updated_scenario(*m_current.load(), change, m_graphs));
    m_current.store(next);
    return next;
}

}  // namespace muster::tools
