// The pgRouting comparison: muster's searches against pgRouting's on muster's own network.
//
//   compare_pgrouting --db DB --edges EDGES.csv [--pairs N] [--matrix N] [--areas N]
//                     [--nearest N] [--limit SECONDS]
//
// DB is a resource database with a drive network; EDGES.csv is that network as `muster network DB
// --out EDGES.csv` writes it (one row per directed edge: edge, source, target, length_m,
// duration_s, class, geometry). The program checks the file against the network, loads it into
// PostgreSQL (the libpq environment names the server: scripts/pg_private.sh) as
// pgRouting edges (id, source, target, cost = duration_s, reverse_cost = -1), and then, on seeded
// random nodes (MUSTER_TEST_SEED overrides the seed):
//   - routes: pgr_dijkstra's aggregate cost against muster's node-to-node duration, three ways:
//     a Dijkstra from the node itself, fastest_route between Snaps made exactly at the nodes, and
//     fastest_route between the snapping index's snaps of the nodes' coordinates; unreachable
//     pairs must agree (pgRouting returns no row);
//   - matrix: pgr_dijkstraCostMatrix against travel_matrix;
//   - nearest: pgr_dijkstraCost many-to-one / one-to-many against nearest_facilities (3 of 50);
//   - service areas: pgr_drivingDistance (directed, reversed edges for the reverse direction)
//     against service_area's nodes, and the agg_cost of every node against muster's;
// and prints a report. Costs agree when |Δ| <= 1e-6 s per edge of the path (float rounding: muster
// sums whole milliseconds, PostgreSQL sums doubles). A node whose duration is within that
// tolerance of a service-area limit may fall on either side in pgRouting's sums: it is counted as
// a boundary case, not a mismatch. Exit status: 0 all agree, 1 any mismatch, 2 usage or setup
// error.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/bench_support.hpp"
#include "bench/pg_client.hpp"
#include "engine/dijkstra.hpp"
#include "engine/routing_graph.hpp"
#include "geodata/resource_db.hpp"
#include "solvers/matrix.hpp"
#include "solvers/nearest.hpp"
#include "solvers/route.hpp"
#include "solvers/service_area.hpp"
#include "tests/support/random_seed.hpp"

namespace {

using namespace muster;
using namespace muster::bench;

constexpr double kTolerancePerEdgeS = 1e-6;

struct Options {
    std::string db;
    std::string edges;
    std::size_t pairs = 500;
    std::size_t matrix = 20;
    std::size_t areas = 3;  // service_area draws a polygon each time: the slowest check
    std::size_t nearest = 20;
    double limit_s = 900;
};

/// Mismatches of one check, the first few kept for the report.
class Tally {
  public:
    explicit Tally(std::string name) : m_name(std::move(name)) {}
    void pass() { ++m_checked; }
    void fail(const std::string& what) {
        ++m_checked;
        ++m_failed;
        if (m_examples.size() < 10)
            m_examples.push_back(what);
    }
    void check(bool ok, const std::string& what) { ok ? pass() : fail(what); }
    void note_delta(double delta) { m_max_delta = std::max(m_max_delta, delta); }
    std::size_t failed() const { return m_failed; }
    void print(const std::string& extra = "") const {
        std::printf("  %-58s %6zu checked  %4zu mismatches", m_name.c_str(), m_checked, m_failed);
        if (m_max_delta >= 0)
            std::printf("  max |Δ| %.2e s", m_max_delta);
        if (!extra.empty())
            std::printf("  %s", extra.c_str());
        std::printf("\n");
        for (const auto& e : m_examples)
            std::printf("      MISMATCH %s\n", e.c_str());
    }

