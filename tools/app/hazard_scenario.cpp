#include "tools/app/hazard_scenario.hpp"

#include <algorithm>
#include <span>
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
// `zones` only within `areas`: each metric re-evaluated there, each hierarchy partially
// customized for the edges that changed. On an exception the scenario is left half-updated.
void bring_up_to_date(HazardScenario& scenario, std::vector<HazardZone> zones,
                      std::span<const BoundingBox> areas,
                      const std::vector<const RoutingGraph*>& graphs) {
    scenario.zones = std::move(zones);
    for (std::size_t i = 0; i < graphs.size(); ++i) {
        std::vector<EdgeId> changed;
        try {
            for (const BoundingBox& area : areas) {
                const auto in_area = reapply_hazards(*graphs[i], graphs[i]->base(), scenario.zones,
                                                     area, scenario.metrics[i]);
                changed.insert(changed.end(), in_area.begin(), in_area.end());
            }
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
    bring_up_to_date(next, std::move(zones.zones), std::span(&zones.area, 1), graphs);
    return next;
}

LiveHazards::LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones)
    : m_graphs(std::move(graphs)),
      m_latest(std::make_shared<HazardScenario>(initial_scenario(m_graphs, std::move(zones)))) {
    m_current.store(m_latest);
}

LiveHazards::LiveHazards(std::vector<const RoutingGraph*> graphs, std::vector<HazardZone> zones,
                         std::vector<std::unique_ptr<cch::CchMetric>> customized)
    : m_graphs(std::move(graphs)),
      m_latest(std::make_shared<HazardScenario>(
          initial_scenario(m_graphs, std::move(zones), std::move(customized)))) {
    m_current.store(m_latest);
}

std::shared_ptr<const HazardScenario> LiveHazards::update(const HazardChange& change) {
    std::lock_guard writer(m_writer);
    collect_catch_up();
    std::shared_ptr<HazardScenario> next;
    ZoneChange zones = changed_zones(*m_latest, change);
    // The spare is no longer published, so no query can take it any more: held by this object
    // alone, it is held by nobody else for good.
    if (m_spare && m_spare.use_count() == 1) {
        std::atomic_thread_fence(std::memory_order_acquire);  // the last reader's use is done
        m_spare_lag.push_back(zones.area);
        try {
            bring_up_to_date(*m_spare, std::move(zones.zones), m_spare_lag, m_graphs);
        } catch (...) {
            m_spare.reset();  // half-updated: never published, dropped
            throw;
        }
        next = std::move(m_spare);
        next->version = m_latest->version + 1;
        next->state_version = change.state_version;
    } else {
        next = std::make_shared<HazardScenario>(updated_scenario(*m_latest, change, m_graphs));
    }
    m_current.store(next);
    m_spare = std::exchange(m_latest, next);
    m_spare_lag = {zones.area};
    catch_up_spare();
    return next;
}

void LiveHazards::catch_up_spare() {
    if (m_spare.use_count() != 1)
        return;  // a query still holds it: the next update catches it up, or copies
    std::atomic_thread_fence(std::memory_order_acquire);
    // The task owns the spare and its lag until collect_catch_up() has collected it.
    m_catch_up = std::async(std::launch::async, [this, zones = m_latest->zones] {
        bring_up_to_date(*m_spare, zones, m_spare_lag, m_graphs);
        m_spare_lag.clear();
    });
}

void LiveHazards::wait_idle() {
    std::lock_guard writer(m_writer);
    collect_catch_up();
}

void LiveHazards::collect_catch_up() {
    if (!m_catch_up.valid())
        return;
    try {
        m_catch_up.get();
    } catch (...) {
        m_spare.reset();  // half-updated: dropped (the next update copies)
    }
}

}  // namespace muster::tools
