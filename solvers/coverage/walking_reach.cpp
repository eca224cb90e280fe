#include "solvers/coverage/walking_reach.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/dijkstra.hpp"
#include "engine/errors.hpp"
#include "engine/network_location.hpp"

namespace muster {

Metric walking_distance_metric(const RoadNetwork& network, const Metric& scenario) {
    const auto& lengths = network.arrays().length_mm;
    Metric distance{CowArray<EdgeId, std::uint32_t>(std::span(lengths.data(), lengths.size())),
                    "distance"};
    for (EdgeId e : network.edges()) {
        if (scenario.closed(e)) {
            distance.duration_ms[e] = kClosedMs;
        } else if (network.ferry(e)) {
            // Nobody walks a crossing: it counts as far as one walks in its time, boarding
            // included (mm = ms × m/s), so a radius in metres stays a walk of so many minutes.
            distance.duration_ms[e] = static_cast<std::uint32_t>(
                std::llround(network.duration_ms(e) * (kWalkingSpeedKmh / 3.6)));
        }
    }
    distance.label = "distance;" + scenario.label;
    return distance;
}

namespace {

/// Where each demand point joins the network: its departure seeds, grouped by node (CSR), and
/// the demand points on each piece (for walks that stay on one road).
struct DemandIndex {
    IdVector<NodeId, std::uint32_t> first;                     // per node + 1, into seeds
    std::vector<std::pair<std::size_t, std::uint64_t>> seeds;  // (demand, mm to the node)
    IdVector<PieceId, std::vector<std::size_t>> on_piece;

    DemandIndex(const RoadNetwork& network, const Metric& distance,
                std::span<const std::optional<Snap>> demand)
        : first(network.node_count() + 1, 0), on_piece(network.piece_count()) {
        std::vector<std::pair<NodeId, std::pair<std::size_t, std::uint64_t>>> all;
        for (std::size_t d = 0; d < demand.size(); ++d) {
            if (!demand[d])
                continue;
            on_piece[demand[d]->piece].push_back(d);
            for (const Seed& s : departures(network, distance, *demand[d]))
                all.push_back({s.node, {d, s.duration_ms}});
        }
        std::sort(all.begin(), all.end());
        for (const auto& [node, seed] : all) {
            ++first[node + 1];
            seeds.push_back(seed);
        }
        for (NodeId v : network.nodes())
            first[v + 1] += first[v];
    }
};

}  // namespace

std::vector<WalkingReach> walking_reach(const RoutingGraph& graph, const Metric& distance,
                                        std::span<const std::optional<Snap>> demand,
                                        std::span<const WalkTarget> targets) {
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const double r = targets[t].radius_m;
        if (!std::isfinite(r) || r < 0 || r > 100'000)
            throw InputError("walking reach: target " + std::to_string(t) + " has radius " +
                             std::to_string(r) + " m, outside [0, 100000] m");
    }
    const RoadNetwork& network = graph.network();
    const DemandIndex index(network, distance, demand);
    Dijkstra search(network, &graph.reverse(), Direction::backward);
    std::vector<std::uint64_t> best(demand.size(), UINT64_MAX);
    std::vector<std::size_t> touched;
    std::vector<WalkingReach> pairs;

    for (std::size_t t = 0; t < targets.size(); ++t) {
        const auto radius_mm = static_cast<std::uint64_t>(std::llround(targets[t].radius_m * 1000));
        const Snap& target = targets[t].snap;
        auto offer = [&](std::size_t d, std::uint64_t mm) {
            if (mm > radius_mm || mm >= best[d])
                return;
            if (best[d] == UINT64_MAX)
                touched.push_back(d);
            best[d] = mm;
        };
        for (std::size_t d : index.on_piece[target.piece]) {
            if (auto direct = direct_on_piece(network, distance, *demand[d], target))
                offer(d, direct->duration_ms);
        }
        search.clear();
        for (const Seed& s : arrivals(network, distance, target))
            search.add_source(s.node, s.duration_ms, s.length_mm);
        while (search.next_duration_ms() <= radius_mm) {
            const NodeId v = *search.settle_next(distance);
            for (std::uint32_t i = index.first[v]; i < index.first[v + 1]; ++i)
                offer(index.seeds[i].first, index.seeds[i].second + search.duration_ms(v));
        }
        for (std::size_t d : touched) {
            pairs.push_back({d, t, best[d]});
            best[d] = UINT64_MAX;
        }
        touched.clear();
    }
    std::sort(pairs.begin(), pairs.end(), [](const WalkingReach& a, const WalkingReach& b) {
        return a.demand != b.demand ? a.demand < b.demand : a.target < b.target;
    });
    return pairs;
}

std::vector<std::optional<std::uint64_t>> nearest_walk_mm(
    const RoutingGraph& graph, const Metric& distance, std::span<const std::optional<Snap>> demand,
    std::span<const Snap> targets) {
    const RoadNetwork& network = graph.network();
    const DemandIndex index(network, distance, demand);
    std::vector<std::uint64_t> best(demand.size(), UINT64_MAX);
    const auto offer = [&](std::size_t d, std::uint64_t mm) { best[d] = std::min(best[d], mm); };
    Dijkstra search(network, &graph.reverse(), Direction::backward);
    for (const Snap& target : targets) {
        for (std::size_t d : index.on_piece[target.piece]) {
            if (auto direct = direct_on_piece(network, distance, *demand[d], target))
                offer(d, direct->duration_ms);
        }
        for (const Seed& s : arrivals(network, distance, target))
            search.add_source(s.node, s.duration_ms, s.length_mm);
    }
    while (const auto v = search.settle_next(distance)) {
        for (std::uint32_t i = index.first[*v]; i < index.first[*v + 1]; ++i)
            offer(index.seeds[i].first, index.seeds[i].second + search.duration_ms(*v));
    }
    std::vector<std::optional<std::uint64_t>> out(demand.size());
    for (std::size_t d = 0; d < demand.size(); ++d) {
        if (best[d] != UINT64_MAX)
            out[d] = best[d];
    }
    return out;
}

}  // namespace muster
