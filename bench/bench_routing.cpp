// Routing benchmark: nearest 3 of 50 teams, route, 100 x 100 matrix and 15-minute service area
// over seeded random queries, on a sample's drive network or a synthetic one; the network's load
// (or build) time and peak memory; and, where a PostgreSQL server with pgRouting is given (the
// libpq environment, as `scripts/pg_private.sh run` sets it), the same queries on
// pgRouting in the same run with the ratio.
//
//   bench_routing SAMPLE_DIR [options]          e.g. samples/malta (imports its roads)
//   bench_routing --synthetic NODES [options]   a synthetic grid network
//                                               (bench/synthetic_network.hpp)
//   bench_routing SAMPLE_DIR --tiled NODES      k x k copies of the sample's roads joined by
//                                               bridges, at least NODES nodes
//                                               (bench/tiled_network.hpp)
//   bench_routing --database DB                 the drive network a muster database stores,
//                                               with its order (bench_province's province)
//   options: --routes N --nearest N --matrices N --areas N   muster queries of each kind
//            --cch-only       skip the Dijkstra rows (minutes at 10^6 nodes)
//            --stored-order   with --database: the CCH rows on the stored order's hierarchy,
//                             not a new METIS order (90 s at 10^7)
//            --pg-queries N   at most N pgRouting queries of each kind (matrices: N / 10)
//            --seed S         (else MUSTER_TEST_SEED, else 1)
//
// Queries are random points in the network's bounding box snapped onto the network (within
// 500 m) on its largest strongly connected component; other points (at sea, on another island,
// in a car park the network does not join) are drawn again, so every query has an answer, as in
// the usual routing benchmarks. Team bases are 50 such points.
// muster times the whole solver call, geometry included. pgRouting gets node ids (the end of the
// snapped piece nearest the point) and each query's time is the SQL round trip over the unix
// socket: its API reads the edges query (parse, plan, scan, build the graph) on every call, which
// dominates at this size, and that is what a pgRouting client pays per query.

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "bench/graph_memory.hpp"
#include "bench/pg_client.hpp"
#include "bench/synthetic_network.hpp"
#include "bench/tiled_network.hpp"
#include "engine/cch/bounded_sweep.hpp"
#include "engine/cch/cch_query.hpp"
#include "engine/cch/nested_dissection.hpp"
#include "engine/cch/one_to_all.hpp"
#include "engine/dijkstra.hpp"
#include "engine/geodesic.hpp"
#include "engine/network_builder.hpp"
#include "engine/network_location.hpp"
#include "engine/routing_graph.hpp"
#include "geodata/field_map.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/routing_loader.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"
#include "solvers/matrix.hpp"
#include "solvers/nearest.hpp"
#include "solvers/route.hpp"
#include "solvers/service_area.hpp"
#include "tests/support/random_seed.hpp"
#include "tools/app/hazard_scenario.hpp"

namespace {

using namespace muster;
using namespace muster::bench;

struct Options {
    std::string sample_dir;
    std::size_t synthetic_nodes = 0;
    std::size_t tiled_nodes = 0;  ///< with sample_dir: tile its roads up to this many nodes
    std::string database;         ///< a muster database's stored drive network
    std::uint64_t seed = 1;
    std::size_t routes = 1000, nearest = 1000, matrices = 20, areas = 100;
    std::size_t pg_queries = 200;
    bool counts_given = false;
    bool cch_only = false;
    bool stored_order = false;
};

constexpr std::size_t kTeams = 50;
constexpr std::size_t kNearestK = 3;
constexpr std::size_t kMatrixSize = 100;
constexpr double kServiceAreaS = 15 * 60;
constexpr double kQuerySnapLimitM = 500;

/// Times `run` once per query and returns the times in ms.
template <typename Query>
std::vector<double> time_each(std::size_t count, Query run) {
    std::vector<double> ms;
    ms.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto start = Clock::now();
        run(i);
        ms.push_back(elapsed_ms(start));
    }
    return ms;
}

struct Row {
    std::string what;
    Stats muster;
    std::optional<Stats> pg;
};

void print_header() {
    std::printf("\n%-48s %6s %11s %11s   %5s %11s %11s %12s\n", "query", "n", "median ms", "p95 ms",
                "pg n", "pg median", "pg p95", "pg / muster");
}

void print_row(const Row& r) {
    std::printf("%-48s %6zu %11.3f %11.3f", r.what.c_str(), r.muster.count, r.muster.median,
                r.muster.p95);
    if (r.pg) {
        std::printf("   %5zu %11.3f %11.3f %11.3gx", r.pg->count, r.pg->median, r.pg->p95,
                    r.pg->median / r.muster.median);
    }
    std::printf("\n");
}

/// The machine's load (1, 5, 15 minutes), for judging how much other work skewed the timings.
std::string load_average() {
    std::FILE* f = std::fopen("/proc/loadavg", "r");
    if (!f)
        return "?";
    char buffer[64] = {};
    const bool ok = std::fgets(buffer, sizeof buffer, f) != nullptr;
    std::fclose(f);
    if (!ok)
        return "?";
    std::string text(buffer);
    std::size_t cut = 0;
    for (int spaces = 0; cut < text.size() && spaces < 3; ++cut)
        spaces += text[cut] == ' ';
    return text.substr(0, cut ? cut - 1 : 0);
}

/// A disc of `radius_m` around `centre` as a 48-gon (a hazard zone's shape for the service rows).
MultiPolygon disc(LonLat centre, double radius_m) {
    const LocalFrame frame(centre);
    Ring ring;
    for (int i = 0; i <= 48; ++i) {
        const double angle = 2 * M_PI * (i % 48) / 48;
        ring.push_back(frame.to_lon_lat({radius_m * std::cos(angle), radius_m * std::sin(angle)}));
    }
    return {{Polygon{{ring}}}};
}

