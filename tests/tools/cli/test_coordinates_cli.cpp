// --coordinates on the routing commands: points given in GCJ-02 (AMap/Gaode, Tencent) or BD-09
// (Baidu) are answered as the same points given in WGS84, and the answer comes back in the
// system they were given in.
//
// The map is a clip of central Nanjing's roads (tests/fixtures/coordinates), inside China, where
// GCJ-02 shifts positions by a few hundred metres. The GCJ-02 and BD-09 points are made from
// known WGS84 points by the forward formulas (engine/china_coordinates.hpp), which
// tests/engine/test_china_coordinates.cpp checks against pairs published by eviltransform and
// coordtransform; the forward formula has a closed form, so this tests muster's inverse and its
// plumbing, not the formula with itself.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "engine/china_coordinates.hpp"
#include "engine/geodesic.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/nanjing_clip.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::CoordinateSystem;
using muster::LonLat;
using namespace muster::test;
using namespace muster::test::nanjing_clip;
using nlohmann::json;

json query_json(const std::string& db, const std::string& args) {
    const Run run = run_muster(args.substr(0, args.find(' ')) + " " + quote(db) +
                               args.substr(args.find(' ')) + " --format json");
    INFO(args + "\n" + run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

}  // namespace

TEST_CASE("route with GCJ-02 or BD-09 ends is the route between the WGS84 points, shown back") {
    TempDir dir;
    const std::string db = import_nanjing(dir);
    const LonLat start_gcj = muster::wgs84_to_gcj02(kStart), end_gcj = muster::wgs84_to_gcj02(kEnd);
    // The research note's range of the GCJ-02 shift over China: 26-699 m; a real shift here.
    const double shift_m = muster::distance_m(kStart, start_gcj);
    CHECK(shift_m > 26);
    CHECK(shift_m < 699);

    const json wgs = query_json(db, "route --from " + text(kStart) + " --to " + text(kEnd));
    CHECK_FALSE(wgs.contains("coordinates"));
    const json gcj = query_json(
        db, "route --from " + text(start_gcj) + " --to " + text(end_gcj) + " --coordinates gcj02");
    CHECK(gcj.at("coordinates") == "gcj02");
    CHECK(gcj.at("duration_s").get<double>() == Approx(wgs.at("duration_s").get<double>()));
    CHECK(gcj.at("distance_m").get<double>() == Approx(wgs.at("distance_m").get<double>()));
    CHECK(gcj.at("from").at("snap_distance_m").get<double>() ==
          Approx(wgs.at("from").at("snap_distance_m").get<double>()).margin(0.001));

    // The answer is in GCJ-02: the given point comes back as given, and every point of the
    // route is the WGS84 route's point moved by the forward formula.
    const LonLat from = position(gcj.at("from").at("location"));
    CHECK(from.lon == Approx(start_gcj.lon).margin(kRoundingDeg));
    CHECK(from.lat == Approx(start_gcj.lat).margin(kRoundingDeg));
    const json& line_wgs = wgs.at("geometry").at("coordinates");
    const json& line_gcj = gcj.at("geometry").at("coordinates");
    REQUIRE(line_gcj.size() == line_wgs.size());
    for (std::size_t i = 0; i < line_wgs.size(); ++i) {
        const LonLat expected = muster::wgs84_to_gcj02(position(line_wgs[i]));
        CHECK(line_gcj[i].at(0).get<double>() == Approx(expected.lon).margin(2 * kRoundingDeg));
        CHECK(line_gcj[i].at(1).get<double>() == Approx(expected.lat).margin(2 * kRoundingDeg));
    }
    const LonLat snapped_wgs = position(wgs.at("from").at("snapped"));
    const LonLat snapped_gcj = position(gcj.at("from").at("snapped"));
    CHECK(muster::distance_m(snapped_wgs, snapped_gcj) == Approx(shift_m).margin(1.0));

    // BD-09 (Baidu): GCJ-02 shifted once more.
    const LonLat start_bd = muster::gcj02_to_bd09(start_gcj),
                 end_bd = muster::gcj02_to_bd09(end_gcj);
    const json bd = query_json(
        db, "route --from " + text(start_bd) + " --to " + text(end_bd) + " --coordinates baidu");
    CHECK(bd.at("coordinates") == "bd09");
    CHECK(bd.at("duration_s").get<double>() == Approx(wgs.at("duration_s").get<double>()));
    const LonLat from_bd = position(bd.at("from").at("location"));
    CHECK(from_bd.lon == Approx(start_bd.lon).margin(kRoundingDeg));
    CHECK(from_bd.lat == Approx(start_bd.lat).margin(kRoundingDeg));
}

TEST_CASE("nearest --at in GCJ-02 finds what the WGS84 point finds and its layer says gcj02") {
    TempDir dir;
    const std::string db = import_nanjing(dir);
    const LonLat at_gcj = muster::wgs84_to_gcj02(kStart);
    const json wgs = query_json(db, "nearest --at " + text(kStart) + " --to hospitals");
    const std::string layer = dir.file("nearest.geojson");
    const json gcj =
        query_json(db, "nearest --at " + text(at_gcj) + " --to hospitals --coordinates GCJ-02");
    CHECK(gcj.at("coordinates") == "gcj02");
    const LonLat incident = position(gcj.at("incident"));
    CHECK(incident.lon == Approx(at_gcj.lon).margin(kRoundingDeg));
    CHECK(incident.lat == Approx(at_gcj.lat).margin(kRoundingDeg));
    REQUIRE(gcj.at("results").size() == wgs.at("results").size());
    REQUIRE(wgs.at("results").size() == 2);
    for (std::size_t i = 0; i < wgs.at("results").size(); ++i) {
        const json& w = wgs.at("results")[i];
        const json& g = gcj.at("results")[i];
        CHECK(g.at("id") == w.at("id"));
        CHECK(g.at("duration_s").get<double>() == Approx(w.at("duration_s").get<double>()));
        const LonLat first_w = position(w.at("geometry").at("coordinates").at(0));
        const LonLat first_g = position(g.at("geometry").at("coordinates").at(0));
        const LonLat expected = muster::wgs84_to_gcj02(first_w);
        CHECK(first_g.lon == Approx(expected.lon).margin(2 * kRoundingDeg));
        CHECK(first_g.lat == Approx(expected.lat).margin(2 * kRoundingDeg));
    }

    // The layer written with --out: GCJ-02 geometries and a coord_sys column saying so; the
    // table says it too.
    const Run written = run_muster("nearest " + quote(db) + " --at " + text(at_gcj) +
                                   " --to hospitals --coordinates gcj02 --out " + quote(layer));
    INFO(written.output);
    REQUIRE(written.status == 0);
    CHECK(written.output.find("coordinates: gcj02") != std::string::npos);
    CHECK(written.output.find("positions are in gcj02 (column coord_sys)") != std::string::npos);
    std::ifstream in(layer);
    const json file = json::parse(in);
    const json& feature = file.at("features").at(0);
    CHECK(feature.at("properties").at("coord_sys") == "gcj02");
    const LonLat file_first = position(feature.at("geometry").at("coordinates").at(0));
    const LonLat json_first = position(gcj.at("results")[0].at("geometry").at("coordinates").at(0));
    CHECK(file_first.lon == Approx(json_first.lon).margin(kRoundingDeg));
    CHECK(file_first.lat == Approx(json_first.lat).margin(kRoundingDeg));
}

TEST_CASE("routing with --coordinates gcj02 outside China changes no position") {
    // The tiny map of tests/fixtures/routing lies on the equator at 0° E, outside China's box,
    // where GCJ-02 equals WGS84.
    TempDir dir;
    const std::string db = dir.file("map.sqlite");
    const Run import =
        run_muster("import " + quote(db) + " --roads " + quote(fixture("routing/roads.geojson")) +
                   " --teams " + quote(fixture("routing/teams.geojson")));
    INFO(import.output);
    REQUIRE(import.status == 0);
    const json wgs = query_json(db, "nearest --at 0.019,0 -k 2");
    const json gcj = query_json(db, "nearest --at 0.019,0 -k 2 --coordinates gcj02");
    CHECK(gcj.at("coordinates") == "gcj02");
    CHECK(gcj.at("incident") == json::array({0.019, 0.0}));
    json without = gcj;
    without.erase("coordinates");
    CHECK(without == wgs);
}

TEST_CASE("routing commands refuse a --coordinates they do not know, naming the ones taken") {
    TempDir dir;
    const std::string db = import_nanjing(dir);
    const Run run = run_muster("route " + quote(db) +
                               " --from 118.778,32.04 --to 118.788,32.048 "
                               "--coordinates utm50");
    INFO(run.output);
    CHECK(run.status == 1);
    CHECK(run.output.find("--coordinates: 'utm50' is not a coordinate system") !=
          std::string::npos);
    CHECK(run.output.find("gcj02") != std::string::npos);
    CHECK(run.output.find("bd09") != std::string::npos);
    CHECK(run.output.find("wgs84") != std::string::npos);
}
