// A province on one machine, end to end as its office would run it: Malta's roads tiled to at
// least NODES drivable nodes (bench/tiled_network.hpp) and written as a GeoPackage, then
// `muster import` of it into a new database and `muster serve` started on that database, each
// a child process timed to its end (import, with its peak memory) or until it listens (serve,
// with its resident memory).
//
//   bench_province SAMPLE_DIR NODES [WORK_DIR]     e.g. samples/malta 10000000 /var/tmp
//
// The service loads both networks (drive and walk); its resident size is reported per drive
// node and per node of both. Query times on the same tiled network: bench_routing --tiled.

#include <fcntl.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/tiled_network.hpp"
#include "engine/network_builder.hpp"
#include "geodata/field_map.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/serve_process.hpp"

namespace {

using namespace muster;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<RoadWay> sample_roads(const std::string& sample_dir) {
    for (const auto& entry : std::filesystem::directory_iterator(sample_dir)) {
        if (entry.path().filename().string().ends_with(".osm.pbf")) {
            VectorLayer layer(parse_source_spec(entry.path().string() + ":lines"));
            return read_roads(layer, FieldMap::defaults()).items;
        }
    }
    throw std::invalid_argument(sample_dir + " has no .osm.pbf");
}

/// The ways as a GeoPackage layer "roads" (id, name, highway, oneway), as an office's own road
/// file would hold them: the import derives speeds and access from the class, as for any file.
void write_geopackage(const std::vector<RoadWay>& ways, const std::string& path) {
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds)
        throw std::runtime_error("cannot create " + path);
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "roads", wgs84, wkbLineString, nullptr);
    for (const char* name : {"id", "name", "highway", "oneway"}) {
        OGRFieldDefnH field = OGR_Fld_Create(name, OFTString);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
    }
    GDALDatasetStartTransaction(ds, FALSE);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (const RoadWay& way : ways) {
        OGRFeatureH feature = OGR_F_Create(defn);
        OGR_F_SetFieldString(feature, 0, way.id.c_str());
        OGR_F_SetFieldString(feature, 1, way.name.c_str());
        OGR_F_SetFieldString(feature, 2, way.road_class.c_str());
        const bool oneway = way.drive.forward != way.drive.backward;
        OGR_F_SetFieldString(feature, 3, oneway ? (way.drive.forward ? "yes" : "-1") : "no");
        OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);
        for (const LonLat& p : way.points)
            OGR_G_AddPoint_2D(line, p.lon, p.lat);
        OGR_F_SetGeometryDirectly(feature, line);
        if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE)
            throw std::runtime_error("cannot write way " + way.id);
        OGR_F_Destroy(feature);
    }
    GDALDatasetCommitTransaction(ds);
    OSRDestroySpatialReference(wgs84);
    GDALClose(ds);
}

/// A child's end: its exit status and peak resident memory.
struct Ended {
    int status = -1;
    double peak_mb = 0;
};

Ended wait_for(pid_t pid) {
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
            static_cast<double>(usage.ru_maxrss) / 1024.0};
}

/// ARGV run with its stdout and stderr written to `log`.
pid_t spawn(std::vector<std::string> argv, const std::string& log) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, STDERR_FILENO);
        dup2(fd, STDOUT_FILENO);
        std::vector<char*> c_argv;
        for (std::string& a : argv)
            c_argv.push_back(a.data());
        c_argv.push_back(nullptr);
        execv(c_argv[0], c_argv.data());
        _exit(127);
    }
    return pid;
}

double resident_mb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("VmRSS:"))
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (argc < 3) {
        std::cerr << "usage: bench_province SAMPLE_DIR NODES [WORK_DIR]\n";
        return 2;
    }
    try {
        const std::string sample = argv[1];
        const auto nodes = std::stoull(argv[2]);
        const std::filesystem::path work = argc > 3 ? argv[3] : "/var/tmp";
        const std::string gpkg = (work / "muster-province-roads.gpkg").string();
        const std::string db = (work / "muster-province.sqlite").string();
        std::filesystem::remove(gpkg);
        std::filesystem::remove(db);

        auto start = Clock::now();
        {
            const auto roads = sample_roads(sample);
            const std::size_t tile = build_road_network(roads, Profile::drive).node_count();
            bench::TilingOptions tiling;
            tiling.tiles_per_side = static_cast<std::size_t>(
                std::ceil(std::sqrt(static_cast<double>(nodes) / static_cast<double>(tile))));
            const auto ways = bench::tiled_road_ways(roads, tiling);
            write_geopackage(ways, gpkg);
            std::printf(
                "roads file: %zu x %zu copies of %s, %zu ways, %.0f MB GeoPackage, "
                "written in %.1f s\n",
                tiling.tiles_per_side, tiling.tiles_per_side, sample.c_str(), ways.size(),
                static_cast<double>(std::filesystem::file_size(gpkg)) / 1e6, seconds_since(start));
        }

        start = Clock::now();
        const pid_t import = spawn({MUSTER_BINARY, "import", db, "--roads", gpkg + ":roads"},
                                   (work / "muster-province-import.log").string());
        const Ended imported = wait_for(import);
        if (imported.status != 0)
            throw std::runtime_error("muster import failed: see muster-province-import.log");
        std::printf("muster import: %.1f s, peak %.0f MB, database %.0f MB\n", seconds_since(start),
                    imported.peak_mb, static_cast<double>(std::filesystem::file_size(db)) / 1e6);

        // Started as the service tests start it (tests/support/serve_process.hpp): ready when it
        // prints its port, which a province's may take minutes to.
        start = Clock::now();
        test::ServeProcess serve(MUSTER_BINARY, db, (work / "muster-province-serve.log").string(),
                                 {}, test::ServeLog::truncate, std::chrono::minutes(15));
        const double start_s = seconds_since(start);
        std::printf("muster serve: listening after %.1f s, resident %.0f MB\n", start_s,
                    resident_mb(serve.pid()));
        // The import's summary names both networks' nodes, for the memory per node.
        std::ifstream import_log(work / "muster-province-import.log");
        std::printf("muster import's summary:\n%s\n",
                    std::string(std::istreambuf_iterator<char>(import_log), {}).c_str());
        std::printf("muster serve's start:\n%s\n", serve.log_text().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_province: " << e.what() << '\n';
        return 1;
    }
}