/// Random points of the network's extent snapped onto it.
class PointSource {
  public:
    PointSource(const RoutingGraph& graph, Random& random) : m_graph(graph), m_random(random) {
        for (NodeId u : graph.network().nodes())
            m_box.extend(graph.network().coordinate(u).lon_lat());
    }
    Snap next() {
        for (;;) {
            const LonLat p{m_box.min_lon + m_random.unit() * (m_box.max_lon - m_box.min_lon),
                           m_box.min_lat + m_random.unit() * (m_box.max_lat - m_box.min_lat)};
            const auto snap = m_graph.snaps().nearest(p, kQuerySnapLimitM);
            if (snap && on_largest_component(*snap))
                return *snap;
        }
    }
    std::vector<Snap> take(std::size_t n) {
        std::vector<Snap> snaps;
        for (std::size_t i = 0; i < n; ++i)
            snaps.push_back(next());
        return snaps;
    }

  private:
    bool on_largest_component(const Snap& s) const {
        const RoadNetwork& network = m_graph.network();
        const auto& components = m_graph.components();
        for (bool against : {false, true}) {
            const EdgeId e = network.piece_edge(s.piece, against);
            if (e == kInvalidEdge)
                continue;
            if (components.of_node[network.head(e)] != components.largest ||
                components.of_node[m_graph.reverse().tail(e)] != components.largest) {
                return false;
            }
        }
        return true;
    }

    const RoutingGraph& m_graph;
    Random& m_random;
    BoundingBox m_box;
};

/// The node pgRouting starts or ends at for a snapped point: the nearer end of its piece.
std::int64_t pg_node(const RoadNetwork& network, const Snap& s) {
    const bool at_last = s.piece_length_m > 0 && s.offset_m * 2 > s.piece_length_m;
    const EdgeId along = network.piece_edge(s.piece, false);
    const EdgeId e = along != kInvalidEdge ? along : network.piece_edge(s.piece, true);
    NodeId first = network.tail(e), last = network.head(e);  // tail(): a binary search, untimed
    if (along == kInvalidEdge)
        std::swap(first, last);
    return pg_vertex(at_last ? last : first);
}

std::string vertex_array(const RoadNetwork& network, const std::vector<Snap>& snaps) {
    std::string s = "ARRAY[";
    for (std::size_t i = 0; i < snaps.size(); ++i) {
        if (i)
            s += ',';
        s += std::to_string(pg_node(network, snaps[i]));
    }
    return s + "]::bigint[]";
}

/// The median and p95 of the routes' lengths, road edges and points: the path unpacked and the
/// geometry drawn cost in proportion to them.
void print_route_sizes(const RoutingGraph& graph, const cch::CchMetric& cch,
                       const std::vector<std::pair<Snap, Snap>>& trips, cch::CchQuery& query) {
    std::vector<double> km, edges, points;
    for (const auto& [from, to] : trips) {
        if (const auto route = fastest_route(graph, cch, from, to, query)) {
            km.push_back(route->distance_m / 1000);
            edges.push_back(static_cast<double>(route->edges.size()));
            points.push_back(static_cast<double>(route->geometry.size()));
        }
    }
    if (km.empty())
        return;
    auto at = [](std::vector<double>& v, double q) {
        std::sort(v.begin(), v.end());
        return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
    };
    std::printf(
        "  routes drawn: median %.0f km, %.0f road edges, %.0f points (p95 %.0f, %.0f, %.0f)\n",
        at(km, 0.5), at(edges, 0.5), at(points, 0.5), at(km, 0.95), at(edges, 0.95),
        at(points, 0.95));
}

