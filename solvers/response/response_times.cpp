#include "solvers/response/response_times.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/network_location.hpp"

namespace muster {
namespace {

/// Units grouped by the place they start from: same piece, same position along it.
struct Places {
    std::vector<Snap> snaps;                       // per place
    std::vector<std::vector<std::size_t>> units;   // per place, ascending
    std::multimap<PieceId, std::size_t> on_piece;  // places by piece, for drives along one road
};

Places places_of(std::span<const Snap> units) {
    Places out;
    std::map<std::tuple<PieceId, std::uint32_t, double>, std::size_t> index;
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Snap& s = units[u];
        const auto [it, added] =
            index.try_emplace({s.piece, s.segment, s.fraction}, out.snaps.size());
        if (added) {
            out.snaps.push_back(s);
            out.units.emplace_back();
            out.on_piece.emplace(s.piece, it->second);
        }
        out.units[it->second].push_back(u);
    }
    return out;
}

ResponseLeg leg(std::size_t unit, cch::Weight w) {
    return {unit, cch::duration_ms(w), cch::length_mm(w)};
}

}  // namespace

std::vector<PointResponse> response_times(const RoutingGraph& graph, const Metric& metric,
                                          const cch::CchMetric& customized,
                                          std::span<const Snap> units,
                                          std::span<const std::optional<Snap>> points) {
    ResponseSweeps sweeps(graph.network().node_count());
    return response_times(graph, metric, customized, units, points, sweeps);
}

std::vector<PointResponse> response_times(const RoutingGraph& graph, const Metric& metric,
                                          const cch::CchMetric& customized,
                                          std::span<const Snap> units,
                                          std::span<const std::optional<Snap>> points,
                                          ResponseSweeps& sweeps) {
    const RoadNetwork& network = graph.network();
    if (&customized.topology() != &graph.cch())
        throw ContractError("response times need a customization of the graph's hierarchy");
    if (metric.duration_ms.size() != network.edge_count())
        throw ContractError("response times need a metric of the graph's network");
    const Places places = places_of(units);
    std::vector<std::vector<Seed>> sources;
    for (const Snap& s : places.snaps)
        sources.push_back(departures(network, metric, s));
    cch::TwoNearestSweep& sweep = sweeps.two_nearest;
    sweep.run(customized, sources, cch::SweepDirection::forward, sweeps.tree);

    std::vector<PointResponse> out(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
        if (!points[p])
            continue;
        const Snap& at = *points[p];
        cch::TwoNearest best;
        for (const Seed& s : arrivals(network, metric, at)) {
            const cch::Weight rest = cch::pack(s.duration_ms, s.length_mm);
            for (const cch::SourceLabel& label : sweep.nearest(s.node)) {
                if (label.weight != cch::kInfinity)
                    cch::offer(best, {cch::add(label.weight, rest), label.source});
            }
        }
        const auto [begin, end] = places.on_piece.equal_range(at.piece);
        for (auto it = begin; it != end; ++it) {
            if (const auto direct = direct_on_piece(network, metric, places.snaps[it->second], at))
                cch::offer(best, {cch::pack(direct->duration_ms, direct->length_mm),
                                  static_cast<std::uint32_t>(it->second)});
        }
        // The two places' units, all equally near within a place: the quickest two, ties to
        // the lower unit index.
        std::vector<ResponseLeg> legs;
        for (const cch::SourceLabel& label : best) {
            if (label.weight == cch::kInfinity)
                break;
            for (std::size_t unit : places.units[label.source])
                legs.push_back(leg(unit, label.weight));
        }
        std::sort(legs.begin(), legs.end(), [](const ResponseLeg& a, const ResponseLeg& b) {
            return std::tie(a.duration_ms, a.length_mm, a.unit) <
                   std::tie(b.duration_ms, b.length_mm, b.unit);
        });
        if (!legs.empty())
            out[p].first = legs[0];
        if (legs.size() > 1)
            out[p].second = legs[1];
    }
    return out;
}

}  // namespace muster
