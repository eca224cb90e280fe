#include "solvers/matrix.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/network_location.hpp"

namespace muster {
namespace {

// Where a search from a source meets a target: a node of one of the target's arrivals.
struct Meeting {
    NodeId node;
    std::uint32_t target;
    std::uint64_t duration_ms;  // of the last stretch, node -> target
    std::uint64_t length_mm;
};

bool by_node(const Meeting& a, const Meeting& b) {
    return a.node < b.node;
}

}  // namespace

TravelMatrix travel_matrix(const RoutingGraph& graph, const Metric& metric,
                           std::span<const Snap> sources, std::span<const Snap> targets,
                           Dijkstra& search) {
    const RoadNetwork& network = graph.network();
    if (search.direction() != Direction::forward || &search.network() != &network) {
        throw ContractError("travel_matrix needs a forward search over the graph's network");
    }
    TravelMatrix matrix;
    matrix.sources = sources.size();
    matrix.targets = targets.size();
    matrix.duration_s.assign(sources.size() * targets.size(), std::nullopt);
    matrix.distance_m.assign(sources.size() * targets.size(), std::nullopt);
    if (targets.empty())
        return matrix;

    // The targets' arrivals in seed order per target (a stable sort): the order fastest_route
    // tries them in, so equal durations resolve to the same length.
    std::vector<Meeting> meetings;
    for (std::uint32_t t = 0; t < targets.size(); ++t) {
        for (const Seed& s : arrivals(network, metric, targets[t]))
            meetings.push_back({s.node, t, s.duration_ms, s.length_mm});
    }
    std::stable_sort(meetings.begin(), meetings.end(), by_node);

    std::vector<std::uint64_t> best(targets.size());
    std::vector<std::uint64_t> best_length(targets.size());
    for (std::size_t s = 0; s < sources.size(); ++s) {
        // The worst of the targets' best durations: once the search passes it, all are final.
        std::uint64_t worst = 0;
        for (std::uint32_t t = 0; t < targets.size(); ++t) {
            best[t] = UINT64_MAX;
            if (const auto direct = direct_on_piece(network, metric, sources[s], targets[t])) {
                best[t] = direct->duration_ms;
                best_length[t] = direct->length_mm;
            }
            worst = std::max(worst, best[t]);
        }

        search.clear();
        for (const Seed& seed : departures(network, metric, sources[s])) {
            search.add_source(seed.node, seed.duration_ms, seed.length_mm);
        }
        // Past the worst duration nothing improves (an equal one may still be shorter).
        for (std::uint64_t next = search.next_duration_ms(); next != UINT64_MAX && next <= worst;
             next = search.next_duration_ms()) {
            const NodeId u = *search.settle_next(metric);
            auto [first, last] =
                std::equal_range(meetings.begin(), meetings.end(), Meeting{u, 0, 0, 0}, by_node);
            bool improved = false;
            for (auto it = first; it != last; ++it) {
                const std::uint64_t d = search.duration_ms(u) + it->duration_ms;
                const std::uint64_t l = search.length_mm(u) + it->length_mm;
                if (d < best[it->target] ||
                    (d == best[it->target] && l < best_length[it->target])) {
                    improved |= d < best[it->target];
                    best[it->target] = d;
                    best_length[it->target] = l;
                }
            }
            if (improved)
                worst = *std::max_element(best.begin(), best.end());
        }

        for (std::size_t t = 0; t < targets.size(); ++t) {
            if (best[t] == UINT64_MAX)
                continue;
            matrix.duration_s[s * targets.size() + t] = static_cast<double>(best[t]) / 1000.0;
            matrix.distance_m[s * targets.size() + t] =
                static_cast<double>(best_length[t]) / 1000.0;
        }
    }
    return matrix;
}

TravelMatrix travel_matrix(const RoutingGraph& graph, const cch::CchMetric& metric,
                           std::span<const Snap> sources, std::span<const Snap> targets,
                           cch::CchQuery& query) {
    const RoadNetwork& network = graph.network();
    if (&metric.network() != &network || &query.topology() != &metric.topology()) {
        throw ContractError(
            "travel_matrix needs a CCH metric of the graph's network and a query on it");
    }
    TravelMatrix matrix;
    matrix.sources = sources.size();
    matrix.targets = targets.size();
    matrix.duration_s.assign(sources.size() * targets.size(), std::nullopt);
    matrix.distance_m.assign(sources.size() * targets.size(), std::nullopt);
    if (targets.empty() || sources.empty())
        return matrix;
    const Metric& durations = metric.metric();
    std::vector<std::vector<Seed>> goals(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t)
        goals[t] = arrivals(network, durations, targets[t]);
    query.buckets().build(metric, goals, cch::SweepDirection::backward, query.backward_sweep());

    std::vector<cch::Weight> best(targets.size());
    for (std::size_t s = 0; s < sources.size(); ++s) {
        query.forward_sweep().run(metric, departures(network, durations, sources[s]),
                                  cch::SweepDirection::forward);
        query.buckets().scan(query.forward_sweep(), best);
        for (std::size_t t = 0; t < targets.size(); ++t) {
            if (const auto direct = direct_on_piece(network, durations, sources[s], targets[t]))
                best[t] = std::min(best[t], cch::pack(direct->duration_ms, direct->length_mm));
            if (best[t] == cch::kInfinity)
                continue;
            matrix.duration_s[s * targets.size() + t] =
                static_cast<double>(cch::duration_ms(best[t])) / 1000.0;
            matrix.distance_m[s * targets.size() + t] =
                static_cast<double>(cch::length_mm(best[t])) / 1000.0;
        }
    }
    return matrix;
}

}  // namespace muster