/// The customizable contraction hierarchy: its preprocessing, memory, the same queries as the
/// Dijkstra rows (pgRouting's figures repeated for the ratio) and closures absorbed by partial
/// customization. Appends its rows to `rows`.
void run_cch_queries(const RoutingGraph& graph, bool stored_order, Random& random,
                     std::vector<Row>& rows, const std::vector<Snap>& teams,
                     const std::vector<Snap>& incidents,
                     const std::vector<std::pair<Snap, Snap>>& trips,
                     const std::vector<std::vector<Snap>>& matrix_points,
                     const std::vector<Snap>& area_origins) {
    const RoadNetwork& network = graph.network();
    std::printf("\ncustomizable contraction hierarchy (CCH):\n");
    // The graph's own hierarchy (its order stored with the network), or a new order timed.
    auto start = Clock::now();
    std::optional<cch::CchTopology> own;
    double order_ms = 0, topology_ms = 0;
    if (!stored_order) {
        auto order = cch::nested_dissection_order(network);
        order_ms = elapsed_ms(start);
        start = Clock::now();
        own.emplace(network, std::move(order));
        topology_ms = elapsed_ms(start);
    }
    const cch::CchTopology& topology = own ? *own : graph.cch();
    std::size_t height = 0;  // of the elimination tree: a query visits at most this many nodes
    {
        IdVector<cch::Rank, std::uint32_t> depth(topology.node_count(), 0);  // from the root down
        for (cch::Rank x(static_cast<std::uint32_t>(topology.node_count())); x-- > cch::Rank(0);) {
            if (topology.parent(x) != cch::kNoRank)
                depth[x] = depth[topology.parent(x)] + 1;
            height = std::max<std::size_t>(height, depth[x] + 1);
        }
    }
    Metric metric = graph.base();
    start = Clock::now();
    cch::CchMetric cch(topology, network, metric);
    const double first_customize_ms = elapsed_ms(start);
    const auto customize = stats(time_each(5, [&](std::size_t) { cch.customize(); }));
    const double arcs_per_edge =
        static_cast<double>(topology.arc_count()) / static_cast<double>(network.edge_count());
    if (stored_order) {
        std::printf(
            "  the graph's order and chordal completion (built at load: %zu arcs, %.2f per input "
            "edge, tree height %zu)\n",
            topology.arc_count(), arcs_per_edge, height);
    } else {
        std::printf("  order (METIS nested dissection)            %10.1f ms\n", order_ms);
        std::printf(
            "  chordal completion, elimination tree       %10.1f ms  (%zu arcs, %.2f per input "
            "edge, tree height %zu)\n",
            topology_ms, topology.arc_count(), arcs_per_edge, height);
    }
    std::printf(
        "  full customization                         %10.1f ms  (first %.1f ms; median of 5)\n",
        customize.median, first_customize_ms);
    if (!stored_order) {
        std::printf("  order + topology + customization           %10.1f ms\n",
                    order_ms + topology_ms + customize.median);
    }
    std::printf("  memory: topology %.1f MB, customized metric %.1f MB\n",
                static_cast<double>(topology.memory_bytes()) / 1e6,
                static_cast<double>(cch.memory_bytes()) / 1e6);

    cch::CchQuery query(cch.topology());
    print_header();
    auto pg_of = [&rows](std::size_t i) { return i < rows.size() ? rows[i].pg : std::nullopt; };
    const FacilityBuckets team_buckets(cch, teams, TravelDirection::to_incident);
    Row nearest{"CCH nearest 3 of 50 teams (buckets)", {}, pg_of(0)};
    nearest.muster = stats(time_each(incidents.size(), [&](std::size_t i) {
        nearest_facilities(graph, team_buckets, incidents[i], kNearestK, query);
    }));
    print_row(nearest);
    // The ranking alone (times and distances, no routes drawn): what the list of candidate
    // teams needs; the routes above are three route queries more.
    Row ranking{"  of which the ranking (times, no routes)", {}, std::nullopt};
    ranking.muster = stats(time_each(incidents.size(), [&](std::size_t i) {
        rank_facilities(graph, team_buckets, incidents[i], kNearestK, query);
    }));
    print_row(ranking);
    Row route{"CCH route (with path and geometry)", {}, pg_of(1)};
    route.muster = stats(time_each(trips.size(), [&](std::size_t i) {
        fastest_route(graph, cch, trips[i].first, trips[i].second, query);
    }));
    print_row(route);
    print_route_sizes(graph, cch, trips, query);
    // The two sweeps alone, and with the path unpacked to road edges: what the route's time,
    // its edges and its geometry each cost.
    Row route_sweeps{"  of which the sweeps (time and distance)", {}, std::nullopt};
    Row route_edges{"  of which the sweeps and the edges", {}, std::nullopt};
    for (auto [row, edges] : {std::pair{&route_sweeps, false}, std::pair{&route_edges, true}}) {
        const bool with_edges = edges;  // a lambda may not capture a structured binding (Clang 14)
        row->muster = stats(time_each(trips.size(), [&](std::size_t i) {
            query.run(cch, departures(network, metric, trips[i].first),
                      arrivals(network, metric, trips[i].second), with_edges);
        }));
        print_row(*row);
    }
    Row matrix{"CCH 100 x 100 matrix (buckets)", {}, pg_of(2)};
    matrix.muster = stats(time_each(matrix_points.size(), [&](std::size_t i) {
        travel_matrix(graph, cch, matrix_points[i], matrix_points[i], query);
    }));
    print_row(matrix);
    // Service areas could run on a one-to-all sweep instead of a bounded Dijkstra: the sweep
    // visits every node, Dijkstra only those within the limit; which is faster depends on both.
    Row one_to_all{"CCH one-to-all sweep (PHAST), nodes in 15 min", {}, std::nullopt};
    {
        cch::OneToAll all(network.node_count());
        const auto limit = static_cast<std::uint64_t>(kServiceAreaS * 1000);
        std::vector<NodeId> within;
        one_to_all.muster = stats(time_each(area_origins.size(), [&](std::size_t i) {
            all.run(cch, departures(network, metric, area_origins[i]), cch::SweepDirection::forward,
                    query.forward_sweep());
            within.clear();
            for (NodeId u : network.nodes()) {
                if (all.weight(u) != cch::kInfinity && cch::duration_ms(all.weight(u)) <= limit)
                    within.push_back(u);
            }
        }));
    }
    print_row(one_to_all);
    // What service areas run on when there is a hierarchy: the downward sweep bounded by the
    // limit.
    Row bounded{"CCH bounded sweep, nodes within 15 min", {}, std::nullopt};
    {
        cch::BoundedSweep sweep(network.node_count());
        const auto limit = static_cast<std::uint64_t>(kServiceAreaS * 1000);
        bounded.muster = stats(time_each(area_origins.size(), [&](std::size_t i) {
            sweep.run(cch, departures(network, metric, area_origins[i]),
                      cch::SweepDirection::forward, limit, query.forward_sweep());
        }));
    }
    print_row(bounded);

    // Closures: every edge with both ends within 3 km of a random road point closed, absorbed by
    // partial customization; then reopened the same way. The facility buckets are rebuilt after.
    PointSource points(graph, random);
    std::vector<double> close_ms, reopen_ms, rebuild_ms;
    std::vector<double> closed_edges;
    FacilityBuckets buckets(cch, teams, TravelDirection::to_incident);
    std::vector<LonLat> centres;
    // Centres at random nodes of the largest component, where the roads are: a random road point
    // falls on the long bridges between a tiled network's copies as often as not, and a disc
    // around the middle of a bridge closes nothing.
    const Components& components = graph.components();
    const auto random_node = [&] {
        for (;;) {
            const NodeId u(static_cast<std::uint32_t>(random.below(network.node_count())));
            if (components.of_node[u] == components.largest)
                return u;
        }
    };
    for (int i = 0; i < 20; ++i) {
        const LonLat centre = centres.emplace_back(network.coordinate(random_node()).lon_lat());
        std::vector<EdgeId> disc;
        // A box a tenth wider than the disc first: a province has tens of millions of edges.
        const double lat_deg = 1.1 * 3000 / 110'574,
                     lon_deg = lat_deg / std::cos(centre.lat * M_PI / 180);
        const auto near = [&](NodeId v) {
            const LonLat p = network.coordinate(v).lon_lat();
            return std::abs(p.lat - centre.lat) <= lat_deg &&
                   std::abs(p.lon - centre.lon) <= lon_deg && distance_m(p, centre) <= 3000;
        };
        for (EdgeId e : network.edges()) {
            if (near(network.head(e)) && near(graph.reverse().tail(e)))
                disc.push_back(e);
        }
        closed_edges.push_back(static_cast<double>(disc.size()));
        start = Clock::now();
        for (EdgeId e : disc)
            metric.duration_ms[e] = kClosedMs;
        cch.update(disc);
        close_ms.push_back(elapsed_ms(start));
        start = Clock::now();
        buckets.rebuild();
        rebuild_ms.push_back(elapsed_ms(start));
        start = Clock::now();
        for (EdgeId e : disc)
            metric.duration_ms[e] = graph.base().duration_ms[e];
        cch.update(disc);
        reopen_ms.push_back(elapsed_ms(start));
    }
    const Row close{"CCH 3 km closure (partial customization)", stats(close_ms), std::nullopt};
    const Row reopen{"CCH reopening it (partial customization)", stats(reopen_ms), std::nullopt};
    const Row rebuild{"  rebuild 50 teams' buckets after it", stats(rebuild_ms), std::nullopt};
    print_row(close);
    print_row(reopen);
    print_row(rebuild);

    // The service's path for the same closures: a 3 km disc posted as a hazard zone, then
    // lifted (LiveHazards: the roads near it re-evaluated, the hierarchy partially customized,
    // on a copy sharing the last scenario's chunks but those it writes). Each update is timed
    // until it returns.
    // The scenario before each post is held through it, as a query in flight would hold it, to
    // count the chunks the post wrote rather than shared.
    tools::LiveHazards live({&graph}, {});
    std::vector<double> post_ms, lift_ms, written_mb;
    for (std::size_t i = 0; i < centres.size(); ++i) {
        HazardZone zone;
        zone.id = "bench-" + std::to_string(i);
        zone.area = disc(centres[i], 3000);
        const auto before = live.current();
        start = Clock::now();
        const auto posted = live.update({tools::HazardChange::Kind::add, zone, ""});
        post_ms.push_back(elapsed_ms(start));
        using Times = CowArray<EdgeId, std::uint32_t>;
        const std::size_t written =
            posted->cch[0]->own_chunks() * cch::CchMetric::Weights::kChunkSize *
                sizeof(cch::Weight) +
            posted->metrics[0].duration_ms.own_chunks() * Times::kChunkSize * sizeof(std::uint32_t);
        written_mb.push_back(static_cast<double>(written) / 1e6);
        start = Clock::now();
        live.update({tools::HazardChange::Kind::lift, {}, zone.id});
        lift_ms.push_back(elapsed_ms(start));
    }
    print_row({"service: 3 km closure zone posted", stats(post_ms), std::nullopt});
    print_row({"service: the zone lifted", stats(lift_ms), std::nullopt});
    std::printf("  closure zones: %.1f MB of chunks written a post (median; p95 %.1f MB)\n",
                stats(written_mb).median, stats(written_mb).p95);
    std::printf("  closures: %.0f edges closed (median)\n", stats(closed_edges).median);
    rows.push_back(nearest);
    rows.push_back(route);
    rows.push_back(matrix);
    rows.push_back(close);
    rows.push_back(ranking);
    rows.push_back(one_to_all);
    rows.push_back(bounded);
}

