// Benchmark of ambulance response coverage: every demand cell of a sample from every available
// ambulance, under the sample's hazards. Times (median and p95 over runs) of the two-nearest sweep
// on the hierarchy (solvers/response), and of the two ways it replaces, run in the same process
// on the same inputs: one PHAST sweep per ambulance place, and one Dijkstra per ambulance; then
// the whole question as `muster response` asks it (demand grid, snapping, sweep, tally); and road
// criticality, every main stretch closed in turn, alone and as `muster criticality` asks it (with
// every stretch's walking access to the shelters).
// Usage: bench_response SAMPLE_DIR [RUNS]    e.g. bench_response samples/malta 50

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "engine/cch/one_to_all.hpp"
#include "engine/dijkstra.hpp"
#include "engine/network_location.hpp"
#include "geodata/importer.hpp"
#include "solvers/response/response_times.hpp"
#include "solvers/response/road_criticality.hpp"
#include "tools/app/criticality_query.hpp"
#include "tools/app/response_query.hpp"
#include "tools/app/routing_session.hpp"

namespace {

using namespace muster;
using bench::Clock;
using bench::elapsed_ms;

bench::Stats time_runs(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(elapsed_ms(start));
    }
    return bench::stats(ms);
}

void report(const std::string& what, const bench::Stats& s) {
    std::printf("%-64s median %8.2f ms   p95 %8.2f ms\n", what.c_str(), s.median, s.p95);
}

