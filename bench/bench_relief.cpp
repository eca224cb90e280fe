// Benchmark of relief allocation and mass-casualty distribution: on a sample (imported into a
// temporary database: travel times on its roads, then the solvers) and on a synthetic allocation
// of D depots × S shelters × I items with random travel times. Solve time (median and p95 over
// runs) and peak memory.
// Usage: bench_relief SAMPLE_DIR [RUNS]    e.g. bench_relief samples/malta 5
//        bench_relief --synthetic [DEPOTS SHELTERS ITEMS RUNS]   (default 50 2000 5 3)
// Seed: MUSTER_BENCH_SEED (default 7).

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "geodata/importer.hpp"
#include "solvers/relief/allocation.hpp"
#include "tools/app/relief_query.hpp"
#include "tools/app/routing_session.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
    double median_ms = 0, p95_ms = 0, min_ms = 0;
};

Stats time_runs(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    return {at(0.5), at(0.95), ms.front()};
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void report(const std::string& what, const Stats& s) {
    std::printf("%-52s median %10.1f ms   p95 %10.1f ms   min %10.1f ms\n", what.c_str(),
                s.median_ms, s.p95_ms, s.min_ms);
}

unsigned seed() {
    const char* text = std::getenv("MUSTER_BENCH_SEED");
    return text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : 7u;
}

int synthetic(std::size_t depots, std::size_t shelters, std::size_t items, int runs) {
    std::mt19937 rng(seed());
    std::uniform_int_distribution<int> region(0, 4), time(60, 12 * 3600), cut(0, 19);
    std::uniform_int_distribution<int> persons(50, 2000);
    muster::relief::AllocationProblem p;
    std::vector<std::string> names;
    for (std::size_t k = 0; k < items; ++k)
        names.push_back("item" + std::to_string(k));
    double total_persons = 0;
    for (std::size_t j = 0; j < shelters; ++j) {
        muster::relief::Destination d{
            "S" + std::to_string(j), "R" + std::to_string(region(rng)), {}};
        const double n = persons(rng);
        total_persons += n;
        for (std::size_t k = 0; k < items; ++k)
            d.demand[names[k]] = n * static_cast<double>(k + 1);
        p.destinations.push_back(std::move(d));
    }
    // Stock: 60 % of the demand in all, spread unevenly over the depots: a shortage, so fairness
    // has work to do.
    // Tiers by index, township to central in turn (no draw from the generator, so the instance
    // is otherwise the one of earlier versions): the tier ladder has every level to solve.
    std::uniform_real_distribution<double> share(0.2, 1.8);
    for (std::size_t i = 0; i < depots; ++i) {
        muster::relief::SupplyDepot d{"D" + std::to_string(i),
                                      "R" + std::to_string(region(rng)),
                                      static_cast<muster::DepotTier>(i % 5),
                                      {}};
        for (std::size_t k = 0; k < items; ++k)
            d.stock[names[k]] = std::round(0.6 * total_persons * static_cast<double>(k + 1) /
                                           static_cast<double>(depots) * share(rng));
        p.depots.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < depots * shelters; ++i) {
        if (cut(rng) == 0)
            p.duration_s.push_back(std::nullopt);  // 1 in 20 pairs cut off by roads
        else
            p.duration_s.push_back(static_cast<double>(time(rng)));
    }
    std::printf(
        "muster relief benchmark, synthetic: %zu depots x %zu shelters x %zu items, %d runs, "
        "seed %u\n\n",
        depots, shelters, items, runs, seed());
    muster::relief::AllocationResult result;
    const Stats s = time_runs(runs, [&] { result = muster::relief::allocate_relief(p); });
    report("allocate (fairness, local first + tiers, travel)", s);
    std::size_t rounds = 0, stages = 0;
    double min_fill = 1;
    for (const auto& item : result.items) {
        rounds += item.fairness_rounds;
        stages += item.preference_stages;
        min_fill = std::min(min_fill, item.min_fill_rate);
    }
    std::printf("%-52s %zu shipments, %zu fairness LPs, %zu local-first/tier LPs, min fill %.4f\n",
                "", result.shipments.size(), rounds, stages, min_fill);
    muster::relief::AllocationParameters off;
    off.local_first = false;
    report("allocate without local first",
           time_runs(runs, [&] { muster::relief::allocate_relief(p, off); }));
    std::printf("%-52s %.1f MB\n", "peak memory", peak_rss_mb());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr
            << "usage: bench_relief SAMPLE_DIR [RUNS] | bench_relief --synthetic [D S I RUNS]\n";
        return 2;
    }
    if (std::string(argv[1]) == "--synthetic") {
        auto arg = [&](int i, long fallback) { return argc > i ? std::atol(argv[i]) : fallback; };
        return synthetic(static_cast<std::size_t>(arg(2, 50)),
                         static_cast<std::size_t>(arg(3, 2000)),
                         static_cast<std::size_t>(arg(4, 5)), static_cast<int>(arg(5, 3)));
    }
    const std::filesystem::path dir = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const std::string db_path =
        (std::filesystem::temp_directory_path() / "muster-bench-relief.sqlite").string();
    std::filesystem::remove(db_path);
    muster::ImportRequest request;
    request.database = db_path;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().ends_with(".osm.pbf"))
            request.sources[muster::SourceKind::roads] = entry.path().string() + ":lines";
    }
    const std::pair<muster::SourceKind, const char*> layers[] = {
        {muster::SourceKind::townships, "townships.geojson"},
        {muster::SourceKind::shelters, "shelters.geojson"},
        {muster::SourceKind::depots, "depots.geojson"},
        {muster::SourceKind::inventory, "inventory.csv"},
        {muster::SourceKind::teams, "teams.geojson"},
        {muster::SourceKind::hospitals, "hospitals.geojson"},
        {muster::SourceKind::hazards, "hazards.geojson"}};
    for (auto [kind, file] : layers) {
        if (std::filesystem::exists(dir / file))
            request.sources[kind] = (dir / file).string();
    }
    muster::run_import(request);
    std::printf("muster relief benchmark on %s, %d runs (hazards of the sample applied)\n\n",
                dir.c_str(), runs);
    muster::tools::RoutingSession session(db_path, muster::Profile::drive, {});
    const muster::tools::QueryContext context = session.context();
    muster::tools::Searches searches(session.graph());

    for (const char* to : {"shelters", "townships"}) {
        muster::tools::AllocateQuery query;
        query.to = muster::tools::parse_allocation_target(to, "to");
        muster::tools::AllocateAnswer answer;
        const Stats s = time_runs(
            runs, [&] { answer = muster::tools::answer_allocate(context, query, searches); });
        report(std::string("allocate to ") + to + " (travel times + solve)", s);
        const Stats solve =
            time_runs(runs, [&] { muster::relief::allocate_relief(answer.problem); });
        report(std::string("  solve alone (") + std::to_string(answer.depots.size()) +
                   " depots x " + std::to_string(answer.destinations.size()) + " x " +
                   std::to_string(answer.result.items.size()) + " items)",
               solve);
    }
    const std::filesystem::path incidents = dir / "incidents.geojson";
    if (std::filesystem::exists(incidents)) {
        muster::tools::MciQuery query;
        query.incidents = muster::tools::read_incidents(incidents.string());
        muster::tools::MciAnswer answer;
        const Stats s =
            time_runs(runs, [&] { answer = muster::tools::answer_mci(context, query, searches); });
        report("mci (travel times + casualties + trips)", s);
        const Stats solve =
            time_runs(runs, [&] { muster::relief::distribute_casualties(answer.problem); });
        report("  casualty LPs alone", solve);
        std::printf("%-52s %zu trips, last patient at hospital after %.1f min\n", "",
                    answer.trips.trips.size(), answer.trips.last_arrival_s / 60);
    }
    std::printf("%-52s %.1f MB\n", "peak memory", peak_rss_mb());
    std::filesystem::remove(db_path);
    return 0;
}