std::vector<Row> run_queries(const RoutingGraph& graph, const Options& options, Random& random,
                             PgConnection* pg) {
    const RoadNetwork& network = graph.network();
    const Metric& metric = graph.base();
    PointSource points(graph, random);
    Dijkstra forward(network, &graph.reverse(), Direction::forward);
    Dijkstra backward(network, &graph.reverse(), Direction::backward);
    const std::size_t pg_n = pg ? options.pg_queries : 0;
    // --cch-only: the Dijkstra rows time nothing (their queries are still drawn for the CCH's).
    auto dijkstra_count = [&options](std::size_t n) { return options.cch_only ? 0 : n; };
    std::vector<Row> rows;
    print_header();

    // Nearest 3 of 50 teams driving to an incident: one backward search per incident.
    const auto teams = points.take(kTeams);
    const auto incidents = points.take(options.nearest);
    std::size_t unreachable = 0;
    Row nearest{"nearest 3 of 50 teams (to the incident)", {}, {}};
    nearest.muster = stats(time_each(dijkstra_count(incidents.size()), [&](std::size_t i) {
        const auto found = nearest_facilities(graph, metric, incidents[i], teams, kNearestK,
                                              TravelDirection::to_incident, backward);
        for (const auto& r : found)
            unreachable += !r.route;
    }));
    if (pg_n) {
        // pgRouting's cheapest exact form of the question: one-to-many pgr_dijkstraCost from the
        // incident over the reversed edges (one search, stopped once every team is found; its
        // many-to-one form runs one search per team and takes about twice as long here), the 3
        // smallest. pgRouting 3.4 has no k-nearest search that stops at the k-th.
        const std::string teams_sql = vertex_array(network, teams);
        nearest.pg = stats(time_each(std::min(pg_n, incidents.size()), [&](std::size_t i) {
            pg->query("SELECT end_vid, agg_cost FROM pgr_dijkstraCost(" + edges_sql(true) + ", " +
                      std::to_string(pg_node(network, incidents[i])) + ", " + teams_sql +
                      ", directed => true) ORDER BY agg_cost LIMIT 3");
        }));
    }
    rows.push_back(nearest);
    print_row(nearest);

    // Routes between random points, geometry included.
    std::vector<std::pair<Snap, Snap>> trips;
    for (std::size_t i = 0; i < options.routes; ++i)
        trips.emplace_back(points.next(), points.next());
    std::size_t no_route = 0;
    Row route{"route (fastest, with geometry)", {}, {}};
    route.muster = stats(time_each(dijkstra_count(trips.size()), [&](std::size_t i) {
        no_route +=
            !fastest_route(graph, metric, trips[i].first, trips[i].second, forward).has_value();
    }));
    if (pg_n) {
        route.pg = stats(time_each(std::min(pg_n, trips.size()), [&](std::size_t i) {
            pg->query("SELECT seq, node, edge, cost, agg_cost FROM pgr_dijkstra(" + edges_sql() +
                      ", " + std::to_string(pg_node(network, trips[i].first)) + ", " +
                      std::to_string(pg_node(network, trips[i].second)) + ", directed => true)");
        }));
    }
    rows.push_back(route);
    print_row(route);

    // 100 x 100 matrices.
    std::vector<std::vector<Snap>> matrix_points;
    for (std::size_t i = 0; i < options.matrices; ++i)
        matrix_points.push_back(points.take(kMatrixSize));
    Row matrix{"100 x 100 matrix", {}, {}};
    matrix.muster = stats(time_each(dijkstra_count(matrix_points.size()), [&](std::size_t i) {
        travel_matrix(graph, metric, matrix_points[i], matrix_points[i], forward);
    }));
    if (pg_n) {
        matrix.pg = stats(time_each(
            std::min(std::max<std::size_t>(pg_n / 10, 3), matrix_points.size()),
            [&](std::size_t i) {
                pg->query("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCostMatrix(" +
                          edges_sql() + ", " + vertex_array(network, matrix_points[i]) +
                          ", directed => true)");
            }));
    }
    rows.push_back(matrix);
    print_row(matrix);

    // 15-minute service areas: segments and polygon, and the search alone for comparison.
    const auto origins = points.take(options.areas);
    std::size_t reached = 0;
    Row area{"15-min service area (nodes, segments, polygon)", {}, {}};
    area.muster = stats(time_each(dijkstra_count(origins.size()), [&](std::size_t i) {
        reached += service_area(graph, metric, origins[i], {kServiceAreaS},
                                TravelDirection::from_incident, forward)
                       .at(0)
                       .nodes.size();
    }));
    if (pg_n) {
        area.pg = stats(time_each(std::min(pg_n, origins.size()), [&](std::size_t i) {
            pg->query("SELECT node, agg_cost FROM pgr_drivingDistance(" + edges_sql() + ", " +
                      std::to_string(pg_node(network, origins[i])) + ", 900, directed => true)");
        }));
    }
    print_row(area);
    // The same without the stretches' geometry (the polygon is drawn from the network either
    // way): what a table of the stretches' edges, fractions and times, and a map of the polygon
    // need. By Dijkstra (the command line without a hierarchy), then on the hierarchy's bounded
    // sweep, as `muster isochrone` and `muster serve` run it: the targets' row.
    Row by_dijkstra{"  the same by Dijkstra (nodes, stretches' times, polygon)", {}, area.pg};
    std::size_t parts = 0;
    by_dijkstra.muster = stats(time_each(dijkstra_count(origins.size()), [&](std::size_t i) {
        parts += service_area(graph, metric, origins[i], {kServiceAreaS},
                              TravelDirection::from_incident, forward, {.segment_geometry = false})
                     .at(0)
                     .area.polygons.size();
    }));
    print_row(by_dijkstra);
    Row lean{"15-min service area on the CCH (nodes, stretches' times, polygon)", {}, area.pg};
    {
        cch::BoundedSweep sweep(network.node_count());
        cch::TreeSweep tree;
        const HierarchySearch on_cch{graph.base_cch(), sweep, tree};
        lean.muster = stats(time_each(origins.size(), [&](std::size_t i) {
            parts +=
                service_area(graph, metric, origins[i], {kServiceAreaS},
                             TravelDirection::from_incident, on_cch, {.segment_geometry = false})
                    .at(0)
                    .area.polygons.size();
        }));
    }
    rows.push_back(lean);  // the targets' row: the exact answer and its polygon
    print_row(lean);
    if (lean.muster.count) {
        // 2 ms on the sample (Malta), 20 ms on a network of 10^6 nodes or more.
        const double target = options.tiled_nodes || options.sample_dir.empty() ? 20.0 : 2.0;
        std::printf("  target: %.3f ms median < %g ms: %s; pgr_drivingDistance / muster %.3gx\n",
                    lean.muster.median, target, lean.muster.median < target ? "met" : "MISSED",
                    area.pg ? area.pg->median / lean.muster.median : 0.0);
    }
    // Without the polygon: the search, the nodes and the stretches of road with their geometry.
    Row area_no_polygon{"  15-min service area without polygon", {}, area.pg};
    std::size_t segments = 0;
    area_no_polygon.muster = stats(time_each(dijkstra_count(origins.size()), [&](std::size_t i) {
        segments += service_area(graph, metric, origins[i], {kServiceAreaS},
                                 TravelDirection::from_incident, forward, {.polygons = false})
                        .at(0)
                        .segments.size();
    }));
    print_row(area_no_polygon);
    Row search{"  15-min search alone (settled nodes)", {}, area.pg};
    search.muster = stats(time_each(dijkstra_count(origins.size()), [&](std::size_t i) {
        forward.clear();
        for (const Seed& s : departures(network, metric, origins[i]))
            forward.add_source(s.node, s.duration_ms, s.length_mm);
        while (forward.next_duration_ms() <= static_cast<std::uint64_t>(kServiceAreaS * 1000))
            forward.settle_next(metric);
    }));
    rows.push_back(search);
    print_row(search);

    run_cch_queries(graph, options.stored_order, random, rows, teams, incidents, trips,
                    matrix_points, origins);

    std::printf(
        "\nnearest: %zu of %zu results unreachable; routes: %zu of %zu "
        "without a route; service areas: %.0f nodes and %.0f stretches of road on average\n",
        unreachable, incidents.size() * kNearestK, no_route, trips.size(),
        origins.empty() ? 0.0 : static_cast<double>(reached) / static_cast<double>(origins.size()),
        origins.empty()
            ? 0.0
            : static_cast<double>(segments) / static_cast<double>(dijkstra_count(origins.size())));
    return rows;
}

