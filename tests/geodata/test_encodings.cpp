// County files as Chinese offices have them: Shapefiles in GBK without a .cpg, CSV saved by Excel
// in GBK or with a BOM, Excel sheets with 经度/纬度 columns, points copied from AMap (GCJ-02) and
// CGCS2000 Gauss-Krüger projections. Fixtures are written here with GDAL; the Chinese names are
// those of central Nanjing in OpenStreetMap (tests' data: nanjing-xinjiekou-2021).

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "geodata/detail/dbf_field_names.hpp"
#include "geodata/detail/text_encoding.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using namespace muster::test;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

ImportRequest request_for(const TempDir& dir, std::map<SourceKind, std::string> sources) {
    ImportRequest request;
    request.database = dir.file("county.sqlite");
    request.sources = std::move(sources);
    request.sources.emplace(SourceKind::roads, fx("roads.geojson"));
    return request;
}

std::string warnings_of(const ImportSummary& summary, const std::string& kind) {
    for (const auto& entry : summary.entries) {
        if (entry.kind == kind)
            return entry.warnings;
    }
    return {};
}

struct Row {
    std::vector<std::string> values;
    double x = 0, y = 0;
};

// A point Shapefile `name`.shp in dir, its text in `encoding` (GDAL's layer creation option), its
// CRS the EPSG code's, with string fields.
std::string write_shapefile(const TempDir& dir, const std::string& name,
                            const std::string& encoding, int epsg,
                            const std::vector<std::string>& fields, const std::vector<Row>& rows,
                            OGRwkbGeometryType type = wkbPoint) {
    GDALAllRegister();
    const std::string path = dir.file(name + ".shp");
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    REQUIRE(driver);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    const std::string option = "ENCODING=" + encoding;
    const char* const options[] = {option.c_str(), nullptr};
    OGRLayer* layer = ds->CreateLayer(name.c_str(), &srs, type, const_cast<char**>(options));
    REQUIRE(layer);
    for (const auto& field : fields) {
        OGRFieldDefn definition(field.c_str(), OFTString);
        REQUIRE(layer->CreateField(&definition) == OGRERR_NONE);
    }
    for (const Row& row : rows) {
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t i = 0; i < row.values.size(); ++i)
            feature.SetField(static_cast<int>(i), row.values[i].c_str());
        if (type == wkbPoint) {
            OGRPoint point(row.x, row.y);
            feature.SetGeometry(&point);
        } else {
            OGRLineString line;
            line.addPoint(row.x, row.y);
            line.addPoint(row.x + 0.001, row.y);
            feature.SetGeometry(&line);
        }
        REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
    }
    GDALClose(ds);
    return path;
}

// The Shapefile as files from Chinese Windows software often are: no .cpg, and no code page in
// the .dbf (its language driver byte, offset 29, zero).
void forget_encoding(const TempDir& dir, const std::string& name) {
    std::filesystem::remove(dir.file(name + ".cpg"));
    std::fstream dbf(dir.file(name + ".dbf"), std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(dbf);
    dbf.seekp(29);
    dbf.put('\0');
}

// Metres between two WGS84 points.
double metres(LonLat a, LonLat b) {
    return distance_m(a, b);
}

const std::vector<std::string> kShelterFields{"编号", "名称", "类别", "容量"};

}  // namespace

TEST_CASE("A GBK Shapefile that names no encoding is read as GB18030, field names too") {
    TempDir dir;
    const std::string shp =
        write_shapefile(dir, "shelters", "CP936", 4326, kShelterFields,
                        {{{"S1", "中山路避难场所", "emergency", "300"}, 14.503, 35.9002},
                         {{"S2", "汉中路广场", "fixed", "1200"}, 14.504, 35.9002}});
    forget_encoding(dir, "shelters");
    const ImportSummary summary = run_import(request_for(dir, {{SourceKind::shelters, shp}}));
    CHECK_THAT(warnings_of(summary, "shelters"),
               Contains("read as GB18030: the file names no encoding"));
    const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
    REQUIRE(shelters.size() == 2);
    CHECK(shelters[0].id == "S1");
    CHECK(shelters[0].name == "中山路避难场所");
    CHECK(shelters[1].name == "汉中路广场");
    CHECK(shelters[1].capacity == 1200);
}

