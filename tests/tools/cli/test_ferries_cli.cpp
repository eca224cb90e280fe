// Ferries as users meet them on the command line: imported from OSM XML (route=ferry) and from a
// plain layer (轮渡), listed by `muster info`, crossed by `muster route` with the crossing and its
// time in the answer, and taken out of service by --no-ferries with an answer that says why.
// Figures by hand: tests/support/two_islands.hpp.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/two_islands.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

json json_of(const std::string& args) {
    const Run run = run_muster(args + " --format json");
    INFO(args << "\n" << run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

}  // namespace

TEST_CASE("info lists the ferries: name, length, crossing time and who they carry") {
    TempDir dir;
    const std::string db = import_two_islands(dir);
    const json info = json_of("info " + quote(db));
    const json& ferries = info.at("ferries");
    REQUIRE(ferries.size() == 2);
    CHECK(ferries[0].at("name") == "Strait Ferry");
    CHECK(ferries[0].at("crossing_s").get<double>() == kStraitCrossingS);
    CHECK(ferries[0].at("length_m").get<double>() == Approx(kStraitLengthM).margin(0.05));
    CHECK(ferries[0].at("drive_forward") == true);
    CHECK(ferries[0].at("drive_backward") == true);
    CHECK(ferries[0].at("walk") == true);
    CHECK(ferries[1].at("name") == "Skerry Boat");
    CHECK(ferries[1].at("crossing_s").get<double>() == Approx(kSkerryCrossingS).margin(0.05));
    CHECK(ferries[1].at("drive_forward") == false);
    CHECK(ferries[1].at("walk") == true);
    // The network's class table names them too.
    CHECK(info.at("network").at("length_m_by_class").at("ferry").get<double>() ==
          Approx(kStraitLengthM).margin(0.01));

    const Run table = run_muster("info " + quote(db));
    CHECK(contains_text(table.output, "ferries (crossing times include 10 min boarding)"));
    CHECK(contains_text(table.output, "Strait Ferry"));
    CHECK(contains_text(table.output, "cars both ways, people"));
}

TEST_CASE("a route between the islands crosses by ferry and says so, driving and walking") {
    TempDir dir;
    const std::string db = import_two_islands(dir);
    const std::string route = "route " + quote(db) + " --from 10,0 --to 10.014,0";
    const json drive = json_of(route);
    CHECK(drive.at("duration_s").get<double>() ==
          Approx(2 * kIslandRoadDriveS + kStraitCrossingS).margin(0.0005));
    REQUIRE(drive.at("ferries").size() == 1);
    const json& crossing = drive.at("ferries")[0];
    CHECK(crossing.at("duration_s").get<double>() == kStraitCrossingS);
    CHECK(crossing.at("distance_m").get<double>() == Approx(kStraitLengthM).margin(0.002));
    CHECK(crossing.at("geometry").at("coordinates").front()[0].get<double>() == Approx(10.002));
    CHECK(crossing.at("geometry").at("coordinates").back()[0].get<double>() == Approx(10.012));

    const json walk = json_of(route + " --profile walk");
    CHECK(walk.at("duration_s").get<double>() ==
          Approx(2 * kIslandRoadWalkS + kStraitCrossingS).margin(0.0005));
    CHECK(walk.at("ferries").size() == 1);

    // Within one island: no crossing.
    CHECK(json_of("route " + quote(db) + " --from 10,0 --to 10.002,0").at("ferries").empty());

    const Run table = run_muster(route);
    INFO(table.output);
    CHECK(contains_text(table.output, "crosses by ferry: 30.0 min (boarding included), 1.11 km"));

    // The layer says it too.
    const std::string out = dir.file("route.gpkg");
    REQUIRE(run_muster(route + " --out " + quote(out)).status == 0);
    std::string rows;
    REQUIRE(
        run_command("ogrinfo -q -sql 'SELECT ferry_crossings, ferry_time_min FROM fastest_route' " +
                        quote(out),
                    &rows) == 0);
    INFO(rows);
    CHECK(contains_text(rows, "ferry_crossings (Integer64) = 1"));
    CHECK(contains_text(rows, "ferry_time_min (Real) = 30"));  // 1,800 s
}

TEST_CASE("with --no-ferries the far island is unreachable, and the answer says why") {
    TempDir dir;
    const std::string db = import_two_islands(dir);
    const Run run =
        run_muster("route " + quote(db) + " --from 10,0 --to 10.014,0 --no-ferries --format json");
    INFO(run.output);
    CHECK(run.status != 0);
    CHECK(contains_text(run.output, "no route from 10,0 to 10.014,0"));
    CHECK(contains_text(run.output, "under hazards:ferries"));
    CHECK(contains_text(run.output, "without hazards the route takes 31.1 min"));
    CHECK(contains_text(run.output, "closes the ferries"));

    // A road trip on one island is as before, and says what it was computed under.
    const json west = json_of("route " + quote(db) + " --from 10,0 --to 10.002,0 --no-ferries");
    CHECK(west.at("duration_s").get<double>() == Approx(kIslandRoadDriveS).margin(0.0005));
    CHECK(west.at("metric") == "hazards:ferries");
    const Run table = run_muster("route " + quote(db) + " --from 10,0 --to 10.002,0 --no-ferries");
    CHECK(contains_text(table.output, "hazards: ferries (closed, ferry only)"));
}

TEST_CASE("a point at sea is snapped to a quay's road, not onto the ferry beside it") {
    TempDir dir;
    const std::string db = import_two_islands(dir);
    // 11 m from the Strait Ferry, 445 m from West Road's end W2.
    const json route = json_of("route " + quote(db) + " --from 10.006,0.0001 --to 10,0");
    const json& snapped = route.at("from").at("snapped");
    CHECK(snapped[0].get<double>() == Approx(10.002).margin(1e-7));
    CHECK(snapped[1].get<double>() == Approx(0).margin(1e-7));
    CHECK(route.at("from").at("snap_distance_m").get<double>() == Approx(445.3).margin(0.5));
}

TEST_CASE("a plain layer's 轮渡 line is a ferry: timed by its length at 20 km/h plus boarding") {
    TempDir dir;
    // West and East roads are 支路 (25 km/h, CJJ 37-2012), the ferry 轮渡 without a speed.
    const std::string roads = dir.write("roads.geojson", R"({"type": "FeatureCollection",
      "features": [
        {"type": "Feature", "properties": {"id": "w", "class": "支路"},
         "geometry": {"type": "LineString", "coordinates": [[10, 0], [10.002, 0]]}},
        {"type": "Feature", "properties": {"id": "f", "class": "轮渡", "name": "江心渡口"},
         "geometry": {"type": "LineString", "coordinates": [[10.002, 0], [10.012, 0]]}},
        {"type": "Feature", "properties": {"id": "e", "class": "支路"},
         "geometry": {"type": "LineString", "coordinates": [[10.012, 0], [10.014, 0]]}}]})");
    const std::string db = dir.file("plain.sqlite");
    const Run import = run_muster("import " + quote(db) + " --roads " + quote(roads));
    INFO(import.output);
    REQUIRE(import.status == 0);
    // 1113.194908 m at 20 km/h = 200.375 s, + 600 s.
    const double crossing_s = kStraitLengthM / (20 / 3.6) + 600;
    const json route = json_of("route " + quote(db) + " --from 10,0 --to 10.014,0");
    REQUIRE(route.at("ferries").size() == 1);
    CHECK(route.at("ferries")[0].at("duration_s").get<double>() ==
          Approx(crossing_s).margin(0.001));
    CHECK(route.at("duration_s").get<double>() ==
          Approx(2 * kIslandRoadDriveS + crossing_s).margin(0.002));
    const json info = json_of("info " + quote(db));
    REQUIRE(info.at("ferries").size() == 1);
    CHECK(info.at("ferries")[0].at("name") == "江心渡口");
    CHECK(info.at("ferries")[0].at("crossing_s").get<double>() == Approx(crossing_s).margin(0.05));
}