void print_pg_floor(PgConnection& pg) {
    // What every pgRouting call pays before routing: running the edges query.
    const auto ms = stats(time_each(20, [&](std::size_t) {
        pg.query(
            "SELECT count(*) FROM (SELECT id, source, target, cost, reverse_cost FROM edges) AS e");
    }));
    std::printf(
        "pgRouting floor: the edges query alone (scan, no graph) takes %.3f ms median per call\n",
        ms.median);
}

void print_verdict(const std::vector<Row>& rows, bool synthetic, std::size_t nodes) {
    std::printf("\ntargets:\n");
    auto target = [](const char* what, double measured, double limit) {
        std::printf("  %-62s %10.3f ms   target < %g ms   %s\n", what, measured, limit,
                    measured < limit ? "met" : "MISSED");
    };
    // The CCH rows (run_cch_queries): nearest, route, matrix, closure; issue 6's targets.
    const bool with_cch = rows.size() >= 12;
    if (with_cch && rows[4].muster.count) {
        // The searches a service area could run on (it runs on the bounded sweep).
        std::printf(
            "  15-min reach: one-to-all sweep %.3f ms, bounded sweep %.3f ms, bounded Dijkstra "
            "%.3f ms\n",
            rows[10].muster.median, rows[11].muster.median, rows[4].muster.median);
    }
    // The 15-minute service area with its polygon (nodes, stretches with their edges, fractions
    // and times): under 2 ms on Malta, 20 ms on 10^6 nodes. The stretches' polylines, for a
    // layer of lines, are a rendering of the answer: their row is printed above.
    for (const Row& r : rows) {
        if (r.what.starts_with("15-min service area") && r.muster.count) {
            target("15-min service area with its polygon", r.muster.median, synthetic ? 20 : 2);
            if (r.pg && !synthetic) {
                std::printf("  %-62s %10.3gx      target >= 15x   %s\n",
                            "pgr_drivingDistance / muster, 15-min service area with polygon",
                            r.pg->median / r.muster.median,
                            r.pg->median / r.muster.median >= 15 ? "met" : "MISSED");
            }
        }
    }
    if (synthetic && nodes >= 5'000'000 && with_cch) {
        // A province (issue 18's targets at 10^7 nodes).
        target("CCH nearest 3 of 50 median, ranking (10^7 nodes)", rows[9].muster.median, 1);
        target("CCH route median (10^7 nodes)", rows[6].muster.median, 1);
        target("CCH 100 x 100 matrix median (10^7 nodes)", rows[7].muster.median, 150);
        target("CCH 3 km closure median (10^7 nodes)", rows[8].muster.median, 50);
        return;
    }
    if (synthetic) {
        if (rows[0].muster.count)
            target("nearest-3 median at this size", rows[0].muster.median, 20);
        if (with_cch) {
            target("CCH route median (10^6 nodes)", rows[6].muster.median, 0.5);
            target("CCH 100 x 100 matrix median (10^6 nodes)", rows[7].muster.median, 60);
            target("CCH 3 km closure median (10^6 nodes)", rows[8].muster.median, 20);
        }
        return;
    }
    if (with_cch) {
        target("CCH nearest 3 of 50 median, ranking", rows[9].muster.median, 0.05);
        target("CCH nearest 3 of 50 median, with the 3 routes", rows[5].muster.median, 0.05);
        target("CCH route median", rows[6].muster.median, 0.05);
        target("CCH 100 x 100 matrix median", rows[7].muster.median, 10);
        target("CCH 3 km closure median", rows[8].muster.median, 10);
    }
    // The operations' targets, on the search each command runs: nearest on Dijkstra (its facility
    // set is filtered per query), route and matrix on the CCH.
    if (rows[0].muster.count)
        target("nearest-3 median (Dijkstra, as muster nearest runs)", rows[0].muster.median, 1);
    if (with_cch) {
        target("route median (CCH, as muster route runs)", rows[6].muster.median, 5);
        target("100 x 100 matrix median (CCH, as muster matrix runs)", rows[7].muster.median, 200);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        // Dijkstra's route and matrix rows are the oracle's, not what the commands run.
        const bool replaced_by_cch = with_cch && (i == 1 || i == 2);
        if (!r.pg || r.what.starts_with("  ") || replaced_by_cch)
            continue;
        const double speedup = r.pg->median / r.muster.median;
        std::printf("  %-62s %10.3gx      target >= 50x   %s\n",
                    ("pgRouting / muster, " + r.what).c_str(), speedup,
                    speedup >= 50 ? "met" : "MISSED");
    }
}

