#include "tools/hazard_scenario.hpp"

#include <algorithm>

#include "engine/hazard_overlay.hpp"
#include "tools/query_error.hpp"

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

HazardScenario initial_scenario(const std::vector<const RoutingGraph*>& graphs,
                                std::vector<HazardZone> zones) {
    HazardScenario scenario;
    scenario.metrics = metrics_under(graphs, zones);
    scenario.zones = std::move(zones);
    scenario.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        scenario.cch.push_back(std::make_unique<const cch::CchMetric>(
            graphs[i]->cch(), graphs[i]->network(), scenario.metrics[i]));
    }
    return scenario;
}

HazardScenario updated_scenario(const HazardScenario& old, const HazardChange& change,
                                const std::vector<const RoutingGraph*>& graphs) {
    HazardScenario next;
    next.version = old.version + 1;
    next.zones = old.zones;
    const auto& id = change.kind == HazardChange::Kind::add ? change.zone.id : change.lifted;
    const auto found = std::find_if(next.zones.begin(), next.zones.end(),
                                    [&](const HazardZone& z) { return z.id == id; });
    BoundingBox changed_area;  // every road whose time can change lies near the zone
    if (change.kind == HazardChange::Kind::add) {
        changed_area = hazard_bounds(change.zone);
        if (found != next.zones.end()) {
            throw QueryError(query_code::kConflict,
                             "id: a hazard zone '" + id + "' is already in force");
        }
        next.zones.push_back(change.zone);
    } else {
        if (found == next.zones.end()) {
            throw QueryError(query_code::kNotFound,
                             "id: no hazard zone '" + id + "' is in force (" +
                                 std::to_string(old.zones.size()) + " zones are)");
        }
        changed_area = hazard_bounds(*found);
        next.zones.erase(found);
    }
    std::vector<std::vector<EdgeId>> changed(graphs.size());
    next.metrics = old.metrics;
    try {
        for (std::size_t i = 0; i < graphs.size(); ++i) {
            changed[i] = reapply_hazards(*graphs[i], graphs[i]->base(), next.zones, changed_area,
                                         next.metrics[i]);
        }
    } catch (const InputError& e) {
        throw QueryError(query_code::kInvalidValue, e.what());
    }
    next.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        auto cch = std::make_unique<cch::CchMetric>(*old.cch[i], next.metrics[i]);
        cch->update(changed[i]);
        next.cch.push_back(std::move(cch));
    }
    return next;
}

LiveHazards::LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones)
    : m_graphs(std::move(graphs)),
      m_current(
          std::make_shared<const HazardScenario>(initial_scenario(m_graphs, std::move(zones)))) {}

std::shared_ptr<const HazardScenario> LiveHazards::update(const HazardChange& change) {
    std::lock_guard writer(m_writer);
    auto next = std::make_shared<const HazardScenario>(
        updated_scenario(*m_current.load(), change, m_graphs));
    m_current.store(next);
    return next;
}

}  // namespace muster::tools
