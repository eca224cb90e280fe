#include "solvers/service_area.hpp"

#include <algorithm>
#include <array>
#include <bit>
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
// along it (a ferry crossing by its landings alone), and the point at time 0; band b's polygon is
// the field's contour at its limit, so it contains the previous band's. An edge that is not the
// point's own is travelled from one end at its speed, so it marks the cells its piece is known to
// cross (graph.cells()) with the time where it is first in each: `each_edge(visit)` calls
// visit(edge, the node it is reached from, the time there (s), its duration (s), how far the
// largest limit reaches along it) for those edges of `nodes` (the reached ones, by id, so that
// the cells are read in order). The point's own edges are cut and rasterized here:
// `time_at(edge, fraction, from, to)` is the travel time (s) at a point of a stretch,
// `is_own(edge)` tells the point's own edges. The field's buffers are kept per thread from one
// query to the next.
template <typename TimeAt, typename IsOwn, typename EachEdge>
void draw_polygons(const RoutingGraph& graph, const Snap& origin, bool forward,
                   std::span<const NodeId> nodes, const std::stop_token& stop,
                   const TimeAt& time_at, const IsOwn& is_own, const EachEdge& each_edge,
                   std::vector<ServiceAreaBand>& bands) {
    const RoadNetwork& network = graph.network();
    const RoadCells& cells = graph.cells();
    const CellGrid& grid = cells.grid();
    // The lines cut here, in one buffer: their points, where each starts, their times.
    thread_local std::vector<LonLat> points, one;
    thread_local std::vector<std::size_t> first;
    thread_local std::vector<double> times;
    thread_local TravelTimeField field;
    points.assign(1, origin.point);
    times.assign(1, 0.0);
    first.assign(1, 0);
    const LocalFrame frame(origin.point);
    for (const ServiceAreaBand& band : bands) {
        for (const ReachedSegment& s : band.segments) {
            // The other edges are walked below; a crossing of the point's own ferry marks
            // nothing at sea (its far landing's roads are walked).
            if (!is_own(s.edge) || network.ferry(s.edge))
                continue;
            one.clear();
            append_edge_geometry(network, s.edge, s.from_fraction, s.to_fraction, one);
            // Each inner point's time from its fraction of the edge, from its share of the
            // stretch's length (a stretch is cut from its edge in proportion to length).
            first.push_back(points.size());
            const std::size_t at = times.size();
            points.insert(points.end(), one.begin(), one.end());
            times.resize(points.size(), s.start_s);
            double total = 0;
            for (std::size_t k = 1; k < one.size(); ++k) {
                const auto a = frame.to_xy(one[k - 1]), b = frame.to_xy(one[k]);
                total += std::hypot(b.x - a.x, b.y - a.y);
                times[at + k] = total;
            }
            for (std::size_t k = 1; k + 1 < one.size(); ++k) {
                const double share = total > 0 ? times[at + k] / total : 0.0;
                times[at + k] =
                    time_at(s.edge, s.from_fraction + share * (s.to_fraction - s.from_fraction),
                            s.from_fraction, s.to_fraction);
            }
            times.back() = one.size() == 1 ? std::min(s.start_s, s.end_s) : s.end_s;
        }
    }
    first.push_back(points.size());  // the end of the last line
    // The window: the cut lines' points, and the reached nodes' cells, each widened by how far
    // the boxes of its edges' pieces reach (RoadCells::reach; a node whose pieces reach far
    // gives the boxes themselves), so that it holds every cell the walk below marks.
    CellGrid::Cell low = grid.cell_of(origin.point), high = low;
    const auto extend = [&](CellGrid::Cell c, std::int64_t by) {
        low = {std::min(low.column, c.column - by), std::min(low.row, c.row - by)};
        high = {std::max(high.column, c.column + by), std::max(high.row, c.row + by)};
    };
    for (LonLat p : points)
        extend(grid.cell_of(p), 0);
    const auto extend_by_box = [&](EdgeId e) {
        const RoadCells::EdgeCells edge = cells.of(e);
        if (!edge.ferry) {
            extend(edge.box_min, 0);
            extend(edge.box_max, 0);
        }
    };
    for (NodeId u : nodes) {
        const unsigned reach = cells.reach(u);
        if (reach < RoadCells::kFarReach) {
            extend(grid.cell_of(network.coordinate(u).lon_lat()), reach);
            continue;
        }
        for (EdgeId e : network.out_edges(u))
            extend_by_box(e);
        for (EdgeId e : graph.reverse().in_edges(u))
            extend_by_box(e);
    }
    field.reset(grid, low, high, kServiceAreaMaxCells);
    for (std::size_t k = 0; k + 1 < first.size(); ++k) {
        field.add_road(std::span(points).subspan(first[k], first[k + 1] - first[k]),
                       std::span(times).subspan(first[k], first[k + 1] - first[k]));
    }
    // One walk over the other edges, reached up to fraction r from their tail (from their head,
    // backward). On a road, a cell whose part of the edge meets what is reached takes the time
    // where the edge is first in it: at `offset` from the end it is reached from (in the
    // crossings' fixed-point fractions), if that is within r. A ferry crossing marks its
    // landings alone, each as a point: the area is land reached, not the sea crossed; the far
    // landing if the crossing is reached whole.
    constexpr double kScale = CellCrossing::kFractionScale;
    thread_local std::vector<std::pair<NodeId, double>> landings;
    landings.clear();
    each_edge([&](EdgeId e, NodeId from, double start_s, double duration_s, double r) {
        const RoadCells::EdgeCells edge = cells.of(e);
        if (edge.ferry) {
            landings.emplace_back(from, start_s);
            if (r >= 1) {
                landings.emplace_back(forward ? network.head(e) : graph.reverse().tail(e),
                                      start_s + duration_s);
            }
            return;
        }
        const bool from_leave = forward == edge.reversed;
        const double reach = r * kScale, step_s = duration_s / kScale;
        for (const CellCrossing& c : edge.crossings) {
            const double offset = from_leave ? kScale - c.leave : c.enter;
            if (offset <= reach) {
                field.mark_cell(edge.box_min.column + c.column, edge.box_min.row + c.row,
                                static_cast<float>(start_s + offset * step_s));
            }
        }
    });
    // A landing is a node with a road as well as the crossing; a ferry route's own nodes at sea
    // are not land reached.
    for (const auto& [v, time_s] : landings) {
        const auto by_road = [&](EdgeId e) { return !network.ferry(e); };
        if (std::ranges::none_of(network.out_edges(v), by_road) &&
            std::ranges::none_of(graph.reverse().in_edges(v), by_road))
            continue;
        const LonLat p = network.coordinate(v).lon_lat();
        const double t = time_s;
        field.add_road(std::span(&p, 1), std::span(&t, 1));
    }
    field.spread(kServiceAreaOffRoadMps);
    const double min_hole_m2 = kServiceAreaMinHoleCells * field.cell_m() * field.cell_m();
    for (ServiceAreaBand& band : bands) {
        throw_if_stopped(stop, "the service area");
        band.area = field.contour(band.limit_s, min_hole_m2);
    }
}

