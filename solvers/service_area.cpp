#include "solvers/service_area.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "engine/cell_raster.hpp"
#include "engine/errors.hpp"
#include "engine/network_location.hpp"
#include "engine/path_geometry.hpp"
#include "solvers/detail/path_route.hpp"

namespace muster {
namespace {

/// How many nodes the search settles between two looks at the stop token: a millisecond's work.
constexpr std::size_t kSettledBetweenChecks = 4096;

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

// `reached` without what `before` covers: both sorted and merged (merged()), and every stretch
// of `before` inside one of `reached` (a larger limit reaches at least as far along each edge).
std::vector<Stretch> beyond(const std::vector<Stretch>& reached,
                            const std::vector<Stretch>& before) {
    std::vector<Stretch> out;
    std::size_t j = 0;
    for (const Stretch& s : reached) {
        double from = s.from;
        while (j < before.size() &&
               (before[j].edge < s.edge || (before[j].edge == s.edge && before[j].to <= s.to))) {
            if (before[j].edge == s.edge && before[j].from < before[j].to && before[j].to > from) {
                if (before[j].from > from)
                    out.push_back({s.edge, from, before[j].from});
                from = before[j].to;
            }
            ++j;
        }
        if (from < s.to)
            out.push_back({s.edge, from, s.to});
    }
    return out;
}

// Every band's polygon from one grid: band b marks the cells of its own roads with level b + 1
// (a cell keeps the lowest level), and band b's polygon outlines the cells of levels 1..b + 1:
// the roads of bands 0..b, all reached within its limit. So it contains the previous band's
// exactly.
void draw_polygons(const RoadNetwork& network, const Snap& origin,
                   const ServiceAreaOptions& options, std::vector<ServiceAreaBand>& bands) {
    const double cell_m = options.cell_m > 0                    ? options.cell_m
                          : network.profile() == Profile::drive ? kServiceAreaCellDriveM
                                                                : kServiceAreaCellWalkM;
    BoundingBox box;
    box.extend(origin.point);
    for (const ServiceAreaBand& band : bands) {
        for (const ReachedSegment& s : band.segments) {
            for (LonLat p : s.geometry)
                box.extend(p);
        }
    }
    CellRaster raster(origin.point, box, cell_m, kServiceAreaMaxCells);
    for (std::size_t b = 0; b < bands.size(); ++b) {
        const auto level = static_cast<std::uint16_t>(std::min<std::size_t>(b + 1, UINT16_MAX));
        raster.mark_line(std::span(&origin.point, 1), level);
        for (const ReachedSegment& s : bands[b].segments)
            raster.mark_line(s.geometry, level);
    }
    for (std::size_t b = 0; b < bands.size(); ++b) {
        throw_if_stopped(options.stop, "the service area");
        bands[b].area = outline_cells(
            raster, static_cast<std::uint16_t>(std::min<std::size_t>(b + 1, UINT16_MAX)));
    }
}

std::vector<double> checked_limits(std::vector<double> limits_s) {
    for (double limit : limits_s) {
        if (!(limit >= 0 && limit <= kMaxServiceAreaLimitS)) {
            throw InputError(
                "limits_s: each service area limit must be a number of seconds in "
                "[0, " +
                std::to_string(static_cast<long>(kMaxServiceAreaLimitS)) + "], not " +
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
        throw ContractError(
            forward ? "a service area from a point needs a forward search over the graph's network"
                    : "a service area towards a point needs a backward search over the graph's "
                      "network");
    }
    limits_s = checked_limits(std::move(limits_s));
    if (!(options.cell_m >= 0) || !std::isfinite(options.cell_m)) {
        throw InputError("cell_m: the service area's cells must be a finite size >= 0 m, not " +
                         std::to_string(options.cell_m));
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
    for (std::size_t settled = 0; search.next_duration_ms() <= max_ms; ++settled) {
        if (settled % kSettledBetweenChecks == 0)
            throw_if_stopped(options.stop, "the service area");
        search.settle_next(metric);
    }

    const auto& settled = search.settled_nodes();  // in order of duration
    const double origin_t = piece_fraction(origin);
    std::vector<Stretch> previous;  // the road reached within the previous band's limit
    for (double limit_s : limits_s) {
        throw_if_stopped(options.stop, "the service area");
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
                for (EdgeId e : network.out_edges(u)) {
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

        std::vector<Stretch> reached = merged(std::move(stretches));
        for (const Stretch& s : beyond(reached, previous)) {
            if (!(s.from < s.to))
                continue;  // reached only at its start: a node, listed as such
            ReachedSegment segment{s.edge, s.from, s.to, {}};
            append_edge_geometry(network, s.edge, s.from, s.to, segment.geometry);
            band.segments.push_back(std::move(segment));
        }
        previous = std::move(reached);

        bands.push_back(std::move(band));
    }
    if (options.polygons && !seeds.empty())
        draw_polygons(network, origin, options, bands);
    return bands;
}

}  // namespace muster
