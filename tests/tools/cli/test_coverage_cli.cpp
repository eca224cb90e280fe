// `muster coverage` on a street small enough to work out by hand, tests/fixtures/coverage, on the
// equator (a degree of longitude is 111,319.49 m there):
//
//   s-hall (0, 0) ---- t-west (0.003) ------------ t-east, s-church (0.015) --[z-east]-- s-school
//   (0.020) emergency, 100                 120 people      80 people, church closed        fixed,
//   50
//
// The street is three residential ways cut at 0.003° and 0.015°; the hazard z-east closes the
// last one. Walking distances: t-west to s-hall 0.003° = 333.958 m, to s-school 0.017° =
// 1,892.43 m; t-east to s-hall 0.015° = 1,669.79 m (beyond the 500 m of an emergency shelter),
// to s-school 0.005° = 556.597 m. The polygon township t-hills (10 people) lies 3 km from the
// street: its demand points snap nowhere and stay uncovered.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr double kWestToHallM = 333.958, kEastToSchoolM = 556.597;

std::string source(const std::string& name) {
    return quote(fixture("coverage/" + name));
}

std::string import_street(const TempDir& dir) {
    const std::string db = dir.file("street.sqlite");
    const Run run =
        run_muster("import " + quote(db) + " --roads " + source("roads.geojson") + " --townships " +
                   source("townships.geojson") + " --shelters " + source("shelters.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

json coverage_json(const std::string& db, const std::string& args = "") {
    const Run run = run_muster("coverage " + quote(db) + " --format json " + args);
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

const json& township(const json& answer, const std::string& id) {
    for (const json& t : answer.at("by_township")) {
        if (t.at("id") == id)
            return t;
    }
    FAIL("no township " << id);
    throw;
}

}  // namespace

TEST_CASE("coverage and assignment on the street, worked out by hand") {
    TempDir dir;
    const json answer = coverage_json(import_street(dir));
    CHECK(answer["population"] == 210);
    // t-west reaches both shelters, t-east only the school; t-hills nothing.
    CHECK(answer["covered"] == 200);
    CHECK(answer["by_class"]["emergency"]["covered"] == 120);
    CHECK(answer["by_class"]["fixed"]["covered"] == 200);
    CHECK(answer["unsnapped_population"] == 10);
    // Capacities 100 + 50 place 150: the hall takes 100 of t-west (333.958 m each), the school
    // 50 of t-east (556.597 m each; t-west would walk 1,892 m): 61,225.65 person-metres.
    CHECK(answer["assigned"] == 150);
    CHECK(answer["unassigned"] == 60);
    CHECK(answer["person_km"].get<double>() ==
          Approx((100 * kWestToHallM + 50 * kEastToSchoolM) / 1000).margin(0.001));
    CHECK(township(answer, "t-west")["unassigned"] == 20);
    CHECK(township(answer, "t-east")["unassigned"] == 30);
    CHECK(township(answer, "t-hills")["uncovered"] == 10);
    // Everyone to the nearest: the hall gets 120 (20 over), the school 80 (30 over).
    CHECK(answer["nearest_policy"]["overflowing_shelters"] == 2);
    CHECK(answer["nearest_policy"]["people_over_capacity"] == 50);
    CHECK(answer["nearest_policy"]["person_km"].get<double>() ==
          Approx((120 * kWestToHallM + 80 * kEastToSchoolM) / 1000).margin(0.001));
    REQUIRE(answer["closed_shelters"].size() == 1);
    CHECK(answer["closed_shelters"][0]["id"] == "s-church");
}

TEST_CASE("a hazard closing the street cuts t-east off from the school") {
    TempDir dir;
    const json answer = coverage_json(import_street(dir), "--hazards " + source("closure.geojson"));
    CHECK(answer["covered"] == 120);
    CHECK(answer["by_class"]["fixed"]["covered"] == 0);
    CHECK(township(answer, "t-east")["covered"] == 0);
    CHECK(answer["assigned"] == 100);
    CHECK(answer["unassigned"] == 110);
}

TEST_CASE("coverage writes its layers") {
    TempDir dir;
    const std::string db = import_street(dir);
    const std::string out = dir.file("coverage.gpkg");
    const Run run = run_muster("coverage " + quote(db) + " --out " + quote(out));
    INFO(run.output);
    REQUIRE(run.status == 0);
    std::string listing;
    REQUIRE(muster::test::run_command("ogrinfo -q " + quote(out), &listing) == 0);
    for (const char* layer :
         {"demand_points", "demand_points_shelter_assignment", "demand_points_shelters",
          "demand_points_uncovered_cells", "demand_points_townships"})
        CHECK(listing.find(layer) != std::string::npos);
    // Two assignment lines: t-west -> s-hall (100), t-east -> s-school (50).
    std::string count;
    REQUIRE(muster::test::run_command(
                "ogrinfo -q -sql 'SELECT SUM(people_assigned) AS p, COUNT(*) AS n FROM "
                "demand_points_shelter_assignment' " +
                    quote(out),
                &count) == 0);
    CHECK(count.find("p (Integer) = 150") != std::string::npos);
    CHECK(count.find("n (Integer) = 2") != std::string::npos);
}

TEST_CASE("coverage --lang zh prints the summary in Chinese, figures aligned") {
    // The figures of the street worked out above: 210 people, 120 covered by the emergency hall,
    // 150 placed within capacity, 60 not.
    TempDir dir;
    const Run run = run_muster("coverage " + quote(import_street(dir)) + " --lang zh");
    INFO(run.output);
    REQUIRE(run.status == 0);
    // Labels padded to 20 display columns (a Chinese character takes two).
    CHECK(run.output.find("\n人口                210\n") != std::string::npos);
    CHECK(run.output.find("\n  紧急避难场所覆盖  120\n") != std::string::npos);
    CHECK(run.output.find("\n未安置              60\n") != std::string::npos);
    CHECK(run.output.find("乡镇") != std::string::npos);
}

TEST_CASE("coverage refuses bad service distances and cell sizes") {
    TempDir dir;
    const std::string db = import_street(dir);
    const Run radius = run_muster("coverage " + quote(db) + " --emergency-m -5");
    CHECK(radius.status == 1);
    CHECK(radius.output.find("emergency") != std::string::npos);
    const Run cell = run_muster("coverage " + quote(db) + " --cell-m 0");
    CHECK(cell.status == 1);
    CHECK(cell.output.find("cell size") != std::string::npos);
    const Run missing = run_muster("coverage " + quote(dir.file("nowhere.sqlite")));
    CHECK(missing.status == 1);
    CHECK(missing.output.find("nowhere.sqlite") != std::string::npos);
}