  private:
    std::string m_name;
    std::size_t m_checked = 0, m_failed = 0;
    double m_max_delta = -1;
    std::vector<std::string> m_examples;
};

// ---- edges.csv -------------------------------------------------------------------------------

// Splits one CSV record (RFC 4180 quoting; a quoted field may not span lines here: WKT has none).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

std::optional<double> parse_number(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (*end != '\0' || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// First and last point of a WKT LINESTRING.
std::optional<std::pair<LonLat, LonLat>> line_ends(const std::string& wkt) {
    const auto open = wkt.find('('), close = wkt.rfind(')');
    if (!wkt.starts_with("LINESTRING") || open == std::string::npos || close == std::string::npos ||
        close < open) {
        return std::nullopt;
    }
    std::vector<LonLat> points;
    std::istringstream in(wkt.substr(open + 1, close - open - 1));
    std::string point;
    while (std::getline(in, point, ',')) {
        std::istringstream xy(point);
        LonLat p;
        if (!(xy >> p.lon >> p.lat))
            return std::nullopt;
        points.push_back(p);
    }
    if (points.size() < 2)
        return std::nullopt;
    return std::pair{points.front(), points.back()};
}

// Reads edges.csv, checks every row against the network, returns pgRouting's edges.
std::vector<PgEdge> read_edges(const std::string& path, const RoadNetwork& network,
                               const ReverseGraph& reverse, Tally& tally) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::string line;
    if (!std::getline(in, line))
        throw std::runtime_error(path + " is empty");
    if (line.starts_with("\xEF\xBB\xBF"))
        line.erase(0, 3);  // muster writes its CSV with a UTF-8 byte order mark (for Excel)
    const auto header = split_csv(line);
    auto column = [&](std::initializer_list<const char*> names) -> std::size_t {
        for (const char* name : names) {
            const auto it = std::find(header.begin(), header.end(), name);
            if (it != header.end())
                return static_cast<std::size_t>(it - header.begin());
        }
        throw std::runtime_error(path + " has no column " + *names.begin() + " (header: " + line +
                                 ")");
    };
    const std::size_t c_edge = column({"edge", "edge_id", "id"});
    const std::size_t c_source = column({"source"});
    const std::size_t c_target = column({"target"});
    const std::size_t c_duration = column({"duration_s"});
    const std::size_t c_length = column({"length_m"});
    // The geometry as WKT (GDAL's CSV writes it first, as WKT), if the file has it.
    std::optional<std::size_t> c_geometry;
    for (const char* name : {"WKT", "geometry", "wkt"}) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (!c_geometry && it != header.end())
            c_geometry = static_cast<std::size_t>(it - header.begin());
    }

    std::vector<PgEdge> edges;
    std::vector<bool> seen(network.edge_count(), false);
    std::size_t row = 1;
    while (std::getline(in, line)) {
        ++row;
        if (line.empty())
            continue;
        const auto f = split_csv(line);
        const std::string where = path + " row " + std::to_string(row);
        if (f.size() != header.size()) {
            tally.fail(where + ": " + std::to_string(f.size()) + " fields, header has " +
                       std::to_string(header.size()));
            continue;
        }
        const auto edge = parse_number(f[c_edge]);
        const auto source = parse_number(f[c_source]);
        const auto target = parse_number(f[c_target]);
        const auto duration = parse_number(f[c_duration]);
        const auto length = parse_number(f[c_length]);
        auto is_id = [](const std::optional<double>& v, double end) {
            return v && *v >= 0 && *v < end && *v == std::floor(*v);
        };
        const double nodes = static_cast<double>(network.node_count());
        if (!is_id(edge, static_cast<double>(network.edge_count())) || !is_id(source, nodes) ||
            !is_id(target, nodes) || !duration || *duration < 0 || !length) {
            tally.fail(where + ": bad edge/source/target/duration_s/length_m");
            continue;
        }
        const auto e = EdgeId(static_cast<std::uint32_t>(*edge));
        std::ostringstream problem;
        if (seen[e.value()])
            problem << " edge listed twice;";
        seen[e.value()] = true;
        if (*source != reverse.tail(e).value() || *target != network.head(e).value()) {
            problem << " source/target " << f[c_source] << "->" << f[c_target] << ", network has "
                    << reverse.tail(e) << "->" << network.head(e) << ';';
        }
        // The file's seconds must stand for the network's milliseconds (and millimetres).
        if (std::fabs(*duration - network.duration_ms(e) * 1e-3) > 5e-7) {
            problem << " duration_s " << f[c_duration] << ", network has " << network.duration_ms(e)
                    << " ms;";
        }
        if (std::fabs(*length - network.arrays().length_mm[e] * 1e-3) > 5e-4) {
            problem << " length_m " << f[c_length] << ", network has "
                    << network.arrays().length_mm[e] << " mm;";
        }
        // The line runs along the edge: from its source to its target.
        if (c_geometry) {
            const auto ends = line_ends(f[*c_geometry]);
            auto near = [](LonLat a, Coordinate b) {
                return std::fabs(a.lon - b.lon_lat().lon) <= 1.5e-7 &&
                       std::fabs(a.lat - b.lon_lat().lat) <= 1.5e-7;
            };
            if (!ends || !near(ends->first, network.coordinate(reverse.tail(e))) ||
                !near(ends->second, network.coordinate(network.head(e)))) {
                problem << " geometry does not run from the source node to the target node;";
            }
        }
        tally.check(problem.str().empty(),
                    where + " (edge " + std::to_string(e.value()) + "):" + problem.str());
        // pgRouting gets the file as it is, so that the searches show what a wrong row does.
        edges.push_back({pg_edge(e), static_cast<std::int64_t>(*source) + 1,
                         static_cast<std::int64_t>(*target) + 1, f[c_duration]});
    }
    const auto missing = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), false));
    tally.check(missing == 0, std::to_string(missing) + " of the network's " +
                                  std::to_string(network.edge_count()) + " edges are not in " +
                                  path);
    return edges;
}

