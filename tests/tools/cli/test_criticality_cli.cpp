// `muster criticality` on the street of tests/support/street_map.hpp: its residential ways meet
// end to end with no side road, so they are one stretch of 0.020° of the equator (2,226.39 m);
// closing it leaves no ambulance a road to drive on and nobody a way to walk to the shelters
// (s-hall, s-school). A 5.5-minute target (1 minute turnout) covers t-west and t-east, 200
// people; t-hills' 10 are off the roads either way. Its names and its bridge come from the road
// table: Long Street for 1,669.79 m, then School Bridge for 556.597 m.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/street_map.hpp"

namespace {

using namespace muster::test;
using namespace muster::test::street_map;
using nlohmann::json;

}  // namespace

TEST_CASE("criticality: the street is one stretch, and losing it cuts everyone off") {
    TempDir dir;
    const std::string db = import_street(dir, true);
    const std::string out = dir.file("critical.gpkg");
    const Run run = run_muster("criticality " + quote(db) +
                               " --classes residential --target-min 5.5 --turnout-min 1 "
                               "--format json --out " +
                               quote(out));
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json a = json::parse(run.output.substr(0, run.output.rfind("wrote")));
    CHECK(a.at("stretches_tried") == 1);
    CHECK(a.at("covered") == 200);
    REQUIRE(a.at("ranked").size() == 1);
    const json& street = a.at("ranked")[0];
    CHECK(street.at("length_m").get<double>() == Approx(2226.39).margin(0.1));
    CHECK(street.at("road_name") == "Long Street / School Bridge");
    CHECK(street.at("structure") == "bridge");
    CHECK(street.at("structure_length_m").get<double>() == Approx(556.597).margin(0.1));
    CHECK(a.at("stretches_over_structures") == 1);
    CHECK(a.at("ranked_by") == "coverage");
    CHECK(street.at("losing_coverage") == 200);
    CHECK(street.at("cut_off") == 200);
    CHECK(street.at("added_person_h").get<double>() == 0);
    // On foot too: t-west walks to the hall and t-east to the school along the street
    // (test_coverage_cli.cpp); with its ways closed, nobody reaches a shelter.
    CHECK(street.at("losing_shelter_access") == 200);
    std::string count;
    REQUIRE(run_command("ogrinfo -q -sql 'SELECT criticality_rank, people_cut_off, "
                        "road_structure FROM road_criticality' " +
                            quote(out),
                        &count) == 0);
    CHECK(count.find("people_cut_off (Integer64) = 200") != std::string::npos);
    CHECK(count.find("road_structure (String) = bridge") != std::string::npos);
}

TEST_CASE("criticality names the ranking it used, and lists only bridges and tunnels if asked") {
    TempDir dir;
    const std::string db = import_street(dir, true);
    const Run run = run_muster("criticality " + quote(db) +
                               " --classes residential --target-min 5.5 --turnout-min 1 "
                               "--rank-by shelter-access --structures-only --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json a = json::parse(run.output);
    CHECK(a.at("ranked_by") == "shelter-access");
    REQUIRE(a.at("ranked").size() == 1);  // the street crosses School Bridge
    CHECK(a.at("ranked")[0].at("losing_shelter_access") == 200);
    // Before format 7 the road table had no structures: without them, nothing is listed.
    REQUIRE(run_command("sqlite3 " + quote(db) + " 'UPDATE road SET structure = NULL'") == 0);
    const Run none = run_muster("criticality " + quote(db) +
                                " --classes residential --structures-only --format json");
    INFO(none.output);
    REQUIRE(none.status == 0);
    const json b = json::parse(none.output);
    CHECK(b.at("stretches_over_structures") == 0);
    CHECK(b.at("ranked").empty());
}

TEST_CASE("criticality refuses missing classes, a top of 0, an empty region, a bad ranking") {
    TempDir dir;
    const std::string db = import_street(dir, true);
    const Run none = run_muster("criticality " + quote(db) + " --classes motorway");
    CHECK(none.status != 0);
    CHECK(none.output.find("classes: the driving network has no road of motorway") !=
          std::string::npos);
    const Run top = run_muster("criticality " + quote(db) + " --top 0");
    CHECK(top.status != 0);
    CHECK(top.output.find("top: must be at least 1") != std::string::npos);
    // The units' options are the response's: a region with no team is refused, naming it.
    const Run region = run_muster("criticality " + quote(db) + " --region nowhere");
    CHECK(region.status != 0);
    CHECK(region.output.find("region 'nowhere'") != std::string::npos);
    const Run rank = run_muster("criticality " + quote(db) + " --rank-by speed");
    CHECK(rank.status != 0);
    CHECK(rank.output.find("--rank-by") != std::string::npos);
    CHECK(rank.output.find("speed") != std::string::npos);
}
