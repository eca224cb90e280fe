#include "solvers/coverage/shelter_assignment.hpp"

#include "engine/errors.hpp"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <stdexcept>
#include <string>

namespace muster {
namespace {

void check(std::span<const std::int64_t> population, std::span<const std::int64_t> capacity,
           std::span<const WalkingReach> pairs) {
    for (std::int64_t p : population) {
        if (p < 0)
            throw ContractError("shelter assignment: negative population");
    }
    for (std::int64_t c : capacity) {
        if (c < 0)
            throw ContractError("shelter assignment: negative capacity");
    }
    for (const WalkingReach& pair : pairs) {
        if (pair.demand >= population.size() || pair.target >= capacity.size())
            throw ContractError("shelter assignment: a pair names an unknown point or shelter");
    }
}

ShelterAssignment empty_assignment(std::span<const std::int64_t> population, std::size_t shelters) {
    ShelterAssignment a;
    a.unassigned.assign(population.begin(), population.end());
    a.load.assign(shelters, 0);
    return a;
}

// Moves `people` of `pair` from unassigned into a flow.
void send(ShelterAssignment& a, const WalkingReach& pair, std::int64_t people) {
    if (people <= 0)
        return;
    a.flows.push_back({pair.demand, pair.target, people, pair.distance_mm});
    a.unassigned[pair.demand] -= people;
    a.load[pair.target] += people;
    a.assigned += people;
    a.person_m += static_cast<double>(people) * pair.distance_m();
}

void finish(ShelterAssignment& a) {
    for (std::int64_t u : a.unassigned)
        a.unassigned_total += u;
}

}  // namespace

ShelterAssignment assign_within_capacity(std::span<const std::int64_t> population,
                                         std::span<const std::int64_t> capacity,
                                         std::span<const WalkingReach> pairs) {
    check(population, capacity, pairs);
    using Graph = lemon::SmartDigraph;
    Graph g;
    const Graph::Node source = g.addNode(), sink = g.addNode();
    std::vector<Graph::Node> demand_node(population.size()), shelter_node(capacity.size());
    Graph::ArcMap<std::int64_t> upper(g), cost(g);
    for (std::size_t d = 0; d < population.size(); ++d) {
        demand_node[d] = g.addNode();
        const Graph::Arc a = g.addArc(source, demand_node[d]);
        upper[a] = population[d];
        cost[a] = 0;
    }
    for (std::size_t s = 0; s < capacity.size(); ++s) {
        shelter_node[s] = g.addNode();
        const Graph::Arc a = g.addArc(shelter_node[s], sink);
        upper[a] = capacity[s];
        cost[a] = 0;
    }
    std::vector<Graph::Arc> pair_arc(pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        pair_arc[i] = g.addArc(demand_node[pairs[i].demand], shelter_node[pairs[i].target]);
        upper[pair_arc[i]] = population[pairs[i].demand];
        cost[pair_arc[i]] = static_cast<std::int64_t>(pairs[i].distance_mm);
    }

    // First how many can be placed at all, then the least walking that places that many.
    lemon::Preflow<Graph, Graph::ArcMap<std::int64_t>> most(g, upper, source, sink);
    most.runMinCut();
    const std::int64_t placeable = most.flowValue();

    ShelterAssignment result = empty_assignment(population, capacity.size());
    if (placeable > 0) {
        lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(g);
        simplex.upperMap(upper).costMap(cost).stSupply(source, sink, placeable);
        if (simplex.run() != decltype(simplex)::OPTIMAL)
            throw ContractError("shelter assignment: the min-cost flow of a feasible value failed");
        for (std::size_t i = 0; i < pairs.size(); ++i)
            send(result, pairs[i], simplex.flow(pair_arc[i]));
    }
    finish(result);
    return result;
}

ShelterAssignment assign_to_nearest(std::span<const std::int64_t> population,
                                    std::span<const std::int64_t> capacity,
                                    std::span<const WalkingReach> pairs) {
    check(population, capacity, pairs);
    std::vector<const WalkingReach*> nearest(population.size(), nullptr);
    for (const WalkingReach& pair : pairs) {
        const WalkingReach*& best = nearest[pair.demand];
        if (!best || pair.distance_mm < best->distance_mm ||
            (pair.distance_mm == best->distance_mm && pair.target < best->target))
            best = &pair;
    }
    ShelterAssignment result = empty_assignment(population, capacity.size());
    for (std::size_t d = 0; d < population.size(); ++d) {
        if (nearest[d])
            send(result, *nearest[d], population[d]);
    }
    finish(result);
    return result;
}

}  // namespace muster
