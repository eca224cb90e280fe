// Writing FeatureTables as GIS layers (geodata/result_writer.hpp), read back with GDAL's own
// readers: values, geometries, layers of a GeoPackage, companion files, and the errors.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "engine/errors.hpp"
#include "geodata/result_writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::FeatureRow;
using muster::FeatureTable;
using muster::FieldType;
using muster::GeometryType;
using muster::InputError;
using muster::LonLat;
using muster::test::TempDir;

struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset open(const std::string& path) {
    GDALAllRegister();
    Dataset d(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    REQUIRE(d);
    return d;
}

std::vector<std::unique_ptr<OGRFeature>> features(OGRLayer& layer) {
    std::vector<std::unique_ptr<OGRFeature>> out;
    layer.ResetReading();
    for (OGRFeature* f; (f = layer.GetNextFeature()) != nullptr;)
        out.emplace_back(f);
    return out;
}

/// Two shelters as points: an integer, a real, a text (Chinese in the second), a boolean and a
/// null.
FeatureTable points() {
    FeatureTable t{"shelters",
                   GeometryType::point,
                   {{"rank", FieldType::integer},
                    {"capacity", FieldType::real},
                    {"name", FieldType::text},
                    {"open", FieldType::boolean},
                    {"note", FieldType::text}},
                   {}};
    t.rows.push_back(
        {{std::int64_t{1}, 300.5, std::string("Market Square"), std::int64_t{1}, std::monostate{}},
         LonLat{14.5, 35.9}});
    t.rows.push_back({{std::int64_t{2}, 1200.0, std::string("鼓楼广场"), std::int64_t{0},
                       std::string("north gate")},
                      LonLat{118.78, 32.06}});
    return t;
}

}  // namespace

TEST_CASE("parse_output_target splits a layer name only after a file extension") {
    auto t = muster::parse_output_target("out/results.gpkg:routes");
    CHECK(t.path == "out/results.gpkg");
    CHECK(t.layer == "routes");
    t = muster::parse_output_target("routes.geojson");
    CHECK(t.path == "routes.geojson");
    CHECK(t.layer.empty());
    t = muster::parse_output_target("dir:with:colons/x.csv");  // no extension before the last colon
    CHECK(t.path == "dir:with:colons/x.csv");
    CHECK(t.layer.empty());
    CHECK_THROWS_AS(muster::parse_output_target(""), InputError);
}

TEST_CASE("points written to GeoPackage, Shapefile, GeoJSON, CSV read back with values") {
    TempDir dir;
    for (const std::string name : {"p.gpkg", "p.shp", "p.geojson", "p.json", "p.csv"}) {
        INFO(name);
        const std::string path = dir.file(name);
        const std::string written = muster::write_feature_table(path, points());
        CHECK(written == (name == "p.gpkg" ? path + ":shelters" : path));
        const Dataset d = open(path);
        REQUIRE(d->GetLayerCount() == 1);
        OGRLayer& layer = *d->GetLayer(0);
        const auto rows = features(layer);
        REQUIRE(rows.size() == 2);
        CHECK(rows[0]->GetFieldAsInteger("rank") == 1);
        CHECK(rows[0]->GetFieldAsDouble("capacity") == 300.5);
        CHECK(std::string(rows[0]->GetFieldAsString("name")) == "Market Square");
        CHECK(std::string(rows[1]->GetFieldAsString("name")) == "鼓楼广场");
        CHECK(rows[0]->GetFieldAsInteger("open") == 1);
        CHECK(rows[1]->GetFieldAsInteger("open") == 0);
        CHECK(std::string(rows[1]->GetFieldAsString("note")) == "north gate");
        if (name != "p.csv" && name != "p.shp")
            CHECK(rows[0]->IsFieldNull(rows[0]->GetFieldIndex("note")));
        const OGRGeometry* g = rows[1]->GetGeometryRef();
        REQUIRE(g);
        REQUIRE(wkbFlatten(g->getGeometryType()) == wkbPoint);
        CHECK(g->toPoint()->getX() == Approx(118.78).margin(1e-7));  // x is the longitude
        CHECK(g->toPoint()->getY() == Approx(32.06).margin(1e-7));
    }
}

