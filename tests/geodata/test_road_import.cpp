// Reading roads: an OSM-like line layer (highway + other_tags, as GDAL's OSM driver gives them) and
// plain road layers (class / speed / oneway fields, Chinese class names), and OSM's hstore text.
//
// Expected access follows OSM's tagging rules (wiki: Key:oneway, Key:access, Key:maxspeed) and
// OSRM car.lua's default speeds (primary 65, residential 25, motorway 90, tertiary 40, secondary
// 55 km/h); walking is 5 km/h both ways. Lengths on the equator and the meridian at the equator
// are closed forms on WGS84 (a = 6378137 m, e² = 0.00669437999014):
//   0.001° of longitude on the equator = a·π/180·0.001          = 111.319491 m
//   0.001° of latitude at the equator  = a(1 − e²)·π/180·0.001  = 110.574276 m

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/road_network.hpp"
#include "geodata/field_map.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using namespace muster::test;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

constexpr double kLonMetres = 111.319491;  // 0.001° of longitude on the equator
constexpr double kLatMetres = 110.574276;  // 0.001° of latitude at the equator

RoadReadResult read(const std::string& path) {
    VectorLayer layer(parse_source_spec(path));
    return read_roads(layer, FieldMap::defaults());
}

const RoadWay& way(const RoadReadResult& roads, const std::string& id) {
    auto it = std::find_if(roads.items.begin(), roads.items.end(),
                           [&](const RoadWay& w) { return w.id == id; });
    if (it == roads.items.end())
        FAIL("no road " << id);
    return *it;
}

bool has_way(const RoadReadResult& roads, const std::string& id) {
    return std::any_of(roads.items.begin(), roads.items.end(),
                       [&](const RoadWay& w) { return w.id == id; });
}

