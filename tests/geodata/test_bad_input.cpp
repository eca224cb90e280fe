// Bad input: every fatal case is an InputError whose message names the file and layer, the feature
// and the field, and leaves no database behind; every per-feature problem that can be skipped or
// repaired is reported in the problems list and the database's problem table, never dropped.
//
// Each case imports the good fixture roads plus one small hand-written layer whose single fault
// is visible in the test.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "engine/errors.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/geojson_builders.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using namespace muster::test;
using muster::test::geojson::layer;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

// One point feature near the fixture roads.
std::string point(const std::string& properties, double lon = 14.503, double lat = 35.9002) {
    return muster::test::geojson::point(properties, lon, lat);
}

// Imports the fixture roads plus `sources` into a new database; returns the InputError's message
// and checks that the failed import left no database file behind.
std::string failed_import(const TempDir& dir, std::map<SourceKind, std::string> sources) {
    ImportRequest request;
    request.database = dir.file("county.sqlite");
    request.sources = std::move(sources);
    request.sources.emplace(SourceKind::roads, fx("roads.geojson"));
    const std::string message = input_error([&] { run_import(request); });
    CHECK_FALSE(std::filesystem::exists(request.database));
    return message;
}

ImportSummary good_import(const TempDir& dir, std::map<SourceKind, std::string> sources) {
    ImportRequest request;
    request.database = dir.file("county.sqlite");
    request.sources = std::move(sources);
    request.sources.emplace(SourceKind::roads, fx("roads.geojson"));
    return run_import(request);
}

// The fixture roads as a Shapefile (roads.shp, .shx, .dbf, .prj) in dir, written by GDAL.
std::string roads_shapefile(const TempDir& dir) {
    const std::string shp = dir.file("roads.shp");
    std::string output;
    const int status = muster::test::run_command(
        "ogr2ogr -f 'ESRI Shapefile' '" + shp + "' '" + fx("roads.geojson") + "'", &output);
    INFO(output);
    REQUIRE(status == 0);
    return shp;
}

// The first `bytes` bytes of `from`, written to `to`: what an interrupted download leaves.
void copy_head(const std::string& from, const std::string& to, std::size_t bytes) {
    std::ifstream in(from, std::ios::binary);
    REQUIRE(in);
    std::string head(bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(bytes));
    REQUIRE(static_cast<std::size_t>(in.gcount()) == bytes);
    std::ofstream(to, std::ios::binary) << head;
}

}  // namespace

TEST_CASE("A missing file is an InputError naming it") {
    TempDir dir;
    const std::string path = dir.file("shelters_2024.geojson");
    CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
               Contains(path) && Contains("no such file"));
}

TEST_CASE("A file GDAL cannot read is an InputError naming it") {
    TempDir dir;
    const std::string path = dir.write("shelters.geojson", "this is not GeoJSON");
    CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
               Contains(path) && Contains("not a vector source"));
}

TEST_CASE("An unknown layer is an InputError listing the layers there are") {
    TempDir dir;
    const std::string gpkg = dir.file("county.gpkg");
    std::string output;
    REQUIRE(muster::test::run_command(
                "ogr2ogr -f GPKG '" + gpkg + "' '" + fx("roads.geojson") + "'", &output) == 0);
    REQUIRE(muster::test::run_command(
                "ogr2ogr -f GPKG -update '" + gpkg + "' '" + fx("shelters.geojson") + "'",
                &output) == 0);

    CHECK_THAT(
        failed_import(dir, {{SourceKind::shelters, gpkg + ":shelter"}}),
        Contains(gpkg) && Contains("'shelter'") && Contains("roads") && Contains("shelters"));
    SECTION("and a multi-layer source without a layer name is refused the same way") {
        CHECK_THAT(failed_import(dir, {{SourceKind::shelters, gpkg}}),
                   Contains(gpkg) && Contains("2 layers") && Contains("roads, shelters"));
    }
}