// ---- muster's side ---------------------------------------------------------------------------

/// A node-to-node search straight from the node: duration (ms) and edges on the path, or nothing.
struct NodeCost {
    std::uint64_t duration_ms;
    std::size_t edges;
};

std::optional<NodeCost> node_to_node(Dijkstra& search, const Metric& metric, NodeId from,
                                     NodeId to) {
    search.clear();
    search.add_source(from, 0, 0);
    while (const auto u = search.settle_next(metric)) {
        if (*u == to)
            break;
    }
    if (!search.settled(to))
        return std::nullopt;
    std::size_t edges = 0;
    for (NodeId v = to; search.parent_edge(v) != kInvalidEdge; v = search.parent_node(v))
        ++edges;
    return NodeCost{search.duration_ms(to), edges};
}

/// Durations (ms) and path lengths (edges) of every node reachable from `from` (forward) or
/// reaching it (backward), up to `limit_ms` inclusive (or all).
std::unordered_map<NodeId, NodeCost> costs_from(Dijkstra& search, const Metric& metric, NodeId from,
                                                std::uint64_t limit_ms = UINT64_MAX) {
    search.clear();
    search.add_source(from, 0, 0);
    std::unordered_map<NodeId, NodeCost> costs;
    while (search.next_duration_ms() <= limit_ms) {
        const auto u = search.settle_next(metric);
        if (!u)
            break;
        const NodeId parent = search.parent_node(*u);
        costs[*u] = {search.duration_ms(*u),
                     parent == kInvalidNode ? 0 : costs.at(parent).edges + 1};
    }
    return costs;
}

double tolerance_s(std::size_t edges) {
    return kTolerancePerEdgeS * static_cast<double>(std::max<std::size_t>(edges, 1));
}

std::string fmt(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", v);
    return buffer;
}

std::string vertex_array(const std::vector<NodeId>& nodes) {
    std::string s = "ARRAY[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i)
            s += ',';
        s += std::to_string(pg_vertex(nodes[i]));
    }
    return s + "]::bigint[]";
}

// Random distinct nodes for which `usable` holds.
template <typename Usable>
std::vector<NodeId> pick_nodes(Random& random, const RoadNetwork& network, std::size_t count,
                               Usable usable) {
    std::vector<NodeId> nodes;
    std::set<NodeId> taken;
    for (std::size_t tries = 0; nodes.size() < count && tries < 1000 * count; ++tries) {
        const auto u = static_cast<NodeId>(random.below(network.node_count()));
        if (usable(u) && taken.insert(u).second)
            nodes.push_back(u);
    }
    return nodes;
}

// ---- the checks ------------------------------------------------------------------------------