// The edge from `from` to `to`, if the network has one.
std::optional<EdgeId> find_edge(const RoadNetwork& network, LonLat from, LonLat to) {
    for (NodeId u : network.nodes()) {
        if (!(network.coordinate(u) == Coordinate::from(from)))
            continue;
        for (EdgeId e : network.out_edges(u)) {
            if (network.coordinate(network.head(e)) == Coordinate::from(to))
                return e;
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("An OSM-like layer imports drivable and walkable highways only") {
    const RoadReadResult roads = read(fx("roads_osm.geojson"));
    REQUIRE(roads.osm_tags);
    CHECK(roads.features == 10);
    CHECK(roads.not_roads == 1);     // 1006, a stream: no highway tag
    CHECK(roads.not_routable == 2);  // 1003 access=private, 1010 highway=construction
    CHECK(roads.items.size() == 7);
    CHECK_FALSE(has_way(roads, "1003"));
    CHECK_FALSE(has_way(roads, "1006"));
    CHECK_FALSE(has_way(roads, "1010"));
    CHECK(roads.problems.empty());

    SECTION("1001 primary, untagged: both ways at the class speed") {
        const RoadWay& w = way(roads, "1001");
        CHECK(w.drive.forward);
        CHECK(w.drive.backward);
        CHECK(w.drive.speed_kmh == 65);
        CHECK(w.walk.forward);
        CHECK(w.walk.backward);
        CHECK(w.walk.speed_kmh == 5);
        CHECK(w.name == "Primary");
        CHECK(w.road_class == "primary");
    }
    SECTION("1002 oneway=yes, maxspeed=30: forward only at 30; pedestrians both ways") {
        const RoadWay& w = way(roads, "1002");
        CHECK(w.drive.forward);
        CHECK_FALSE(w.drive.backward);
        CHECK(w.drive.speed_kmh == 30);
        CHECK(w.walk.forward);
        CHECK(w.walk.backward);
    }
    SECTION("1004 oneway=-1: against the digitised direction only") {
        const RoadWay& w = way(roads, "1004");
        CHECK_FALSE(w.drive.forward);
        CHECK(w.drive.backward);
        CHECK(w.drive.speed_kmh == 25);
    }
    SECTION("1005 motorway: oneway implied, no pedestrians") {
        const RoadWay& w = way(roads, "1005");
        CHECK(w.drive.forward);
        CHECK_FALSE(w.drive.backward);
        CHECK(w.drive.speed_kmh == 90);
        CHECK_FALSE(w.walk.usable());
    }
    SECTION("1007 footway: walking only") {
        const RoadWay& w = way(roads, "1007");
        CHECK_FALSE(w.drive.usable());
        CHECK(w.walk.forward);
        CHECK(w.walk.backward);
    }
    SECTION("1008 roundabout with maxspeed=20 mph: oneway implied, 20 × 1.609344 = 32.18688 km/h") {
        const RoadWay& w = way(roads, "1008");
        CHECK(w.drive.forward);
        CHECK_FALSE(w.drive.backward);
        CHECK(w.drive.speed_kmh == Approx(32.18688).epsilon(1e-12));
    }
    SECTION("1009 access=private, foot=yes: closed to cars, open to pedestrians") {
        const RoadWay& w = way(roads, "1009");
        CHECK_FALSE(w.drive.usable());
        CHECK(w.walk.usable());
    }
}

TEST_CASE("An OSM-like layer becomes networks with hand-computed directions and times") {
    TempDir dir;
    ImportRequest request;
    request.database = dir.file("roads.sqlite");
    request.sources[SourceKind::roads] = fx("roads_osm.geojson");
    const ImportSummary summary = run_import(request);

    // Drive: 1001 (both ways), 1002, 1004, 1005, 1008 (one way each). Nodes at x = 0, 0.001,
    // 0.002, 0.003, 0.004 on the equator and (0.001, 0.001): 6; edges 2 + 4 × 1 = 6. Only
    // 1001's two ends reach each other: 5 strongly connected components.
    REQUIRE(summary.drive);
    CHECK(summary.drive->nodes == 6);
    CHECK(summary.drive->edges == 6);
    CHECK(summary.drive->components == 5);
    // Walk: 1001, 1002, 1004, 1007, 1008, 1009, both ways each: 12 edges on 7 nodes (the five
    // equator nodes up to x = 0.003, plus (0, 0.001), (0.001, 0.001), (0.002, 0.001)), one
    // component.
    REQUIRE(summary.walk);
    CHECK(summary.walk->nodes == 7);
    CHECK(summary.walk->edges == 12);
    CHECK(summary.walk->components == 1);

    const ResourceDb db = ResourceDb::open_existing(request.database);
    CHECK(db.road_count() == 7);
    const auto log = db.import_log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].features == 10);
    CHECK(log[0].imported == 7);

    const auto drive = db.network(Profile::drive);
    REQUIRE(drive);
    SECTION("1002 east at 30 km/h: 111.319491 m ÷ 8.3333 m/s = 13.358 s, and no way back") {
        const auto e = find_edge(*drive, {0.001, 0}, {0.002, 0});
        REQUIRE(e);
        CHECK(drive->length_m(*e) == Approx(kLonMetres).margin(1e-3));
        CHECK(drive->duration_s(*e) == Approx(kLonMetres / (30 / 3.6)).margin(1e-3));
        CHECK_FALSE(find_edge(*drive, {0.002, 0}, {0.001, 0}));
    }
    SECTION("1004 (oneway=-1) runs west only, at 25 km/h: 111.319491 ÷ 6.9444 = 16.030 s") {
        const auto e = find_edge(*drive, {0.003, 0}, {0.002, 0});
        REQUIRE(e);
        CHECK(drive->duration_s(*e) == Approx(kLonMetres / (25 / 3.6)).margin(1e-3));
        CHECK_FALSE(find_edge(*drive, {0.002, 0}, {0.003, 0}));
    }
    SECTION("1008 north at 32.18688 km/h: 110.574276 m ÷ 8.9408 m/s = 12.367 s") {
        const auto e = find_edge(*drive, {0.001, 0}, {0.001, 0.001});
        REQUIRE(e);
        CHECK(drive->length_m(*e) == Approx(kLatMetres).margin(1e-3));
        CHECK(drive->duration_s(*e) == Approx(kLatMetres / (32.18688 / 3.6)).margin(1e-3));
    }
    SECTION("1001 both ways at 65 km/h: 111.319491 ÷ 18.0556 = 6.165 s") {
        const auto east = find_edge(*drive, {0, 0}, {0.001, 0});
        const auto west = find_edge(*drive, {0.001, 0}, {0, 0});
        REQUIRE(east);
        REQUIRE(west);
        CHECK(drive->duration_s(*east) == Approx(kLonMetres / (65 / 3.6)).margin(1e-3));
        CHECK(drive->duration_s(*west) == Approx(kLonMetres / (65 / 3.6)).margin(1e-3));
    }
    SECTION("each profile's network is stored with a contraction order of all its nodes") {
        for (Profile profile : {Profile::drive, Profile::walk}) {
            std::vector<NodeId> order = db.cch_order(profile);
            std::sort(order.begin(), order.end());
            std::vector<NodeId> nodes(db.network(profile)->node_count());
            std::iota(nodes.begin(), nodes.end(), NodeId{0});
            CHECK(order == nodes);
        }
    }
    SECTION("the private drive 1003 and the footway 1007 are not driven") {
        CHECK_FALSE(find_edge(*drive, {0.003, 0}, {0.003, 0.001}));
        CHECK_FALSE(find_edge(*drive, {0, 0}, {0, 0.001}));
    }
    SECTION("walking: 1002 both ways at 5 km/h, 111.319491 ÷ 1.3889 = 80.150 s; no motorway") {
        const auto walk = db.network(Profile::walk);
        REQUIRE(walk);
        const auto east = find_edge(*walk, {0.001, 0}, {0.002, 0});
        const auto west = find_edge(*walk, {0.002, 0}, {0.001, 0});
        REQUIRE(east);
        REQUIRE(west);
        CHECK(walk->duration_s(*west) == Approx(kLonMetres / (5 / 3.6)).margin(1e-3));
        CHECK_FALSE(find_edge(*walk, {0.003, 0}, {0.004, 0}));
    }
}

TEST_CASE("An .osm file imports through GDAL's OSM driver, other_tags and all") {
    // tests/fixtures/geodata/roads.osm: 101 primary bridge=viaduct, 102 residential oneway=yes
    // maxspeed=30 bridge=no (and a description with quotes and a backslash, which GDAL escapes in
    // other_tags), 103 service access=private, 104 footway tunnel=building_passage, 105 a stream.
    const RoadReadResult roads = read(fx("roads.osm") + ":lines");
    REQUIRE(roads.osm_tags);
    CHECK(roads.features == 5);
    CHECK(roads.not_roads == 1);
    CHECK(roads.not_routable == 1);
    REQUIRE(roads.items.size() == 3);
    CHECK(way(roads, "101").name == "Triq il-Kbira");
    CHECK(way(roads, "101").drive.speed_kmh == 65);
    const RoadWay& oneway = way(roads, "102");
    CHECK(oneway.drive.forward);
    CHECK_FALSE(oneway.drive.backward);
    CHECK(oneway.drive.speed_kmh == 30);
    CHECK(oneway.points == std::vector<LonLat>{{1.001, 0}, {1.002, 0}});
    CHECK_FALSE(way(roads, "104").drive.usable());
    CHECK(way(roads, "104").walk.usable());
    CHECK(way(roads, "101").structure == RoadStructure::bridge);
    CHECK(oneway.structure == RoadStructure::none);
    CHECK(way(roads, "104").structure == RoadStructure::tunnel);

    SECTION("through run_import") {
        // Drive: 101 both ways, 102 east: nodes at 1.000, 1.001, 1.002 on the equator, 3 edges.
        // Walk: 101, 102, 104 both ways: those nodes and (1.000, 0.001), 6 edges.
        TempDir dir;
        ImportRequest request;
        request.database = dir.file("osm.sqlite");
        request.sources[SourceKind::roads] = fx("roads.osm") + ":lines";
        const ImportSummary summary = run_import(request);
        REQUIRE(summary.drive);
        CHECK(summary.drive->nodes == 3);
        CHECK(summary.drive->edges == 3);
        REQUIRE(summary.walk);
        CHECK(summary.walk->nodes == 4);
        CHECK(summary.walk->edges == 6);
        const auto drive = ResourceDb::open_existing(request.database).network(Profile::drive);
        REQUIRE(drive);
        const auto e = find_edge(*drive, {1.001, 0}, {1.002, 0});
        REQUIRE(e);
        CHECK(drive->duration_s(*e) == Approx(kLonMetres / (30 / 3.6)).margin(1e-3));
        // The road table keeps the structures, with the lines as read.
        const auto stored = ResourceDb::open_existing(request.database)
                                .roads_of_classes({"primary", "residential", "footway"});
        REQUIRE(stored.size() == 3);
        CHECK(stored[0].id == "101");
        CHECK(stored[0].name == "Triq il-Kbira");
        CHECK(stored[0].structure == RoadStructure::bridge);
        CHECK(stored[0].points == std::vector<LonLat>{{1.000, 0}, {1.001, 0}});
        CHECK(stored[1].structure == RoadStructure::none);
        CHECK(stored[2].structure == RoadStructure::tunnel);
        CHECK(ResourceDb::open_existing(request.database).roads_of_classes({"motorway"}).empty());
    }
}

TEST_CASE("An .osm file given without a layer is read through its lines layer, saying so") {
    // As OSRM and osm2pgrouting take an OSM file: its ways. The networks are those of the case
    // above: drive 3 nodes and 3 edges, walk 4 nodes and 6 edges.
    TempDir dir;
    ImportRequest request;
    request.database = dir.file("osm.sqlite");
    request.sources[SourceKind::roads] = fx("roads.osm");
    const ImportSummary summary = run_import(request);
    REQUIRE(summary.entries.size() == 1);
    CHECK(summary.entries[0].source == fx("roads.osm") + ":lines");
    CHECK_THAT(summary.entries[0].warnings, Contains("'lines' layer"));
    REQUIRE(summary.drive);
    CHECK(summary.drive->nodes == 3);
    CHECK(summary.drive->edges == 3);
    REQUIRE(summary.walk);
    CHECK(summary.walk->nodes == 4);
    CHECK(summary.walk->edges == 6);
}

TEST_CASE("parse_other_tags reads what GDAL's OSM driver writes") {
    // ogrinfo roads.osm lines -where "osm_id='102'" prints this other_tags value.
    const Tags tags = parse_other_tags(
        R"("oneway"=>"yes","maxspeed"=>"30","description"=>"the \"new\" road, C:\\survey")");
    REQUIRE(tags.size() == 3);
    CHECK(tags.at("description") == R"(the "new" road, C:\survey)");
}

TEST_CASE("A plain road layer with Chinese field names and road classes") {
    // Fields 编号 / 道路名称 / 道路等级 / 限速 / 单行; classes map to their nearest OSM class.
    const RoadReadResult roads = read(fx("roads_zh.geojson"));
    REQUIRE_FALSE(roads.osm_tags);
    REQUIRE(roads.items.size() == 6);
    CHECK(roads.not_routable == 0);

    SECTION("高速公路 (motorway): forward only at 90 km/h, no pedestrians") {
        const RoadWay& w = way(roads, "G1");
        CHECK(w.name == "绕城高速");
        CHECK(w.road_class == "高速公路");
        CHECK(w.drive.forward);
        CHECK_FALSE(w.drive.backward);
        CHECK(w.drive.speed_kmh == 90);
        CHECK_FALSE(w.walk.usable());
    }
    SECTION("县道 (secondary) 限速 40 单行 是: forward only at 40 instead of the class's 55") {
        const RoadWay& w = way(roads, "X1");
        CHECK(w.drive.forward);
        CHECK_FALSE(w.drive.backward);
        CHECK(w.drive.speed_kmh == 40);
        CHECK(w.walk.forward);
        CHECK(w.walk.backward);
    }
    SECTION("支路 (residential) 单行 -1: backward only at 25") {
        const RoadWay& w = way(roads, "Z1");
        CHECK_FALSE(w.drive.forward);
        CHECK(w.drive.backward);
        CHECK(w.drive.speed_kmh == 25);
    }
    SECTION("结构: 高架桥 a bridge, 地道 a tunnel, 路基 and nothing ordinary road") {
        CHECK(way(roads, "X1").structure == RoadStructure::bridge);
        CHECK(way(roads, "Z1").structure == RoadStructure::tunnel);
        CHECK(way(roads, "Y1").structure == RoadStructure::none);
        CHECK(way(roads, "G1").structure == RoadStructure::none);
    }
    SECTION("人行道 (footway): walking only") {
        const RoadWay& w = way(roads, "R1");
        CHECK_FALSE(w.drive.usable());
        CHECK(w.walk.usable());
    }
    SECTION("乡道 (tertiary) 单行 否: both ways at 40") {
        const RoadWay& w = way(roads, "Y1");
        CHECK(w.drive.forward);
        CHECK(w.drive.backward);
        CHECK(w.drive.speed_kmh == 40);
    }
    SECTION(
        "an unknown class (机耕路) is driven at the assumed 30 km/h, with a warning naming it") {
        const RoadWay& w = way(roads, "J1");
        CHECK(w.drive.forward);
        CHECK(w.drive.backward);
        CHECK(w.drive.speed_kmh == kUnknownClassSpeedKmh);
        CHECK(w.walk.usable());
        REQUIRE(roads.warnings.size() == 1);
        CHECK_THAT(roads.warnings[0], Contains("机耕路"));
    }
}

TEST_CASE("A plain road layer with class, speed_kmh and oneway fields") {
    const RoadReadResult roads = read(fx("roads.geojson"));
    REQUIRE_FALSE(roads.osm_tags);
    REQUIRE(roads.items.size() == 3);
    CHECK(way(roads, "R1").drive.speed_kmh == 65);  // primary, no speed given
    const RoadWay& r2 = way(roads, "R2");           // secondary, speed_kmh 40, oneway "no"
    CHECK(r2.drive.speed_kmh == 40);
    CHECK(r2.drive.forward);
    CHECK(r2.drive.backward);
    CHECK(way(roads, "R3").drive.speed_kmh == 25);  // residential
    CHECK(roads.warnings.empty());
    // Every vertex is kept: R1 has three.
    REQUIRE(way(roads, "R1").points.size() == 3);
    CHECK(way(roads, "R1").points[1] == LonLat{14.505, 35.900});
}

TEST_CASE("A MultiLineString road becomes one road per part, a one-point line a problem") {
    TempDir dir;
    const std::string path =
        dir.write("roads.geojson", R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id": "M", "class": "residential"},
  "geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [0.001, 0]], [[0.002, 0], [0.003, 0]]]}},
 {"type": "Feature", "properties": {"id": "P", "class": "residential"},
  "geometry": {"type": "LineString", "coordinates": [[0.005, 0], [0.005, 0]]}}]})");
    const RoadReadResult roads = read(path);
    REQUIRE(roads.items.size() == 2);
    CHECK(roads.items[0].id == "M/1");
    CHECK(roads.items[0].points == std::vector<LonLat>{{0, 0}, {0.001, 0}});
    CHECK(roads.items[1].id == "M/2");
    CHECK(roads.items[1].points == std::vector<LonLat>{{0.002, 0}, {0.003, 0}});
    REQUIRE(roads.problems.size() == 1);
    CHECK(roads.problems[0].feature_id == "P");
    CHECK(roads.problems[0].kind == "roads");
}

