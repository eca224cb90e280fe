// The routing commands (nearest, route, matrix, isochrone, network) on a map small enough to
// work out by hand: tests/fixtures/routing, drawn and measured in tests/support/routing_map.hpp.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

std::string source(const std::string& name) {
    return quote(fixture("routing/" + name));
}

constexpr auto contains = muster::test::contains_text;

constexpr auto import_map = import_routing_map;

/// `muster ARGS --format json` on the database, parsed.
json query_json(const std::string& db, const std::string& command, const std::string& args) {
    const Run run = run_muster(command + " " + quote(db) + " " + args + " --format json");
    INFO(command + " " + args + "\n" + run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

/// One value that `ogrinfo -sql` (GDAL, not muster) reports: "name (Type) = value".
std::string ogr_value(const std::string& file, const std::string& sql, const std::string& name,
                      const std::string& options = "") {
    std::string output;
    const std::string command =
        "ogrinfo -ro -q " + options + " -sql " + quote(sql) + " " + quote(file);
    INFO(command);
    REQUIRE(run_command(command, &output) == 0);
    INFO(output);
    const auto at = output.find("  " + name + " (");
    REQUIRE(at != std::string::npos);
    const auto equals = output.find(" = ", at);
    return output.substr(equals + 3, output.find('\n', equals) - equals - 3);
}

/// Feature count of a layer as `ogrinfo -so` reports it.
long ogr_feature_count(const std::string& file, const std::string& layer = "") {
    std::string output;
    const std::string command = "ogrinfo -ro -so " + (layer.empty() ? std::string("-al") : "") +
                                " " + quote(file) + (layer.empty() ? "" : " " + quote(layer));
    INFO(command);
    REQUIRE(run_command(command, &output) == 0);
    INFO(output);
    const auto at = output.find("Feature Count: ");
    REQUIRE(at != std::string::npos);
    return std::stol(output.substr(at + 15));
}

double max_coordinate(const json& lines, int axis) {
    double best = -1e9;
    for (const json& line : lines.at("coordinates")) {
        for (const json& p : line)
            best = std::max(best, p.at(axis).get<double>());
    }
    return best;
}

}  // namespace

TEST_CASE("nearest ambulance by road is not the nearest in a straight line") {
    TempDir dir;
    const std::string db = import_map(dir);
    // Incident X on r2 at (0.019, 0), 0.1 of r2 west of C; the stored flood zone is left out here.
    const json j = query_json(db, "nearest", "--at 0.019,0 --kind ambulance -k 4 --no-db-hazards");
    CHECK(j.at("incident") == json::array({0.019, 0.0}));
    CHECK(j.at("direction") == "to");
    CHECK(j.at("metric") == "base");
    const json& results = j.at("results");
    REQUIRE(results.size() == 4);  // amb-busy is busy: available teams only by default

    // amb-flood at (0.015, 0.0005) snaps 0.0005 × 110,574.28 = 55.287 m south onto r2 at 0.015
    // and drives 0.4 of r2: 0.4 × 61.654 = 24.662 s, 0.4 × 1,113.195 = 445.278 m.
    CHECK(results[0].at("id") == "amb-flood");
    CHECK(results[0].at("duration_s").get<double>() == Approx(0.4 * kPrimaryS).margin(0.002));
    CHECK(results[0].at("distance_m").get<double>() == Approx(0.4 * kLonRoadM).margin(0.002));
    CHECK(results[0].at("snap_distance_m").get<double>() == Approx(55.287).margin(0.01));

    // amb-west at (0.002, 0), 1,892 m from X in a straight line, drives 0.8 of r1 to B and 0.9 of
    // r2: (0.8 + 0.9) × 61.654 = 104.812 s, 1.7 × 1,113.195 = 1,892.432 m.
    CHECK(results[1].at("id") == "amb-west");
    CHECK(results[1].at("kind") == "ambulance");
    CHECK(results[1].at("name") == "Ambulance West");
    CHECK(results[1].at("reachable") == true);
    CHECK(results[1].at("duration_s").get<double>() == Approx(1.7 * kPrimaryS).margin(0.002));
    CHECK(results[1].at("distance_m").get<double>() == Approx(1.7 * kLonRoadM).margin(0.002));
    const json& line = results[1].at("geometry");
    CHECK(line.at("type") == "LineString");
    CHECK(line.at("coordinates").front() == json::array({0.002, 0.0}));
    CHECK(line.at("coordinates").back() == json::array({0.019, 0.0}));
    CHECK(line.at("coordinates")[1] == json::array({0.01, 0.0}));  // through B

    // amb-north at (0.019, 0.010), only 1,106 m north of X, drives 0.1 of r4 to E, r5 down to C
    // and 0.1 of r2 back west: 16.030 + 99.517 + 6.165 = 121.712 s, 111.320 + 1,105.743 + 111.320
    // m.
    CHECK(results[2].at("id") == "amb-north");
    CHECK(results[2].at("duration_s").get<double>() ==
          Approx(0.1 * kResidentialS + kTertiaryS + 0.1 * kPrimaryS).margin(0.002));
    CHECK(results[2].at("distance_m").get<double>() ==
          Approx(0.2 * kLonRoadM + kLatRoadM).margin(0.002));

    // amb-east at (0.029, 0) is 1,113 m from X but on the oneway spur r6, which leads only to the
    // dead end F: unreachable, and listed as such, after every reachable team.
    CHECK(results[3].at("id") == "amb-east");
    CHECK(results[3].at("reachable") == false);
    CHECK(results[3].at("duration_s").is_null());
    CHECK(results[3].at("distance_m").is_null());
    CHECK(results[3].at("geometry").is_null());
}

TEST_CASE("nearest with --status any includes busy teams and --kind filters by kind") {
    TempDir dir;
    const std::string db = import_map(dir);
    // amb-busy at (0.018, 0) drives 0.1 of r2 east: 6.165 s.
    const json any = query_json(db, "nearest", "--at 0.019,0 --status any -k 1 --no-db-hazards");
    REQUIRE(any.at("results").size() == 1);
    CHECK(any.at("results")[0].at("id") == "amb-busy");
    CHECK(any.at("results")[0].at("duration_s").get<double>() ==
          Approx(0.1 * kPrimaryS).margin(0.002));

    // fire-1 at (0.010, 0.005), half way up r3: 0.5 × 99.517 + 0.9 × 61.654 = 105.247 s.
    const json fire = query_json(db, "nearest", "--at 0.019,0 --kind fire --no-db-hazards");
    REQUIRE(fire.at("results").size() == 1);
    CHECK(fire.at("results")[0].at("id") == "fire-1");
    CHECK(fire.at("results")[0].at("duration_s").get<double>() ==
          Approx(0.5 * kTertiaryS + 0.9 * kPrimaryS).margin(0.002));

    const json west = query_json(db, "nearest", "--at 0.019,0 --region west -k 5 --no-db-hazards");
    REQUIRE(west.at("results").size() == 2);  // amb-west and fire-1
    CHECK(west.at("results")[0].at("id") == "amb-west");
    CHECK(west.at("results")[1].at("id") == "fire-1");
}

TEST_CASE("nearest takes the Chinese words of --kind and --status, as import translated them") {
    // The fixture's teams again, in the words of a county file: 救护车 可用 at amb-west's place,
    // 急救车 执行任务中 at amb-busy's, 消防救援队 待命 at fire-1's, 救援队伍 维修 at amb-north's.
    TempDir dir;
    const std::string teams =
        dir.write("teams.geojson", R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"编号": "JH1", "名称": "急救站一队", "类型": "救护车", "状态": "可用"}, "geometry": {"type": "Point", "coordinates": [0.002, 0.0]}},
{"type": "Feature", "properties": {"编号": "JH2", "名称": "急救站二队", "类型": "急救车", "状态": "执行任务中"}, "geometry": {"type": "Point", "coordinates": [0.018, 0.0]}},
{"type": "Feature", "properties": {"编号": "XF1", "名称": "消防救援站", "类型": "消防救援队", "状态": "待命"}, "geometry": {"type": "Point", "coordinates": [0.010, 0.005]}},
{"type": "Feature", "properties": {"编号": "JY1", "名称": "应急救援队", "类型": "救援队伍", "状态": "维修"}, "geometry": {"type": "Point", "coordinates": [0.019, 0.010]}}]})");
    const std::string db = dir.file("county.sqlite");
    const Run imported = run_muster("import " + quote(db) + " --roads " + source("roads.geojson") +
                                    " --teams " + quote(teams));
    INFO(imported.output);
    REQUIRE(imported.status == 0);

    // 救护车 is ambulance, available by default: JH1 only (JH2 is busy), 0.8 of r1 and 0.9 of r2.
    const json ambulance = query_json(db, "nearest", "--at 0.019,0 --kind 救护车");
    REQUIRE(ambulance.at("results").size() == 1);
    CHECK(ambulance.at("results")[0].at("id") == "JH1");
    CHECK(ambulance.at("results")[0].at("kind") == "ambulance");
    CHECK(ambulance.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.7 * kPrimaryS).margin(0.002));
    // 执行任务中 is busy: JH2, 0.1 of r2 away.
    const json busy = query_json(db, "nearest", "--at 0.019,0 --kind 救护车 --status 执行任务中");
    REQUIRE(busy.at("results").size() == 1);
    CHECK(busy.at("results")[0].at("id") == "JH2");
    CHECK(busy.at("results")[0].at("duration_s").get<double>() ==
          Approx(0.1 * kPrimaryS).margin(0.002));
    // 消防救援队 was imported as fire: --kind fire and --kind 消防 find it.
    for (const char* kind : {"fire", "消防"}) {
        const json fire = query_json(db, "nearest", std::string("--at 0.019,0 --kind ") + kind);
        REQUIRE(fire.at("results").size() == 1);
        CHECK(fire.at("results")[0].at("id") == "XF1");
    }
    // 可用 is available: JH1 and XF1, not JH2 (busy) nor JY1 (维修, out of service).
    const json available = query_json(db, "nearest", "--at 0.019,0 --status 可用 -k 5");
    REQUIRE(available.at("results").size() == 2);
    CHECK(available.at("results")[0].at("id") == "JH1");
    CHECK(available.at("results")[1].at("id") == "XF1");
    // 救援队伍 is rescue, 维修 out of service.
    const json rescue = query_json(db, "nearest", "--at 0.019,0 --kind 救援队 --status 维修");
    REQUIRE(rescue.at("results").size() == 1);
    CHECK(rescue.at("results")[0].at("id") == "JY1");
}

