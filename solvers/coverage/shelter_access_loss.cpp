#include "solvers/coverage/shelter_access_loss.hpp"

#include <algorithm>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {

ShelterAccessLoss::ShelterAccessLoss(const RoutingGraph& graph, const Metric& distance,
                                     std::span<const std::optional<Snap>> demand,
                                     std::span<const std::int64_t> population,
                                     std::span<const WalkTarget> targets,
                                     std::span<const WalkingReach> pairs)
    : m_graph(graph),
      m_without(distance),
      m_demand(demand),
      m_population(population),
      m_targets(targets),
      m_targets_of(demand.size()) {
    if (demand.size() != population.size())
        throw ContractError("shelter access loss needs one population per demand point");
    for (const WalkingReach& r : pairs)
        m_targets_of[r.demand].push_back(r.target);
}

std::int64_t ShelterAccessLoss::people_losing(std::span<const EdgeId> closed) {
    if (closed.empty())
        return 0;
    const RoadNetwork& network = m_graph.network();
    // The targets whose walks may run over a closed edge.
    std::vector<LonLat> ends;
    for (EdgeId e : closed) {
        ends.push_back(network.coordinate(network.head(e)).lon_lat());
        ends.push_back(network.coordinate(network.tail(e)).lon_lat());
    }
    std::vector<char> affected(m_targets.size(), 0);
    for (std::size_t t = 0; t < m_targets.size(); ++t) {
        affected[t] = std::any_of(ends.begin(), ends.end(), [&](const LonLat& p) {
            return distance_m(m_targets[t].snap.point, p) <= m_targets[t].radius_m;
        });
    }
    // At risk: people every one of whose shelters is affected. A closure lengthens walks, so
    // nobody gains a shelter, and only the shelters they reached before need searching again.
    std::vector<std::optional<Snap>> at_risk(m_demand.size());
    std::vector<char> again(m_targets.size(), 0);
    bool anyone = false;
    for (std::size_t d = 0; d < m_demand.size(); ++d) {
        const auto& reached = m_targets_of[d];
        if (reached.empty() || !std::all_of(reached.begin(), reached.end(),
                                            [&](std::size_t t) { return affected[t]; }))
            continue;
        at_risk[d] = m_demand[d];
        anyone = true;
        for (std::size_t t : reached)
            again[t] = 1;
    }
    if (!anyone)
        return 0;
    std::vector<WalkTarget> searched;
    for (std::size_t t = 0; t < m_targets.size(); ++t) {
        if (again[t])
            searched.push_back(m_targets[t]);
    }
    std::vector<std::uint32_t> saved;
    for (EdgeId e : closed) {
        saved.push_back(m_without.duration_ms[e]);
        m_without.duration_ms[e] = kClosedMs;
    }
    const auto still = walking_reach(m_graph, m_without, at_risk, searched);
    for (std::size_t k = closed.size(); k-- > 0;)  // backwards: an edge given twice comes back
        m_without.duration_ms[closed[k]] = saved[k];
    std::vector<char> keeps(m_demand.size(), 0);
    for (const WalkingReach& r : still)
        keeps[r.demand] = 1;
    std::int64_t lost = 0;
    for (std::size_t d = 0; d < m_demand.size(); ++d) {
        if (at_risk[d] && !keeps[d])
            lost += m_population[d];
    }
    return lost;
}

}  // namespace muster
