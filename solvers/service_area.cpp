#include "solvers/service_area.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

#include "engine/errors.hpp"
#include "engine/network_location.hpp"
#include "engine/path_geometry.hpp"
#include "solvers/detail/path_route.hpp"

namespace muster {
namespace {

struct Stretch {
    EdgeId edge;
    double from, to;
};

// How far along an edge of `duration_ms` the time left reaches, as a fraction of it (>= 0).
double reach(std::uint64_t time_left_ms, std::uint32_t duration_ms) {
    return duration_ms == 0 ? 1.0 : static_cast<double>(time_left_ms) / duration_ms;
}

// Sorts stretches by edge and start and merges those of one edge that overlap or touch.
std::vector<Stretch> merged(std::vector<Stretch> stretches) {
    std::sort(stretches.begin(), stretches.end(), [](const Stretch& a, const Stretch& b) {
        return a.edge != b.edge ? a.edge < b.edge : a.from < b.from;
    });
    std::vector<Stretch> out;
    for (const Stretch& s : stretches) {
        if (!out.empty() && out.back().edge == s.edge && s.from <= out.back().to) {
            out.back().to = std::max(out.back().to, s.to);
        } else {
            out.push_back(s);
        }
    }
    return out;
}

// A stretch of a piece in the piece's own direction, for drawing.
struct PieceStretch {
    PieceId piece;
    double from, to;
    friend bool operator==(const PieceStretch&, const PieceStretch&) = default;
    friend bool operator<(const PieceStretch& a, const PieceStretch& b) {
        return std::tie(a.piece, a.from, a.to) < std::tie(b.piece, b.from, b.to);
    }
};

// The segments as stretches of their pieces, sorted, those of one piece merged where they meet.
std::vector<PieceStretch> piece_stretches(const RoadNetwork& network,
                                          const std::vector<ReachedSegment>& segments) {
    std::vector<PieceStretch> stretches;
    stretches.reserve(segments.size());
    for (const ReachedSegment& s : segments) {
        const bool against = network.reversed(s.edge);
        stretches.push_back({network.piece(s.edge), against ? 1 - s.to_fraction : s.from_fraction,
                             against ? 1 - s.from_fraction : s.to_fraction});
    }
    std::sort(stretches.begin(), stretches.end());
    std::vector<PieceStretch> out;
    for (const PieceStretch& s : stretches) {
        if (!out.empty() && out.back().piece == s.piece && s.from <= out.back().to) {
            out.back().to = std::max(out.back().to, s.to);
        } else {
            out.push_back(s);
        }
    }
    return out;
}

void append_piece_geometry(const RoadNetwork& network, const PieceStretch& s,
                           std::vector<LonLat>& out) {
    if (const EdgeId along = network.piece_edge(s.piece, false); along != kInvalidEdge) {
        append_edge_geometry(network, along, s.from, s.to, out);
    } else {
        append_edge_geometry(network, network.piece_edge(s.piece, true), 1 - s.to, 1 - s.from, out);
    }
}

std::vector<double> checked_limits(std::vector<double> limits_s) {
    for (double limit : limits_s) {
        if (!(limit >= 0) || !std::isfinite(limit)) {
            throw InputError("service area limit must be a finite number of seconds >= 0, not " +
                             std::to_string(limit));
        }
    }
    std::sort(limits_s.begin(), limits_s.end());
    return limits_s;
}

}  // namespace

std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, Dijkstra& search,
                                          const ServiceAreaOptions& options) {
    const RoadNetwork& network = graph.network();
    const ReverseGraph& reverse = graph.reverse();
    const bool forward = direction == TravelDirection::from_incident;
    if (search.direction() != (forward ? Direction::forward : Direction::backward) ||
        &search.network() != &network) {
        throw std::invalid_argument(
            forward ? "a service area from a point needs a forward search over the graph's network"
                    : "a service area towards a point needs a backward search over the graph's "
                      "network");
    }
    limits_s = checked_limits(std::move(limits_s));
    if (!(options.buffer_m >= 0) || !std::isfinite(options.buffer_m)) {
        throw InputError("service area buffer must be a finite number of metres >= 0, not " +
                         std::to_string(options.buffer_m));
    }
    std::vector<ServiceAreaBand> bands;
    if (limits_s.empty())
        return bands;
    auto to_ms = [](double seconds) {
        return static_cast<std::uint64_t>(std::llround(seconds * 1000.0));
    };

    const auto seeds =
        forward ? departures(network, metric, origin) : arrivals(network, metric, origin);
    search.clear();
    for (const Seed& s : seeds)
        search.add_source(s.node, s.duration_ms, s.length_mm);
    const std::uint64_t max_ms = to_ms(limits_s.back());
    while (search.next_duration_ms() <= max_ms)
        search.settle_next(metric);

    const double radius_m = options.buffer_m > 0                  ? options.buffer_m
                            : network.profile() == Profile::drive ? kServiceAreaBufferDriveM
                                                                  : kServiceAreaBufferWalkM;
    const auto& settled = search.settled_nodes();  // in order of duration
    const double origin_t = piece_fraction(origin);
    std::vector<PieceStretch> previous;  // the previous band's roads, for its polygon
    for (double limit_s : limits_s) {
        const std::uint64_t limit_ms = to_ms(limit_s);
        ServiceAreaBand band;
        band.limit_s = limit_s;
        std::vector<Stretch> stretches;
        // The origin's own piece, from the point as far as the time reaches.
        for (const Seed& s : seeds) {
            if (s.edge == kInvalidEdge)
                continue;
            const double t = detail::edge_fraction(network, s.edge, origin_t);
            const double r = reach(limit_ms, metric.duration_ms[s.edge]);
            if (forward) {
                stretches.push_back({s.edge, t, std::min(1.0, t + r)});
            } else {
                stretches.push_back({s.edge, std::max(0.0, t - r), t});
            }
        }
        for (NodeId u : settled) {
            if (search.duration_ms(u) > limit_ms)
                break;
            band.nodes.push_back(u);
            const std::uint64_t left = limit_ms - search.duration_ms(u);
            if (forward) {
                for (EdgeId e = network.first_out(u); e < network.end_out(u); ++e) {
                    if (metric.closed(e))
                        continue;
                    stretches.push_back(
                        {e, 0.0, std::min(1.0, reach(left, metric.duration_ms[e]))});
                }
            } else {
                for (EdgeId e : reverse.in_edges(u)) {
                    if (metric.closed(e))
                        continue;
                    stretches.push_back(
                        {e, std::max(0.0, 1.0 - reach(left, metric.duration_ms[e])), 1.0});
                }
            }
        }

        for (const Stretch& s : merged(std::move(stretches))) {
            if (!(s.from < s.to))
                continue;  // reached only at its start: a node, listed as such
            ReachedSegment segment{s.edge, s.from, s.to, {}};
            append_edge_geometry(network, s.edge, s.from, s.to, segment.geometry);
            band.segments.push_back(std::move(segment));
        }

        if (!options.polygons) {
            bands.push_back(std::move(band));
            continue;
        }
        // The polygon: the previous band's, plus the roads this band adds. A road reached both
        // ways is drawn once: stretches are taken per piece, in the piece's direction.
        std::vector<PieceStretch> pieces = piece_stretches(network, band.segments);
        std::vector<std::vector<LonLat>> lines;
        for (const PieceStretch& p : pieces) {
            if (std::binary_search(previous.begin(), previous.end(), p))
                continue;
            lines.emplace_back();
            append_piece_geometry(network, p, lines.back());
        }
        // Reached but no road travelled (a limit of 0, a point at a dead end): the point itself.
        if (pieces.empty() && !seeds.empty())
            lines.push_back({origin.point});
        band.area = bands.empty() ? buffer_lines_m(lines, radius_m)
                                  : union_of(bands.back().area, buffer_lines_m(lines, radius_m));
        previous = std::move(pieces);
        bands.push_back(std::move(band));
    }
    return bands;
}

}  // namespace muster
