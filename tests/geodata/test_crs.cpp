// Any CRS in, WGS84 stored: a layer in Web Mercator (EPSG:3857) whose coordinates were computed by
// hand imports at the right longitude and latitude; a layer without a CRS is refused.
//
// tests/fixtures/geodata/hospitals_3857.geojson holds two points written in EPSG:3857, from the
// spherical Mercator formulas with R = 6378137 m:
//   x = R·λ,  y = R·ln(tan(π/4 + φ/2))
//   H1 (14.5°E, 35.9°N):  λ = 0.2530727415 rad → x = 1614132.616502 m
//                         φ = 0.6265732015 rad, tan(π/4 + φ/2) = 1.9583837145 → y = 4286870.236044
//                         m
//   H2 (14.51°E, 35.91°N): λ = 0.2532472745 rad → x = 1615245.811410 m
//                         tan(π/4 + φ/2) = 1.9588057433 → y = 4288244.566924 m
// (PROJ's cs2cs EPSG:4326 → EPSG:3857 agrees to 0.1 mm.) Six decimals of a metre are 1e-11°.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "engine/errors.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/field_map.hpp"
#include "geodata/importer.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using namespace muster::test;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

constexpr double kTolerance = 1e-7;  // degrees, about 1 cm

void ogr2ogr(const std::string& arguments) {
    std::string output;
    const int status = muster::test::run_command("ogr2ogr " + arguments, &output);
    INFO("ogr2ogr " << arguments << "\n" << output);
    REQUIRE(status == 0);
}

void check_hand_computed(const std::string& spec) {
    VectorLayer layer(parse_source_spec(spec));
    const auto read = read_hospitals(layer, FieldMap::defaults());
    REQUIRE(read.items.size() == 2);
    CHECK(read.items[0].id == "H1");
    CHECK(read.items[0].location.lon == Approx(14.5).margin(kTolerance));
    CHECK(read.items[0].location.lat == Approx(35.9).margin(kTolerance));
    CHECK(read.items[1].id == "H2");
    CHECK(read.items[1].location.lon == Approx(14.51).margin(kTolerance));
    CHECK(read.items[1].location.lat == Approx(35.91).margin(kTolerance));
}

}  // namespace

TEST_CASE("A Web Mercator GeoJSON layer imports at the hand-computed longitude and latitude") {
    check_hand_computed(fx("hospitals_3857.geojson"));
}

TEST_CASE("A Web Mercator Shapefile (.prj) and GeoPackage import at the same lon/lat") {
    TempDir dir;
    SECTION("Shapefile: the CRS comes from the ESRI WKT of its .prj") {
        const std::string shp = dir.file("hospitals.shp");
        ogr2ogr("-f 'ESRI Shapefile' '" + shp + "' '" + fx("hospitals_3857.geojson") + "'");
        REQUIRE(std::filesystem::exists(dir.file("hospitals.prj")));
        check_hand_computed(shp);
    }
    SECTION("GeoPackage") {
        const std::string gpkg = dir.file("hospitals.gpkg");
        ogr2ogr("-f GPKG '" + gpkg + "' '" + fx("hospitals_3857.geojson") + "'");
        check_hand_computed(gpkg);
    }
}

TEST_CASE("A layer in a UTM zone imports back at the original lon/lat") {
    // ogr2ogr projects the hand-made points to UTM 33N (EPSG:32633, 14.5°E is 0.5° east of its
    // central meridian); muster must bring them back to 14.5°E 35.9°N and 14.51°E 35.91°N.
    TempDir dir;
    const std::string shp = dir.file("hospitals_utm.shp");
    ogr2ogr("-f 'ESRI Shapefile' -t_srs EPSG:32633 '" + shp + "' '" + fx("hospitals_3857.geojson") +
            "'");
    check_hand_computed(shp);
}

TEST_CASE("Roads in Web Mercator are measured on the ellipsoid, not in projected metres") {
    // A road from 14.5°E to 14.51°E along 35.9°N, written in EPSG:3857. Its Mercator length is
    // R·Δλ = 6378137 × 0.01 × π/180 = 1113.19 m, but on the ground a degree of longitude at φ
    // is N(φ)·cos φ·π/180 with N = a / √(1 − e² sin²φ): at 35.9°, sin²φ = 0.3438325,
    // N = 6378137 / √(1 − 0.00669438 × 0.3438325) = 6385490.12 m, cos φ = 0.8100416,
    // so 0.01° = 6385490.12 × 0.8100416 × 0.000174533 = 902.7738 m. (A parallel is not a
    // geodesic, but over 900 m the difference is far below a millimetre; PROJ's geod -I gives
    // 902.774 m for the same pair.)
    TempDir dir;
    const std::string path =
        dir.write("roads_3857.geojson", R"({"type": "FeatureCollection", "name": "roads",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [
 {"type": "Feature", "properties": {"id": "W", "class": "primary"},
  "geometry": {"type": "LineString", "coordinates": [[1614132.616502, 4286870.236044], [1615245.811410, 4286870.236044]]}}]})");
    ImportRequest request;
    request.database = dir.file("db.sqlite");
    request.sources[SourceKind::roads] = path;
    run_import(request);
    const auto network = ResourceDb::open_existing(request.database).network(Profile::drive);
    REQUIRE(network);
    REQUIRE(network->edge_count() == 2);
    CHECK(network->length_m(muster::EdgeId(0)) == Approx(902.7738).margin(2e-3));
    CHECK(network->coordinate(network->head(muster::EdgeId(0))).lat_e7 == 359000000);
}

TEST_CASE("A Shapefile without its .prj is an InputError saying unknown CRS") {
    TempDir dir;
    const std::string shp = dir.file("hospitals.shp");
    ogr2ogr("-f 'ESRI Shapefile' '" + shp + "' '" + fx("hospitals_3857.geojson") + "'");
    REQUIRE(std::filesystem::remove(dir.file("hospitals.prj")));
    CHECK_THAT(input_error([&] { VectorLayer layer(parse_source_spec(shp)); }),
               Contains("unknown CRS") && Contains(shp + ":hospitals"));

    SECTION("and run_import stops with it, naming the source") {
        ImportRequest request;
        request.database = dir.file("db.sqlite");
        request.sources[SourceKind::roads] = fx("roads.geojson");
        request.sources[SourceKind::hospitals] = shp;
        CHECK_THAT(input_error([&] { run_import(request); }),
                   Contains("unknown CRS") && Contains(shp));
        CHECK_FALSE(std::filesystem::exists(request.database));
    }
}