TEST_CASE("nearest under the stored flood zone: a team inside is unavailable, others detour") {
    TempDir dir;
    const std::string db = import_map(dir);
    // Incident Y on r5 at (0.020, 0.001), 0.1 of r5 north of C. z1 closes r2 (both directions).
    const json j = query_json(db, "nearest", "--at 0.020,0.001 --kind ambulance");
    CHECK(contains(j.at("metric").get<std::string>(), "z1"));
    const json& results = j.at("results");
    REQUIRE(results.size() == 3);
    // amb-north: 0.1 of r4 to E, 0.9 of r5 down to Y: 16.030 + 89.565 = 105.595 s.
    CHECK(results[0].at("id") == "amb-north");
    CHECK(results[0].at("duration_s").get<double>() ==
          Approx(0.1 * kResidentialS + 0.9 * kTertiaryS).margin(0.002));
    // amb-west cannot take r2: 0.8 of r1, r3, r4, 0.9 of r5 = 49.323 + 99.517 + 160.300 + 89.565
    // = 398.705 s over 0.8 × 1,113.195 + 1,105.743 + 1,113.195 + 0.9 × 1,105.743 = 4,104.661 m.
    CHECK(results[1].at("id") == "amb-west");
    CHECK(results[1].at("duration_s").get<double>() ==
          Approx(0.8 * kPrimaryS + kTertiaryS + kResidentialS + 0.9 * kTertiaryS).margin(0.002));
    CHECK(results[1].at("distance_m").get<double>() ==
          Approx(1.8 * kLonRoadM + 1.9 * kLatRoadM).margin(0.002));
    CHECK(results[2].at("id") == "amb-east");
    CHECK(results[2].at("reachable") == false);

    // amb-flood stands inside z1: not a result, but reported with the reason.
    REQUIRE(j.at("unavailable").size() == 1);
    CHECK(j.at("unavailable")[0].at("id") == "amb-flood");
    CHECK(
        contains(j.at("unavailable")[0].at("reason").get<std::string>(), "closed hazard zone z1"));

    const Run table = run_muster("nearest " + quote(db) + " --at 0.020,0.001 --kind ambulance");
    CHECK(table.status == 0);
    CHECK(contains(table.output, "unavailable: amb-flood"));
    CHECK(contains(table.output, "unreachable"));
    CHECK(contains(table.output, "hazards: z1 (closed)"));
}

