#include "engine/network_location.hpp"

#include <algorithm>
#include <cmath>

namespace muster {
namespace {

// The part `fraction` of edge e under the metric.
Seed partial(const RoadNetwork& network, const Metric& metric, EdgeId e, NodeId node,
             double fraction) {
    return {node, static_cast<std::uint64_t>(std::llround(fraction * metric.duration_ms[e])),
            static_cast<std::uint64_t>(std::llround(fraction * network.arrays().length_mm[e])), e};
}

// The nodes at a piece's first and last point.
std::pair<NodeId, NodeId> piece_ends(const RoadNetwork& network, PieceId p) {
    if (const EdgeId along = network.piece_edge(p, false); along != kInvalidEdge) {
        return {network.tail(along), network.head(along)};
    }
    const EdgeId against = network.piece_edge(p, true);
    return {network.head(against), network.tail(against)};
}

// A point snapped onto a piece's end *is* that node: it leaves (or is reached) by every road of
// the node, not only along its own piece, which may be a oneway running the other way.
void add_end_node(const RoadNetwork& network, const Snap& at, double t, std::vector<Seed>& seeds) {
    if (t != 0.0 && t != 1.0)
        return;
    const auto [first, last] = piece_ends(network, at.piece);
    const NodeId node = t == 0.0 ? first : last;
    const bool present = std::any_of(seeds.begin(), seeds.end(), [node](const Seed& s) {
        return s.node == node && s.duration_ms == 0;
    });
    if (!present)
        seeds.push_back({node, 0, 0, kInvalidEdge});
}

}  // namespace

double piece_fraction(const Snap& at) {
    return at.piece_length_m > 0 ? std::clamp(at.offset_m / at.piece_length_m, 0.0, 1.0) : 0.0;
}

std::vector<Seed> departures(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    std::vector<Seed> seeds;
    const double t = piece_fraction(at);
    if (const EdgeId along = network.piece_edge(at.piece, false);
        along != kInvalidEdge && !metric.closed(along)) {
        seeds.push_back(partial(network, metric, along, network.head(along), 1 - t));
    }
    if (const EdgeId against = network.piece_edge(at.piece, true);
        against != kInvalidEdge && !metric.closed(against)) {
        seeds.push_back(partial(network, metric, against, network.head(against), t));
    }
    add_end_node(network, at, t, seeds);
    return seeds;
}

std::vector<Seed> arrivals(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    std::vector<Seed> seeds;
    const double t = piece_fraction(at);
    if (const EdgeId along = network.piece_edge(at.piece, false);
        along != kInvalidEdge && !metric.closed(along)) {
        seeds.push_back(partial(network, metric, along, network.tail(along), t));
    }
    if (const EdgeId against = network.piece_edge(at.piece, true);
        against != kInvalidEdge && !metric.closed(against)) {
        seeds.push_back(partial(network, metric, against, network.tail(against), 1 - t));
    }
    add_end_node(network, at, t, seeds);
    return seeds;
}

std::optional<Seed> direct_on_piece(const RoadNetwork& network, const Metric& metric,
                                    const Snap& from, const Snap& to) {
    if (from.piece != to.piece)
        return std::nullopt;
    const double a = piece_fraction(from), b = piece_fraction(to);
    if (a == b) {  // the same point: no travel, whichever way the piece runs and whether it is open
        const EdgeId along = network.piece_edge(from.piece, false);
        return Seed{kInvalidNode, 0, 0,
                    along != kInvalidEdge ? along : network.piece_edge(from.piece, true)};
    }
    const EdgeId e = network.piece_edge(from.piece, b < a);
    if (e == kInvalidEdge || metric.closed(e))
        return std::nullopt;
    return partial(network, metric, e, kInvalidNode, std::fabs(b - a));
}

}  // namespace muster
