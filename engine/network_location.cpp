#include "engine/network_location.hpp"

#include <algorithm>
#include <cmath>

namespace muster {
namespace {

// The part `fraction` of edge e under the metric.
Seed partial(const RoadNetwork& network, const Metric& metric, EdgeId e, NodeId node, double fraction) {
    return {node, static_cast<std::uint64_t>(std::llround(fraction * metric.duration_ms[e])),
            static_cast<std::uint64_t>(std::llround(fraction * network.arrays().length_mm[e])), e};
}

}  // namespace

double piece_fraction(const Snap& at) {
    return at.piece_length_m > 0 ? std::clamp(at.offset_m / at.piece_length_m, 0.0, 1.0) : 0.0;
}

std::vector<Seed> departures(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    std::vector<Seed> seeds;
    const double t = piece_fraction(at);
    if (const EdgeId along = network.piece_edge(at.piece, false); along != kInvalidEdge && !metric.closed(along)) {
        seeds.push_back(partial(network, metric, along, network.head(along), 1 - t));
    }
    if (const EdgeId against = network.piece_edge(at.piece, true); against != kInvalidEdge && !metric.closed(against)) {
        seeds.push_back(partial(network, metric, against, network.head(against), t));
    }
    return seeds;
}

std::vector<Seed> arrivals(const RoadNetwork& network, const Metric& metric, const Snap& at) {
    std::vector<Seed> seeds;
    const double t = piece_fraction(at);
    if (const EdgeId along = network.piece_edge(at.piece, false); along != kInvalidEdge && !metric.closed(along)) {
        seeds.push_back(partial(network, metric, along, network.tail(along), t));
    }
    if (const EdgeId against = network.piece_edge(at.piece, true); against != kInvalidEdge && !metric.closed(against)) {
        seeds.push_back(partial(network, metric, against, network.tail(against), 1 - t));
    }
    return seeds;
}

std::optional<Seed> direct_on_piece(const RoadNetwork& network, const Metric& metric, const Snap& from,
                                    const Snap& to) {
    if (from.piece != to.piece) return std::nullopt;
    const double a = piece_fraction(from), b = piece_fraction(to);
    const EdgeId e = network.piece_edge(from.piece, b < a);
    if (e == kInvalidEdge || metric.closed(e)) return std::nullopt;
    return partial(network, metric, e, kInvalidNode, std::fabs(b - a));
}

}  // namespace muster