TEST_CASE("A named encoding (--encoding) forces a source's encoding") {
    TempDir dir;
    // 中山路 in GBK is D6 D0 C9 BD C2 B7; in Big5 those bytes are other characters, but valid.
    const std::string gbk =
        "id,name,class,capacity,lon,lat\n"
        "S1,\xD6\xD0\xC9\xBD\xC2\xB7,emergency,100,14.503,35.9002\n";
    SECTION("a CSV file") {
        const std::string path = dir.write("shelters.csv", gbk);
        ImportRequest request = request_for(dir, {{SourceKind::shelters, path}});
        request.encodings[SourceKind::shelters] = "GBK";
        const ImportSummary summary = run_import(request);
        CHECK_THAT(warnings_of(summary, "shelters"), Contains("read as GBK (--encoding)"));
        const auto shelters = ResourceDb::open_existing(request.database).shelters();
        REQUIRE(shelters.size() == 1);
        CHECK(shelters[0].name == "中山路");
    }
    SECTION("a Shapefile that names another encoding") {
        // Written as UTF-8 with a .cpg saying so; forced as GBK, 中山路's 9 UTF-8 bytes read as
        // other characters, so the forced encoding is seen to apply.
        const std::string shp =
            write_shapefile(dir, "shelters", "UTF-8", 4326, kShelterFields,
                            {{{"S1", "中山路", "emergency", "1"}, 14.503, 35.9002}});
        VectorLayer as_written(SourceSpec{shp, "", "", "", CoordinateSystem::wgs84});
        CHECK(as_written.field_names()[1] == "名称");
        SourceSpec spec{shp, "", "", "GBK", CoordinateSystem::wgs84};
        VectorLayer forced(spec);
        CHECK(forced.field_names()[1] != "名称");
        REQUIRE(forced.notes().size() == 1);
        CHECK(forced.notes()[0] == "read as GBK (--encoding)");
    }
    SECTION("a wrong encoding named: the missing field's error says so") {
        // GBK bytes read as UTF-8: 编号, 名称 ... are no text, so no default name matches.
        const std::string shp =
            write_shapefile(dir, "shelters", "CP936", 4326, kShelterFields,
                            {{{"S1", "中山路", "emergency", "1"}, 14.503, 35.9002}});
        forget_encoding(dir, "shelters");
        ImportRequest request = request_for(dir, {{SourceKind::shelters, shp}});
        request.encodings[SourceKind::shelters] = "UTF-8";
        CHECK_THAT(input_error([&] { run_import(request); }),
                   Contains("missing required field 'class'") &&
                       Contains("not text in the encoding the file was read with") &&
                       Contains("--encoding"));
    }
    SECTION("an unknown encoding is refused") {
        const std::string path = dir.write("shelters.csv", gbk);
        ImportRequest request = request_for(dir, {{SourceKind::shelters, path}});
        request.encodings[SourceKind::shelters] = "KLINGON-8";
        CHECK_THAT(input_error([&] { run_import(request); }),
                   Contains(path) && Contains("encoding") && Contains("KLINGON-8"));
    }
}

TEST_CASE("A GBK CSV file, as Excel saves it on Chinese Windows, is read as GB18030") {
    TempDir dir;
    // 编号,名称,类别,容量,经度,纬度 / S1,汉中路 in GBK, iconv -f UTF-8 -t GBK.
    const std::string path = dir.write(
        "shelters.csv",
        "\xB1\xE0\xBA\xC5,\xC3\xFB\xB3\xC6,\xC0\xE0\xB1\xF0,\xC8\xDD\xC1\xBF,\xBE\xAD\xB6\xC8,"
        "\xCE\xB3\xB6\xC8\n"
        "S1,\xBA\xBA\xD6\xD0\xC2\xB7,emergency,100,14.503,35.9002\n");
    const ImportSummary summary = run_import(request_for(dir, {{SourceKind::shelters, path}}));
    CHECK_THAT(warnings_of(summary, "shelters"), Contains("read as GB18030"));
    const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
    REQUIRE(shelters.size() == 1);
    CHECK(shelters[0].id == "S1");
    CHECK(shelters[0].name == "汉中路");
    CHECK(shelters[0].location.lon == Approx(14.503));
}

TEST_CASE("Text neither UTF-8 nor GB18030 is refused naming the file and --encoding") {
    TempDir dir;
    // FF starts no character in UTF-8 or in GB18030.
    const std::string path = dir.write("shelters.csv",
                                       "id,name,class,capacity,lon,lat\n"
                                       "S1,\xC4\xCF\xFF,emergency,100,14.503,35.9002\n");
    ImportRequest request = request_for(dir, {{SourceKind::shelters, path}});
    CHECK_THAT(input_error([&] { run_import(request); }),
               Contains(path) && Contains("encoding") && Contains("--encoding"));
    CHECK_FALSE(std::filesystem::exists(request.database));
}

