#include "solvers/response/drive_times.hpp"

#include <algorithm>

#include "engine/cch/bounded_sweep.hpp"
#include "engine/errors.hpp"
#include "engine/network_location.hpp"

namespace muster {

std::vector<std::optional<double>> drive_times_s(const RoutingGraph& graph, const Metric& metric,
                                                 const cch::CchMetric& customized,
                                                 std::span<const Snap> sites,
                                                 std::span<const std::optional<Snap>> points,
                                                 std::uint64_t limit_ms) {
    const RoadNetwork& network = graph.network();
    if (&customized.topology() != &graph.cch())
        throw ContractError("drive times need a customization of the graph's hierarchy");
    // The points' arrival nodes, found once for all the sites.
    std::vector<std::vector<Seed>> arriving(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
        if (points[p])
            arriving[p] = arrivals(network, metric, *points[p]);
    }
    std::vector<std::optional<double>> out(points.size() * sites.size());
    cch::BoundedSweep sweep(network.node_count());
    cch::TreeSweep tree;
    for (std::size_t s = 0; s < sites.size(); ++s) {
        sweep.run(customized, departures(network, metric, sites[s]), cch::SweepDirection::forward,
                  limit_ms, tree);
        for (std::size_t p = 0; p < points.size(); ++p) {
            if (!points[p])
                continue;
            std::uint64_t best = UINT64_MAX;
            for (const Seed& a : arriving[p]) {
                const std::uint64_t at = sweep.duration_ms(a.node);
                if (at != UINT64_MAX)
                    best = std::min(best, at + a.duration_ms);
            }
            if (const auto direct = direct_on_piece(network, metric, sites[s], *points[p]))
                best = std::min(best, direct->duration_ms);
            if (best <= limit_ms)
                out[p * sites.size() + s] = static_cast<double>(best) * 1e-3;
        }
    }
    return out;
}

}  // namespace muster