TEST_CASE("nearest hospitals: casualties travel from the incident unless told otherwise") {
    TempDir dir;
    const std::string db = import_map(dir);
    // From X (0.019, 0): 0.9 of r2 west to B, then 0.9 of r1 to h-south at (0.001, 0):
    // 1.8 × 61.654 = 110.977 s; h-north at (0.011, 0.010) via B, r3 and 0.1 of r4:
    // 55.489 + 99.517 + 16.030 = 171.036 s (the way round by C and E takes 249.952 s).
    const json j = query_json(db, "nearest", "--at 0.019,0 --to hospitals --no-db-hazards");
    CHECK(j.at("direction") == "from");
    CHECK(j.at("set") == "hospitals");
    REQUIRE(j.at("results").size() == 2);
    CHECK(j.at("results")[0].at("id") == "h-south");
    CHECK(j.at("results")[0].at("kind") == "hospital");
    CHECK(j.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.8 * kPrimaryS).margin(0.002));
    CHECK(j.at("results")[1].at("id") == "h-north");
    CHECK(j.at("results")[1].at("duration_s").get<double>() ==
          Approx(0.9 * kPrimaryS + kTertiaryS + 0.1 * kResidentialS).margin(0.002));

    // On the oneway spur at (0.025, 0): the spur is a small isolated part of the network (F can
    // only be entered), so the incident is snapped past it to the main network, at C (556.598 m
    // away). From C, h-south is r2 and 0.9 of r1 = 1.9 × 61.654 = 117.143 s either way.
    const json away = query_json(db, "nearest", "--at 0.025,0 --to hospitals --no-db-hazards");
    CHECK(away.at("passed_small_component_m").get<double>() == Approx(0).margin(0.001));
    CHECK(away.at("snap_distance_m").get<double>() == Approx(0.5 * kLonRoadM).margin(0.01));
    CHECK(away.at("results")[0].at("id") == "h-south");
    CHECK(away.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.9 * kPrimaryS).margin(0.002));
    const json towards =
        query_json(db, "nearest", "--at 0.025,0 --to hospitals --direction to --no-db-hazards");
    CHECK(towards.at("direction") == "to");
    CHECK(towards.at("results")[0].at("id") == "h-south");
    CHECK(towards.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.9 * kPrimaryS).margin(0.002));

    // Shelters: open ones only by default (s-school is closed).
    const json shelters = query_json(db, "nearest", "--at 0.019,0 --to shelters --no-db-hazards");
    REQUIRE(shelters.at("results").size() == 1);
    CHECK(shelters.at("results")[0].at("id") == "s-square");
    CHECK(shelters.at("results")[0].at("kind") == "emergency");
}