struct Context {
    const RoutingGraph& graph;
    const Metric& metric;
    PgConnection& pg;
    Random& random;
    Dijkstra forward;
    Dijkstra backward;
    Context(const RoutingGraph& g, const Metric& m, PgConnection& p, Random& r)
        : graph(g),
          metric(m),
          pg(p),
          random(r),
          forward(g.network(), &g.reverse(), Direction::forward),
          backward(g.network(), &g.reverse(), Direction::backward) {}
    const RoadNetwork& network() const { return graph.network(); }
    std::optional<Snap> departure(NodeId u) const {
        return departure_snap_at(network(), graph.reverse(), u);
    }
    std::optional<Snap> arrival(NodeId u) const {
        return arrival_snap_at(network(), graph.reverse(), u);
    }
    Snap index_snap(NodeId u) const {
        return graph.snaps().snap(network().coordinate(u).lon_lat(), 1.0);
    }
    /// Whether a road (not only a ferry) meets u: the snapping index never snaps onto a ferry,
    /// so only such a node can be named by its coordinates.
    bool on_road(NodeId u) const {
        for (EdgeId e : network().out_edges(u)) {
            if (!network().ferry(e))
                return true;
        }
        for (EdgeId e : graph.reverse().in_edges(u)) {
            if (!network().ferry(e))
                return true;
        }
        return false;
    }
};

std::size_t check_routes(Context& c, std::size_t count) {
    const RoadNetwork& network = c.network();
    std::vector<std::pair<NodeId, NodeId>> pairs;
    std::set<std::pair<NodeId, NodeId>> taken;
    while (pairs.size() < count) {
        const auto u = static_cast<NodeId>(c.random.below(network.node_count()));
        const auto v = static_cast<NodeId>(c.random.below(network.node_count()));
        if (u != v && c.on_road(u) && c.on_road(v) && taken.insert({u, v}).second)
            pairs.emplace_back(u, v);
    }

    // One pgr_dijkstra over all pairs (its combinations form): the final row (edge -1) of each
    // path carries the aggregate cost; no row at all means unreachable.
    std::string values;
    for (auto [u, v] : pairs) {
        if (!values.empty())
            values += ',';
        values += '(' + std::to_string(pg_vertex(u)) + ',' + std::to_string(pg_vertex(v)) + ')';
    }
    const auto rows =
        c.pg.query("SELECT start_vid, end_vid, agg_cost, path_seq - 1 FROM pgr_dijkstra(" +
                   edges_sql() + ", 'SELECT * FROM (VALUES " + values +
                   ") AS p(source, target)', directed => true) WHERE edge = -1");
    std::map<std::pair<NodeId, NodeId>, std::pair<double, std::size_t>> pg_cost;
    for (const auto& r : rows) {
        pg_cost[{muster_node(std::stoll(r[0])), muster_node(std::stoll(r[1]))}] = {
            std::stod(r[2]), std::stoul(r[3])};
    }

    Tally vs_pg("pgr_dijkstra vs Dijkstra from the node");
    Tally vs_snap("fastest_route between snaps made at the nodes");
    Tally vs_index("fastest_route between index snaps of the nodes");
    std::size_t reachable = 0, unreachable = 0, snap_skipped = 0;
    for (auto [u, v] : pairs) {
        const std::string pair = std::to_string(u.value()) + "->" + std::to_string(v.value());
        const auto ours = node_to_node(c.forward, c.metric, u, v);
        const auto theirs = pg_cost.find({u, v});
        (ours ? reachable : unreachable)++;
        if (!ours || theirs == pg_cost.end()) {
            vs_pg.check(
                !ours && theirs == pg_cost.end(),
                pair + ": muster " +
                    (ours ? fmt(ours->duration_ms / 1000.0) + " s" : "unreachable") +
                    ", pgRouting " +
                    (theirs != pg_cost.end() ? fmt(theirs->second.first) + " s" : "no path"));
        } else {
            const double delta = std::fabs(ours->duration_ms / 1000.0 - theirs->second.first);
            vs_pg.note_delta(delta);
            vs_pg.check(delta <= tolerance_s(std::max(ours->edges, theirs->second.second)),
                        pair + ": muster " + fmt(ours->duration_ms / 1000.0) + " s (" +
                            std::to_string(ours->edges) + " edges), pgRouting " +
                            fmt(theirs->second.first) + " s (" +
                            std::to_string(theirs->second.second) + " edges)");
        }

        auto same_as_node_search = [&](const std::optional<Route>& route, Tally& tally,
                                       const char* how) {
            const bool ok = route.has_value() == ours.has_value() &&
                            (!route || std::llround(route->duration_s * 1000) ==
                                           static_cast<long long>(ours->duration_ms));
            tally.check(ok, pair + " (" + how + "): fastest_route " +
                                (route ? fmt(route->duration_s) + " s" : "unreachable") +
                                ", from the node " +
                                (ours ? fmt(ours->duration_ms / 1000.0) + " s" : "unreachable"));
        };
        const auto from = c.departure(u);
        const auto to = c.arrival(v);
        if (from && to) {
            same_as_node_search(fastest_route(c.graph, c.metric, *from, *to, c.forward), vs_snap,
                                "snaps at the nodes");
        } else {
            ++snap_skipped;
        }
        same_as_node_search(
            fastest_route(c.graph, c.metric, c.index_snap(u), c.index_snap(v), c.forward), vs_index,
            "index snaps");
    }
    std::printf(
        "routes: %zu random node pairs, %zu reachable, %zu unreachable (pgr_dijkstra, one call, "
        "combinations)\n",
        pairs.size(), reachable, unreachable);
    vs_pg.print();
    vs_snap.print(snap_skipped ? "(" + std::to_string(snap_skipped) +
                                     " pairs skipped: no single snap stands for the node)"
                               : "");
    vs_index.print();
    return vs_pg.failed() + vs_snap.failed() + vs_index.failed();
}