TEST_CASE("A UTF-8 BOM, as Excel writes it, does not change the first column's name") {
    TempDir dir;
    const std::string path = dir.write("shelters.csv",
                                       "\xEF\xBB\xBF编号,名称,类别,容量,经度,纬度\n"
                                       "S7,新街口,emergency,100,14.503,35.9002\n");
    run_import(request_for(dir, {{SourceKind::shelters, path}}));
    const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
    REQUIRE(shelters.size() == 1);
    CHECK(shelters[0].id == "S7");
}

TEST_CASE("The forms a .dbf leaves of a long field name, in UTF-8 and in GBK") {
    // 行政区划代码: UTF-8 3 bytes a character, 18 in all, cut at 10: 行政区 (9) and a stray byte;
    // GBK 2 a character, 12 in all: 行政区划代 (10).
    CHECK(detail::dbf_cut_forms("行政区划代码") ==
          std::vector<std::string>{"行政区", "行政区划代"});
    // 道路等级: 12 bytes in UTF-8 (道路等 and a stray byte), 8 in GBK (fits).
    CHECK(detail::dbf_cut_forms("道路等级") == std::vector<std::string>{"道路等"});
    CHECK(detail::dbf_cut_forms("population_total") == std::vector<std::string>{"population"});
    CHECK(detail::dbf_cut_forms("名称").empty());
    CHECK(detail::valid_utf8("道路等\xE7") == "道路等");
    CHECK(detail::valid_utf8("道路等\xE7\xAD") == "道路等");
    CHECK(detail::valid_utf8("道路等级") == "道路等级");
    CHECK(detail::valid_utf8("a\xFF"
                             "b") ==
          "a\xEF\xBF\xBD"
          "b");
}

TEST_CASE("Field names a .dbf cut at 10 bytes are matched and the match is said") {
    TempDir dir;
    SECTION("UTF-8: 道路等级 (12 bytes) is left as 道路等 and a stray byte") {
        const std::string shp =
            write_shapefile(dir, "roads", "UTF-8", 4326, {"编号", "道路名称", "道路等级"},
                            {{{"R1", "中山路", "primary"}, 14.500, 35.900},
                             {{"R2", "汉中路", "primary"}, 14.501, 35.900}},
                            wkbLineString);
        VectorLayer layer(SourceSpec{shp, "", "", "", CoordinateSystem::wgs84});
        REQUIRE(layer.field_names().size() == 3);
        CHECK(layer.field_names()[2] == "道路等");  // the stray first byte of 级 dropped
        ImportRequest request;
        request.database = dir.file("county.sqlite");
        request.sources[SourceKind::roads] = shp;
        const ImportSummary summary = run_import(request);
        CHECK_THAT(warnings_of(summary, "roads"),
                   Contains("attribute 'class': took field '道路等' (the Shapefile's cut form of "
                            "道路等级)"));
        CHECK(ResourceDb::open_existing(request.database).road_count() == 2);
    }
    SECTION("UTF-8 without a .cpg: the stray byte does not make the file GB18030") {
        // 道路等 and E7 are valid GB18030 bytes too: only the name's end is not UTF-8.
        const std::string shp =
            write_shapefile(dir, "roads", "UTF-8", 4326, {"编号", "道路名称", "道路等级"},
                            {{{"R1", "中山路", "primary"}, 14.500, 35.900}}, wkbLineString);
        forget_encoding(dir, "roads");
        VectorLayer layer(SourceSpec{shp, "", "", "", CoordinateSystem::wgs84});
        CHECK(layer.field_names() == std::vector<std::string>{"编号", "道路名", "道路等"});
        CHECK(layer.notes().empty());
        layer.for_each([](const SourceFeature& f) { CHECK(f.values[1] == "中山路"); });
    }
    SECTION("GBK: 行政区划代码 (12 bytes) is left as 行政区划代") {
        const std::string shp = write_shapefile(
            dir, "townships", "CP936", 4326, {"编号", "名称", "人口", "行政区划代码"},
            {{{"T1", "新街口街道", "58000", "320102"}, 14.503, 35.9002}});
        forget_encoding(dir, "townships");
        const ImportSummary summary = run_import(request_for(dir, {{SourceKind::townships, shp}}));
        CHECK_THAT(warnings_of(summary, "townships"),
                   Contains("took field '行政区划代' (the Shapefile's cut form of 行政区划代码)"));
        const auto townships = ResourceDb::open_existing(dir.file("county.sqlite")).townships();
        REQUIRE(townships.size() == 1);
        CHECK(townships[0].region == "320102");
        CHECK(townships[0].population == 58000);
    }
}