Options parse(int argc, char** argv) {
    Options o;
    o.seed = test::seed_from_env(1);
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        auto count = [&] {
            o.counts_given = true;
            return static_cast<std::size_t>(std::stoull(value()));
        };
        if (arg == "--synthetic")
            o.synthetic_nodes = std::stoull(value());
        else if (arg == "--tiled")
            o.tiled_nodes = std::stoull(value());
        else if (arg == "--database")
            o.database = value();
        else if (arg == "--cch-only")
            o.cch_only = true;
        else if (arg == "--stored-order")
            o.stored_order = true;
        else if (arg == "--seed")
            o.seed = std::stoull(value());
        else if (arg == "--routes")
            o.routes = count();
        else if (arg == "--nearest")
            o.nearest = count();
        else if (arg == "--matrices")
            o.matrices = count();
        else if (arg == "--areas")
            o.areas = count();
        else if (arg == "--pg-queries")
            o.pg_queries = std::stoull(value());
        else if (!arg.starts_with("--") && o.sample_dir.empty())
            o.sample_dir = arg;
        else
            throw std::invalid_argument("unknown argument " + arg);
    }
    if (int{!o.sample_dir.empty()} + int{o.synthetic_nodes > 0} + int{!o.database.empty()} != 1)
        throw std::invalid_argument("give a SAMPLE_DIR, --synthetic NODES or --database DB");
    if (o.stored_order && o.database.empty())
        throw std::invalid_argument("--stored-order needs --database DB");
    if (o.tiled_nodes && o.sample_dir.empty())
        throw std::invalid_argument("--tiled needs a SAMPLE_DIR to tile");
    return o;
}

