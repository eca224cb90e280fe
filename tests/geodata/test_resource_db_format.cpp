// The resource database as GIS programs see it (format 6): township and shelter areas declared
// MULTIPOLYGON with NULL where an entity has none, a default style per layer in layer_styles, and
// a format-4 or -5 file brought up to date in one transaction, or left as it was. Read with
// SQLite's C API, not muster's readers.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/network_builder.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;
using muster::test::try_sql;

namespace {

/// One statement through plain SQLite with SpatiaLite's functions loaded.
std::string spatial_sql(const std::string& path, const std::string& sql) {
    return run_sql(path, sql, true);
}

Ring square(double lon, double lat, double side) {
    return {{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
}

/// A database holding a township with a boundary and one without, a shelter with a footprint
/// and one without.
std::string two_of_each(const TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    ResourceDb db = ResourceDb::open_or_create(path);
    db.begin();
    db.replace_townships(
        std::vector<Township>{{"T1",
                               "Floriana",
                               2000,
                               "",
                               {14.506, 35.892},
                               MultiPolygon{{{{square(14.5, 35.89, 0.01)}}}}},
                              {"T2", "Valletta", 5000, "", {14.514, 35.899}, std::nullopt}});
    db.replace_shelters(std::vector<Shelter>{{"S1",
                                              "Park",
                                              ShelterClass::emergency,
                                              std::nullopt,
                                              300,
                                              CapacitySource::given,
                                              ShelterStatus::open,
                                              {14.505, 35.895},
                                              MultiPolygon{{{{square(14.504, 35.894, 0.002)}}}}},
                                             {"S2",
                                              "Hall",
                                              ShelterClass::fixed,
                                              std::nullopt,
                                              100,
                                              CapacitySource::given,
                                              ShelterStatus::open,
                                              {14.512, 35.898},
                                              std::nullopt}});
    db.commit();
    return path;
}

constexpr const char* kFormat5Arrays[] = {
    "first_out",    "head",       "length_mm",       "duration_ms",
    "road_class",   "edge_piece", "node_coordinate", "piece_first_point",
    "piece_points", "cch_order"};

/// A two-way tertiary road of three points.
RoadWay tertiary_road() {
    RoadWay way;
    way.id = "x";
    way.road_class = "tertiary";
    way.points = {{1, 1}, {1.0005, 1.0003}, {1.001, 1}};
    way.drive = {true, true, 30};
    way.walk = {true, true, 5};
    return way;
}

/// Takes a database back to format 6: roads without their structures.
void as_format_6(const std::string& path) {
    spatial_sql(path, "ALTER TABLE road DROP COLUMN structure");
    spatial_sql(path, "UPDATE muster_meta SET value = '6' WHERE key = 'format_version'");
}

/// Takes a database of one-part arrays back to format 5's layout: each network array whole in a
/// column of `network`.
void as_format_5(const std::string& path) {
    as_format_6(path);
    REQUIRE(spatial_sql(path, "SELECT count(*) FROM network_array WHERE part > 0") == "0\n");
    for (const std::string column : kFormat5Arrays) {
        spatial_sql(path,
                    "ALTER TABLE network ADD COLUMN " + column + " BLOB NOT NULL DEFAULT x''");
        spatial_sql(path, "UPDATE network SET " + column +
                              " = (SELECT data FROM network_array a WHERE a.profile = "
                              "network.profile AND a.name = '" +
                              column + "')");
    }
    spatial_sql(path, "DROP TABLE network_array");
    spatial_sql(path, "UPDATE muster_meta SET value = '5' WHERE key = 'format_version'");
}

}  // namespace

TEST_CASE("township and shelter areas are MULTIPOLYGON columns, NULL where there is no area") {
    TempDir dir;
    const std::string path = two_of_each(dir, "db.sqlite");
    // SpatiaLite's codes: 6 is MULTIPOLYGON, 1 POINT, 2 LINESTRING; 0 would be generic.
    CHECK(
        spatial_sql(path,
                    "SELECT f_table_name || '.' || f_geometry_column || ' ' || geometry_type FROM "
                    "geometry_columns ORDER BY 1") ==
        "depot.geom 1\nhazard.geom 6\nhospital.geom 1\nproblem.geom 1\nroad.geom 2\n"
        "shelter.geom 6\nshelter.location 1\nteam.geom 1\ntownship.geom 6\n"
        "township.location 1\n");
    CHECK(spatial_sql(path,
                      "SELECT id || ' ' || coalesce(GeometryType(geom), 'NULL') FROM township "
                      "ORDER BY id") == "T1 MULTIPOLYGON\nT2 NULL\n");
    CHECK(spatial_sql(path,
                      "SELECT id || ' ' || coalesce(GeometryType(geom), 'NULL') FROM shelter "
                      "ORDER BY id") == "S1 MULTIPOLYGON\nS2 NULL\n");
    // Read back, the entity without an area has none; its point is kept.
    const Resources back = ResourceDb::open_existing(path).resources();
    REQUIRE(back.townships.size() == 2);
    CHECK(back.townships[0].area.has_value());
    CHECK_FALSE(back.townships[1].area.has_value());
    CHECK(back.townships[1].location.lon == 14.514);
}

TEST_CASE("every layer of the database has a default style for QGIS's SpatiaLite provider") {
    TempDir dir;
    const std::string path = two_of_each(dir, "db.sqlite");
    // One default per geometry column, found as QGIS finds it: table, column, a NULL schema.
    CHECK(spatial_sql(path,
                      "SELECT g.f_table_name || '.' || g.f_geometry_column FROM geometry_columns g "
                      "WHERE NOT EXISTS (SELECT 1 FROM layer_styles s WHERE s.f_table_name = "
                      "g.f_table_name AND s.f_geometry_column = g.f_geometry_column AND "
                      "s.f_table_schema IS NULL AND s.useAsDefault)") == "");
    CHECK(spatial_sql(path, "SELECT count(*) FROM layer_styles") == "10\n");
    CHECK(spatial_sql(path,
                      "SELECT instr(styleQML, 'attr=\"tier\"') > 0 FROM layer_styles WHERE "
                      "f_table_name = 'depot'") == "1\n");
    // Roads by class take the Chinese standards' words as well as OSM's.
    CHECK(spatial_sql(path,
                      "SELECT instr(styleQML, 'value=\"城市主干道\"') > 0 AND "
                      "instr(styleQML, 'value=\"primary\"') > 0 FROM layer_styles WHERE "
                      "f_table_name = 'road'") == "1\n");
}

TEST_CASE("a format-4 database is upgraded when opened, its areas and points kept") {
    TempDir dir;
    const std::string path = two_of_each(dir, "old.sqlite");
    // Format 4 as it was: generic columns, a township without a boundary stored as its point,
    // polygons as single POLYGONs, no styles.
    spatial_sql(path,
                "UPDATE geometry_columns SET geometry_type = 0 WHERE f_table_name IN "
                "('township', 'shelter') AND f_geometry_column = 'geom'");
    spatial_sql(path, "UPDATE township SET geom = location WHERE id = 'T2'");
    spatial_sql(path, "UPDATE township SET geom = CastToPolygon(geom) WHERE id = 'T1'");
    spatial_sql(path, "DROP TABLE layer_styles");
    as_format_5(path);
    spatial_sql(path, "UPDATE muster_meta SET value = '4' WHERE key = 'format_version'");
    REQUIRE(spatial_sql(path, "SELECT GeometryType(geom) FROM township ORDER BY id") ==
            "POLYGON\nPOINT\n");

    const Resources back = ResourceDb::open_existing(path).resources();
    CHECK(spatial_sql(path, "SELECT value FROM muster_meta WHERE key = 'format_version'") == "7\n");
    CHECK(spatial_sql(path,
                      "SELECT coalesce(GeometryType(geom), 'NULL') FROM township ORDER BY id") ==
          "MULTIPOLYGON\nNULL\n");
    CHECK(spatial_sql(path,
                      "SELECT geometry_type FROM geometry_columns WHERE f_table_name = "
                      "'township' AND f_geometry_column = 'geom'") == "6\n");
    CHECK(spatial_sql(path, "SELECT count(*) FROM layer_styles") == "10\n");
    REQUIRE(back.townships.size() == 2);
    CHECK(back.townships[0].area.has_value());
    CHECK_FALSE(back.townships[1].area.has_value());
    CHECK(back.townships[1].location.lat == 35.899);
}

TEST_CASE("a format-4 database that cannot be written is left as it was, with a clear error") {
    TempDir dir;
    const std::string path = two_of_each(dir, "old.sqlite");
    as_format_5(path);
    spatial_sql(path, "UPDATE muster_meta SET value = '4' WHERE key = 'format_version'");
    spatial_sql(path,
                "UPDATE geometry_columns SET geometry_type = 0 WHERE f_table_name = "
                "'township' AND f_geometry_column = 'geom'");
    spatial_sql(path, "UPDATE township SET geom = location WHERE id = 'T2'");
    // A trigger stands in for a write that fails midway (a read-only file is no test as root).
    spatial_sql(path,
                "CREATE TRIGGER refuse BEFORE UPDATE ON muster_meta BEGIN "
                "SELECT RAISE(ABORT, 'disk refuses'); END");
    try {
        ResourceDb::open_existing(path);
        FAIL("the upgrade succeeded");
    } catch (const WriteError& e) {
        CHECK_THAT(e.what(), Contains(path) && Contains("format 4") && Contains("disk refuses"));
    }
    CHECK(spatial_sql(path, "SELECT value FROM muster_meta WHERE key = 'format_version'") == "4\n");
    CHECK(spatial_sql(path,
                      "SELECT coalesce(GeometryType(geom), 'NULL') FROM township ORDER BY id") ==
          "MULTIPOLYGON\nPOINT\n");
    CHECK(spatial_sql(path,
                      "SELECT geometry_type FROM geometry_columns WHERE f_table_name = "
                      "'township' AND f_geometry_column = 'geom'") == "0\n");
    CHECK(spatial_sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'network_array'") ==
          "0\n");
}

TEST_CASE("a format-5 database is upgraded when opened, each network array split into parts") {
    TempDir dir;
    const std::string path = dir.file("old.sqlite");
    const RoadWay way = tertiary_road();
    const RoadNetwork drive = build_road_network(std::vector{way}, Profile::drive);
    const std::vector<NodeId> order{NodeId(1), NodeId(0)};
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        db.replace_network(drive, order);
    }
    as_format_5(path);
    // Two nodes and an edge each way: two 4-byte heads, one column.
    REQUIRE(spatial_sql(path, "SELECT length(head) FROM network") == "8\n");

    const ResourceDb db = ResourceDb::open_existing(path);
    CHECK(spatial_sql(path, "SELECT value FROM muster_meta WHERE key = 'format_version'") == "7\n");
    CHECK(spatial_sql(path, "SELECT group_concat(name, ' ') FROM pragma_table_info('network')") ==
          "profile nodes edges pieces class_names\n");
    CHECK(spatial_sql(path, "SELECT count(*) FROM network_array WHERE profile = 'drive'") ==
          "10\n");
    REQUIRE(db.network(Profile::drive));
    CHECK(db.network(Profile::drive)->arrays() == drive.arrays());
    CHECK(db.cch_order(Profile::drive) == order);
}

TEST_CASE("a format-6 database is upgraded when opened, its roads' structures not known") {
    TempDir dir;
    const std::string path = dir.file("old.sqlite");
    RoadWay way = tertiary_road();
    way.structure = RoadStructure::bridge;
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        db.begin();
        db.replace_roads(std::vector{way});
        db.commit();
    }
    REQUIRE(spatial_sql(path, "SELECT structure FROM road") == "bridge\n");
    as_format_6(path);

    const ResourceDb db = ResourceDb::open_existing(path);
    CHECK(spatial_sql(path, "SELECT value FROM muster_meta WHERE key = 'format_version'") == "7\n");
    // The old import did not read structures: NULL, none, until imported again.
    CHECK(spatial_sql(path, "SELECT coalesce(structure, 'NULL') FROM road") == "NULL\n");
    const auto roads = db.roads_of_classes({"tertiary"});
    REQUIRE(roads.size() == 1);
    CHECK(roads[0].structure == RoadStructure::none);
    CHECK(roads[0].points == way.points);
    // The column's check holds after the upgrade too.
    CHECK(try_sql(path, "UPDATE road SET structure = 'ford'", true).code == SQLITE_CONSTRAINT);
}