TEST_CASE("A line in a teams layer is an InputError naming the feature and its geometry type") {
    TempDir dir;
    const std::string path =
        layer(dir, "teams",
              point(R"("id": "T1", "kind": "ambulance")") + "," +
                  R"({"type": "Feature", "properties": {"id": "T2", "kind": "rescue"},
  "geometry": {"type": "LineString", "coordinates": [[14.50, 35.90], [14.51, 35.90]]}})");
    CHECK_THAT(failed_import(dir, {{SourceKind::teams, path}}),
               Contains(path + ":teams") && Contains("feature T2") && Contains("Line String") &&
                   Contains("point"));
}

TEST_CASE("A townships layer without a population field is an InputError listing its fields") {
    TempDir dir;
    const std::string path =
        layer(dir, "townships", point(R"("id": "T1", "name": "Ħamrun", "inhabitants": 9000)"));
    CHECK_THAT(failed_import(dir, {{SourceKind::townships, path}}),
               Contains(path + ":townships") && Contains("field 'population'") &&
                   Contains("人口") && Contains("inhabitants"));
}

TEST_CASE("A shelters layer with neither a capacity nor an area field is an InputError") {
    TempDir dir;
    const std::string path =
        layer(dir, "shelters", point(R"("id": "S1", "class": "fixed", "persons": 300)"));
    CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
               Contains(path + ":shelters") && Contains("capacity") && Contains("area_m2"));
}

TEST_CASE("Bad numbers are InputErrors naming the file, layer, feature and field") {
    TempDir dir;
    SECTION("non-numeric population") {
        const std::string path = layer(dir, "townships",
                                       point(R"("id": "T1", "population": "1200")") + "," +
                                           point(R"("id": "T2", "population": "many")"));
        CHECK_THAT(failed_import(dir, {{SourceKind::townships, path}}),
                   Contains(path + ":townships") && Contains("feature T2") &&
                       Contains("field 'population'") && Contains("'many'"));
    }
    SECTION("negative population") {
        const std::string path = layer(dir, "townships", point(R"("id": "T7", "population": -10)"));
        CHECK_THAT(
            failed_import(dir, {{SourceKind::townships, path}}),
            Contains("feature T7") && Contains("field 'population'") && Contains("negative"));
    }
    SECTION("a population that is not a whole number") {
        const std::string path =
            layer(dir, "townships", point(R"("id": "T8", "population": 12.5)"));
        CHECK_THAT(failed_import(dir, {{SourceKind::townships, path}}),
                   Contains("feature T8") && Contains("field 'population'") && Contains("12.5"));
    }
    SECTION("negative capacity, in the last feature") {
        const std::string path =
            layer(dir, "shelters",
                  point(R"("id": "S1", "class": "fixed", "capacity": 100)") + "," +
                      point(R"("id": "S2", "class": "fixed", "capacity": -5)"));
        CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
                   Contains(path + ":shelters") && Contains("feature S2") &&
                       Contains("field 'capacity'") && Contains("negative") && Contains("-5"));
    }
    SECTION("negative quantity in an inventory table") {
        // A CSV's features are its data rows, numbered from 1 (ogrinfo: "OGRFeature(inventory):1"
        // for the first): the bad row is feature 2.
        const std::string path = dir.write("inventory.csv",
                                           "depot_id,item,quantity,unit\n"
                                           "D1,tent,10,piece\n"
                                           "D1,water,-3,litre\n");
        CHECK_THAT(failed_import(dir, {{SourceKind::depots, fx("depots.geojson")},
                                       {SourceKind::inventory, path}}),
                   Contains(path + ":inventory") && Contains("feature 2") &&
                       Contains("field 'quantity'") && Contains("-3"));
    }
    SECTION("non-numeric beds, under a Chinese field name") {
        const std::string path = layer(dir, "hospitals", point(R"("id": "H1", "红区床位": "十")"));
        CHECK_THAT(failed_import(dir, {{SourceKind::hospitals, path}}),
                   Contains("feature H1") && Contains("field '红区床位'") && Contains("'十'"));
    }
}

