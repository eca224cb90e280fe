// A province on one machine, end to end as its office would run it: Malta's roads tiled to at
// least NODES drivable nodes (bench/tiled_network.hpp) and written as a GeoPackage, then
// `muster import` of it into a new database and `muster serve` started on that database, each
// a child process timed to its end (import, with its peak memory) or until it listens (serve,
// with its resident memory).
//
//   bench_province SAMPLE_DIR NODES [WORK_DIR] [--serve-only]
//                                  e.g. samples/malta 10000000 /var/tmp
//
// --serve-only starts the service on WORK_DIR's database from an earlier run. The service is a
// province's dispatch service, `--profiles drive`: its resident size is reported when it
// listens, and again once each kind of query has run (route, 100 x 100 table, 15-minute
// isochrone: each makes its search state), two hazard zones have been posted and lifted (each
// update a scenario sharing the one before but for the chunks it writes; those chunks stay in
// the service's pools for the next update) and the console's map drawn (its levels are built in
// the background at start), per drive node. Query times on the same network, without HTTP:
// bench_routing --database WORK_DIR/muster-province.sqlite --cch-only.

#include <fcntl.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <array>
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

/// Malta tiled to at least `nodes` drivable nodes, written to `gpkg` and imported into `db`.
void import_province(const std::string& sample, std::size_t nodes,
                     const std::filesystem::path& work, const std::string& gpkg,
                     const std::string& db) {
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
}

/// Points on the first copy of Malta's roads (the tiling keeps the sample where it is): town
/// centres, 5 to 25 km apart.
constexpr std::array<std::array<double, 2>, 10> kMaltaPlaces{{{14.5146, 35.8989},
                                                              {14.4033, 35.8858},
                                                              {14.5019, 35.9122},
                                                              {14.4611, 35.8972},
                                                              {14.4722, 35.8756},
                                                              {14.5333, 35.8558},
                                                              {14.4256, 35.9097},
                                                              {14.3989, 35.8817},
                                                              {14.3622, 35.9564},
                                                              {14.5667, 35.8625}}};

/// A 100 x 100 table's points: the ten places, each shifted by up to 300 m in ten ways.
std::string table_points() {
    std::string points;
    for (std::size_t i = 0; i < 100; ++i) {
        const auto& place = kMaltaPlaces[i % 10];
        const double shift = 0.0005 * static_cast<double>(i / 10);
        points += (i ? ";" : "") + std::to_string(place[0] + shift) + "," +
                  std::to_string(place[1] - shift);
    }
    return points;
}

/// A square hazard zone of about 2 km around a place, as POST /hazards takes it.
std::string zone_feature(const std::string& id, const std::array<double, 2>& at) {
    const double d = 0.01;
    const nlohmann::json ring = {{at[0] - d, at[1] - d},
                                 {at[0] + d, at[1] - d},
                                 {at[0] + d, at[1] + d},
                                 {at[0] - d, at[1] + d},
                                 {at[0] - d, at[1] - d}};
    return nlohmann::json{{"type", "Feature"},
                          {"properties", {{"id", id}, {"name", id}, {"effect", "closed"}}},
                          {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}}
        .dump();
}