TEST_CASE("parse_other_tags reads OSM hstore text") {
    SECTION("pairs") {
        const Tags tags =
            parse_other_tags(R"("oneway"=>"yes","maxspeed"=>"30","access"=>"private")");
        REQUIRE(tags.size() == 3);
        CHECK(tags.at("oneway") == "yes");
        CHECK(tags.at("maxspeed") == "30");
        CHECK(tags.at("access") == "private");
    }
    SECTION("escaped quotes and backslashes; commas and => inside values") {
        const Tags tags =
            parse_other_tags(R"("name"=>"the \"old\" road","note"=>"a,b=>c","path"=>"C:\\osm")");
        REQUIRE(tags.size() == 3);
        CHECK(tags.at("name") == "the \"old\" road");
        CHECK(tags.at("note") == "a,b=>c");
        CHECK(tags.at("path") == "C:\\osm");
    }
    SECTION("UTF-8 keys and values") {
        const Tags tags = parse_other_tags(R"("name:zh"=>"中山路")");
        CHECK(tags.at("name:zh") == "中山路");
    }
    SECTION("empty text: no tags") {
        CHECK(parse_other_tags("").empty());
    }
}

TEST_CASE("parse_other_tags throws InputError on malformed text") {
    CHECK_THROWS_AS(parse_other_tags(R"("oneway"=>"yes)"), InputError);  // unterminated
    CHECK_THROWS_AS(parse_other_tags(R"("oneway"="yes")"), InputError);  // no =>
    CHECK_THROWS_AS(parse_other_tags(R"("oneway"=>"yes" "maxspeed"=>"30")"),
                    InputError);                                      // no comma
    CHECK_THROWS_AS(parse_other_tags(R"(oneway=>yes)"), InputError);  // unquoted
    CHECK_THROWS_AS(parse_other_tags(R"("oneway"=>)"), InputError);   // no value
}

TEST_CASE("Malformed other_tags in a layer names the file, the feature and the field") {
    TempDir dir;
    const std::string path =
        dir.write("lines.geojson", R"({"type": "FeatureCollection", "name": "lines", "features": [
 {"type": "Feature", "properties": {"osm_id": "77", "highway": "primary", "other_tags": "\"oneway\"=>\"yes"},
  "geometry": {"type": "LineString", "coordinates": [[0, 0], [0.001, 0]]}}]})");
    CHECK_THAT(input_error([&] { read(path); }),
               Contains(path) && Contains("feature 77") && Contains("other_tags"));
}