TEST_CASE("Duplicate ids are an InputError naming the layer, the id and its field") {
    TempDir dir;
    const std::string path =
        layer(dir, "shelters",
              point(R"("id": "S1", "class": "fixed", "capacity": 100)") + "," +
                  point(R"("id": "S2", "class": "fixed", "capacity": 200)") + "," +
                  point(R"("id": "S1", "class": "fixed", "capacity": 300)"));
    CHECK_THAT(
        failed_import(dir, {{SourceKind::shelters, path}}),
        Contains(path + ":shelters") && Contains("duplicate id 'S1'") && Contains("field 'id'"));

    SECTION("in a road layer too") {
        const std::string roads = dir.write(
            "roads.geojson", R"({"type": "FeatureCollection", "name": "roads", "features": [
 {"type": "Feature", "properties": {"code": "A", "class": "primary"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [0.001, 0]]}},
 {"type": "Feature", "properties": {"code": "A", "class": "primary"}, "geometry": {"type": "LineString", "coordinates": [[0.001, 0], [0.002, 0]]}}]})");
        ImportRequest request;
        request.database = dir.file("roads.sqlite");
        request.sources[SourceKind::roads] = roads;
        CHECK_THAT(input_error([&] { run_import(request); }), Contains(roads + ":roads") &&
                                                                  Contains("duplicate id 'A'") &&
                                                                  Contains("field 'code'"));
    }
}

TEST_CASE("An empty layer is an InputError") {
    TempDir dir;
    const std::string path = layer(dir, "hospitals", "");
    CHECK_THAT(failed_import(dir, {{SourceKind::hospitals, path}}),
               Contains(path) && Contains("empty layer"));
}

TEST_CASE("A filter that matches nothing is an InputError quoting the filter") {
    TempDir dir;
    // The fixture's largest capacity is 8000.
    const std::string spec = fx("shelters.geojson") + "?capacity > 100000";
    CHECK_THAT(failed_import(dir, {{SourceKind::shelters, spec}}),
               Contains(fx("shelters.geojson") + ":shelters") &&
                   Contains("no features match 'capacity > 100000'"));
    SECTION("a filter OGR cannot parse is an InputError too") {
        CHECK_THAT(failed_import(
                       dir, {{SourceKind::shelters, fx("shelters.geojson") + "?capacity >>> 3"}}),
                   Contains("bad attribute filter"));
    }
    SECTION("a filter that matches some features imports those only") {
        // Capacities given: S2 8000 only (S1 and S3 have none): one shelter.
        ImportRequest request;
        request.database = dir.file("ok.sqlite");
        request.sources[SourceKind::roads] = fx("roads.geojson");
        request.sources[SourceKind::shelters] = fx("shelters.geojson") + "?capacity > 100";
        run_import(request);
        const auto shelters = ResourceDb::open_existing(request.database).shelters();
        REQUIRE(shelters.size() == 1);
        CHECK(shelters[0].id == "S2");
    }
}