std::size_t check_matrix(Context& c, std::size_t count) {
    const auto nodes = pick_nodes(c.random, c.network(), count, [&](NodeId u) {
        return c.departure(u) && c.arrival(u) && c.on_road(u);
    });
    std::vector<Snap> sources, targets, index_snaps;
    for (NodeId u : nodes) {
        sources.push_back(*c.departure(u));
        targets.push_back(*c.arrival(u));
        index_snaps.push_back(c.index_snap(u));
    }
    const auto matrix = travel_matrix(c.graph, c.metric, sources, targets, c.forward);
    const auto index_matrix = travel_matrix(c.graph, c.metric, index_snaps, index_snaps, c.forward);
    const auto rows =
        c.pg.query("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCostMatrix(" +
                   edges_sql() + ", " + vertex_array(nodes) + ", directed => true)");
    std::map<std::pair<NodeId, NodeId>, double> pg_cost;
    for (const auto& r : rows)
        pg_cost[{muster_node(std::stoll(r[0])), muster_node(std::stoll(r[1]))}] = std::stod(r[2]);

    Tally vs_pg("pgr_dijkstraCostMatrix vs travel_matrix");
    Tally vs_index("travel_matrix on index snaps vs on snaps at the nodes");
    std::size_t unreachable = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto costs = costs_from(c.forward, c.metric, nodes[i]);
        for (std::size_t j = 0; j < nodes.size(); ++j) {
            const auto ours = matrix.duration(i, j);
            const std::string cell =
                std::to_string(nodes[i].value()) + "->" + std::to_string(nodes[j].value());
            vs_index.check(
                ours == index_matrix.duration(i, j),
                cell + ": " + (ours ? fmt(*ours) : "-") + " vs " +
                    (index_matrix.duration(i, j) ? fmt(*index_matrix.duration(i, j)) : "-"));
            if (i == j) {  // pgRouting leaves the diagonal out; muster's must be 0
                vs_pg.check(ours == 0.0,
                            cell + ": the diagonal is " + (ours ? fmt(*ours) : "unreachable"));
                continue;
            }
            const auto theirs = pg_cost.find({nodes[i], nodes[j]});
            const auto path = costs.find(nodes[j]);
            if (!ours)
                ++unreachable;
            if (!ours || theirs == pg_cost.end()) {
                vs_pg.check(!ours && theirs == pg_cost.end(),
                            cell + ": muster " + (ours ? fmt(*ours) : "unreachable") +
                                ", pgRouting " +
                                (theirs != pg_cost.end() ? fmt(theirs->second) : "no row"));
                continue;
            }
            const double delta = std::fabs(*ours - theirs->second);
            vs_pg.note_delta(delta);
            vs_pg.check(
                delta <= tolerance_s(path != costs.end() ? path->second.edges : 1000),
                cell + ": muster " + fmt(*ours) + " s, pgRouting " + fmt(theirs->second) + " s");
        }
    }
    std::printf("matrix: %zu x %zu random nodes, %zu unreachable cells\n", nodes.size(),
                nodes.size(), unreachable);
    vs_pg.print();
    vs_index.print();
    return vs_pg.failed() + vs_index.failed();
}