TEST_CASE("route through the flood closure takes the hand-computed detour") {
    TempDir dir;
    const std::string db = import_map(dir);
    // A to C without hazards: r1 + r2 = 2 × 61.654 = 123.308 s, 2 × 1,113.195 = 2,226.390 m.
    const json open = query_json(db, "route", "--from 0,0 --to 0.02,0 --no-db-hazards");
    CHECK(open.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(open.at("distance_m").get<double>() == Approx(2 * kLonRoadM).margin(0.002));
    CHECK(open.at("metric") == "base");
    CHECK(open.at("geometry").at("coordinates") ==
          json::parse("[[0.0, 0.0], [0.01, 0.0], [0.02, 0.0]]"));

    // z1 (stored, applied by default) closes r2: the detour A-B-D-E-C.
    const json detour = query_json(db, "route", "--from 0,0 --to 0.02,0");
    check_detour_around_z1(detour);

    // The same closure given ad hoc instead (an open copy of the stored zone from a file).
    const std::string hazards = fixture("routing/hazards.geojson");
    const json ad_hoc = query_json(
        db, "route", "--from 0,0 --to 0.02,0 --no-db-hazards --hazards " + quote(hazards));
    CHECK(ad_hoc.at("duration_s") == detour.at("duration_s"));

    // A slow zone (factor 0.5) over r1 from a file: r1 takes twice as long, r2 as before:
    // 2 × 61.654 + 61.654 = 184.962 s; the distance does not change.
    const json slow =
        query_json(db, "route",
                   "--from 0,0 --to 0.02,0 --no-db-hazards --hazards " + source("slow_r1.geojson"));
    CHECK(slow.at("duration_s").get<double>() == Approx(3 * kPrimaryS).margin(0.002));
    CHECK(slow.at("distance_m").get<double>() == Approx(2 * kLonRoadM).margin(0.002));

    // Both files at once (--hazards repeated): the detour with r1 slowed,
    // 2 × 61.654 + 99.517 + 160.300 + 99.517 = 482.642 s.
    const json both = query_json(db, "route",
                                 "--from 0,0 --to 0.02,0 --no-db-hazards --hazards " +
                                     quote(hazards) + " --hazards " + source("slow_r1.geojson"));
    CHECK(both.at("duration_s").get<double>() ==
          Approx(2 * kPrimaryS + 2 * kTertiaryS + kResidentialS).margin(0.002));
    CHECK(contains(both.at("metric").get<std::string>(), "z1"));
    CHECK(contains(both.at("metric").get<std::string>(), "smoke"));
}

TEST_CASE("route between entity ids") {
    TempDir dir;
    const std::string db = import_map(dir);
    // amb-west (0.002, 0) to h-north (0.011, 0.010) under z1: 0.8 of r1, r3, 0.1 of r4 =
    // 49.323 + 99.517 + 16.030 = 164.870 s over 890.556 + 1,105.743 + 111.320 = 2,107.619 m.
    const json j = query_json(db, "route", "--from team:amb-west --to hospital:h-north");
    CHECK(j.at("duration_s").get<double>() ==
          Approx(0.8 * kPrimaryS + kTertiaryS + 0.1 * kResidentialS).margin(0.002));
    CHECK(j.at("distance_m").get<double>() == Approx(0.9 * kLonRoadM + kLatRoadM).margin(0.002));
    CHECK(j.at("from").at("id") == "amb-west");
    CHECK(j.at("from").at("kind") == "team");
    CHECK(j.at("to").at("name") == "North Hospital");
    CHECK(j.at("from").at("snap_distance_m").get<double>() == Approx(0).margin(0.001));

    const Run table =
        run_muster("route " + quote(db) + " --from team:amb-west --to hospital:h-north");
    CHECK(table.status == 0);
    CHECK(contains(table.output, "164.9"));
}

TEST_CASE("route that the roads cannot make is an error naming both ends") {
    TempDir dir;
    const std::string db = import_map(dir);
    // From the oneway spur r6 nothing leads back.
    const Run run = run_muster("route " + quote(db) + " --from 0.029,0 --to 0,0");
    CHECK(run.status == 1);
    CHECK(contains(run.output, "no route from 0.029,0 to 0,0"));
}

TEST_CASE("matrix of the database's teams to a CSV point layer") {
    TempDir dir;
    const std::string db = import_map(dir);
    const json j = query_json(
        db, "matrix", "--sources teams --targets " + source("points.csv") + " --no-db-hazards");
    REQUIRE(j.at("sources").size() == 6);
    REQUIRE(j.at("targets").size() == 2);
    CHECK(j.at("targets")[0].at("id") == "p-west");
    // amb-west (source 0) to A (0, 0): 0.2 of r1 = 12.331 s; to C: 0.8 of r1 + r2 = 1.8 × 61.654.
    const json& durations = j.at("durations_s");
    CHECK(durations[0][0].get<double>() == Approx(0.2 * kPrimaryS).margin(0.002));
    CHECK(durations[0][1].get<double>() == Approx(1.8 * kPrimaryS).margin(0.002));
    CHECK(j.at("distances_m")[0][1].get<double>() == Approx(1.8 * kLonRoadM).margin(0.002));
    // amb-east (source 3) is on the spur: nothing reachable.
    CHECK(durations[3][0].is_null());
    CHECK(durations[3][1].is_null());

    // Inline points: C to A and A to C are both 123.308 s without hazards.
    const json inline_points =
        query_json(db, "matrix", "--sources '0.02,0;0,0' --targets '0,0' --no-db-hazards");
    CHECK(inline_points.at("durations_s")[0][0].get<double>() ==
          Approx(2 * kPrimaryS).margin(0.002));
    CHECK(inline_points.at("durations_s")[1][0].get<double>() == Approx(0).margin(0.001));
}

TEST_CASE("matrix takes an inline point list longer than a file name may be") {
    TempDir dir;
    const std::string db = import_map(dir);
    // 40 × "0.020000,0.000000;" is 720 characters, past the file system's 255 for a name: it
    // was taken for a path and answered exit 4, "File name too long". Each C to A: 2 × 61.654 s.
    std::string sources;
    for (int i = 0; i < 40; ++i)
        sources += (i ? ";" : "") + std::string("0.020000,0.000000");
    const json j =
        query_json(db, "matrix", "--sources '" + sources + "' --targets '0,0' --no-db-hazards");
    REQUIRE(j.at("durations_s").size() == 40);
    CHECK(j.at("durations_s")[39][0].get<double>() == Approx(2 * kPrimaryS).margin(0.002));
}

TEST_CASE("isochrone bands on the tiny map") {
    TempDir dir;
    const std::string db = import_map(dir);
    // From P (0.005, 0), the middle of r1: A and B are each 0.5 × 61.654 = 30.827 s away.
    // 1 minute: 60 − 30.827 = 29.173 s left at B reach 29.173 / 61.654 = 0.4732 of r2 (to lon
    // 0.0147317) and 29.173 / 99.517 = 0.2931 of r3 (to lat 0.0029315). C is 92.481 s away.
    // 2 minutes: C is reached with 27.519 s left: 0.4463 of r6 (to lon 0.0244635); r3 is reached
    // to 89.173 / 99.517 = 0.8961 (lat 0.0089606); D (130.344 s) and E are not.
    const json j = query_json(db, "isochrone", "--at 0.005,0 --minutes 2,1 --no-db-hazards");
    CHECK(j.at("direction") == "from");
    const json& bands = j.at("bands");
    REQUIRE(bands.size() == 2);
    CHECK(bands[0].at("minutes") == 1.0);
    CHECK(bands[0].at("limit_s") == 60.0);
    CHECK(bands[0].at("nodes") == 2);
    CHECK(bands[1].at("nodes") == 3);
    CHECK(max_coordinate(bands[0].at("roads"), 0) == Approx(0.0147317).margin(1e-7));
    CHECK(max_coordinate(bands[0].at("roads"), 1) == Approx(0.0029315).margin(1e-7));
    CHECK(max_coordinate(bands[1].at("roads"), 0) == Approx(0.0244635).margin(1e-7));
    CHECK(max_coordinate(bands[1].at("roads"), 1) == Approx(0.0089606).margin(1e-7));
    // Reached stretches, one per edge and stretch (docs/routing.md). 1 minute: A→B from A (to
    // 0.4732) and from P (0.5 on) (2), B→A likewise (2), B→C, B→D = 6. 2 minutes, the ring beyond
    // 1 minute: the gap 0.4732-0.5 of A→B and of B→A, the rest of B→C and B→D, C→B, C→E, C→F = 7.
    CHECK(bands[0].at("segments") == 6);
    CHECK(bands[1].at("segments") == 7);
    CHECK(bands[0].at("area").at("type") == "MultiPolygon");
    CHECK(bands[1].at("area_m2").get<double>() > bands[0].at("area_m2").get<double>());

    // On the spur at (0.025, 0), snapped past it to C (see nearest above). Going away within 2
    // minutes: C, F and B (61.654 s each), E (99.517 s); D (161.171 s) and A (123.308 s) not.
    // Coming in: C, B and E; F cannot leave the spur.
    const json away = query_json(db, "isochrone", "--at 0.025,0 --minutes 2 --no-db-hazards");
    CHECK(away.at("bands")[0].at("nodes") == 4);
    const json towards =
        query_json(db, "isochrone", "--at 0.025,0 --minutes 2 --direction to --no-db-hazards");
    CHECK(towards.at("direction") == "to");
    CHECK(towards.at("bands")[0].at("nodes") == 3);
}

TEST_CASE("muster network writes one row per directed edge, read back by ogrinfo") {
    TempDir dir;
    const std::string db = import_map(dir);
    const std::string csv = dir.file("edges.csv");
    const Run run = run_muster("network " + quote(db) + " --out " + quote(csv));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "11 edges"));

    // By hand: r1 to r5 both ways (10) and the oneway r6 once: 11 edges, over 6 nodes of which
    // F has no way out. Length: 7 × 1,113.195 + 4 × 1,105.743 = 12,215.337 m.
    const std::string all =
        "SELECT COUNT(*) AS n, COUNT(DISTINCT source) AS s, COUNT(DISTINCT target) AS t, "
        "SUM(CAST(length_m AS REAL)) AS len FROM edges";
    CHECK(ogr_value(csv, all, "n", "-dialect SQLite") == "11");
    CHECK(ogr_value(csv, all, "s", "-dialect SQLite") == "5");
    CHECK(ogr_value(csv, all, "t", "-dialect SQLite") == "6");
    CHECK(std::stod(ogr_value(csv, all, "len", "-dialect SQLite")) ==
          Approx(7 * kLonRoadM + 4 * kLatRoadM).margin(0.001));
    // The oneway gives one row, C to F, in its own direction: the only edge into a node with no
    // way out.
    const std::string spur =
        "SELECT COUNT(*) AS n, MIN(road_class) AS class, MIN(duration_s) AS d, "
        "MIN(AsText(GEOMETRY)) AS g FROM edges WHERE target NOT IN (SELECT source FROM edges)";
    CHECK(ogr_value(csv, spur, "n", "-dialect SQLite") == "1");
    CHECK(ogr_value(csv, spur, "class", "-dialect SQLite") == "primary");
    CHECK(ogr_value(csv, spur, "d", "-dialect SQLite") == "61.654");
    CHECK(ogr_value(csv, spur, "g", "-dialect SQLite") == "LINESTRING(0.02 0, 0.03 0)");
    // Every two-way road gives a pair of rows with source and target swapped.
    const std::string pairs =
        "SELECT COUNT(*) AS n FROM edges a JOIN edges b ON a.source = b.target AND "
        "a.target = b.source";
    CHECK(ogr_value(csv, pairs, "n", "-dialect SQLite") == "10");
    CHECK(ogr_value(csv, "SELECT COUNT(*) AS n FROM edges WHERE road_class = 'residential'", "n") ==
          "2");

    // The walking network has every road both ways: 12 rows, into a GeoPackage layer.
    const std::string gpkg = dir.file("net.gpkg");
    REQUIRE(run_muster("network " + quote(db) + " --profile walk --out " + quote(gpkg + ":walk"))
                .status == 0);
    CHECK(ogr_feature_count(gpkg, "walk") == 12);
}

