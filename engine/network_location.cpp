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

// Where a snapped point lies on its piece: at its first node, inside it, or at its last node.
enum class PiecePlace { first, inside, last };

PiecePlace place_on_piece(const Snap& at) {
    const double to_last = at.piece_length_m - at.offset_m;
    if (at.offset_m > kAtNodeM && to_last > kAtNodeM)
        return PiecePlace::inside;
    return at.offset_m <= to_last ? PiecePlace::first : PiecePlace::last;
}

}  // namespace

std::optional<NodeId> node_at(const RoadNetwork& network, const Snap& at) {
    const PiecePlace place = place_on_piece(at);
    if (place == PiecePlace::inside)
        return std::nullopt;
    const auto [first, last] = piece_ends(network, at.piece);
    return place == PiecePlace::first ? first : last;
}

double piece_fraction(const Snap& at) {
    switch (place_on_piece(at)) {
        case PiecePlace::first:
            return 0.0;
        case PiecePlace::last:
            return 1.0;
        case PiecePlace::inside:
            break;
    }
    return std::clamp(at.offset_m / at.piece_length_m, 0.0, 1.0);
}

std::vector<Seed> departures(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    if (const auto node = node_at(network, at))
        return {Seed{*node, 0, 0, kInvalidEdge}};
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
    return seeds;
}

std::vector<Seed> arrivals(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    if (const auto node = node_at(network, at))
        return {Seed{*node, 0, 0, kInvalidEdge}};
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
