#pragma once
// Test support: the street of tests/fixtures/coverage with the ambulances of
// tests/fixtures/response, on the equator (0.001° of longitude is 111.319 m):
//
//   hall (0) ---- t-west (0.003) ------------ t-east (0.015) --[z-east]-- school (0.020)
//   s-hall emergency shelter               120 people  80 people             s-school fixed shelter
//   a-hall-1 (available), a-hall-2 (busy)                                    a-school (available)
//
// The street is residential, driven at 25 km/h: hall to t-west 333.958 m (48.09 s), to t-east
// 1,669.79 m (240.45 s); school to t-east 556.597 m (80.15 s), to t-west 1,892.43 m. t-hills (10
// people) lies 3 km from any road. The closure z-east (coverage/closure.geojson) closes the
// school's end of the street. The street is Long Street from the hall to t-east, then School
// Bridge (a bridge, 556.597 m) to the school.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test::street_map {

constexpr double kMetresPerSecond = 25 / 3.6;
constexpr double kHallToWestS = 333.958 / kMetresPerSecond;
constexpr double kHallToEastS = 1669.79 / kMetresPerSecond;
constexpr double kSchoolToEastS = 556.597 / kMetresPerSecond;

/// Imports the street with its townships and teams (and its shelters if asked) into `dir`;
/// returns the database's path.
inline std::string import_street(const TempDir& dir, bool with_shelters = false) {
    const std::string db = dir.file("street.sqlite");
    std::string args = "import " + quote(db) + " --roads " +
                       quote(fixture("coverage/roads.geojson")) + " --townships " +
                       quote(fixture("coverage/townships.geojson")) + " --teams " +
                       quote(fixture("response/teams.geojson"));
    if (with_shelters)
        args += " --shelters " + quote(fixture("coverage/shelters.geojson"));
    const Run run = run_muster(args);
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

/// The entry of `list` (a JSON array of objects) whose "id" is `id`.
inline const nlohmann::json& with_id(const nlohmann::json& list, const std::string& id) {
    for (const nlohmann::json& entry : list) {
        if (entry.at("id") == id)
            return entry;
    }
    FAIL("no entry with id " << id);
    throw;
}

}  // namespace muster::test::street_map