TEST_CASE("every output format opens in ogrinfo with the right feature count") {
    TempDir dir;
    const std::string db = import_map(dir);
    auto out = [&](const std::string& command, const std::string& args, const std::string& file) {
        const Run run = run_muster(command + " " + quote(db) + " " + args +
                                   " --no-db-hazards --out " + quote(file));
        INFO(run.output);
        REQUIRE(run.status == 0);
        CHECK(contains(run.output, "wrote "));
    };
    const std::string gpkg = dir.file("results.gpkg");
    out("nearest", "--at 0.019,0 --kind ambulance -k 4", gpkg);
    out("route", "--from 0,0 --to 0.02,0", gpkg + ":detour");
    CHECK(ogr_feature_count(gpkg, "nearest_facilities") ==
          4);                                       // the unreachable one too, without geometry
    CHECK(ogr_feature_count(gpkg, "detour") == 1);  // and the first layer is still there

    out("route", "--from 0,0 --to 0.02,0", dir.file("route.shp"));
    CHECK(ogr_feature_count(dir.file("route.shp")) == 1);
    std::ifstream cpg(dir.file("route.cpg"));
    std::string encoding;
    cpg >> encoding;
    CHECK(encoding == "UTF-8");

    out("matrix", "--sources teams --targets " + source("points.csv"), dir.file("matrix.csv"));
    CHECK(ogr_feature_count(dir.file("matrix.csv")) == 6 * 2);

    // Isochrones: the polygons in the file named, the reached roads beside it (6 + 7, see above).
    out("isochrone", "--at 0.005,0 --minutes 1,2", dir.file("iso.geojson"));
    CHECK(ogr_feature_count(dir.file("iso.geojson")) == 2);
    CHECK(ogr_feature_count(dir.file("iso_service_area_lines.geojson")) == 13);
    out("isochrone", "--at 0.005,0 --minutes 1,2", gpkg + ":iso");
    CHECK(ogr_feature_count(gpkg, "iso") == 2);
    CHECK(ogr_feature_count(gpkg, "iso_service_area_lines") == 13);

    // --format geojson prints the same layers as one FeatureCollection.
    const Run geojson = run_muster("isochrone " + quote(db) +
                                   " --at 0.005,0 --minutes 1,2 --no-db-hazards --format geojson");
    REQUIRE(geojson.status == 0);
    const json collection = json::parse(geojson.output);
    CHECK(collection.at("type") == "FeatureCollection");
    CHECK(collection.at("features").size() == 2 + 13);
    const Run lines =
        run_muster("nearest " + quote(db) + " --at 0.019,0 --no-db-hazards --format geojson");
    REQUIRE(lines.status == 0);
    const json nearest = json::parse(lines.output);
    REQUIRE(nearest.at("features").size() == 3);
    CHECK(nearest.at("features")[0].at("geometry").at("type") == "LineString");
    CHECK(nearest.at("features")[0].at("properties").at("reachable") == true);
}

