#pragma once
// Test support for the --coordinates / coordinates= tests of the command line and the service:
// the clip of central Nanjing's roads (tests/fixtures/coordinates), two street corners on it, and
// points as the commands take and give them.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "engine/coordinate.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test::nanjing_clip {

// Two street corners of the clip, WGS84.
constexpr LonLat kStart{118.7780, 32.0400};
constexpr LonLat kEnd{118.7880, 32.0480};
// JSON positions are rounded to 1e-7° (tools/present/geojson.hpp).
constexpr double kRoundingDeg = 1.5e-7;

/// `lon,lat` as the commands take a point, to 10 decimals.
inline std::string text(LonLat p) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10f,%.10f", p.lon, p.lat);
    return buffer;
}

/// A GeoJSON position [lon, lat].
inline LonLat position(const nlohmann::json& pair) {
    return {pair.at(0).get<double>(), pair.at(1).get<double>()};
}

/// The clip's roads and hospitals imported into dir/nanjing.sqlite; its path.
inline std::string import_nanjing(const TempDir& dir) {
    const std::string db = dir.file("nanjing.sqlite");
    const Run run = run_muster("import " + quote(db) + " --roads " +
                               quote(fixture("coordinates/nanjing-roads.geojson")) +
                               " --hospitals " + quote(fixture("coordinates/hospitals.geojson")));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

}  // namespace muster::test::nanjing_clip
