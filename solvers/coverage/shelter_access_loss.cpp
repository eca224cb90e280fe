#include "solvers/coverage/shelter_access_loss.hpp"

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {

std::int64_t people_losing_shelter_access(const RoutingGraph& graph, const Metric& distance,
                                          std::span<const std::optional<Snap>> demand,
                                          std::span<const std::int64_t> population,
                                          std::span<const WalkTarget> targets,
                                          std::span<const WalkingReach> pairs,
                                          std::span<const EdgeId> closed) {
    if (demand.size() != population.size())
        throw ContractError("shelter access loss needs one population per demand point");
    if (closed.empty())
        return 0;
    const RoadNetwork& network = graph.network();
    // The targets whose walks may run over a closed edge.
    std::vector<LonLat> ends;
    for (EdgeId e : closed) {
        ends.push_back(network.coordinate(network.head(e)).lon_lat());
        ends.push_back(network.coordinate(network.tail(e)).lon_lat());
    }
    std::vector<char> affected(targets.size(), 0);
    std::vector<WalkTarget> again;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        for (const LonLat& p : ends) {
            if (distance_m(targets[t].snap.point, p) <= targets[t].radius_m) {
                affected[t] = 1;
                again.push_back(targets[t]);
                break;
            }
        }
    }
    if (again.empty())
        return 0;
    std::vector<char> before(demand.size(), 0), after(demand.size(), 0);
    for (const WalkingReach& r : pairs) {
        before[r.demand] = 1;
        if (!affected[r.target])
            after[r.demand] = 1;
    }
    Metric without = distance;
    for (EdgeId e : closed)
        without.duration_ms[e] = kClosedMs;
    for (const WalkingReach& r : walking_reach(graph, without, demand, again))
        after[r.demand] = 1;
    std::int64_t lost = 0;
    for (std::size_t d = 0; d < demand.size(); ++d) {
        if (before[d] && !after[d])
            lost += population[d];
    }
    return lost;
}

}  // namespace muster