TEST_CASE("routing commands refuse bad points with exit 1 and a message naming the problem") {
    TempDir dir;
    const std::string db = import_map(dir);
    auto fails = [&](const std::string& args, const std::string& message) {
        const Run run = run_muster(args);
        INFO(args + "\n" + run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, message));
    };
    const std::string d = quote(db);
    fails("nearest " + d + " --at abc", "--at: 'abc' is not LON,LAT");
    fails("nearest " + d + " --at x,0", "the longitude 'x' is not a number");
    fails("nearest " + d + " --at 0,nan", "the latitude 'nan' is not a number");
    fails("nearest " + d + " --at 181,0", "longitude outside [-180, 180]");
    fails("nearest " + d + " --at 0.01,91", "latitude outside [-90, 90]");
    fails("nearest " + d + " --at 0.5,0.5",
          "the incident 0.5,0.5 is farther than 1,000 m from any road");
    fails("route " + d + " --from 0,0 --to 0.02,0.02", "the end 0.02,0.02 is farther than 1,000 m");
    fails("route " + d + " --from team:amb-nowhere --to 0,0",
          "--from: no team with id 'amb-nowhere'");
    fails("route " + d + " --from 0,0 --to hospital:h-nowhere",
          "--to: no hospital with id 'h-nowhere'");
    fails("route " + d + " --from vehicle:x --to 0,0", "unknown entity kind 'vehicle'");
    fails("isochrone " + d + " --at 0,0 --minutes 0", "--minutes: '0' is not a number of minutes");
    fails("isochrone " + d + " --at 0,0 --minutes 5,-10", "'-10' is not a number of minutes");
    fails("isochrone " + d + " --at 0,0 --minutes 5,,10", "'' is not a number of minutes");
    fails("matrix " + d + " --sources '0,0;0,x' --targets teams", "--sources: '0,x'");
    fails("matrix " + d + " --sources teams --targets " + quote(dir.file("none.csv")),
          "none.csv: no such file");
}

