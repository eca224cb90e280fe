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

/// The edges whose duration differs between `before` and `after` (metrics of one network), by id.
std::vector<EdgeId> changed_edges(const Metric& before, const Metric& after) {
    std::vector<EdgeId> changed;
    for (EdgeId e = 0; e < after.duration_ms.size(); ++e) {
        if (before.duration_ms[e] != after.duration_ms[e])
            changed.push_back(e);
    }
    return changed;
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
    if (change.kind == HazardChange::Kind::add) {
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
        next.zones.erase(found);
    }
    try {
        next.metrics = metrics_under(graphs, next.zones);
    } catch (const QueryError&) {
        throw;
    } catch (const InputError& e) {
        throw QueryError(query_code::kInvalidValue, e.what());
    }
    next.cch.reserve(graphs.size());
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        auto cch = std::make_unique<cch::CchMetric>(*old.cch[i], next.metrics[i]);
        cch->update(changed_edges(old.metrics[i], next.metrics[i]));
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
