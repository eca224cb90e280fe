// `muster stations` on the street of tests/support/street_map.hpp (0.001° is 111.319 m,
// 16.03 s at 25 km/h): stations now at the hall (0, two ambulances) and the school (0.020, one),
// candidates c-mid (0.009) and c-east (0.015); people at t-west (0.003, 120) and t-east (0.015,
// 80); t-hills (10) is off the roads. With no turnout and a 1-minute target only the hall covers
// t-west (48.1 s) and only c-east covers t-east (0 s); the school is 80.2 s from t-east, c-mid
// 96.2 s from both.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "tests/support/street_map.hpp"

namespace {

using namespace muster::test;
using namespace muster::test::street_map;
using nlohmann::json;

json stations_json(const std::string& db, const std::string& args) {
    const Run run = run_muster("stations " + quote(db) + " --format json --target-min 1 " +
                               "--turnout-min 0 --candidates " +
                               quote(fixture("response/candidates.geojson")) + " " + args);
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

/// Units planned per site id, for the sites that hold some now or in the plan.
std::map<std::string, int> planned(const json& answer) {
    std::map<std::string, int> out;
    for (const json& s : answer.at("stations")) {
        if (s.at("units_planned").get<int>() > 0)
            out[s.at("id")] = s.at("units_planned").get<int>();
    }
    return out;
}

}  // namespace

TEST_CASE("stations: expected covering moves a unit to the east, by hand") {
    TempDir dir;
    const std::string db = import_street(dir);
    // Two units, each busy half the time, moved freely. Both at the hall: t-west 0.75 × 120 =
    // 90; hall and c-east: 0.5 × 120 + 0.5 × 80 = 100; both at c-east: 0.75 × 80 = 60.
    const json a = stations_json(db, "--model mexclp --busy 0.5 --units 2 --existing move");
    CHECK(a.at("optimal") == true);
    CHECK(a.at("objective").get<double>() == Approx(100));
    CHECK(planned(a) == std::map<std::string, int>{{"station:a-hall-1", 1}, {"c-east", 1}});
    CHECK(a.at("fleet") == 3);  // both hall ambulances and the school's, whatever their status
    CHECK(a.at("unreached_population").get<double>() == Approx(10));
    // Now: the hall's two cover t-west twice, 0.75 × 120 = 90; nobody reaches t-east in time.
    CHECK(a.at("now").at("expected_covered").get<double>() == Approx(90));
    CHECK(a.at("now").at("covered_once").get<double>() == Approx(120));
    // Keeping the stations: the hall and the school keep a unit each, the third goes east
    // (100) rather than to the hall (90).
    const json kept = stations_json(db, "--model mexclp --busy 0.5 --existing keep");
    CHECK(planned(kept) == std::map<std::string, int>{
                               {"station:a-hall-1", 1}, {"station:a-school", 1}, {"c-east", 1}});
}

TEST_CASE("stations: the double standard model and maximal covering, by hand") {
    TempDir dir;
    const std::string db = import_street(dir);
    // Everyone within 5 min (the hall reaches t-east in 240.5 s), half within 1 min: three units
    // cover t-west twice from the hall (120) and t-east once from c-east; two at c-east and one
    // at the hall cover only t-east twice (80).
    const json dsm =
        stations_json(db, "--model dsm --units 3 --existing move --long-target-min 5 --alpha 0.5");
    CHECK(dsm.at("objective").get<double>() == Approx(120));
    CHECK(planned(dsm) == std::map<std::string, int>{{"station:a-hall-1", 2}, {"c-east", 1}});
    CHECK(dsm.at("plan").at("covered_once").get<double>() == Approx(200));
    // Maximal covering with two units: the hall and c-east cover everyone reachable.
    const json mclp = stations_json(db, "--model mclp --units 2 --existing move");
    CHECK(mclp.at("plan").at("covered_once").get<double>() == Approx(200));
    CHECK(planned(mclp) == std::map<std::string, int>{{"station:a-hall-1", 1}, {"c-east", 1}});
}

TEST_CASE("stations refuses bad parameters, naming them") {
    TempDir dir;
    const std::string db = import_street(dir);
    const auto refused = [&](const std::string& args, const std::string& message) {
        const Run run = run_muster("stations " + quote(db) + " " + args);
        INFO(run.output);
        CHECK(run.status != 0);
        CHECK(run.output.find(message) != std::string::npos);
    };
    refused("--model pmedian", "--model: 'pmedian' is not dsm, mexclp or mclp");
    refused("--busy 1", "--busy: 1.00 is outside [0, 1)");
    refused("--alpha 2 --model dsm", "--alpha: 2.00 is outside [0, 1]");
    refused("--long-target-min 5", "--long-target-min: 5.0 is outside [12.0, 240] minutes");
    refused("--units 9", "9 units do not fit");
    refused("--candidates " + quote(dir.file("none.geojson")), "none.geojson");
}
