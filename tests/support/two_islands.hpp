#pragma once
// Test support: two islands joined by ferries, as an OpenStreetMap XML file imported by the
// built `muster`, with its travel times worked by hand.
//
// On the equator east of 10° E (x below is the longitude's thousandths past 10°), vertices 0.001°
// apart (0.001° east-west = 111.3194908 m, north-south 110.5742758 m;
// tests/engine/test_network_builder.cpp). Not at 0° E: GDAL's OSM driver drops a way with a node
// at exactly (0, 0).
//
//   y=5                          + X
//                                | "Skerry Boat": route=ferry, foot only, no duration
//   y=0  W1----W2 ~~~~~~~~~~~~~~ M ~~~~~~~~~~~~~~ E1----E2
//       x=0   x=2  "Strait Ferry": route=ferry, duration 00:20,   x=12  x=14
//       West Road                motor_vehicle=yes                  East Road
//       (residential)                                               (residential)
//
// West Road and East Road: 222.6389816 m each, at 25 km/h 32.060 s, on foot (5 km/h) 160.300 s.
// Strait Ferry: 1113.194908 m in 20 min + 10 min boarding = 1800 s, for cars and people.
// Skerry Boat: 552.871379 m at 20 km/h = 99.517 s + 600 s = 699.517 s, for people only.

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

inline constexpr double kIslandRoadDriveS = 32.060;
inline constexpr double kIslandRoadWalkS = 160.300;
inline constexpr double kStraitCrossingS = 1800.0;
inline constexpr double kStraitLengthM = 1113.194908;
inline constexpr double kSkerryCrossingS = 552.871379 / (20 / 3.6) + 600;
inline constexpr double kSkerryLengthM = 552.871379;

/// The two islands' OSM XML.
inline std::string two_islands_osm() {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="muster tests">
  <node id="1" lat="0" lon="10"/>
  <node id="2" lat="0" lon="10.002"/>
  <node id="3" lat="0" lon="10.007"/>
  <node id="4" lat="0" lon="10.012"/>
  <node id="5" lat="0" lon="10.014"/>
  <node id="6" lat="0.005" lon="10.007"/>
  <way id="10"><nd ref="1"/><nd ref="2"/>
    <tag k="highway" v="residential"/><tag k="name" v="West Road"/></way>
  <way id="20"><nd ref="2"/><nd ref="3"/><nd ref="4"/>
    <tag k="route" v="ferry"/><tag k="duration" v="00:20"/><tag k="motor_vehicle" v="yes"/>
    <tag k="name" v="Strait Ferry"/></way>
  <way id="30"><nd ref="3"/><nd ref="6"/>
    <tag k="route" v="ferry"/><tag k="motorcar" v="no"/><tag k="name" v="Skerry Boat"/></way>
  <way id="40"><nd ref="4"/><nd ref="5"/>
    <tag k="highway" v="residential"/><tag k="name" v="East Road"/></way>
</osm>
)";
}

/// Writes the islands to `dir`, imports them into a new database there and returns its path.
inline std::string import_two_islands(const TempDir& dir) {
    const std::string osm = dir.write("islands.osm", two_islands_osm());
    const std::string db = dir.file("islands.sqlite");
    const Run run = run_muster("import " + quote(db) + " --roads " + quote(osm));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

}  // namespace muster::test
