#include "solvers/route.hpp"

#include <algorithm>

#include "engine/network_location.hpp"
#include "engine/path_geometry.hpp"

namespace muster {

std::optional<Route> fastest_route(const RoutingGraph& graph, const Metric& metric, const Snap& from,
                                   const Snap& to, Dijkstra& search) {
    const RoadNetwork& network = graph.network();
    const auto starts = departures(network, metric, from);
    const auto goals = arrivals(network, metric, to);

    std::uint64_t best = UINT64_MAX;
    std::uint64_t best_length = 0;
    const Seed* best_goal = nullptr;  // nullptr with best < MAX: the direct trip along one piece
    const auto direct = direct_on_piece(network, metric, from, to);
    if (direct) {
        best = direct->duration_ms;
        best_length = direct->length_mm;
    }

    search.clear();
    for (const Seed& s : starts) search.add_source(s.node, s.duration_ms, s.length_mm);
    while (search.next_duration_ms() < best) {
        const NodeId u = *search.settle_next(metric);
        for (const Seed& g : goals) {
            if (g.node == u && search.duration_ms(u) + g.duration_ms < best) {
                best = search.duration_ms(u) + g.duration_ms;
                best_length = search.length_mm(u) + g.length_mm;
                best_goal = &g;
            }
        }
    }
    if (best == UINT64_MAX) return std::nullopt;

    Route route;
    route.duration_s = static_cast<double>(best) / 1000.0;
    route.distance_m = static_cast<double>(best_length) / 1000.0;
    const double from_t = piece_fraction(from), to_t = piece_fraction(to);
    auto edge_fraction = [&](EdgeId e, double piece_t) { return network.reversed(e) ? 1 - piece_t : piece_t; };
    if (!best_goal) {
        route.edges = {direct->edge};
        append_edge_geometry(network, direct->edge, edge_fraction(direct->edge, from_t),
                             edge_fraction(direct->edge, to_t), route.geometry);
        return route;
    }

    // Walk back from the goal node to the start node along parent edges.
    std::vector<EdgeId> middle;
    NodeId v = best_goal->node;
    for (EdgeId e = search.parent_edge(v); e != kInvalidEdge; e = search.parent_edge(v)) {
        middle.push_back(e);
        v = network.tail(e);
    }
    std::reverse(middle.begin(), middle.end());
    const auto start = std::find_if(starts.begin(), starts.end(), [v](const Seed& s) { return s.node == v; });

    route.edges.push_back(start->edge);
    append_edge_geometry(network, start->edge, edge_fraction(start->edge, from_t), 1.0, route.geometry);
    for (EdgeId e : middle) {
        route.edges.push_back(e);
        append_edge_geometry(network, e, 0.0, 1.0, route.geometry);
    }
    route.edges.push_back(best_goal->edge);
    append_edge_geometry(network, best_goal->edge, 0.0, edge_fraction(best_goal->edge, to_t), route.geometry);
    return route;
}

}  // namespace muster
