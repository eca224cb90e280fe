// `muster compare` on the street of tests/support/street_map.hpp (shelters
// s-hall, emergency, and s-school, fixed; ambulances a-hall-1 available, a-hall-2 busy, a-school
// available). The scenario of tests/fixtures/response/scenario.json closes the street's east end
// (z-east, which closes the road from t-east to the school and the school's ambulance's only
// road) and takes a-hall-1 out of service: no ambulance can reach anyone, and t-east can no
// longer walk to the school.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/street_map.hpp"

namespace {

using namespace muster::test;
using namespace muster::test::street_map;
using nlohmann::json;

}  // namespace

TEST_CASE("compare: the east flood and the hall ambulance out, against the street as it is") {
    TempDir dir;
    const std::string db = import_street(dir, true);
    const std::string out = dir.file("compare.gpkg");
    const Run run = run_muster(
        "compare " + quote(db) + " --scenario " + quote(fixture("response/scenario.json")) +
        " --target-min 5.5 --turnout-min 1 --format json --out " + quote(out));
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json a = json::parse(run.output.substr(0, run.output.rfind("wrote")));
    CHECK(a.at("scenario") == "East flood, hall ambulance out");
    const json& totals = a.at("totals");
    // Ambulances: 200 covered (t-west by the hall 48 s, t-east by the school 80 s); then none.
    CHECK(totals.at("response_covered").at("baseline") == 200);
    CHECK(totals.at("response_covered").at("scenario") == 0);
    CHECK(totals.at("response_covered").at("change") == -200);
    CHECK(totals.at("response_unreached").at("scenario") == 210);
    // Shelters (as test_coverage_cli.cpp): 200 within walking, then 120.
    CHECK(totals.at("shelter_covered").at("baseline") == 200);
    CHECK(totals.at("shelter_covered").at("scenario") == 120);
    const json& east = with_id(a.at("by_township"), "t-east");
    CHECK(east.at("response_covered").at("change") == -80);
    CHECK(east.at("shelter_covered").at("change") == -80);
    CHECK(with_id(a.at("by_township"), "t-west").at("shelter_covered").at("change") == 0);
    // No depots: relief is not compared, and says why.
    CHECK_FALSE(a.at("relief_note").get<std::string>().empty());
    CHECK(a.at("casualties").is_null());
    std::string rows;
    REQUIRE(run_command("ogrinfo -q -sql 'SELECT response_covered_change FROM scenario_townships "
                        "WHERE township_id = '\"'t-east'\" " +
                            quote(out),
                        &rows) == 0);
    CHECK(rows.find("response_covered_change (Integer") != std::string::npos);
    CHECK(rows.find("= -80") != std::string::npos);
}

TEST_CASE("compare refuses a scenario naming an unknown team or key, and a missing file") {
    TempDir dir;
    const std::string db = import_street(dir, true);
    const auto refused = [&](const std::string& scenario, const std::string& message) {
        const Run run = run_muster("compare " + quote(db) + " --scenario " + quote(scenario));
        INFO(run.output);
        CHECK(run.status != 0);
        CHECK(run.output.find(message) != std::string::npos);
    };
    refused(fixture("response/scenario_unknown_team.json"),
            "teams_out_of_service: no entity with id 'a-nowhere' in the database");
    refused(fixture("response/scenario_unknown_key.json"), "key roads_closed: unknown key");
    refused(dir.file("none.json"), "none.json: cannot read the file");
}
