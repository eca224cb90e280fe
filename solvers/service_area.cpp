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
#include "engine/run_beside.hpp"
#include "solvers/detail/area_field.hpp"
#include "solvers/detail/path_route.hpp"
#include "solvers/detail/reached_nodes.hpp"

namespace muster {
namespace {

/// How many nodes the search settles, or a band's pass visits, between two looks at the stop
/// token: a millisecond's work.
constexpr std::size_t kSettledBetweenChecks = 4096;

/// From how many nodes reached a service area's field is marked by two threads
/// (engine/run_beside): a 15-minute drive on Malta reaches 12,000 and its marking and stretches
/// take about 1.2 ms alone; waking the helper and merging its part cost tens of microseconds.
constexpr std::size_t kBesideMinNodes = 2000;

struct Stretch {
    EdgeId edge;
    double from, to;
};

// How far along an edge of `duration_ms` the time left reaches, as a fraction of it, at most 1.
double reach(std::uint64_t time_left_ms, std::uint32_t duration_ms) {
    return time_left_ms >= duration_ms ? 1.0 : static_cast<double>(time_left_ms) / duration_ms;
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

// Cuts the segment's stretch from its edge into the band's points. Out of line: the loop over
// every edge reached stays small for the callers that do not ask for polylines.
[[gnu::noinline]] void add_geometry(const RoadNetwork& network, ServiceAreaBand& band,
                                    ReachedSegment& segment) {
    // Cut apart: append_edge_geometry skips a point equal to the one before it.
    thread_local std::vector<LonLat> one;
    one.clear();
    append_edge_geometry(network, segment.edge, segment.from_fraction, segment.to_fraction, one);
    segment.first_point = static_cast<std::uint32_t>(band.points.size());
    segment.point_count = static_cast<std::uint32_t>(one.size());
    band.points.insert(band.points.end(), one.begin(), one.end());
}

std::uint64_t to_ms(double seconds) {
    return static_cast<std::uint64_t>(std::llround(seconds * 1000.0));
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

// The bands (see service_area) from the nodes reached within the largest limit, by either
// search, from `seeds` at `origin`.
std::vector<ServiceAreaBand> bands_of(const RoutingGraph& graph, const Metric& metric,
                                      const Snap& origin, const std::vector<double>& limits_s,
                                      bool forward, std::span<const Seed> seeds,
                                      const detail::ReachedNodes& reached,
                                      const ServiceAreaOptions& options) {
    const RoadNetwork& network = graph.network();
    // Only a backward search walks into nodes: a forward one never makes the reverse graph.
    const ReverseGraph* reverse = forward ? nullptr : &graph.reverse();
    const std::uint64_t max_ms = to_ms(limits_s.back());
    const std::vector<NodeId>& by_id = reached.by_id;
    const double origin_t = piece_fraction(origin);
    // The travel time (s) at fraction f of the stretch [from, to] of a reached edge, as the
    // stretch is travelled: through the edge's tail (head, backward) if the search settled it, or
    // from the point along the point's own edge when the stretch lies on the point's side (a
    // stretch that ends at the point is reached from the tail: the point's time 0 there is that
    // of the stretch beyond it).
    const auto time_at = [&](EdgeId e, double f, double stretch_from, double stretch_to) {
        const double duration = metric.duration_ms[e];
        double best = std::numeric_limits<double>::infinity();
        const NodeId from = forward ? network.tail(e) : network.head(e);
        if (const auto at_ms = reached.duration_ms(from))
            best = static_cast<double>(*at_ms) + (forward ? f : 1 - f) * duration;
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
    // visit(e, u, at_ms, duration_ms) for every open edge out of (into, backward) the nodes
    // by_id[from, to) reached within limit_ms, looking at the stop token as it goes.
    const auto each_reached_edge = [&](std::size_t from, std::size_t to, std::uint64_t limit_ms,
                                       const auto& visit) {
        for (std::size_t k = from; k < to; ++k) {
            if (k % kSettledBetweenChecks == kSettledBetweenChecks - 1)
                throw_if_stopped(options.stop, "the service area");
            const NodeId u = by_id[k];
            const std::uint64_t at_ms = reached.by_id_ms[k];
            if (at_ms > limit_ms)
                continue;
            const auto open = [&](EdgeId e) {
                if (!metric.closed(e))
                    visit(e, u, at_ms, metric.duration_ms[e]);
            };
            if (forward) {
                for (EdgeId e : network.out_edges(u))
                    open(e);
            } else {
                for (EdgeId e : reverse->in_edges(u))
                    open(e);
            }
        }
    };
    std::vector<Stretch> previous_own;  // the own edges reached within the previous band's limit
    std::optional<std::uint64_t> previous_ms;
    // A stretch with its times at both ends, and its polyline if asked for. Written field by
    // field into the vector: a copy of a whole segment just built would read it back before its
    // stores are done, tens of thousands of times a query.
    const auto add_segment = [&](ServiceAreaBand& band, EdgeId e, double from, double to,
                                 double start_s, double end_s) {
        ReachedSegment& segment = band.segments.emplace_back();
        segment.edge = e;
        segment.from_fraction = from;
        segment.to_fraction = to;
        segment.start_s = start_s;
        segment.end_s = end_s;
        if (options.segment_geometry)
            add_geometry(network, band, segment);
    };
    // The bands' nodes, nearest first, and room for about as many stretches as the edges of the
    // nodes new to each (a fifth more for the edges that run on from earlier nodes), so that no
    // vector grows by copying; allocated here, as the stretches may be listed on a helper thread.
    const double edges_per_node =
        static_cast<double>(network.edge_count()) /
        static_cast<double>(std::max<std::size_t>(1, network.node_count()));
    std::vector<ServiceAreaBand> bands(limits_s.size());
    for (std::size_t b = 0, previous_count = 0; b < bands.size(); ++b) {
        bands[b].limit_s = limits_s[b];
        const std::size_t count = reached.within(to_ms(limits_s[b]));
        bands[b].nodes.assign(reached.by_time.begin(),
                              reached.by_time.begin() + static_cast<std::ptrdiff_t>(count));
        bands[b].segments.reserve(
            static_cast<std::size_t>(1.2 * edges_per_node *
                                     static_cast<double>(count - previous_count)) +
            16);
        previous_count = count;
    }
    const auto list_bands = [&] {
        for (ServiceAreaBand& band : bands) {
            throw_if_stopped(options.stop, "the service area");
            const std::uint64_t limit_ms = to_ms(band.limit_s);
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
            const auto list = [&](EdgeId e, NodeId, std::uint64_t at_ms, std::uint32_t duration) {
                const double r = reach(limit_ms - at_ms, duration);
                if (is_own(e)) {
                    own_stretches.push_back(forward ? Stretch{e, 0.0, r}
                                                    : Stretch{e, 1.0 - r, 1.0});
                    return;
                }
                const double before = previous_ms && at_ms <= *previous_ms
                                          ? reach(*previous_ms - at_ms, duration)
                                          : 0.0;
                // Reached beyond its start (else it is a node, listed as such), from its tail
                // (head, backward): its times grow from there.
                if (before < r) {
                    const auto at = static_cast<double>(at_ms);
                    const double near_s = (at + before * duration) * 1e-3;
                    const double far_s = (at + r * duration) * 1e-3;
                    if (forward)
                        add_segment(band, e, before, r, near_s, far_s);
                    else
                        add_segment(band, e, 1 - r, 1 - before, far_s, near_s);
                }
            };
            each_reached_edge(0, by_id.size(), limit_ms, list);
            std::vector<Stretch> own_reached = merged(std::move(own_stretches));
            for (const Stretch& s : beyond(own_reached, previous_own)) {
                if (s.from < s.to) {
                    add_segment(band, s.edge, s.from, s.to, time_at(s.edge, s.from, s.from, s.to),
                                time_at(s.edge, s.to, s.from, s.to));
                }
            }
            previous_own = std::move(own_reached);
            previous_ms = limit_ms;
        }
    };
    if (!options.polygons || seeds.empty()) {
        list_bands();
        return bands;
    }
    // The polygons' field: every edge the largest band reaches, but the point's own, marks it.
    const auto mark = [&](detail::AreaField& field, std::size_t from, std::size_t to) {
        const auto add = [&](EdgeId e, NodeId u, std::uint64_t at_ms, std::uint32_t duration) {
            if (!is_own(e))
                field.add_edge(e, u, at_ms, duration, reach(max_ms - at_ms, duration));
        };
        each_reached_edge(from, to, max_ms, add);
    };
    detail::AreaField field(graph, origin, forward, by_id, own);
    // A helper marks the edges of the first half of the nodes on a part of the field, while this
    // thread lists the stretches and marks the rest; the part is merged in. Alone, as before.
    detail::AreaField part = field.part();
    const std::size_t half = by_id.size() / 2;
    const auto list_and_mark_the_rest = [&] {
        list_bands();
        mark(field, half, by_id.size());
    };
    const auto mark_the_first_half = [&] {
        part.clear();
        mark(part, 0, half);
    };
    if (by_id.size() >= kBesideMinNodes &&
        run_beside(list_and_mark_the_rest, mark_the_first_half)) {
        field.merge(part);
    } else {
        list_bands();
        mark(field, 0, by_id.size());
    }
    // The point's own edges, travelled from the point: cut and rasterized with their times (a
    // crossing of its own ferry marks nothing at sea: its far landing's roads are walked).
    for (const ServiceAreaBand& band : bands) {
        for (const ReachedSegment& s : band.segments) {
            if (is_own(s.edge) && !network.ferry(s.edge)) {
                field.add_own(s, [&](double f) {
                    return time_at(s.edge, f, s.from_fraction, s.to_fraction);
                });
            }
        }
    }
    field.draw(bands, options.stop);
    return bands;
}

}  // namespace

std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, Dijkstra& search,
                                          const ServiceAreaOptions& options) {
    const RoadNetwork& network = graph.network();
    const bool forward = direction == TravelDirection::from_incident;
    if (search.direction() != (forward ? Direction::forward : Direction::backward) ||
        &search.network() != &network) {
        throw ContractError(
            forward ? "a service area from a point needs a forward search over the graph's network"
                    : "a service area towards a point needs a backward search over the graph's "
                      "network");
    }
    limits_s = checked_limits(std::move(limits_s));
    if (limits_s.empty())
        return {};
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
    return bands_of(graph, metric, origin, limits_s, forward, seeds,
                    detail::reached_nodes(search, max_ms), options);
}

std::vector<ServiceAreaBand> service_area(const RoutingGraph& graph, const Metric& metric,
                                          const Snap& origin, std::vector<double> limits_s,
                                          TravelDirection direction, const HierarchySearch& search,
                                          const ServiceAreaOptions& options) {
    const RoadNetwork& network = graph.network();
    if (search.metric.topology().edge_count() != network.edge_count() ||
        metric.duration_ms.size() != network.edge_count()) {
        throw ContractError("a service area on a hierarchy needs one customized for its network");
    }
    limits_s = checked_limits(std::move(limits_s));
    if (limits_s.empty())
        return {};
    const bool forward = direction == TravelDirection::from_incident;
    const auto seeds =
        forward ? departures(network, metric, origin) : arrivals(network, metric, origin);
    throw_if_stopped(options.stop, "the service area");
    search.sweep.run(search.metric, seeds,
                     forward ? cch::SweepDirection::forward : cch::SweepDirection::backward,
                     to_ms(limits_s.back()), search.tree);
    return bands_of(graph, metric, origin, limits_s, forward, seeds,
                    detail::reached_nodes(search.sweep), options);
}

}  // namespace muster
