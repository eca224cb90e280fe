#pragma once
// Test support: the routing map of tests/fixtures/routing, small enough to work out by hand. It
// lies on the equator:
//
//            D (0.010, 0.010) ----r4 residential---- E (0.020, 0.010)
//                  |                                       |
//            r3 tertiary                             r5 tertiary
//                  |                                       |
//   A (0,0) --r1 primary-- B (0.010, 0) --r2 primary-- C (0.020, 0) --r6 primary, oneway--> F
//   (0.030, 0)
//                                    [z1: closed flood zone over r2, lon 0.014..0.016]
//
// Lengths: a degree of longitude on the equator is a·π/180 = 6,378,137 m × 0.0174532925 =
// 111,319.49 m, so r1 = r2 = r4 = r6 = 0.01 × 111,319.49 = 1,113.195 m (r4 at 0.01° N differs
// by less than 0.1 mm). A degree of latitude at the equator is a(1 − e²)·π/180 = 110,574.28 m, so
// r3 = r5 = 1,105.743 m. Speeds are the class defaults (docs/network.md): primary 65 km/h, tertiary
// 40, residential 25. Durations, rounded to the millisecond as the network stores them:
//   primary      1,113.195 m / (65 / 3.6 m/s) =  61.654 s
//   tertiary     1,105.743 m / (40 / 3.6 m/s) =  99.517 s
//   residential  1,113.195 m / (25 / 3.6 m/s) = 160.300 s
// A point part-way along a road pays that fraction of the road (rounded to the ms and mm), so
// figures are checked to 2 ms / 2 mm.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"

namespace muster::test {

inline constexpr double kPrimaryS = 61.654, kTertiaryS = 99.517, kResidentialS = 160.300;
inline constexpr double kLonRoadM = 1113.195, kLatRoadM = 1105.743;

/// The map with its teams, hospitals, shelters and the flood zone z1, imported into dir.
inline std::string import_routing_map(const TempDir& dir) {
    const std::string db = dir.file("map.sqlite");
    const auto source = [](const std::string& name) { return quote(fixture("routing/" + name)); };
    const Run run = run_muster(
        "import " + quote(db) + " --roads " + source("roads.geojson") + " --teams " +
        source("teams.geojson") + " --hospitals " + source("hospitals.geojson") + " --shelters " +
        source("shelters.geojson") + " --hazards " + source("hazards.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

/// A to C with z1 closing r2 goes round it, A-B-D-E-C = r1 + r3 + r4 + r5 = 61.654 + 99.517 +
/// 160.300 + 99.517 = 420.988 s over 2 × 1,113.195 + 2 × 1,105.743 = 4,437.876 m.
inline void check_detour_around_z1(const nlohmann::json& route) {
    CHECK(route.at("duration_s").get<double>() ==
          Approx(kPrimaryS + 2 * kTertiaryS + kResidentialS).margin(0.002));
    CHECK(route.at("distance_m").get<double>() ==
          Approx(2 * kLonRoadM + 2 * kLatRoadM).margin(0.002));
    CHECK(route.at("metric") == "hazards:z1");
    CHECK(route.at("geometry").at("coordinates") ==
          nlohmann::json::parse(
              "[[0.0, 0.0], [0.01, 0.0], [0.01, 0.01], [0.02, 0.01], [0.02, 0.0]]"));
}

}  // namespace muster::test