TEST_CASE("a Shapefile gets a .cpg saying UTF-8 and a GeoJSON no crs member") {
    TempDir dir;
    muster::write_feature_table(dir.file("s.shp"), points());
    std::ifstream cpg(dir.file("s.cpg"));
    std::string encoding;
    cpg >> encoding;
    CHECK(encoding == "UTF-8");
    CHECK(std::filesystem::exists(dir.file("s.prj")));

    muster::write_feature_table(dir.file("s.geojson"), points());
    std::ifstream in(dir.file("s.geojson"));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("\"crs\"") == std::string::npos);  // RFC 7946: WGS84 lon/lat implied
    CHECK(text.find("[ 118.78, 32.06 ]") != std::string::npos);
}

TEST_CASE("lines and multipolygons keep their coordinates, and a one-point line gets two") {
    TempDir dir;
    FeatureTable lines{"routes", GeometryType::line_string, {{"id", FieldType::text}}, {}};
    lines.rows.push_back(
        {{std::string("a")}, std::vector<LonLat>{{0, 0}, {0.01, 0}, {0.01, 0.01}}});
    lines.rows.push_back({{std::string("stay")}, std::vector<LonLat>{{0.02, 0}}});
    lines.rows.push_back({{std::string("none")}, std::monostate{}});
    muster::MultiPolygon square{{{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}}};
    FeatureTable areas{"areas", GeometryType::multi_polygon, {{"minutes", FieldType::real}}, {}};
    areas.rows.push_back({{5.0}, square});

    const std::string path = dir.file("g.gpkg");
    const std::vector<FeatureTable> tables{lines, areas};
    const auto written = muster::write_feature_tables(path, tables);
    REQUIRE(written.size() == 2);
    CHECK(written[0] == path + ":routes");
    CHECK(written[1] == path + ":routes_areas");  // a companion layer in the same GeoPackage

    const Dataset d = open(path);
    const auto routes = features(*d->GetLayerByName("routes"));
    REQUIRE(routes.size() == 3);
    const OGRLineString* a = routes[0]->GetGeometryRef()->toLineString();
    REQUIRE(a->getNumPoints() == 3);
    CHECK(a->getX(2) == 0.01);
    CHECK(a->getY(2) == 0.01);
    const OGRLineString* stay = routes[1]->GetGeometryRef()->toLineString();
    REQUIRE(stay->getNumPoints() == 2);
    CHECK(stay->getX(0) == stay->getX(1));
    CHECK(routes[2]->GetGeometryRef() == nullptr);

    const auto polygons = features(*d->GetLayerByName("routes_areas"));
    REQUIRE(polygons.size() == 1);
    const OGRGeometry* g = polygons[0]->GetGeometryRef();
    REQUIRE(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);
    CHECK(g->toMultiPolygon()->getGeometryRef(0)->getExteriorRing()->getNumPoints() == 5);
}

TEST_CASE("a GeoPackage layer is replaced and the file's other layers are kept") {
    TempDir dir;
    const std::string path = dir.file("r.gpkg");
    muster::write_feature_table(path + ":first", points());
    muster::write_feature_table(path + ":second", points());
    FeatureTable one = points();
    one.rows.pop_back();
    muster::write_feature_table(path + ":first", one);

    const Dataset d = open(path);
    CHECK(d->GetLayerCount() == 2);
    CHECK(d->GetLayerByName("first")->GetFeatureCount() == 1);
    CHECK(d->GetLayerByName("second")->GetFeatureCount() == 2);
}

TEST_CASE("files of single-layer formats are replaced, companions go to sibling files") {
    TempDir dir;
    const std::string path = dir.file("iso.shp");
    FeatureTable roads{"roads", GeometryType::line_string, {{"edge", FieldType::integer}}, {}};
    roads.rows.push_back({{std::int64_t{7}}, std::vector<LonLat>{{0, 0}, {0.01, 0}}});
    FeatureTable areas{
        "isochrone", GeometryType::multi_polygon, {{"minutes", FieldType::real}}, {}};
    areas.rows.push_back({{5.0}, muster::MultiPolygon{{{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}}}});
    const std::vector<FeatureTable> tables{areas, roads};
    const auto written = muster::write_feature_tables(path, tables);
    REQUIRE(written.size() == 2);
    CHECK(written[1] == dir.file("iso_roads.shp"));
    CHECK(open(dir.file("iso_roads.shp"))->GetLayer(0)->GetFeatureCount() == 1);

    // Written again with fewer features: the old file is gone, not appended to.
    muster::write_feature_tables(path, std::vector<FeatureTable>{areas});
    CHECK(open(path)->GetLayer(0)->GetFeatureCount() == 1);
    muster::write_feature_table(dir.file("p.csv"), points());
    FeatureTable one = points();
    one.rows.pop_back();
    muster::write_feature_table(dir.file("p.csv"), one);
    CHECK(open(dir.file("p.csv"))->GetLayer(0)->GetFeatureCount() == 1);
}