/// Each kind of query once, timed (the first of a kind makes its search state), then two zones
/// posted and lifted, and the console's map: the resident size after.
void warm_up(int port, pid_t pid, const std::string& token, double drive_nodes) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(600, 0);
    client.set_bearer_token_auth(token);
    const auto timed = [&](const std::string& what, auto request) {
        const auto start = Clock::now();
        const httplib::Result result = request();
        std::printf("  %-52s %s in %8.1f ms\n", what.c_str(),
                    result ? std::to_string(result->status).c_str() : "failed",
                    seconds_since(start) * 1000);
    };
    const auto place = [](std::size_t i) {
        return std::to_string(kMaltaPlaces[i][0]) + "," + std::to_string(kMaltaPlaces[i][1]);
    };
    for (int round = 0; round < 2; ++round) {
        timed("route, Valletta to Mellieha",
              [&] { return client.Get("/route?from=" + place(0) + "&to=" + place(8)); });
        timed("100 x 100 table", [&] {
            return client.Get("/matrix?sources=" + table_points() + "&targets=" + table_points());
        });
        timed("15-minute isochrone from Valletta",
              [&] { return client.Get("/isochrone?at=" + place(0) + "&minutes=15"); });
    }
    for (const std::string id : {"bench-a", "bench-b"}) {
        timed("zone " + id + " posted", [&] {
            return client.Post("/hazards", zone_feature(id, kMaltaPlaces[3]), "application/json");
        });
        timed("zone " + id + " lifted", [&] { return client.Delete("/hazards/" + id); });
    }
    const double zones_mb = resident_mb(pid);
    std::printf(
        "muster serve after the queries and zones: resident %.0f MB, %.0f bytes a drive "
        "node\n",
        zones_mb, zones_mb * 1048576 / drive_nodes);
    // The console's map of Valletta's streets: it waits for the map levels the service builds in
    // the background at start, so that the size below holds them.
    timed("map of Valletta's roads (the console's)",
          [&] { return client.Get("/map/roads?bbox=14.50,35.89,14.53,35.91&tolerance_m=10"); });
    const double mb = resident_mb(pid);
    std::printf("muster serve after them: resident %.0f MB, %.0f bytes a drive node\n", mb,
                mb * 1048576 / drive_nodes);
}

/// A dispatcher's token for the service, in WORK_DIR's tokens file (made afresh).
std::string dispatcher_token(const std::filesystem::path& tokens) {
    std::filesystem::remove(tokens);
    const std::string command = std::string(MUSTER_BINARY) + " token " + tokens.string() +
                                " --user bench --role dispatcher 2>/dev/null";
    FILE* out = popen(command.c_str(), "r");
    char line[256] = {};
    const bool read = out && std::fgets(line, sizeof line, out);
    if (!out || pclose(out) != 0 || !read)
        throw std::runtime_error("muster token failed");
    std::string token(line);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
        token.pop_back();
    return token;
}

/// The drive network's nodes, from the import's summary line "drive network: N nodes".
double drive_nodes_of(const std::string& import_log) {
    const auto at = import_log.find("drive network: ");
    if (at == std::string::npos)
        return 0;
    std::string digits;
    for (char c : import_log.substr(at + 15, 20)) {
        if (c == ',')
            continue;
        if (c < '0' || c > '9')
            break;
        digits += c;
    }
    return digits.empty() ? 0 : std::stod(digits);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool serve_only = std::erase(args, "--serve-only") > 0;
    if (args.size() < 2) {
        std::cerr << "usage: bench_province SAMPLE_DIR NODES [WORK_DIR] [--serve-only]\n";
        return 2;
    }
    try {
        const std::string sample = args[0];
        const auto nodes = std::stoull(args[1]);
        const std::filesystem::path work = args.size() > 2 ? args[2] : "/var/tmp";
        const std::string gpkg = (work / "muster-province-roads.gpkg").string();
        const std::string db = (work / "muster-province.sqlite").string();
        if (!serve_only)
            import_province(sample, nodes, work, gpkg, db);

        std::ifstream import_log(work / "muster-province-import.log");
        const std::string summary(std::istreambuf_iterator<char>(import_log), {});
        const double drive_nodes = drive_nodes_of(summary);
        std::printf("muster import's summary:\n%s\n", summary.c_str());

        // Started as the service tests start it (tests/support/serve_process.hpp): ready when it
        // prints its port, which a province's may take minutes to.
        const std::string token = dispatcher_token(work / "muster-province-tokens.tsv");
        const auto start = Clock::now();
        test::ServeProcess serve(
            MUSTER_BINARY, db, (work / "muster-province-serve.log").string(),
            {"--profiles", "drive", "--tokens", (work / "muster-province-tokens.tsv").string()},
            test::ServeLog::truncate, std::chrono::minutes(15));
        const double start_s = seconds_since(start);
        const double listening_mb = resident_mb(serve.pid());
        std::printf(
            "muster serve --profiles drive: listening after %.1f s, resident %.0f MB, %.0f bytes a "
            "drive node\n",
            start_s, listening_mb, listening_mb * 1048576 / drive_nodes);
        warm_up(serve.port(), serve.pid(), token, drive_nodes);
        std::printf("muster serve's log:\n%s\n", serve.log_text().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_province: " << e.what() << '\n';
        return 1;
    }
}