TEST_CASE("nearest refuses filters that match nothing, saying what the database holds") {
    TempDir dir;
    const std::string db = import_map(dir);
    auto fails = [&](const std::string& args, const std::string& message) {
        const Run run = run_muster("nearest " + quote(db) + " --at 0.019,0 " + args);
        INFO(args + "\n" + run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, message));
    };
    fails("--kind ambulanse",
          "no team of kind 'ambulanse' (teams by kind in the database: ambulance 5, fire 1)");
    fails("--kind fire --status busy", "no fire team with status 'busy'");
    fails("--region north", "no available team in region 'north'");
    fails("-k 0", "k: must be at least 1");
    fails("--to hospitals --status open", "hospitals have no status");
    fails("--to hospitals --kind ambulance", "hospitals have no kind");
    fails("--to shelters --region west", "shelters have no region");
    fails("--to shelters --kind central", "no shelter of kind 'central'");
}

TEST_CASE("routing commands: usage errors exit 2, bad outputs and databases exit 1") {
    TempDir dir;
    const std::string db = import_map(dir);
    const std::string d = quote(db);
    for (const std::string& args :
         {"nearest " + d, "route " + d + " --from 0,0", "isochrone " + d + " --at 0,0",
          "matrix " + d + " --sources teams", "network " + d}) {
        const Run run = run_muster(args);
        INFO(args + "\n" + run.output);
        CHECK(run.status == 2);
        CHECK(contains(run.output, "is required"));
    }
    const Run format = run_muster("nearest " + d + " --at 0,0 --format xml");
    CHECK(format.status == 2);
    CHECK(contains(format.output, "--format"));
    const Run profile = run_muster("route " + d + " --from 0,0 --to 0.01,0 --profile bike");
    CHECK(profile.status == 2);

    // An output format GDAL cannot write is refused before any work, naming the file.
    const std::string bad = dir.file("out.xyz");
    const Run out = run_muster("route " + d + " --from 0,0 --to 0.02,0 --out " + quote(bad));
    CHECK(out.status == 1);
    CHECK(contains(out.output, bad + ": unknown output format '.xyz'"));
    CHECK_FALSE(contains(out.output, "duration"));
    const Run dirless =
        run_muster("network " + d + " --out " + quote(dir.file("no/such/dir/net.gpkg")));
    CHECK(dirless.status == 1);
    CHECK(contains(dirless.output, "no/such/dir/net.gpkg: cannot create"));

    // Nor into the resource database itself (a layer of it could replace one of its tables).
    const Run into_db =
        run_muster("route " + d + " --from 0,0 --to 0.02,0 --out " + quote(db + ":route"));
    CHECK(into_db.status == 1);
    CHECK(contains(into_db.output, "is the resource database"));
    CHECK(run_muster("info " + d).status == 0);

    const std::string missing = dir.file("missing.sqlite");
    const Run none = run_muster("nearest " + quote(missing) + " --at 0,0");
    CHECK(none.status == 1);
    CHECK(contains(none.output, missing));
    CHECK_FALSE(std::filesystem::exists(missing));
}
