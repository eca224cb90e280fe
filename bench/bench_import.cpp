// Benchmark: import and network build on a sample, the network's load time from the database,
// snapping; peak memory. Usage: bench_import SAMPLE_DIR [RUNS]
// SAMPLE_DIR holds the files `make demo` imports (samples/malta, samples/liechtenstein).

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <random>
#include <vector>

#include "engine/network_builder.hpp"
#include "engine/snapping.hpp"
#include "geodata/importer.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/routing_loader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
    double median_ms, p95_ms, min_ms;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    return {at(0.5), at(0.95), ms.front()};
}

Stats time_runs(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return stats(ms);
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void report(const char* what, const Stats& s, const char* unit = "ms") {
    std::printf("%-44s median %10.3f %s   p95 %10.3f %s   min %10.3f %s\n", what, s.median_ms, unit,
                s.p95_ms, unit, s.min_ms, unit);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_import SAMPLE_DIR [RUNS]\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const std::string db_path =
        (std::filesystem::temp_directory_path() / "muster-bench-import.sqlite").string();

    muster::ImportRequest request;
    request.database = db_path;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".osm.pbf"))
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

    std::printf("muster import benchmark on %s, %d runs\n\n", dir.c_str(), runs);
    muster::ImportSummary summary;
    report("full import (roads + all entities, new DB)", time_runs(runs, [&] {
               std::filesystem::remove(db_path);
               summary = muster::run_import(request);
           }));
    std::printf("%-44s %.1f MB\n", "peak memory after import", peak_rss_mb());

    // Road reading and network building alone, without the database.
    muster::VectorLayer roads_layer(
        muster::parse_source_spec(request.sources[muster::SourceKind::roads]));
    const auto roads = muster::read_roads(roads_layer, muster::FieldMap::defaults());
    report("read roads (GDAL)", time_runs(runs, [&] {
               muster::VectorLayer layer(
                   muster::parse_source_spec(request.sources[muster::SourceKind::roads]));
               muster::read_roads(layer, muster::FieldMap::defaults());
           }));
    for (auto profile : {muster::Profile::drive, muster::Profile::walk}) {
        std::size_t nodes = 0, edges = 0;
        const auto s = time_runs(runs, [&] {
            const auto network = muster::build_road_network(roads.items, profile);
            nodes = network.node_count();
            edges = network.edge_count();
        });
        const std::string label = std::string("build ") + std::string(muster::to_string(profile)) +
                                  " network (" + std::to_string(nodes) + " n, " +
                                  std::to_string(edges) + " e)";
        report(label.c_str(), s);
    }

    const auto db = muster::ResourceDb::open_existing(db_path);
    report("load drive network from the database",
           time_runs(runs * 4, [&] { db.network(muster::Profile::drive); }));
    report("load walk network from the database",
           time_runs(runs * 4, [&] { db.network(muster::Profile::walk); }));
    for (auto profile : {muster::Profile::drive, muster::Profile::walk}) {
        // What every command pays before its first query: the stored contraction order spares
        // the nested dissection; the hierarchy and its customization are still built.
        const std::string label = std::string("load ") + std::string(muster::to_string(profile)) +
                                  " routing graph (stored order)";
        report(label.c_str(), time_runs(runs, [&] { muster::load_routing_graph(db, profile); }));
    }

    const auto drive = *db.network(muster::Profile::drive);
    std::unique_ptr<muster::SnapIndex> index;
    report("build snap index (drive)",
           time_runs(runs, [&] { index = std::make_unique<muster::SnapIndex>(drive); }));

    // Snapping seeded random points inside the network's extent.
    muster::BoundingBox box;
    for (muster::NodeId u : drive.nodes())
        box.extend(drive.coordinate(u).lon_lat());
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> lon(box.min_lon, box.max_lon),
        lat(box.min_lat, box.max_lat);
    std::vector<double> us;
    std::size_t snapped = 0;
    for (int i = 0; i < 10000; ++i) {
        const muster::LonLat p{lon(random), lat(random)};
        const auto start = Clock::now();
        snapped += index->nearest(p).has_value();
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    report("snap a random point (10,000 queries)", stats(us), "us");
    std::printf("%-44s %zu of 10000 within 1 km of a road\n", "", snapped);
    std::printf("%-44s %.1f MB\n", "database size",
                static_cast<double>(std::filesystem::file_size(db_path)) / 1e6);
    std::printf("%-44s %.1f MB\n", "peak memory", peak_rss_mb());
    std::filesystem::remove(db_path);
    return 0;
}