// The nodes in id order, so that what is stored per node and per edge (edges are numbered by
// tail, nodes along a Hilbert curve) is read in order: a bit per node, set for those given and
// cleared again on the way. O(nodes given + network nodes / 64).
const std::vector<NodeId>& in_id_order(std::span<const NodeId> nodes, std::size_t node_count) {
    thread_local std::vector<std::uint64_t> bits;
    thread_local std::vector<NodeId> ordered;
    bits.resize((node_count + 63) / 64, 0);
    for (NodeId u : nodes)
        bits[u.value() / 64] |= std::uint64_t{1} << (u.value() % 64);
    ordered.clear();
    for (std::size_t w = 0; w < bits.size(); ++w) {
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1)
            ordered.emplace_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(word)));
        bits[w] = 0;
    }
    return ordered;
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
    // How many of them each limit reaches.
    const auto reached_within = [&](std::uint64_t limit_ms) {
        return static_cast<std::size_t>(
            std::partition_point(settled.begin(), settled.end(),
                                 [&](NodeId u) { return search.duration_ms(u) <= limit_ms; }) -
            settled.begin());
    };
    const std::vector<NodeId>& by_id =
        in_id_order(std::span(settled).first(reached_within(max_ms)), network.node_count());
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
    const auto each_edge = [&](NodeId u, const auto& visit) {
        if (forward) {
            for (EdgeId e : network.out_edges(u))
                visit(e);
        } else {
            for (EdgeId e : reverse.in_edges(u))
                visit(e);
        }
    };
    std::vector<Stretch> previous_own;  // the own edges reached within the previous band's limit
    std::optional<std::uint64_t> previous_ms;
    std::size_t previous_count = 0;  // nodes reached within the previous band's limit
    // A stretch with its times at both ends: of an edge reached through a node at `at_ms`, or
    // (without) of the point's own edges.
    const auto add_segment = [&](ServiceAreaBand& band, const Stretch& s,
                                 std::optional<std::uint64_t> at_ms) {
        if (!(s.from < s.to))
            return;  // reached only at its start: a node, listed as such
        const auto time = [&](double f) {
            if (!at_ms)
                return time_at(s.edge, f, s.from, s.to);
            const double along = forward ? f : 1 - f;
            return (static_cast<double>(*at_ms) + along * metric.duration_ms[s.edge]) / 1000.0;
        };
        ReachedSegment segment{s.edge, s.from, s.to, time(s.from), time(s.to), 0, 0};
        if (options.segment_geometry) {
            // Cut apart: append_edge_geometry skips a point equal to the one before it.
            thread_local std::vector<LonLat> one;
            one.clear();
            append_edge_geometry(network, s.edge, s.from, s.to, one);
            segment.first_point = static_cast<std::uint32_t>(band.points.size());
            segment.point_count = static_cast<std::uint32_t>(one.size());
            band.points.insert(band.points.end(), one.begin(), one.end());
        }
        band.segments.push_back(segment);
    };
    for (double limit_s : limits_s) {
        throw_if_stopped(options.stop, "the service area");
        const std::uint64_t limit_ms = to_ms(limit_s);
        ServiceAreaBand band;
        band.limit_s = limit_s;
        // The band's nodes, nearest first; room for about as many stretches as the edges of
        // those new to it (a fifth more for the edges that run on from earlier nodes), so that
        // the vector does not grow by copying.
        const std::size_t count = reached_within(limit_ms);
        band.nodes.assign(settled.begin(), settled.begin() + static_cast<std::ptrdiff_t>(count));
        const double edges_per_node =
            static_cast<double>(network.edge_count()) /
            static_cast<double>(std::max<std::size_t>(1, network.node_count()));
        band.segments.reserve(
            static_cast<std::size_t>(1.2 * edges_per_node *
                                     static_cast<double>(count - previous_count)) +
            16);
        previous_count = count;
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
        for (NodeId u : by_id) {
            const std::uint64_t at_ms = search.duration_ms(u);
            if (at_ms > limit_ms)
                continue;
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
                            forward ? Stretch{e, before, r} : Stretch{e, 1.0 - r, 1.0 - before},
                            at_ms);
            });
        }
        std::vector<Stretch> reached = merged(std::move(own_stretches));
        for (const Stretch& s : beyond(reached, previous_own))
            add_segment(band, s, std::nullopt);
        previous_own = std::move(reached);
        previous_ms = limit_ms;
        bands.push_back(std::move(band));
    }
    if (!options.polygons || seeds.empty())
        return bands;
    const auto each_reached_edge = [&](const auto& visit) {
        for (NodeId u : by_id) {
            const std::uint64_t at_ms = search.duration_ms(u);
            const double at_s = static_cast<double>(at_ms) / 1000.0;
            each_edge(u, [&](EdgeId e) {
                const std::uint32_t duration = metric.duration_ms[e];
                if (duration == kClosedMs || is_own(e))
                    return;
                visit(e, u, at_s, duration / 1000.0,
                      std::min(1.0, reach(max_ms - at_ms, duration)));
            });
        }
    };
    draw_polygons(graph, origin, forward, by_id, options.stop, time_at, is_own, each_reached_edge,
                  bands);
    return bands;
}

}  // namespace muster