/// What the routing graph's cells of the roads (for service areas' polygons) take to build, built
/// again here, and their size.
void print_road_cells(const RoutingGraph& graph) {
    const auto start = Clock::now();
    const RoadCells cells(graph.network(), road_cell_m(graph.network().profile()));
    std::printf("  of which the roads' cells (service areas)  %10.1f ms, %.1f MB\n",
                elapsed_ms(start), static_cast<double>(cells.memory_bytes()) / 1e6);
}

RoutingGraph load_sample(const Options& options, std::optional<PgConnection>& pg) {
    const std::filesystem::path dir = options.sample_dir;
    const std::string db_path = (std::filesystem::temp_directory_path() /
                                 ("muster-bench-routing-" + std::to_string(getpid()) + ".sqlite"))
                                    .string();
    ImportRequest request;
    request.database = db_path;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().ends_with(".osm.pbf"))
            request.sources[SourceKind::roads] = entry.path().string() + ":lines";
    }
    if (!request.sources.contains(SourceKind::roads))
        throw std::invalid_argument(dir.string() + " has no .osm.pbf");
    auto start = Clock::now();
    run_import(request);
    std::printf("import roads (new database)                  %10.1f ms\n", elapsed_ms(start));

    const auto db = ResourceDb::open_existing(db_path);
    const auto load = stats(time_each(5, [&](std::size_t) { db.network(Profile::drive); }));
    std::printf("load drive network from the database         %10.1f ms (median of 5)\n",
                load.median);
    auto network = db.network(Profile::drive);
    std::filesystem::remove(db_path);
    start = Clock::now();
    RoutingGraph graph(std::move(*network));
    std::printf("routing graph (snap index, SCCs)             %10.1f ms\n", elapsed_ms(start));
    print_road_cells(graph);
    std::printf(
        "network: %zu nodes, %zu edges; resident memory %.1f MB, peak so far %.1f MB (the "
        "import's)\n",
        graph.network().node_count(), graph.network().edge_count(), current_rss_mb(),
        peak_rss_mb());
    print_graph_memory(graph);

    if (PgConnection::configured()) {
        pg.emplace();
        std::vector<PgEdge> edges;
        const RoadNetwork& n = graph.network();
        char cost[32];
        for (EdgeId e : n.edges()) {
            std::snprintf(cost, sizeof cost, "%.3f", n.duration_ms(e) / 1000.0);
            edges.push_back(
                {pg_edge(e), pg_vertex(graph.reverse().tail(e)), pg_vertex(n.head(e)), cost});
        }
        start = Clock::now();
        load_edges(*pg, edges);
        const auto version = pg->query("SELECT pgr_version(), current_setting('server_version')");
        std::printf(
            "pgRouting %s on PostgreSQL %s (unix socket %s): edges loaded by COPY in %.1f ms\n",
            version[0][0].c_str(), version[0][1].c_str(), std::getenv("PGHOST"), elapsed_ms(start));
    } else {
        std::printf("no PGHOST: pgRouting not timed (run through scripts/pg_private.sh run ...)\n");
    }
    return graph;
}

/// The network's figures and the memory its routing graph took.
void print_graph(const RoutingGraph& graph) {
    print_road_cells(graph);
    const RoadNetwork& n = graph.network();
    std::size_t degree_sum = 0;
    for (NodeId u : n.nodes()) {
        // Undirected degree: distinct pieces at the node.
        std::vector<PieceId> pieces;
        for (EdgeId e : n.out_edges(u))
            pieces.push_back(n.piece(e));
        for (EdgeId e : graph.reverse().in_edges(u))
            pieces.push_back(n.piece(e));
        std::sort(pieces.begin(), pieces.end());
        degree_sum +=
            static_cast<std::size_t>(std::unique(pieces.begin(), pieces.end()) - pieces.begin());
    }
    const auto& components = graph.components();
    std::printf("network: %zu nodes, %zu edges, mean degree %.2f, %zu SCCs (largest %u nodes)\n",
                n.node_count(), n.edge_count(),
                static_cast<double>(degree_sum) / static_cast<double>(n.node_count()),
                components.count(), components.size[components.largest]);
    std::printf("memory: resident %.1f MB (the routing graph), peak %.1f MB (while building)\n",
                current_rss_mb(), peak_rss_mb());
    print_graph_memory(graph);
}