namespace {

// An Excel (or LibreOffice) sheet `file` with the given columns, all text but the ones named in
// `numbers`, which are written as numbers.
std::string write_sheet(const TempDir& dir, const std::string& file, const std::string& driver_name,
                        const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows,
                        const std::vector<std::string>& numbers = {}) {
    GDALAllRegister();
    const std::string path = dir.file(file);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    REQUIRE(driver);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRLayer* layer = ds->CreateLayer("shelters", nullptr, wkbNone, nullptr);
    REQUIRE(layer);
    for (const auto& column : columns) {
        const bool number = std::find(numbers.begin(), numbers.end(), column) != numbers.end();
        OGRFieldDefn definition(column.c_str(), number ? OFTReal : OFTString);
        REQUIRE(layer->CreateField(&definition) == OGRERR_NONE);
    }
    for (const auto& row : rows) {
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (!row[i].empty())
                feature.SetField(static_cast<int>(i), row[i].c_str());
        }
        REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
    }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST_CASE("An Excel or LibreOffice sheet with lon/lat columns gives points") {
    TempDir dir;
    const std::vector<std::vector<std::string>> rows{
        {"S1", "中山路避难场所", "emergency", "300", "14.503", "35.9002"},
        {"S2", "汉中路广场", "fixed", "1200", "14.504", "35.9003"}};
    for (const auto& [file, driver, numbers] :
         {std::tuple{"shelters.xlsx", "XLSX", std::vector<std::string>{"经度", "纬度"}},
          std::tuple{"shelters.ods", "ODS", std::vector<std::string>{}}}) {
        DYNAMIC_SECTION(file) {
            const std::string path = write_sheet(
                dir, file, driver, {"编号", "名称", "类别", "容量", "经度", "纬度"}, rows, numbers);
            VectorLayer layer(SourceSpec{path, "", "", "", CoordinateSystem::wgs84});
            CHECK(layer.field_names() == std::vector<std::string>{"编号", "名称", "类别", "容量"});
            run_import(request_for(dir, {{SourceKind::shelters, path}}));
            const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
            REQUIRE(shelters.size() == 2);
            CHECK(shelters[0].name == "中山路避难场所");
            CHECK(shelters[0].location.lon == Approx(14.503).margin(1e-9));
            CHECK(shelters[0].location.lat == Approx(35.9002).margin(1e-9));
            CHECK(shelters[1].location.lon == Approx(14.504).margin(1e-9));
            CHECK(shelters[1].capacity == 1200);
        }
    }
    SECTION("a GeoPackage attribute table whose lon/lat columns are numbers") {
        const std::string path =
            write_sheet(dir, "shelters.gpkg", "GPKG",
                        {"id", "name", "class", "capacity", "lon", "lat"}, rows, {"lon", "lat"});
        run_import(request_for(dir, {{SourceKind::shelters, path}}));
        const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
        REQUIRE(shelters.size() == 2);
        CHECK(shelters[1].location.lon == Approx(14.504).margin(1e-9));
        CHECK(shelters[1].location.lat == Approx(35.9003).margin(1e-9));
    }
    SECTION("lon/lat, longitude/latitude, lng, x/y") {
        for (const auto& [x, y] : {std::pair{"lon", "lat"}, std::pair{"Longitude", "Latitude"},
                                   std::pair{"lng", "lat"}, std::pair{"X", "Y"}}) {
            const std::string path = write_sheet(dir, std::string(x) + ".xlsx", "XLSX",
                                                 {"id", "name", "class", "capacity", x, y}, rows);
            VectorLayer layer(SourceSpec{path, "", "", "", CoordinateSystem::wgs84});
            CHECK(layer.field_names().size() == 4);
            std::vector<LonLat> points;
            layer.for_each([&](const SourceFeature& f) {
                REQUIRE(f.geometry);
                const auto* point = f.geometry->toPoint();
                points.push_back({point->getX(), point->getY()});
            });
            REQUIRE(points.size() == 2);
            CHECK(points[1].lat == Approx(35.9003).margin(1e-9));
        }
    }
}

TEST_CASE("A source of which no feature is usable is refused and what was stored stays") {
    TempDir dir;
    std::string csv = "id,name,class,capacity,lon,lat\n";
    std::vector<std::vector<std::string>> rows;
    for (int i = 1; i <= 21; ++i) {
        csv += "S" + std::to_string(i) + ",避难场所" + std::to_string(i) +
               ",emergency,100,14.503," + "35.9002\n";
        rows.push_back({"S" + std::to_string(i), "避难场所", "emergency", "100"});
    }
    const ImportRequest first =
        request_for(dir, {{SourceKind::shelters, dir.write("shelters.csv", csv)}});
    run_import(first);
    REQUIRE(ResourceDb::open_existing(first.database).shelters().size() == 21);

    // A sheet without coordinate columns: 21 rows, none with a place.
    const std::string sheet =
        write_sheet(dir, "shelters.xlsx", "XLSX", {"编号", "名称", "类别", "容量"}, rows);
    ImportRequest second;
    second.database = first.database;
    second.sources[SourceKind::shelters] = sheet;
    CHECK_THAT(input_error([&] { run_import(second); }),
               Contains(sheet) && Contains("21 features read, none usable") &&
                   Contains("no geometry") && Contains("经度/纬度"));
    CHECK(ResourceDb::open_existing(first.database).shelters().size() == 21);
}

TEST_CASE("Points in GCJ-02 are shifted to WGS84 on import") {
    // The published pair of eviltransform's README: WGS84 (116.404, 39.915) is GCJ-02
    // (116.41024449916938, 39.91640428150164).
    TempDir dir;
    const std::string path = dir.write("shelters.csv",
                                       "id,name,class,capacity,lon,lat\n"
                                       "S1,天安门广场,central,100000,116.41024449916938,"
                                       "39.91640428150164\n");
    ImportRequest request = request_for(dir, {{SourceKind::shelters, path}});
    request.coordinates[SourceKind::shelters] = CoordinateSystem::gcj02;
    const ImportSummary summary = run_import(request);
    CHECK_THAT(warnings_of(summary, "shelters"), Contains("GCJ-02 to WGS84"));
    const auto shelters = ResourceDb::open_existing(request.database).shelters();
    REQUIRE(shelters.size() == 1);
    CHECK(metres(shelters[0].location, {116.404, 39.915}) < 0.5);
}

namespace {

// GRS80 meridian arc from the equator to `lat_deg` (the northing of a point on a Gauss-Krüger
// zone's central meridian): the series of Snyder, Map Projections (USGS 1395), eq. 3-21.
double meridian_arc_m(double lat_deg) {
    const double a = 6378137.0, f = 1 / 298.257222101;
    const double e2 = f * (2 - f), e4 = e2 * e2, e6 = e4 * e2;
    const double p = lat_deg * M_PI / 180;
    return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * p -
                (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * p) +
                (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * p) -
                (35 * e6 / 3072) * std::sin(6 * p));
}

}  // namespace

