#pragma once
// Many-to-many travel times and distances: one search per source, stopped when every target is
// settled.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/cch/cch_query.hpp"
#include "engine/dijkstra.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

struct TravelMatrix {
    std::size_t sources = 0;
    std::size_t targets = 0;
    /// Row-major, sources x targets; nothing where the target cannot be reached.
    std::vector<std::optional<double>> duration_s;
    std::vector<std::optional<double>> distance_m;

    std::optional<double> duration(std::size_t source, std::size_t target) const {
        return duration_s[source * targets + target];
    }
    std::optional<double> distance(std::size_t source, std::size_t target) const {
        return distance_m[source * targets + target];
    }
};

/// Durations (s) and distances (m) from every source to every target under `metric`: the same
/// values fastest_route gives for each pair. `search` is a forward Dijkstra over graph.network(),
/// reused (else ContractError). One search per source, stopped once every target is final:
/// O(sources × nodes nearer than the farthest target · log); an unreachable target makes its
/// source's search cover everything reachable.
TravelMatrix travel_matrix(const RoutingGraph& graph, const Metric& metric,
                           std::span<const Snap> sources, std::span<const Snap> targets,
                           Dijkstra& search);

/// The same matrix on a customized CCH of graph.network(), by buckets: one backward sweep per
/// target fills them, one forward sweep per source reads them. `query` is one of the metric's
/// topology (else ContractError) and lends its sweeps and buckets. O((sources + targets) ·
/// tree height · degree + bucket entries met).
TravelMatrix travel_matrix(const RoutingGraph& graph, const cch::CchMetric& metric,
                           std::span<const Snap> sources, std::span<const Snap> targets,
                           cch::CchQuery& query);

}  // namespace muster