TEST_CASE("Unknown categories are InputErrors naming the feature, the field and the value") {
    TempDir dir;
    SECTION("shelter class") {
        const std::string path =
            layer(dir, "shelters", point(R"("id": "S1", "class": "huge", "capacity": 10)"));
        CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
                   Contains(path + ":shelters") && Contains("feature S1") &&
                       Contains("field 'class'") && Contains("'huge'"));
    }
    SECTION("shelter status") {
        const std::string path =
            layer(dir, "shelters",
                  point(R"("id": "S1", "class": "fixed", "capacity": 10, "status": "maybe")"));
        CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
                   Contains("feature S1") && Contains("field 'status'") && Contains("'maybe'"));
    }
    SECTION("depot tier") {
        const std::string path = layer(dir, "depots", point(R"("id": "D1", "级别": "national")"));
        CHECK_THAT(failed_import(dir, {{SourceKind::depots, path}}),
                   Contains(path + ":depots") && Contains("feature D1") &&
                       Contains("field '级别'") && Contains("'national'"));
    }
    SECTION("hazard effect") {
        const std::string path = dir.write(
            "hazards.geojson", R"({"type": "FeatureCollection", "name": "hazards", "features": [
 {"type": "Feature", "properties": {"id": "Z1", "effect": "flooded"},
  "geometry": {"type": "Polygon", "coordinates": [[[14.5, 35.9], [14.501, 35.9], [14.501, 35.901], [14.5, 35.9]]]}}]})");
        CHECK_THAT(failed_import(dir, {{SourceKind::hazards, path}}),
                   Contains("feature Z1") && Contains("field 'effect'") && Contains("'flooded'"));
    }
    SECTION("a slow hazard zone whose factor is outside (0, 1]") {
        const std::string path = dir.write(
            "hazards.geojson", R"({"type": "FeatureCollection", "name": "hazards", "features": [
 {"type": "Feature", "properties": {"id": "Z1", "effect": "slow", "speed_factor": 1.5},
  "geometry": {"type": "Polygon", "coordinates": [[[14.5, 35.9], [14.501, 35.9], [14.501, 35.901], [14.5, 35.9]]]}}]})");
        CHECK_THAT(failed_import(dir, {{SourceKind::hazards, path}}),
                   Contains("feature Z1") && Contains("field 'speed_factor'"));
    }
    SECTION("team without a kind") {
        const std::string path = layer(dir, "teams", point(R"("id": "A1", "kind": " ")"));
        CHECK_THAT(failed_import(dir, {{SourceKind::teams, path}}),
                   Contains("feature A1") && Contains("field 'kind'"));
    }
    SECTION("oneway in a plain road layer") {
        const std::string roads = dir.write(
            "roads.geojson", R"({"type": "FeatureCollection", "name": "roads", "features": [
 {"type": "Feature", "properties": {"id": "R1", "class": "primary", "oneway": "yes"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [0.001, 0]]}},
 {"type": "Feature", "properties": {"id": "R2", "class": "primary", "oneway": "sometimes"}, "geometry": {"type": "LineString", "coordinates": [[0.001, 0], [0.002, 0]]}}]})");
        ImportRequest request;
        request.database = dir.file("roads.sqlite");
        request.sources[SourceKind::roads] = roads;
        CHECK_THAT(input_error([&] { run_import(request); }),
                   Contains(roads + ":roads") && Contains("feature R2") &&
                       Contains("field 'oneway'") && Contains("'sometimes'"));
        CHECK_FALSE(std::filesystem::exists(request.database));
    }
}

TEST_CASE("Inventory naming an unknown depot is an InputError naming the row and the id") {
    TempDir dir;
    const std::string path = dir.write("inventory.csv",
                                       "depot_id,item,quantity,unit\n"
                                       "D1,tent,10,piece\n"
                                       "D9,water,30,litre\n");
    CHECK_THAT(failed_import(dir, {{SourceKind::depots, fx("depots.geojson")},
                                   {SourceKind::inventory, path}}),
               Contains(path + ":inventory") && Contains("row 2") && Contains("'D9'"));

    SECTION("behind a filter, the row is still the row of the file") {
        // Rows 1 and 3 pass the filter; the bad one is the file's row 3 (the filter's second).
        const std::string filtered = dir.write("stock.csv",
                                               "depot_id,item,quantity,unit\n"
                                               "D1,water,10,litre\n"
                                               "D1,tent,20,piece\n"
                                               "D9,water,30,litre\n");
        CHECK_THAT(failed_import(dir, {{SourceKind::depots, fx("depots.geojson")},
                                       {SourceKind::inventory, filtered + "?item = 'water'"}}),
                   Contains(filtered + ":stock") && Contains("row 3") && Contains("'D9'"));
    }
}

