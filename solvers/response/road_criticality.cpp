#include "solvers/response/road_criticality.hpp"

#include <algorithm>
#include <tuple>

#include "solvers/response/response_times.hpp"

namespace muster {
namespace {

/// An edge of the piece: forward if it has one.
EdgeId edge_of(const RoadNetwork& network, PieceId p) {
    const EdgeId forward = network.piece_edge(p, false);
    return forward != kInvalidEdge ? forward : network.piece_edge(p, true);
}

/// The two end nodes of a piece.
std::pair<NodeId, NodeId> ends(const RoadNetwork& network, PieceId p) {
    const EdgeId e = edge_of(network, p);
    return network.reversed(e) ? std::pair(network.head(e), network.tail(e))
                               : std::pair(network.tail(e), network.head(e));
}

/// The selected pieces that meet at each node (a piece that loops back counts twice).
std::vector<std::vector<PieceId>> pieces_at(const RoadNetwork& network,
                                            const std::vector<char>& selected) {
    std::vector<std::vector<PieceId>> at(network.node_count());
    for (PieceId p : network.pieces()) {
        if (!selected[p.value()])
            continue;
        const auto [a, b] = ends(network, p);
        at[a.value()].push_back(p);
        at[b.value()].push_back(p);
    }
    return at;
}

std::vector<ResponseLeg> firsts(const std::vector<PointResponse>& responses) {
    std::vector<ResponseLeg> out;
    for (const PointResponse& r : responses)
        out.push_back(r.first.value_or(ResponseLeg{SIZE_MAX, UINT64_MAX, 0}));
    return out;
}

}  // namespace

std::vector<RoadStretch> road_stretches(const RoadNetwork& network,
                                        const std::set<std::string>& classes) {
    std::vector<char> selected(network.piece_count()), taken(network.piece_count());
    for (PieceId p : network.pieces())
        selected[p.value()] = !network.ferry_piece(p) && classes.count(network.piece_class(p)) > 0;
    const auto at = pieces_at(network, selected);
    // The piece that continues `p` through `node`, if the node is no junction.
    const auto next = [&](PieceId p, NodeId node) -> std::optional<PieceId> {
        const auto& here = at[node.value()];
        if (here.size() != 2 || here[0] == here[1])
            return std::nullopt;
        const PieceId q = here[0] == p ? here[1] : here[0];
        if (taken[q.value()])
            return std::nullopt;
        return q;
    };
    const auto far_end = [&](PieceId p, NodeId from) {
        const auto [a, b] = ends(network, p);
        return a == from ? b : a;
    };
    std::vector<RoadStretch> out;
    for (PieceId start : network.pieces()) {
        if (!selected[start.value()] || taken[start.value()])
            continue;
        taken[start.value()] = true;
        std::vector<PieceId> forward{start}, backward;
        const auto [a, b] = ends(network, start);
        for (NodeId node = b; const auto q = next(forward.back(), node);) {
            taken[q->value()] = true;
            forward.push_back(*q);
            node = far_end(*q, node);
        }
        for (NodeId node = a;
             const auto q = next(backward.empty() ? start : backward.back(), node);) {
            taken[q->value()] = true;
            backward.push_back(*q);
            node = far_end(*q, node);
        }
        RoadStretch stretch;
        stretch.pieces.assign(backward.rbegin(), backward.rend());
        stretch.pieces.insert(stretch.pieces.end(), forward.begin(), forward.end());
        stretch.road_class = network.piece_class(start);
        for (PieceId p : stretch.pieces) {
            stretch.length_m += network.length_m(edge_of(network, p));
            for (bool against : {false, true}) {
                if (const EdgeId e = network.piece_edge(p, against); e != kInvalidEdge)
                    stretch.edges.push_back(e);
            }
        }
        std::sort(stretch.edges.begin(), stretch.edges.end());
        out.push_back(std::move(stretch));
    }
    return out;
}

std::vector<StretchCost> stretch_criticality(const RoutingGraph& graph, const Metric& metric,
                                             const cch::CchMetric& customized,
                                             std::span<const Snap> units,
                                             std::span<const ResponseDemand> demand,
                                             std::uint64_t limit_ms,
                                             std::span<const RoadStretch> stretches) {
    std::vector<std::optional<Snap>> points;
    for (const ResponseDemand& d : demand)
        points.push_back(d.snap);
    ResponseSweeps sweeps(graph.network().node_count());
    const auto before = firsts(response_times(graph, metric, customized, units, points, sweeps));
    // A scenario of our own, closed and reopened one stretch at a time.
    Metric scenario = metric;
    cch::CchMetric work(customized, scenario);
    std::vector<StretchCost> out;
    std::vector<EdgeId> changed;
    std::vector<std::uint32_t> saved;
    for (std::size_t s = 0; s < stretches.size(); ++s) {
        StretchCost cost{s, 0, 0, 0, 0};
        changed.clear();
        saved.clear();
        for (EdgeId e : stretches[s].edges) {
            if (!scenario.closed(e)) {
                changed.push_back(e);
                saved.push_back(scenario.duration_ms[e]);
                scenario.duration_ms[e] = kClosedMs;
            }
        }
        if (!changed.empty()) {
            work.update(changed);
            const auto after = firsts(response_times(graph, scenario, work, units, points, sweeps));
            for (std::size_t p = 0; p < demand.size(); ++p) {
                const std::uint64_t was = before[p].duration_ms, now = after[p].duration_ms;
                const std::int64_t people = demand[p].population;
                if (was <= limit_ms && now > limit_ms)
                    cost.losing_coverage += people;
                if (was != UINT64_MAX && now == UINT64_MAX)
                    cost.cut_off += people;
                else if (was != UINT64_MAX)
                    cost.added_person_s +=
                        static_cast<double>(people) * (static_cast<double>(now) - was) * 1e-3;
            }
            for (std::size_t k = 0; k < changed.size(); ++k)
                scenario.duration_ms[changed[k]] = saved[k];
            work.update(changed);
        }
        out.push_back(cost);
    }
    return out;
}

void rank_stretches(std::vector<StretchCost>& costs, StretchRanking by) {
    // Each key as a tuple of figures, most critical first when sorted ascending.
    const auto key = [by](const StretchCost& c) {
        const double coverage = -static_cast<double>(c.losing_coverage);
        const double cut = -static_cast<double>(c.cut_off);
        const double added = -c.added_person_s;
        const double shelter = -static_cast<double>(c.losing_shelter_access);
        switch (by) {
            case StretchRanking::response_time:
                return std::tuple(cut, added, coverage, shelter, c.stretch);
            case StretchRanking::shelter_access:
                return std::tuple(shelter, coverage, cut, added, c.stretch);
            case StretchRanking::coverage:
                break;
        }
        return std::tuple(coverage, cut, added, shelter, c.stretch);
    };
    std::sort(costs.begin(), costs.end(),
              [&](const StretchCost& a, const StretchCost& b) { return key(a) < key(b); });
}

}  // namespace muster
