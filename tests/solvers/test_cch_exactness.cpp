// Proof that routing on the customizable contraction hierarchy is exact: on Malta's driving
// network, seeded random routes, tables, nearest-k, one-to-all queries and service areas on the
// CCH equal the same queries on plain Dijkstra (the oracle) — duration, distance and the roads
// travelled — first under the base metric, then after each of a sequence of random closures,
// slowdowns and reopenings absorbed by partial customization, whose arc weights must also equal
// a full customization's.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>
#include <vector>

#include "engine/cch/bounded_sweep.hpp"
#include "engine/cch/nested_dissection.hpp"
#include "engine/cch/one_to_all.hpp"
#include "engine/geodesic.hpp"
#include "engine/network_location.hpp"
#include "solvers/matrix.hpp"
#include "solvers/nearest.hpp"
#include "solvers/route.hpp"
#include "solvers/service_area.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"

using namespace muster;

namespace {

// Points of Malta's extent snapped onto its roads within 300 m: mid-edge points, one-way roads
// and bits of network cut off from the rest included.
class RandomSnaps {
  public:
    RandomSnaps(const RoutingGraph& graph, std::uint64_t seed) : m_graph(graph), m_random(seed) {
        for (NodeId u : graph.network().nodes()) {
            const LonLat p = graph.network().coordinate(u).lon_lat();
            m_min = {std::min(m_min.lon, p.lon), std::min(m_min.lat, p.lat)};
            m_max = {std::max(m_max.lon, p.lon), std::max(m_max.lat, p.lat)};
        }
    }
    Snap next() {
        std::uniform_real_distribution<double> unit(0, 1);
        for (;;) {
            const LonLat p{m_min.lon + unit(m_random) * (m_max.lon - m_min.lon),
                           m_min.lat + unit(m_random) * (m_max.lat - m_min.lat)};
            if (const auto snap = m_graph.snaps().nearest(p, 300))
                return *snap;
        }
    }
    std::vector<Snap> take(std::size_t n) {
        std::vector<Snap> snaps;
        for (std::size_t i = 0; i < n; ++i)
            snaps.push_back(next());
        return snaps;
    }
    std::mt19937_64& random() { return m_random; }