std::size_t check_nearest(Context& c, std::size_t incidents) {
    constexpr std::size_t kFacilities = 50, kK = 3;
    const auto facility_nodes = pick_nodes(c.random, c.network(), kFacilities, [&](NodeId u) {
        return c.departure(u) && c.arrival(u);
    });
    std::vector<Snap> leaving, arriving;
    for (NodeId u : facility_nodes) {
        leaving.push_back(*c.departure(u));
        arriving.push_back(*c.arrival(u));
    }
    Tally tally("pgr_dijkstraCost vs nearest_facilities (3 of 50)");
    const std::set<NodeId> facility_set(facility_nodes.begin(), facility_nodes.end());
    const auto incident_nodes = pick_nodes(c.random, c.network(), incidents, [&](NodeId u) {
        return c.departure(u) && c.arrival(u) && !facility_set.contains(u);
    });
    for (NodeId incident : incident_nodes) {
        for (auto direction : {TravelDirection::to_incident, TravelDirection::from_incident}) {
            const bool to = direction == TravelDirection::to_incident;
            const auto results = nearest_facilities(
                c.graph, c.metric, to ? *c.arrival(incident) : *c.departure(incident),
                to ? leaving : arriving, kK, direction, to ? c.backward : c.forward);
            // Many-to-one (teams driving to the incident) or one-to-many (from it).
            const std::string call =
                to ? vertex_array(facility_nodes) + ", " + std::to_string(pg_vertex(incident))
                   : std::to_string(pg_vertex(incident)) + ", " + vertex_array(facility_nodes);
            const auto rows = c.pg.query(std::string("SELECT ") + (to ? "start_vid" : "end_vid") +
                                         ", agg_cost FROM pgr_dijkstraCost(" + edges_sql() + ", " +
                                         call + ", directed => true) ORDER BY agg_cost");
            std::map<NodeId, double> pg_cost;
            for (const auto& r : rows)
                pg_cost[muster_node(std::stoll(r[0]))] = std::stod(r[1]);

            const std::string where =
                std::string(to ? "to " : "from ") + "incident " + std::to_string(incident.value());
            const std::size_t reachable = std::min(kK, pg_cost.size());
            std::size_t routed = 0;
            double kth = 0;
            std::set<NodeId> listed;
            for (const auto& r : results) {
                const NodeId node = facility_nodes[r.facility];
                listed.insert(node);
                const auto theirs = pg_cost.find(node);
                if (!r.route) {
                    if (theirs == pg_cost.end()) {
                        tally.pass();
                    } else {
                        tally.fail(where + ": facility at " + std::to_string(node.value()) +
                                   " listed unreachable, pgRouting " + fmt(theirs->second) + " s");
                    }
                    continue;
                }
                ++routed;
                kth = r.route->duration_s;
                if (theirs == pg_cost.end()) {
                    tally.fail(where + ": facility at " + std::to_string(node.value()) + " " +
                               fmt(kth) + " s, pgRouting no path");
                    continue;
                }
                const double delta = std::fabs(kth - theirs->second);
                tally.note_delta(delta);
                tally.check(delta <= tolerance_s(r.route->edges.size()),
                            where + ": facility at " + std::to_string(node.value()) + " muster " +
                                fmt(kth) + " s, pgRouting " + fmt(theirs->second) + " s");
            }
            tally.check(routed == reachable && results.size() == kK,
                        where + ": " + std::to_string(routed) + " of " +
                            std::to_string(results.size()) + " results routed, pgRouting reaches " +
                            std::to_string(pg_cost.size()) + " facilities");
            // Nothing muster left out may be nearer than its k-th.
            for (const auto& [node, cost] : pg_cost) {
                if (listed.contains(node))
                    continue;
                tally.check(cost >= kth - tolerance_s(200),
                            where + ": facility at " + std::to_string(node.value()) +
                                " (pgRouting " + fmt(cost) + " s) is nearer than muster's " +
                                std::to_string(kK) + "rd, " + fmt(kth) + " s");
            }
        }
    }
    std::printf("nearest: %zu incidents, both directions, 3 of %zu facilities\n",
                incident_nodes.size(), facility_nodes.size());
    tally.print();
    return tally.failed();
}

