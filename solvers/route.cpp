#include "solvers/route.hpp"

#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/network_location.hpp"
#include "engine/path_geometry.hpp"
#include "solvers/detail/path_route.hpp"

namespace muster {

std::vector<FerryCrossing> ferry_crossings(const RoadNetwork& network, const Metric& metric,
                                           const Route& route) {
    std::vector<FerryCrossing> crossings;
    bool on_board = false;
    for (EdgeId e : route.edges) {
        if (!network.ferry(e)) {
            on_board = false;
            continue;
        }
        if (!on_board)
            crossings.emplace_back();
        on_board = true;
        FerryCrossing& crossing = crossings.back();
        // Whole milliseconds and millimetres first, as the route's own sums: exact.
        crossing.duration_s += metric.duration_ms[e];
        crossing.distance_m += network.length_mm(e);
        append_edge_geometry(network, e, 0, 1, crossing.geometry);
    }
    for (FerryCrossing& crossing : crossings) {
        crossing.duration_s *= 1e-3;
        crossing.distance_m *= 1e-3;
    }
    return crossings;
}

std::optional<Route> fastest_route(const RoutingGraph& graph, const Metric& metric,
                                   const Snap& from, const Snap& to, Dijkstra& search) {
    const RoadNetwork& network = graph.network();
    if (search.direction() != Direction::forward || &search.network() != &network) {
        throw ContractError("fastest_route needs a forward search over the graph's network");
    }
    const auto starts = departures(network, metric, from);
    const auto goals = arrivals(network, metric, to);

    // The lexicographically smallest (duration, length), as the CCH finds it.
    std::uint64_t best = UINT64_MAX, best_length = UINT64_MAX;
    const Seed* best_goal = nullptr;  // nullptr with best < MAX: the direct trip along one piece
    const auto direct = direct_on_piece(network, metric, from, to);
    if (direct) {
        best = direct->duration_ms;
        best_length = direct->length_mm;
    }

    search.clear();
    for (const Seed& s : starts)
        search.add_source(s.node, s.duration_ms, s.length_mm);
    // Every node settled later is at least as far, and the last stretch costs >= 0: stop past
    // the best duration (a node at the same duration may still give a shorter length).
    for (std::uint64_t next = search.next_duration_ms(); next != UINT64_MAX && next <= best;
         next = search.next_duration_ms()) {
        const NodeId u = *search.settle_next(metric);
        for (const Seed& g : goals) {
            if (g.node != u)
                continue;
            const std::uint64_t d = search.duration_ms(u) + g.duration_ms;
            const std::uint64_t l = search.length_mm(u) + g.length_mm;
            if (d < best || (d == best && l < best_length)) {
                best = d;
                best_length = l;
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

std::optional<Route> fastest_route(const RoutingGraph& graph, const cch::CchMetric& metric,
                                   const Snap& from, const Snap& to, cch::CchQuery& query) {
    const RoadNetwork& network = graph.network();
    if (&metric.network() != &network || &query.topology() != &metric.topology()) {
        throw ContractError(
            "fastest_route needs a CCH metric of the graph's network and a query on it");
    }
    const Metric& durations = metric.metric();
    const auto starts = departures(network, durations, from);
    const auto goals = arrivals(network, durations, to);
    const auto direct = direct_on_piece(network, durations, from, to);
    const cch::CchPath& path = query.run(metric, starts, goals, true);
    if (direct && cch::pack(direct->duration_ms, direct->length_mm) <= path.weight)
        return detail::direct_route(network, *direct, from, to);
    if (path.weight == cch::kInfinity)
        return std::nullopt;
    return detail::path_route(network, starts[path.source_seed], path.edges,
                              goals[path.target_seed], from, to, cch::duration_ms(path.weight),
                              cch::length_mm(path.weight));
}

}  // namespace muster