TEST_CASE("CGCS2000 sources, geographic and Gauss-Krüger, import to their WGS84 place") {
    // A point on each zone's central meridian at 32.04°N: easting the false easting (with or
    // without the zone number in front), northing the meridian arc.
    struct Case {
        int epsg;
        double central_meridian;
        double false_easting;
    };
    const double north = meridian_arc_m(32.04);
    for (const Case& c : {Case{4549, 120, 500000},       // 3° zone 40, no prefix
                          Case{4528, 120, 40500000},     // 3° zone 40, prefix 40
                          Case{4509, 117, 500000},       // 6° zone 20, no prefix
                          Case{4498, 117, 20500000}}) {  // 6° zone 20, prefix 20
        DYNAMIC_SECTION("EPSG:" << c.epsg) {
            TempDir dir;
            const std::string shp =
                write_shapefile(dir, "shelters", "UTF-8", c.epsg, kShelterFields,
                                {{{"S1", "新街口", "emergency", "1"}, c.false_easting, north}});
            run_import(request_for(dir, {{SourceKind::shelters, shp}}));
            const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
            REQUIRE(shelters.size() == 1);
            CHECK(metres(shelters[0].location, {c.central_meridian, 32.04}) < 1.0);
        }
    }
    SECTION("EPSG:4490, whose axis order is lat/lon, is read as lon/lat") {
        TempDir dir;
        const std::string shp =
            write_shapefile(dir, "shelters", "UTF-8", 4490, kShelterFields,
                            {{{"S1", "新街口", "emergency", "1"}, 118.78, 32.04}});
        run_import(request_for(dir, {{SourceKind::shelters, shp}}));
        const auto shelters = ResourceDb::open_existing(dir.file("county.sqlite")).shelters();
        REQUIRE(shelters.size() == 1);
        CHECK(shelters[0].location.lon == Approx(118.78).margin(1e-9));
        CHECK(shelters[0].location.lat == Approx(32.04).margin(1e-9));
    }
}
