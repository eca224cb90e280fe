#include "solvers/service_area.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "engine/errors.hpp"
#include "engine/network_location.hpp"
#include "engine/path_geometry.hpp"
#include "engine/travel_time_field.hpp"
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

// Every band's polygon from one travel-time field: every stretch of every band with its times
// along it (a ferry crossing by its two landings alone), and the point at time 0; band b's polygon
// is the field's contour at its limit, so it contains the previous band's. The field's buffers are
// kept per thread from one query to the next. `time_at(edge, fraction, from, to)` is the travel
// time (s) at a point of a stretch.
template <typename TimeAt>
void draw_polygons(const RoadNetwork& network, const Snap& origin,
                   const ServiceAreaOptions& options, const TimeAt& time_at,
                   std::vector<ServiceAreaBand>& bands) {
    const double cell_m = options.cell_m > 0                    ? options.cell_m
                          : network.profile() == Profile::drive ? kServiceAreaCellDriveM
                                                                : kServiceAreaCellWalkM;
    // Every stretch's points in one buffer (its own geometry, or cut from its road here), kept
    // per thread from one query to the next, and their box.
    thread_local std::vector<LonLat> points, one;
    thread_local std::vector<std::size_t> first;  // per stretch, its first point; then the end
    thread_local std::vector<double> times;
    thread_local TravelTimeField field;
    points.clear();
    first.clear();
    BoundingBox box;
    box.extend(origin.point);
    for (const ServiceAreaBand& band : bands) {
        for (const ReachedSegment& s : band.segments) {
            first.push_back(points.size());
            if (network.ferry(s.edge)) {
                // A crossing's landings only: the area is land reached, not the sea crossed.
                one.clear();
                append_edge_geometry(network, s.edge, s.from_fraction, s.to_fraction, one);
                points.push_back(one.front());
                points.push_back(one.back());
            } else if (s.geometry.empty()) {
                // Cut apart: append_edge_geometry skips a point equal to the one before it.
                one.clear();
                append_edge_geometry(network, s.edge, s.from_fraction, s.to_fraction, one);
                points.insert(points.end(), one.begin(), one.end());
            } else {
                points.insert(points.end(), s.geometry.begin(), s.geometry.end());
            }
        }
    }
    first.push_back(points.size());
    for (LonLat p : points)
        box.extend(p);
    field.reset(origin.point, box, cell_m, kServiceAreaMaxCells);
    const double zero = 0;
    field.add_road(std::span(&origin.point, 1), std::span(&zero, 1));
    const LocalFrame frame(origin.point);
    std::size_t index = 0;
    for (const ServiceAreaBand& band : bands) {
        for (const ReachedSegment& s : band.segments) {
            const std::span<const LonLat> line(points.data() + first[index],
                                               first[index + 1] - first[index]);
            ++index;
            if (network.ferry(s.edge)) {
                field.add_road(line.first(1), std::span(&s.start_s, 1));
                field.add_road(line.last(1), std::span(&s.end_s, 1));
                continue;
            }
            times.assign(line.size(), s.start_s);
            times.back() = line.size() == 1 ? std::min(s.start_s, s.end_s) : s.end_s;
            if (line.size() > 2) {
                // Each inner point's fraction of the edge, from its share of the stretch's
                // length (a stretch is cut from its edge in proportion to length).
                double total = 0;
                for (std::size_t k = 1; k < line.size(); ++k) {
                    const auto a = frame.to_xy(line[k - 1]), b = frame.to_xy(line[k]);
                    total += std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
                    times[k] = total;
                }
                for (std::size_t k = 1; k + 1 < line.size(); ++k) {
                    const double share = total > 0 ? times[k] / total : 0.0;
                    times[k] =
                        time_at(s.edge, s.from_fraction + share * (s.to_fraction - s.from_fraction),
                                s.from_fraction, s.to_fraction);
                }
                times.back() = s.end_s;
            }
            field.add_road(line, times);
        }
    }
    field.spread(kServiceAreaOffRoadMps);
    const double min_hole_m2 = kServiceAreaMinHoleCells * field.cell_m() * field.cell_m();
    for (ServiceAreaBand& band : bands) {
        throw_if_stopped(options.stop, "the service area");
        band.area = field.contour(band.limit_s, min_hole_m2);
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
    // The travel time (s) at fraction f of the stretch [from, to] of a reached edge, as the
    // stretch is travelled: through the edge's tail (head, backward) if the search settled it, or
    // from the point along the point's own edge when the stretch lies on the point's side (a
    // stretch that ends at the point is reached from the tail: the point's time 0 there is that
    // of the stretch beyond it).
    const auto time_at = [&](EdgeId e, double f, double stretch_from, double stretch_to) {
        const double duration = metric.duration_ms[e];
        double best = std::numeric_limits<double>::infinity();
        const NodeId from = forward ? reverse.tail(e) : network.head(e);
        if (search.settled(from)) {
            best = static_cast<double>(search.duration_ms(from)) + (forward ? f : 1 - f) * duration;
        }
        for (const Seed& s : seeds) {
            if (s.edge != e)
                continue;
            const double t = detail::edge_fraction(network, e, origin_t);
            if (forward ? f >= t && stretch_to > t : f <= t && stretch_from < t)
                best = std::min(best, (forward ? f - t : t - f) * duration);
        }
        return best / 1000.0;
    };
    // The edges of the point's own piece are reached from the point and perhaps from their tail
    // (head, backward) too: their stretches are merged and the previous band's taken out
    // (merged, beyond). Every other edge is reached from its tail only, so its ring is the part
    // between the previous limit's reach and this one's: no sorting of every edge reached.
    std::array<EdgeId, 2> own{kInvalidEdge, kInvalidEdge};
    for (std::size_t k = 0; k < seeds.size() && k < own.size(); ++k)
        own[k] = seeds[k].edge;
    const auto is_own = [&](EdgeId e) { return e != kInvalidEdge && (e == own[0] || e == own[1]); };
    std::vector<Stretch> previous_own;  // the own edges reached within the previous band's limit
    std::optional<std::uint64_t> previous_ms;
    const auto add_segment = [&](ServiceAreaBand& band, const Stretch& s) {
        if (!(s.from < s.to))
            return;  // reached only at its start: a node, listed as such
        ReachedSegment segment{s.edge,
                               s.from,
                               s.to,
                               time_at(s.edge, s.from, s.from, s.to),
                               time_at(s.edge, s.to, s.from, s.to),
                               {}};
        if (options.segment_geometry) {
            segment.geometry.reserve(network.piece_points(network.piece(s.edge)).size() + 1);
            append_edge_geometry(network, s.edge, s.from, s.to, segment.geometry);
        }
        band.segments.push_back(std::move(segment));
    };
    for (double limit_s : limits_s) {
        throw_if_stopped(options.stop, "the service area");
        const std::uint64_t limit_ms = to_ms(limit_s);
        ServiceAreaBand band;
        band.limit_s = limit_s;
        std::vector<Stretch> own_stretches;
        // The origin's own piece, from the point as far as the time reaches.
        for (const Seed& s : seeds) {
            if (s.edge == kInvalidEdge)
                continue;
            const double t = detail::edge_fraction(network, s.edge, origin_t);
            const double r = reach(limit_ms, metric.duration_ms[s.edge]);
            if (forward) {
                own_stretches.push_back({s.edge, t, std::min(1.0, t + r)});
            } else {
                own_stretches.push_back({s.edge, std::max(0.0, t - r), t});
            }
        }
        const auto each_edge = [&](NodeId u, const auto& visit) {
            if (forward) {
                for (EdgeId e : network.out_edges(u))
                    visit(e);
            } else {
                for (EdgeId e : reverse.in_edges(u))
                    visit(e);
            }
        };
        for (NodeId u : settled) {
            const std::uint64_t at_ms = search.duration_ms(u);
            if (at_ms > limit_ms)
                break;
            band.nodes.push_back(u);
            each_edge(u, [&](EdgeId e) {
                if (metric.closed(e))
                    return;
                const std::uint32_t duration = metric.duration_ms[e];
                const double r = std::min(1.0, reach(limit_ms - at_ms, duration));
                if (is_own(e)) {
                    own_stretches.push_back(forward ? Stretch{e, 0.0, r}
                                                    : Stretch{e, 1.0 - r, 1.0});
                    return;
                }
                const double before = previous_ms && at_ms <= *previous_ms
                                          ? std::min(1.0, reach(*previous_ms - at_ms, duration))
                                          : 0.0;
                add_segment(band,
                            forward ? Stretch{e, before, r} : Stretch{e, 1.0 - r, 1.0 - before});
            });
        }
        std::vector<Stretch> reached = merged(std::move(own_stretches));
        for (const Stretch& s : beyond(reached, previous_own))
            add_segment(band, s);
        previous_own = std::move(reached);
        previous_ms = limit_ms;
        bands.push_back(std::move(band));
    }
    if (options.polygons && !seeds.empty())
        draw_polygons(network, origin, options, time_at, bands);
    return bands;
}

}  // namespace muster