TEST_CASE("an unknown extension or a file that cannot be created is an InputError naming it") {
    TempDir dir;
    const std::string unknown = dir.file("out.xyz");
    CHECK_THROWS_WITH(muster::write_feature_table(unknown, points()),
                      Catch::Contains(unknown) && Catch::Contains("unknown output format '.xyz'"));
    CHECK_THROWS_AS(muster::check_output_target(dir.file("noextension")), InputError);
    CHECK_NOTHROW(muster::check_output_target(dir.file("fine.gpkg:layer")));
    CHECK_FALSE(std::filesystem::exists(unknown));

    const std::string nowhere = dir.file("missing/dir/out.geojson");
    CHECK_THROWS_WITH(muster::write_feature_table(nowhere, points()),
                      Catch::Contains(nowhere) && Catch::Contains("cannot create"));

    const std::string not_gpkg = dir.write("text.gpkg", "not a GeoPackage");
    CHECK_THROWS_WITH(muster::write_feature_table(not_gpkg + ":layer", points()),
                      Catch::Contains(not_gpkg));
}

TEST_CASE("a CSV starts with a UTF-8 byte order mark and reads back with its first field name") {
    // Excel on a Chinese Windows reads a CSV without the mark as GBK: the mark is EF BB BF.
    TempDir dir;
    FeatureTable table{"shipments",
                       GeometryType::none,
                       {{"depot", FieldType::text}, {"quantity", FieldType::real}},
                       {}};
    table.rows.push_back({{std::string("储备库一"), 12.5}, {}});
    const std::string path = dir.file("shipments.csv");
    muster::write_feature_table(path, table);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    REQUIRE(bytes.size() > 3);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(bytes.substr(3, 15) == "depot,quantity\n");

    Dataset back = open(path);
    OGRLayer& layer = *back->GetLayer(0);
    REQUIRE(layer.GetLayerDefn()->GetFieldCount() == 2);
    CHECK(std::string(layer.GetLayerDefn()->GetFieldDefn(0)->GetNameRef()) == "depot");
    const auto rows = features(layer);
    REQUIRE(rows.size() == 1);
    CHECK(std::string(rows[0]->GetFieldAsString(0)) == "储备库一");

    // With geometry the WKT column comes first, after the same mark.
    muster::write_feature_table(dir.file("points.csv"), points());
    std::ifstream points_in(dir.file("points.csv"), std::ios::binary);
    std::string head(6, '\0');
    points_in.read(head.data(), 6);
    CHECK(head == "\xEF\xBB\xBFWKT");
    CHECK(std::string(open(dir.file("points.csv"))
                          ->GetLayer(0)
                          ->GetLayerDefn()
                          ->GetFieldDefn(0)
                          ->GetNameRef()) == "WKT");
}

TEST_CASE("a field's title is written to the GeoPackage's gpkg_data_columns") {
    TempDir dir;
    FeatureTable table{"shipments",
                       GeometryType::point,
                       {{"depot", FieldType::text, "储备库"}, {"eta_h", FieldType::real}},
                       {}};
    table.rows.push_back({{std::string("CK01"), 1.5}, LonLat{118.78, 32.04}});
    const std::string path = dir.file("out.gpkg");
    muster::write_feature_table(path, table);
    Dataset back = open(path);
    OGRLayer* rows = back->ExecuteSQL(
        "SELECT column_name, title FROM gpkg_data_columns WHERE table_name = 'shipments'", nullptr,
        nullptr);
    REQUIRE(rows);
    std::map<std::string, std::string> titles;
    for (const auto& f : features(*rows))
        titles[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
    back->ReleaseResultSet(rows);
    CHECK(titles == std::map<std::string, std::string>{{"depot", "储备库"}});
}
