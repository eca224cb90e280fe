#include "solvers/route.hpp"

#include <stdexcept>

#include "engine/network_location.hpp"
#include "solvers/detail/path_route.hpp"

namespace muster {

std::optional<Route> fastest_route(const RoutingGraph& graph, const Metric& metric,
                                   const Snap& from, const Snap& to, Dijkstra& search) {
    const RoadNetwork& network = graph.network();
    if (search.direction() != Direction::forward || &search.network() != &network) {
        throw std::invalid_argument(
            "fastest_route needs a forward search over the graph's network");
    }
    const auto starts = departures(network, metric, from);
    const auto goals = arrivals(network, metric, to);

    std::uint64_t best = UINT64_MAX;
    const Seed* best_goal = nullptr;  // nullptr with best < MAX: the direct trip along one piece
    const auto direct = direct_on_piece(network, metric, from, to);
    if (direct)
        best = direct->duration_ms;

    search.clear();
    for (const Seed& s : starts)
        search.add_source(s.node, s.duration_ms, s.length_mm);
    // Every node settled later is at least as far, and the last stretch costs >= 0: stop there.
    while (search.next_duration_ms() < best) {
        const NodeId u = *search.settle_next(metric);
        for (const Seed& g : goals) {
            if (g.node == u && search.duration_ms(u) + g.duration_ms < best) {
                best = search.duration_ms(u) + g.duration_ms;
                best_goal = &g;
            }
        }
    }
    if (best == UINT64_MAX)
        return std::nullopt;
    if (!best_goal)
        return detail::direct_route(network, *direct, from, to);
    return detail::tree_route(network, graph.reverse(), search, starts, from, *best_goal, to);
}

}  // namespace muster