TEST_CASE("An invalid township polygon is repaired and reported") {
    // A bow-tie: (14.500 35.900) → (14.502 35.902) → (14.502 35.900) → (14.500 35.902) → back.
    // Its edges cross at (14.501, 35.901); the valid form is two triangles meeting there, with
    // longitudes [14.500, 14.501] and [14.501, 14.502], latitudes [35.900, 35.902] each.
    TempDir dir;
    const std::string path =
        layer(dir, "townships",
              point(R"("id": "T1", "population": 100)") + "," +
                  R"({"type": "Feature", "properties": {"id": "BOW", "population": 250},
  "geometry": {"type": "Polygon", "coordinates": [[[14.500, 35.900], [14.502, 35.902], [14.502, 35.900], [14.500, 35.902], [14.500, 35.900]]]}})");
    const ImportSummary summary = good_import(dir, {{SourceKind::townships, path}});
    REQUIRE(summary.problems.size() == 1);
    CHECK(summary.problems[0].kind == "townships");
    CHECK(summary.problems[0].source == path + ":townships");
    CHECK(summary.problems[0].feature_id == "BOW");
    CHECK_THAT(summary.problems[0].message, Contains("invalid polygon") && Contains("repaired"));

    const ResourceDb db = ResourceDb::open_existing(dir.file("county.sqlite"));
    const auto townships = db.townships();
    REQUIRE(townships.size() == 2);
    CHECK(townships[1].population == 250);
    REQUIRE(townships[1].area);
    REQUIRE(townships[1].area->polygons.size() == 2);
    std::vector<std::pair<double, double>> lon_ranges;
    for (const Polygon& p : townships[1].area->polygons) {
        double lo = 180, hi = -180, lat_lo = 90, lat_hi = -90;
        for (LonLat q : p.rings.front()) {
            lo = std::min(lo, q.lon), hi = std::max(hi, q.lon);
            lat_lo = std::min(lat_lo, q.lat), lat_hi = std::max(lat_hi, q.lat);
        }
        lon_ranges.emplace_back(lo, hi);
        CHECK(lat_lo == Approx(35.900).margin(1e-12));
        CHECK(lat_hi == Approx(35.902).margin(1e-12));
    }
    std::sort(lon_ranges.begin(), lon_ranges.end());
    CHECK(lon_ranges[0].first == Approx(14.500).margin(1e-12));
    CHECK(lon_ranges[0].second == Approx(14.501).margin(1e-12));
    CHECK(lon_ranges[1].first == Approx(14.501).margin(1e-12));
    CHECK(lon_ranges[1].second == Approx(14.502).margin(1e-12));

    const auto stored = db.problems();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].kind == "townships");
    CHECK(stored[0].feature_id == "BOW");
}

TEST_CASE("A township polygon collapsed to a line is skipped and reported") {
    TempDir dir;
    const std::string path =
        layer(dir, "townships",
              point(R"("id": "T1", "population": 100)") + "," +
                  R"({"type": "Feature", "properties": {"id": "FLAT", "population": 5},
  "geometry": {"type": "Polygon", "coordinates": [[[14.500, 35.900], [14.501, 35.900], [14.502, 35.900], [14.500, 35.900]]]}})");
    const ImportSummary summary = good_import(dir, {{SourceKind::townships, path}});
    REQUIRE(summary.problems.size() == 1);
    CHECK(summary.problems[0].feature_id == "FLAT");
    CHECK_THAT(summary.problems[0].message, Contains("skipped"));
    const auto townships = ResourceDb::open_existing(dir.file("county.sqlite")).townships();
    REQUIRE(townships.size() == 1);
    CHECK(townships[0].id == "T1");
}

TEST_CASE("A road without geometry is skipped and reported") {
    TempDir dir;
    const std::string roads =
        dir.write("roads.geojson", R"({"type": "FeatureCollection", "name": "roads", "features": [
 {"type": "Feature", "properties": {"id": "R1", "class": "primary"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [0.001, 0]]}},
 {"type": "Feature", "properties": {"id": "R9", "class": "primary"}, "geometry": null},
 {"type": "Feature", "properties": {"id": "R2", "class": "primary"}, "geometry": {"type": "LineString", "coordinates": [[0.001, 0], [0.002, 0]]}}]})");
    ImportRequest request;
    request.database = dir.file("roads.sqlite");
    request.sources[SourceKind::roads] = roads;
    const ImportSummary summary = run_import(request);
    REQUIRE(summary.problems.size() == 1);
    CHECK(summary.problems[0].kind == "roads");
    CHECK(summary.problems[0].feature_id == "R9");
    CHECK_THAT(summary.problems[0].message, Contains("no geometry"));
    REQUIRE(summary.entries.size() == 1);
    CHECK(summary.entries[0].features == 3);
    CHECK(summary.entries[0].imported == 2);
    CHECK(summary.entries[0].problems == 1);

    const ResourceDb db = ResourceDb::open_existing(request.database);
    CHECK(db.road_count() == 2);
    const auto stored = db.problems();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].feature_id == "R9");
}