  private:
    const RoutingGraph& m_graph;
    std::mt19937_64 m_random;
    LonLat m_min{180, 90}, m_max{-180, -90};
};

// Edges with both ends within `radius_m` of `centre`.
std::vector<EdgeId> edges_near(const RoadNetwork& network, const ReverseGraph& reverse,
                               LonLat centre, double radius_m) {
    std::vector<EdgeId> edges;
    for (EdgeId e : network.edges()) {
        if (distance_m(network.coordinate(network.head(e)).lon_lat(), centre) <= radius_m &&
            distance_m(network.coordinate(reverse.tail(e)).lon_lat(), centre) <= radius_m)
            edges.push_back(e);
    }
    return edges;
}

void require_same_route(const std::optional<Route>& cch, const std::optional<Route>& oracle) {
    REQUIRE(cch.has_value() == oracle.has_value());
    if (!oracle)
        return;
    REQUIRE(cch->duration_s == oracle->duration_s);
    REQUIRE(cch->distance_m == oracle->distance_m);
    REQUIRE(cch->edges == oracle->edges);
    REQUIRE(cch->geometry.size() == oracle->geometry.size());
}

struct Counts {
    std::size_t routes = 0, reachable = 0, table_pairs = 0, nearest = 0, one_to_all_nodes = 0;
    std::size_t area_nodes = 0;
};

// Every node's one-to-all weight (PHAST) from a point equals Dijkstra's exhaustive search from the
// same seeds, both ways; unreachable nodes are kInfinity.
void compare_one_to_all(const RoutingGraph& graph, const cch::CchMetric& cch, const Snap& point,
                        cch::CchQuery& query, Counts& counts) {
    const Metric& metric = cch.metric();
    cch::OneToAll all(graph.network().node_count());
    for (bool forward : {true, false}) {
        INFO((forward ? "forward" : "backward") << " one-to-all from piece " << point.piece);
        Dijkstra search(graph.network(), &graph.reverse(),
                        forward ? Direction::forward : Direction::backward);
        const auto seeds = forward ? departures(graph.network(), metric, point)
                                   : arrivals(graph.network(), metric, point);
        for (const Seed& s : seeds)
            search.add_source(s.node, s.duration_ms, s.length_mm);
        while (search.settle_next(metric)) {
        }
        all.run(cch, seeds, forward ? cch::SweepDirection::forward : cch::SweepDirection::backward,
                forward ? query.forward_sweep() : query.backward_sweep());
        for (NodeId u : graph.network().nodes()) {
            const cch::Weight want = search.settled(u)
                                         ? cch::pack(search.duration_ms(u), search.length_mm(u))
                                         : cch::kInfinity;
            if (all.weight(u) != want)
                FAIL("node " << u << ": one-to-all " << all.weight(u) << ", Dijkstra " << want);
        }
        counts.one_to_all_nodes += graph.network().node_count();
    }
}

// Service areas of 5, 10 and 15 minutes from a point, with their polygons, found by the bounded
// sweep on the hierarchy equal those Dijkstra's search finds, both ways: the same nodes, the same
// stretches with the same times, the same outlines.
void compare_service_areas(const RoutingGraph& graph, const cch::CchMetric& cch, const Snap& point,
                           cch::CchQuery& query, Counts& counts) {
    const Metric& metric = cch.metric();
    cch::BoundedSweep sweep(graph.network().node_count());
    for (TravelDirection direction :
         {TravelDirection::from_incident, TravelDirection::to_incident}) {
        const bool forward = direction == TravelDirection::from_incident;
        INFO((forward ? "service area from piece " : "service area towards piece ") << point.piece);
        Dijkstra search(graph.network(), &graph.reverse(),
                        forward ? Direction::forward : Direction::backward);
        const auto want = service_area(graph, metric, point, {300, 600, 900}, direction, search,
                                       {.segment_geometry = false});
        const HierarchySearch on_cch{cch, sweep,
                                     forward ? query.forward_sweep() : query.backward_sweep()};
        const auto got = service_area(graph, metric, point, {300, 600, 900}, direction, on_cch,
                                      {.segment_geometry = false});
        REQUIRE(got.size() == want.size());
        for (std::size_t b = 0; b < want.size(); ++b) {
            REQUIRE(got[b].nodes == want[b].nodes);
            REQUIRE(got[b].segments.size() == want[b].segments.size());
            for (std::size_t k = 0; k < want[b].segments.size(); ++k) {
                const ReachedSegment &g = got[b].segments[k], &w = want[b].segments[k];
                REQUIRE(std::tie(g.edge, g.from_fraction, g.to_fraction, g.start_s, g.end_s) ==
                        std::tie(w.edge, w.from_fraction, w.to_fraction, w.start_s, w.end_s));
            }
            REQUIRE(got[b].area.polygons.size() == want[b].area.polygons.size());
            for (std::size_t k = 0; k < want[b].area.polygons.size(); ++k)
                REQUIRE(got[b].area.polygons[k].rings == want[b].area.polygons[k].rings);
            counts.area_nodes += want[b].nodes.size();
        }
    }
}

// One round of comparisons under the metric `cch` was customized for.
void compare_queries(const RoutingGraph& graph, const cch::CchMetric& cch, RandomSnaps& points,
                     Counts& counts) {
    const Metric& metric = cch.metric();
    cch::CchQuery query(cch.topology());
    Dijkstra forward(graph.network(), &graph.reverse(), Direction::forward);
    Dijkstra backward(graph.network(), &graph.reverse(), Direction::backward);

    for (int i = 0; i < 170; ++i) {
        const Snap from = points.next(), to = points.next();
        INFO("route " << i << ": pieces " << from.piece << " -> " << to.piece);
        const auto expected = fastest_route(graph, metric, from, to, forward);
        require_same_route(fastest_route(graph, cch, from, to, query), expected);
        ++counts.routes;
        counts.reachable += expected.has_value();
    }

    compare_one_to_all(graph, cch, points.next(), query, counts);
    for (int i = 0; i < 3; ++i)
        compare_service_areas(graph, cch, points.next(), query, counts);

    const auto sources = points.take(12), targets = points.take(12);
    const TravelMatrix expected = travel_matrix(graph, metric, sources, targets, forward);
    const TravelMatrix table = travel_matrix(graph, cch, sources, targets, query);
    REQUIRE(table.duration_s == expected.duration_s);
    REQUIRE(table.distance_m == expected.distance_m);
    counts.table_pairs += sources.size() * targets.size();

    const auto facilities = points.take(20);
    for (TravelDirection direction :
         {TravelDirection::to_incident, TravelDirection::from_incident}) {
        const FacilityBuckets buckets(cch, facilities, direction);
        Dijkstra& search = direction == TravelDirection::to_incident ? backward : forward;
        for (int i = 0; i < 15; ++i) {
            const Snap incident = points.next();
            INFO("nearest " << i << " at piece " << incident.piece);
            const auto want =
                nearest_facilities(graph, metric, incident, facilities, 3, direction, search);
            const auto got = nearest_facilities(graph, buckets, incident, 3, query);
            const auto ranked = rank_facilities(graph, buckets, incident, 3, query);
            REQUIRE(got.size() == want.size());
            REQUIRE(ranked.size() == want.size());
            for (std::size_t r = 0; r < want.size(); ++r) {
                REQUIRE(got[r].facility == want[r].facility);
                require_same_route(got[r].route, want[r].route);
                REQUIRE(ranked[r].facility == want[r].facility);
                REQUIRE(ranked[r].duration_s.has_value() == want[r].route.has_value());
                if (want[r].route) {
                    REQUIRE(*ranked[r].duration_s == want[r].route->duration_s);
                    REQUIRE(*ranked[r].distance_m == want[r].route->distance_m);
                }
            }
            ++counts.nearest;
        }
    }
}

}  // namespace