/// The routing graph of generated ways.
RoutingGraph graph_of_ways(const std::vector<RoadWay>& ways) {
    auto start = Clock::now();
    RoadNetwork network = build_road_network(ways, Profile::drive);
    std::printf("build drive network                          %10.1f ms\n", elapsed_ms(start));
    start = Clock::now();
    RoutingGraph graph(std::move(network));
    std::printf("routing graph (snap index, SCCs, CCH)        %10.1f ms\n", elapsed_ms(start));
    print_graph(graph);
    return graph;
}

/// The routing graph of a database's drive network, built from its stored order as `muster
/// serve` builds it.
RoutingGraph load_database(const Options& options) {
    const auto db = ResourceDb::open_existing(options.database);
    auto start = Clock::now();
    RoadNetwork network = load_network(db, Profile::drive);
    std::vector<NodeId> order = db.cch_order(Profile::drive);
    std::printf("load drive network and order                 %10.1f ms\n", elapsed_ms(start));
    start = Clock::now();
    RoutingGraph graph(std::move(network), std::move(order));
    std::printf("routing graph (snap index, SCCs, CCH)        %10.1f ms\n", elapsed_ms(start));
    print_graph(graph);
    return graph;
}

RoutingGraph build_synthetic(const Options& options) {
    SyntheticOptions synthetic;
    synthetic.target_nodes = options.synthetic_nodes;
    synthetic.seed = options.seed;
    const auto start = Clock::now();
    const auto ways = synthetic_road_ways(synthetic);
    std::printf("generate %zu ways                          %10.1f ms\n", ways.size(),
                elapsed_ms(start));
    return graph_of_ways(ways);
}

RoutingGraph build_tiled(const Options& options) {
    std::string pbf;
    for (const auto& entry : std::filesystem::directory_iterator(options.sample_dir)) {
        if (entry.path().filename().string().ends_with(".osm.pbf"))
            pbf = entry.path().string();
    }
    if (pbf.empty())
        throw std::invalid_argument(options.sample_dir + " has no .osm.pbf");
    VectorLayer layer(parse_source_spec(pbf + ":lines"));
    const auto roads = read_roads(layer, FieldMap::defaults()).items;
    const std::size_t tile_nodes = build_road_network(roads, Profile::drive).node_count();
    TilingOptions tiling;
    tiling.tiles_per_side = static_cast<std::size_t>(std::ceil(
        std::sqrt(static_cast<double>(options.tiled_nodes) / static_cast<double>(tile_nodes))));
    const auto start = Clock::now();
    const auto ways = tiled_road_ways(roads, tiling);
    std::printf("tile %zu x %zu copies of %zu nodes, %zu bridges per border: %zu ways %8.1f ms\n",
                tiling.tiles_per_side, tiling.tiles_per_side, tile_nodes, tiling.bridges_per_border,
                ways.size(), elapsed_ms(start));
    return graph_of_ways(ways);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when the output is a file or pipe
    Options options;
    try {
        options = parse(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench_routing: " << e.what()
                  << "\nusage: bench_routing SAMPLE_DIR [--tiled NODES] | --synthetic NODES | "
                     "--database DB "
                     "[--routes N] "
                     "[--nearest N] [--matrices N] "
                     "[--areas N] [--pg-queries N] [--seed S]\n";
        return 2;
    }
    try {
        const bool synthetic =
            options.synthetic_nodes > 0 || options.tiled_nodes > 0 || !options.database.empty();
        if (synthetic && !options.counts_given) {
            // Whole-network searches (routes, matrices) and service-area polygons cost ~40 x more
            // at 10^6 nodes than on Malta: fewer of them.
            options.routes = 200;
            options.matrices = 3;
            options.areas = 10;
        }
        std::printf("muster routing benchmark: %s, seed %llu, load average %s, %u CPUs\n",
                    options.tiled_nodes ? (options.sample_dir + " tiled to >= " +
                                           std::to_string(options.tiled_nodes) + " nodes")
                                              .c_str()
                    : !options.database.empty() ? options.database.c_str()
                    : options.synthetic_nodes   ? ("synthetic grid network of ~" +
                                                 std::to_string(options.synthetic_nodes) + " nodes")
                                                    .c_str()
                                              : options.sample_dir.c_str(),
                    static_cast<unsigned long long>(options.seed), load_average().c_str(),
                    static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN)));
        std::optional<PgConnection> pg;
        const RoutingGraph graph = options.tiled_nodes         ? build_tiled(options)
                                   : options.synthetic_nodes   ? build_synthetic(options)
                                   : !options.database.empty() ? load_database(options)
                                                               : load_sample(options, pg);
        Random random(options.seed);
        if (pg)
            print_pg_floor(*pg);
        const auto rows = run_queries(graph, options, random, pg ? &*pg : nullptr);
        if (pg) {
            std::printf(
                "pgRouting times are SQL round trips over the unix socket; each call runs its "
                "edges query and "
                "builds its graph first, as its API requires.\n");
        }
        std::printf("peak memory %.1f MB; load average now %s\n", peak_rss_mb(),
                    load_average().c_str());
        print_verdict(rows, synthetic, graph.network().node_count());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_routing: " << e.what() << '\n';
        return 1;
    }
}