std::size_t check_service_areas(Context& c, std::size_t count, double limit_s) {
    const auto origins = pick_nodes(c.random, c.network(), count, [&](NodeId u) {
        // Origins with some reach, so that the comparison is not trivially about a dead end.
        return c.departure(u) && c.arrival(u) &&
               c.network().end_out(u) - c.network().first_out(u) >= 2;
    });
    Tally nodes("pgr_drivingDistance vs service_area: node sets");
    Tally costs("pgr_drivingDistance agg_cost vs muster per node");
    Tally exact("a node reached at exactly the limit is inside (inclusive)");
    std::size_t boundary = 0, compared_nodes = 0;
    std::vector<std::string> boundary_examples;

    auto compare = [&](NodeId origin, double limit, TravelDirection direction,
                       const std::string& label) {
        const bool forward = direction == TravelDirection::from_incident;
        const auto bands =
            service_area(c.graph, c.metric, forward ? *c.departure(origin) : *c.arrival(origin),
                         {limit}, direction, forward ? c.forward : c.backward);
        const std::set<NodeId> ours(bands.at(0).nodes.begin(), bands.at(0).nodes.end());
        const auto rows = c.pg.query(
            "SELECT node, agg_cost FROM pgr_drivingDistance(" + edges_sql(!forward) + ", " +
            std::to_string(pg_vertex(origin)) + ", " + fmt(limit) + ", directed => true)");
        std::map<NodeId, double> theirs;
        for (const auto& r : rows)
            theirs[muster_node(std::stoll(r[0]))] = std::stod(r[1]);
        // muster's own durations of every node, a little beyond the limit, for tolerances.
        const auto all = costs_from(forward ? c.forward : c.backward, c.metric, origin,
                                    static_cast<std::uint64_t>(std::llround(limit * 1000)) + 1000);
        const std::string where = label + " from " + std::to_string(origin.value());
        std::size_t differ = 0;
        auto near_limit = [&](NodeId v) {
            const auto it = all.find(v);
            return it != all.end() && std::fabs(it->second.duration_ms / 1000.0 - limit) <=
                                          tolerance_s(it->second.edges);
        };
        auto on_boundary = [&](NodeId v, const char* side) {
            ++boundary;
            if (boundary_examples.size() < 5) {
                boundary_examples.push_back(where + ", limit " + fmt(limit) + " s: node " +
                                            std::to_string(v.value()) + " at " +
                                            fmt(all.at(v).duration_ms / 1000.0) +
                                            " s (muster), reached by " + side + " only");
            }
        };
        for (NodeId v : ours) {
            if (theirs.contains(v))
                continue;
            if (near_limit(v)) {
                on_boundary(v, "muster");
            } else {
                ++differ;
                nodes.fail(where + ": node " + std::to_string(v.value()) +
                           " reached by muster only");
            }
        }
        for (const auto& [v, cost] : theirs) {
            if (ours.contains(v)) {
                const auto it = all.find(v);
                const double delta =
                    it == all.end() ? INFINITY : std::fabs(it->second.duration_ms / 1000.0 - cost);
                costs.note_delta(delta);
                costs.check(delta <= tolerance_s(it == all.end() ? 1 : it->second.edges),
                            where + ": node " + std::to_string(v.value()) + " pgRouting " +
                                fmt(cost) + " s, muster " +
                                (it == all.end() ? "none" : fmt(it->second.duration_ms / 1000.0)));
                continue;
            }
            if (near_limit(v)) {
                on_boundary(v, "pgRouting");
            } else {
                ++differ;
                nodes.fail(where + ": node " + std::to_string(v.value()) + " (" + fmt(cost) +
                           " s) reached by pgRouting only");
            }
        }
        if (differ == 0)
            nodes.pass();
        compared_nodes += ours.size();
        return ours;
    };

    for (NodeId origin : origins) {
        compare(origin, limit_s, TravelDirection::from_incident, "forward");
        compare(origin, limit_s, TravelDirection::to_incident, "reverse");
    }
    // The inclusive rule: a limit equal to a node's own duration (the farthest node within a sixth
    // of the limit: a small area, quick to draw) must keep that node in muster's area;
    // pgRouting's double sums may put it on either side of the same limit, which the boundary
    // count above allows.
    if (!origins.empty()) {
        const NodeId origin = origins.front();
        const auto all =
            costs_from(c.forward, c.metric, origin, static_cast<std::uint64_t>(limit_s * 1000 / 6));
        NodeId farthest = origin;
        for (const auto& [v, cost] : all) {
            if (cost.duration_ms > all.at(farthest).duration_ms ||
                (cost.duration_ms == all.at(farthest).duration_ms && v < farthest))
                farthest = v;
        }
        const double limit = all.at(farthest).duration_ms / 1000.0;
        const auto ours =
            compare(origin, limit, TravelDirection::from_incident, "forward (limit at a node)");
        exact.check(ours.contains(farthest),
                    "node " + std::to_string(farthest.value()) + " at exactly " + fmt(limit) +
                        " s from " + std::to_string(origin.value()) + " is outside muster's area");
    }
    std::printf(
        "service areas: %zu origins x (forward, reverse), %.0f s, plus one limit at a node's exact "
        "duration; "
        "%zu nodes in muster's areas\n",
        origins.size(), limit_s, compared_nodes);
    nodes.print(boundary
                    ? "(" + std::to_string(boundary) + " nodes within float rounding of the limit)"
                    : "");
    for (const auto& b : boundary_examples)
        std::printf("      boundary %s\n", b.c_str());
    costs.print();
    exact.print();
    return nodes.failed() + costs.failed() + exact.failed();
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--db")
            o.db = value();
        else if (arg == "--edges")
            o.edges = value();
        else if (arg == "--pairs")
            o.pairs = std::stoul(value());
        else if (arg == "--matrix")
            o.matrix = std::stoul(value());
        else if (arg == "--areas")
            o.areas = std::stoul(value());
        else if (arg == "--nearest")
            o.nearest = std::stoul(value());
        else if (arg == "--limit")
            o.limit_s = std::stod(value());
        else
            throw std::invalid_argument("unknown argument " + arg);
    }
    if (o.db.empty() || o.edges.empty())
        throw std::invalid_argument("--db and --edges are required");
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when the output is a file or pipe
    Options options;
    try {
        options = parse(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "compare_pgrouting: " << e.what()
                  << "\nusage: compare_pgrouting --db DB --edges EDGES.csv [--pairs N] [--matrix "
                     "N] [--areas N] "
                     "[--nearest N] [--limit SECONDS]\n";
        return 2;
    }
    try {
        const std::uint64_t seed = test::seed_from_env(20240611);
        Random random(seed);
        const auto start = Clock::now();
        auto network = ResourceDb::open_existing(options.db).network(Profile::drive);
        if (!network)
            throw std::runtime_error(options.db + " has no drive network");
        const RoutingGraph graph(std::move(*network));
        const RoadNetwork& net = graph.network();
        std::printf(
            "muster vs pgRouting on %s: %zu nodes, %zu edges; seed %llu (MUSTER_TEST_SEED "
            "overrides)\n",
            options.db.c_str(), net.node_count(), net.edge_count(),
            static_cast<unsigned long long>(seed));

        PgConnection pg;
        const auto version = pg.query("SELECT pgr_version(), current_setting('server_version')");
        Tally export_tally("edges.csv against the network (ids, ends, costs, lines)");
        const auto edges = read_edges(options.edges, net, graph.reverse(), export_tally);
        load_edges(pg, edges);
        std::printf(
            "pgRouting %s on PostgreSQL %s: loaded %zu edges from %s (cost = duration_s, "
            "reverse_cost = -1)\n",
            version.at(0).at(0).c_str(), version.at(0).at(1).c_str(), edges.size(),
            options.edges.c_str());
        export_tally.print();

        Context context(graph, graph.base(), pg, random);
        std::size_t failed = export_tally.failed();
        auto timed = [&](std::size_t mismatches, Clock::time_point since) {
            std::printf("  (%.1f s)\n", elapsed_ms(since) / 1000);
            return mismatches;
        };
        auto section = Clock::now();
        failed += timed(check_routes(context, options.pairs), section);
        section = Clock::now();
        failed += timed(check_matrix(context, options.matrix), section);
        section = Clock::now();
        failed += timed(check_nearest(context, options.nearest), section);
        section = Clock::now();
        failed += timed(check_service_areas(context, options.areas, options.limit_s), section);
        std::printf("%s: %zu mismatches (%.1f s)\n", failed ? "FAILED" : "OK", failed,
                    elapsed_ms(start) / 1000);
        return failed ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "compare_pgrouting: " << e.what() << '\n';
        return 2;
    }
}