TEST_CASE("CCH routes, tables, nearest-k equal Dijkstra on Malta as zones close and reopen") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");

    const cch::CchTopology topology(network, cch::nested_dissection_order(network));
    REQUIRE_NOTHROW(topology.check());
    Metric metric = base_metric(network);
    const Metric base = metric;
    cch::CchMetric cch(topology, network, metric);
    RandomSnaps points(graph, seed);
    Counts counts;
    compare_queries(graph, cch, points, counts);

    // Rounds of hazards: a closed disc, a slowed disc (x1.5 to x4), and from the third round on
    // the reopening of an earlier disc; each absorbed by a partial customization.
    std::vector<std::vector<EdgeId>> discs;
    std::uniform_real_distribution<double> unit(0, 1);
    for (int round = 0; round < 6; ++round) {
        INFO("round " << round);
        std::vector<EdgeId> changed;
        const auto disc = [&] {
            return edges_near(network, graph.reverse(), points.next().point,
                              300 + 2700 * unit(points.random()));
        };
        const auto closed = disc();
        for (EdgeId e : closed)
            metric.duration_ms[e] = kClosedMs;
        const auto slowed = disc();
        const double factor = 1.5 + 2.5 * unit(points.random());
        for (EdgeId e : slowed) {
            if (!metric.closed(e))
                metric.duration_ms[e] =
                    static_cast<std::uint32_t>(std::llround(base.duration_ms[e] * factor));
        }
        changed.insert(changed.end(), closed.begin(), closed.end());
        changed.insert(changed.end(), slowed.begin(), slowed.end());
        discs.push_back(closed);
        discs.push_back(slowed);
        if (round >= 2) {
            const std::size_t reopen =
                static_cast<std::size_t>(unit(points.random()) * discs.size());
            for (EdgeId e : discs[reopen])
                metric.duration_ms[e] = base.duration_ms[e];
            changed.insert(changed.end(), discs[reopen].begin(), discs[reopen].end());
        }
        cch.update(changed);
        const cch::CchMetric full(topology, network, metric);
        for (cch::ArcId a : topology.arcs()) {
            REQUIRE(cch.up(a) == full.up(a));
            REQUIRE(cch.down(a) == full.down(a));
        }
        compare_queries(graph, cch, points, counts);
    }
    // At least 1,000 route and table comparisons, a good part of them with an answer.
    CHECK(counts.routes >= 1000);
    CHECK(counts.reachable >= counts.routes / 3);
    CHECK(counts.table_pairs >= 1000);
    CHECK(counts.one_to_all_nodes >= 14 * network.node_count());
    CHECK(counts.nearest >= 200);
    CHECK(counts.area_nodes >= network.node_count());  // areas of some size, not just a point
}