TEST_CASE("A township with a null population is stored as NULL and reported") {
    TempDir dir;
    const std::string path = layer(dir, "townships",
                                   point(R"("id": "T1", "population": 1200)") + "," +
                                       point(R"("id": "T2", "population": null)", 14.504, 35.9003) +
                                       "," + point(R"("id": "T3", "population": 800)"));
    const ImportSummary summary = good_import(dir, {{SourceKind::townships, path}});
    REQUIRE(summary.problems.size() == 1);
    CHECK(summary.problems[0].kind == "townships");
    CHECK(summary.problems[0].feature_id == "T2");
    CHECK(summary.problems[0].field == "population");
    REQUIRE(summary.problems[0].location);
    CHECK(summary.problems[0].location->lon == Approx(14.504).margin(1e-9));

    const ResourceDb db = ResourceDb::open_existing(dir.file("county.sqlite"));
    const auto townships = db.townships();
    REQUIRE(townships.size() == 3);
    CHECK(townships[1].id == "T2");
    CHECK_FALSE(townships[1].population);  // NULL, not 0
    CHECK(townships[0].population == 1200);
    CHECK(townships[2].population == 800);

    const auto stored = db.problems();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].feature_id == "T2");
    CHECK(stored[0].field == "population");
    REQUIRE(stored[0].location);  // a point on the problem map
    CHECK(stored[0].location->lat == Approx(35.9003).margin(1e-9));
}

TEST_CASE("A Shapefile without its .dbf is an InputError saying the .dbf is missing") {
    TempDir dir;
    const std::string shp = roads_shapefile(dir);
    SECTION("with its .dbf, the Shapefile imports") {
        const ImportSummary summary = good_import(dir, {{SourceKind::roads, shp}});
        REQUIRE(summary.entries.size() == 1);
        CHECK(summary.entries[0].imported == 3);  // R1, R2, R3 of the fixture
    }
    SECTION("without it, the error names the missing file") {
        REQUIRE(std::filesystem::remove(dir.file("roads.dbf")));
        CHECK_THAT(failed_import(dir, {{SourceKind::roads, shp}}),
                   Contains(shp) && Contains("roads.dbf is missing"));
    }
}

TEST_CASE("A truncated .osm.pbf is an InputError saying it is truncated or corrupt") {
    TempDir dir;
    const std::string pbf = dir.file("malta-latest.osm.pbf");
    SECTION("cut in its first block") {
        copy_head(muster::test::sample("malta/malta-latest.osm.pbf"), pbf, 100);
    }
    SECTION("cut among its ways") {
        copy_head(muster::test::sample("malta/malta-latest.osm.pbf"), pbf, 3'500'000);
    }
    CHECK_THAT(failed_import(dir, {{SourceKind::roads, pbf + ":lines"}}),
               Contains(pbf) && Contains("truncated or corrupt"));
}

TEST_CASE("A Shapefile cut short is an InputError, not roads without geometry") {
    // By the Shapefile spec: a 100-byte header, then per record 8 bytes of header and a polyline
    // of 44 + 16 × points bytes: R1 and R2 (3 points) end at 204 and 308, R3 (2 points) at 396.
    // Cut at 350, R3 is incomplete while R1 and R2, read first, are whole.
    TempDir dir;
    const std::string shp = roads_shapefile(dir);
    REQUIRE(std::filesystem::file_size(shp) == 396);
    std::filesystem::resize_file(shp, 350);
    CHECK_THAT(failed_import(dir, {{SourceKind::roads, shp}}),
               Contains(shp) && Contains("truncated or corrupt"));
}

TEST_CASE("Text that is not UTF-8 is an InputError naming the file, feature and field") {
    TempDir dir;
    // 南 in GBK (C4 CF) and FF, which starts no character in UTF-8 nor in GB18030 (valid GBK, as a
    // spreadsheet saved in a Chinese locale writes it, is read as GB18030: test_encodings.cpp).
    // The CSV driver numbers the data rows from FID 1.
    const std::string path = dir.write("shelters.csv",
                                       "id,name,class,capacity,lon,lat\n"
                                       "S1,Hall,emergency,100,14.503,35.9002\n"
                                       "S2,\xC4\xCF\xFF,emergency,100,14.504,35.9002\n");
    CHECK_THAT(failed_import(dir, {{SourceKind::shelters, path}}),
               Contains(path) && Contains("FID 2") && Contains("field 'name'") &&
                   Contains("not valid UTF-8"));
}
