// `muster response` on the street of tests/support/street_map.hpp (a fire team at the hall too),
// each figure worked out from its road lengths at 25 km/h.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/street_map.hpp"

namespace {

using namespace muster::test;
using namespace muster::test::street_map;
using nlohmann::json;

json response_json(const std::string& db, const std::string& args) {
    const Run run = run_muster("response " + quote(db) + " --format json " + args);
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

json read_json(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

}  // namespace

TEST_CASE("response on the street: first and backup ambulance within 5.5 min, by hand") {
    TempDir dir;
    const std::string db = import_street(dir);
    // Drive limit 5.5 - 1 = 4.5 min, 270 s: every first response; the backup of t-east (the hall,
    // 240.45 s) but not that of t-west (the school, 1892.43 m, 272.51 s).
    const json a = response_json(db, "--target-min 5.5 --turnout-min 1");
    CHECK(a.at("drive_limit_s").get<double>() == Approx(270.0));
    CHECK(a.at("population") == 210);
    CHECK(a.at("covered") == 200);
    CHECK(a.at("backed") == 80);
    CHECK(a.at("unreached") == 10);
    CHECK(a.at("within_radius") == 200);
    CHECK(a.at("units").size() == 2);  // the busy ambulance and the fire team do not respond
    const double mean_drive = (120 * kHallToWestS + 80 * kSchoolToEastS) / 200;
    CHECK(a.at("mean_response_s").get<double>() == Approx(60 + mean_drive).margin(0.1));
    CHECK(a.at("longest_response_s").get<double>() == Approx(60 + kSchoolToEastS).margin(0.1));
    const json& west = with_id(a.at("by_township"), "t-west");
    CHECK(west.at("covered") == 120);
    CHECK(west.at("backed") == 0);
    CHECK(west.at("mean_response_s").get<double>() == Approx(60 + kHallToWestS).margin(0.1));
    const json& east = with_id(a.at("by_township"), "t-east");
    CHECK(east.at("covered") == 80);
    CHECK(east.at("backed") == 80);
    CHECK(with_id(a.at("by_township"), "t-hills").at("unreached") == 10);
    CHECK(with_id(a.at("by_township"), "t-hills").at("mean_response_s").is_null());
    CHECK(with_id(a.at("units"), "a-hall-1").at("first_for_population") == 120);
    CHECK(with_id(a.at("units"), "a-hall-1").at("backup_for_population") == 80);
    CHECK(with_id(a.at("units"), "a-school").at("first_for_population") == 80);
    CHECK(with_id(a.at("units"), "a-school").at("backup_for_population") == 120);
}

TEST_CASE("response: the service radius, the busy ambulance, and a closure") {
    TempDir dir;
    const std::string db = import_street(dir);
    // t-east's quickest ambulance drives 556.6 m: beyond a 500 m radius.
    CHECK(response_json(db, "--radius-m 500").at("within_radius") == 120);
    // With every status, the hall's second ambulance backs t-west up at the same 48.09 s.
    const json any = response_json(db, "--status any --target-min 5.5 --turnout-min 1");
    CHECK(any.at("units").size() == 3);
    CHECK(with_id(any.at("by_township"), "t-west").at("backed") == 120);
    CHECK(with_id(any.at("units"), "a-hall-2").at("backup_for_population") == 120);
    // z-east closes the school's only road: the hall answers both, nobody has a backup.
    const json closed = response_json(db, "--target-min 5.5 --turnout-min 1 --hazards " +
                                              quote(fixture("coverage/closure.geojson")));
    CHECK(closed.at("covered") == 200);
    CHECK(closed.at("backed") == 0);
    CHECK(with_id(closed.at("by_township"), "t-east").at("longest_response_s").get<double>() ==
          Approx(60 + kHallToEastS).margin(0.1));
    CHECK(with_id(closed.at("units"), "a-school").at("first_for_population") == 0);
}

TEST_CASE("response writes its layers, and prints its table") {
    TempDir dir;
    const std::string db = import_street(dir);
    const std::string out = dir.file("response.geojson");
    const Run run = run_muster("response " + quote(db) +
                               " --target-min 5.5 --turnout-min 1 --out " + quote(out));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(run.output.find("within target     200 (95.2 %)") != std::string::npos);
    CHECK(run.output.find("t-west") != std::string::npos);
    const json cells = read_json(out);
    // A point each for t-west and t-east; t-hills' 10 people spread evenly over its cells, one
    // each in ten of them (cells that receive nobody are left out).
    REQUIRE(cells.at("features").size() == 12);
    const json& west = cells.at("features").at(0).at("properties");
    CHECK(west.at("township_id") == "t-west");
    CHECK(west.at("team_id") == "a-hall-1");
    CHECK(west.at("response_time_min").get<double>() ==
          Approx((60 + kHallToWestS) / 60).margin(0.01));
    CHECK(west.at("backup_team_id") == "a-school");
    CHECK(west.at("backup_covered") == false);
    const json units = read_json(dir.file("response_response_units.geojson"));
    CHECK(units.at("features").size() == 2);
}

TEST_CASE("response refuses bad targets, radii and kinds, naming the parameter") {
    TempDir dir;
    const std::string db = import_street(dir);
    const Run turnout = run_muster("response " + quote(db) + " --target-min 3 --turnout-min 3");
    CHECK(turnout.status == 1);
    CHECK(turnout.output.find("turnout (turnout-min): 3.0 is outside [0, 3.0) minutes") !=
          std::string::npos);
    const Run target = run_muster("response " + quote(db) + " --target-min 0");
    CHECK(target.status == 1);
    CHECK(target.output.find("response target (target-min)") != std::string::npos);
    const Run radius = run_muster("response " + quote(db) + " --radius-m -1");
    CHECK(radius.status == 1);
    CHECK(radius.output.find("service radius (radius-m)") != std::string::npos);
    const Run kind = run_muster("response " + quote(db) + " --kind helicopter");
    CHECK(kind.status != 0);
    CHECK(kind.output.find("helicopter") != std::string::npos);
}