/// The first and second quickest durations (ms) per point from per-unit durations `at(u, node)`:
/// the peers' answer, to check the sweep's against.
template <typename DurationAt>
std::vector<std::pair<std::uint64_t, std::uint64_t>> two_quickest(
    const RoadNetwork& network, const Metric& metric, std::size_t units,
    const std::vector<std::optional<Snap>>& points, DurationAt at) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    for (const auto& p : points) {
        std::uint64_t first = UINT64_MAX, second = UINT64_MAX;
        if (p) {
            const auto seeds = arrivals(network, metric, *p);
            for (std::size_t u = 0; u < units; ++u) {
                std::uint64_t best = UINT64_MAX;
                for (const Seed& s : seeds) {
                    const std::uint64_t d = at(u, s.node);
                    if (d != UINT64_MAX)
                        best = std::min(best, d + s.duration_ms);
                }
                if (best < first) {
                    second = first;
                    first = best;
                } else if (best < second) {
                    second = best;
                }
            }
        }
        out.push_back({first, second});
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_response SAMPLE_DIR [RUNS]\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 50;
    const std::string db_path =
        (std::filesystem::temp_directory_path() / "muster-bench-response.sqlite").string();
    std::filesystem::remove(db_path);
    ImportRequest request;
    request.database = db_path;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().ends_with(".osm.pbf"))
            request.sources[SourceKind::roads] = entry.path().string() + ":lines";
    }
    request.sources[SourceKind::townships] = (dir / "townships.geojson").string();
    request.sources[SourceKind::teams] = (dir / "teams.geojson").string();
    request.sources[SourceKind::hazards] = (dir / "hazards.geojson").string();
    request.sources[SourceKind::shelters] = (dir / "shelters.geojson").string();
    run_import(request);

    const tools::RoutingSession session(db_path, Profile::drive, {});
    const tools::QueryContext context = session.context();
    const RoutingGraph& graph = session.graph();
    const RoadNetwork& network = graph.network();
    const tools::ResponseQuery query;
    const tools::ResponseAnswer answer = tools::answer_response(context, query);
    const std::vector<Snap>& units = answer.unit_snaps;
    std::printf(
        "muster response benchmark on %s: %zu drive nodes, %zu available ambulances, %zu demand "
        "cells, %d runs, under %s\n\n",
        dir.c_str(), network.node_count(), units.size(), answer.demand_snaps.size(), runs,
        context.metric.label.c_str());

    std::vector<PointResponse> swept;
    report("two-nearest sweep on the hierarchy (muster)", time_runs(runs, [&] {
               swept =
                   response_times(graph, context.metric, *context.cch, units, answer.demand_snaps);
           }));

    // Peer: one PHAST sweep per ambulance, every node's duration kept per unit.
    std::vector<std::vector<std::uint64_t>> phast(units.size());
    report("one PHAST sweep per ambulance", time_runs(runs, [&] {
               cch::OneToAll one(network.node_count());
               cch::TreeSweep tree;
               for (std::size_t u = 0; u < units.size(); ++u) {
                   one.run(*context.cch, departures(network, context.metric, units[u]),
                           cch::SweepDirection::forward, tree);
                   phast[u].resize(network.node_count());
                   for (NodeId v : network.nodes()) {
                       const cch::Weight w = one.weight(v);
                       phast[u][v.value()] = w == cch::kInfinity ? UINT64_MAX : cch::duration_ms(w);
                   }
               }
           }));

    // Peer: one Dijkstra per ambulance over the whole network.
    std::vector<std::vector<std::uint64_t>> plain(units.size());
    Dijkstra search(network, nullptr, Direction::forward);
    report("one Dijkstra per ambulance", time_runs(std::max(1, runs / 10), [&] {
               for (std::size_t u = 0; u < units.size(); ++u) {
                   search.clear();
                   for (const Seed& s : departures(network, context.metric, units[u]))
                       search.add_source(s.node, s.duration_ms, s.length_mm);
                   while (search.settle_next(context.metric)) {
                   }
                   plain[u].assign(network.node_count(), UINT64_MAX);
                   for (NodeId v : search.settled_nodes())
                       plain[u][v.value()] = search.duration_ms(v);
               }
           }));

    // Every main road stretch closed in turn (muster criticality).
    std::vector<ResponseDemand> demand;
    for (std::size_t p = 0; p < answer.demand_snaps.size(); ++p)
        demand.push_back({answer.demand_snaps[p], answer.demand.points[p].population});
    const auto stretches = road_stretches(network, tools::main_road_classes());
    report("every one of " + std::to_string(stretches.size()) +
               " main stretches closed in turn (criticality)",
           time_runs(3, [&] {
               stretch_criticality(graph, context.metric, *context.cch, units, demand,
                                   answer.limits.drive_ms, stretches);
           }));

    const tools::RoutingSession walk_session(db_path, Profile::walk, {});
    const tools::QueryContext walk = walk_session.context();
    const tools::CriticalityQuery criticality;
    const auto roads = ResourceDb::open_existing(db_path).roads_of_classes(criticality.classes);
    tools::CriticalityAnswer critical;
    report("the same with walking access to the shelters (muster criticality)", time_runs(3, [&] {
               critical = tools::answer_criticality(context, criticality, &walk, roads);
           }));
    std::printf("  %zu of the stretches over bridges or through tunnels\n",
                critical.structure_count);

    report("the whole question (grid, snapping, sweep, tally)",
           time_runs(std::max(1, runs / 5), [&] { tools::answer_response(context, query); }));

    // The three agree; the sweep is quicker only where a unit drives to a cell along its own
    // road, which the peers (from node to node) do not take.
    const auto by_phast =
        two_quickest(network, context.metric, units.size(), answer.demand_snaps,
                     [&](std::size_t u, NodeId v) { return phast[u][v.value()]; });
    const auto by_plain =
        two_quickest(network, context.metric, units.size(), answer.demand_snaps,
                     [&](std::size_t u, NodeId v) { return plain[u][v.value()]; });
    std::size_t disagree = 0, along_one_road = 0;
    for (std::size_t p = 0; p < swept.size(); ++p) {
        const std::uint64_t first = swept[p].first ? swept[p].first->duration_ms : UINT64_MAX;
        const std::uint64_t second = swept[p].second ? swept[p].second->duration_ms : UINT64_MAX;
        if (by_phast[p] != by_plain[p] || first > by_phast[p].first || second > by_phast[p].second)
            ++disagree;
        else if (std::make_pair(first, second) != by_phast[p])
            ++along_one_road;
    }
    std::printf("\n%zu of %zu cells where they disagree; %zu reached sooner along one road\n",
                disagree, swept.size(), along_one_road);
    std::printf("peak memory %.0f MB\n", bench::peak_rss_mb());
    std::filesystem::remove(db_path);
    return disagree == 0 ? 0 : 1;
}
