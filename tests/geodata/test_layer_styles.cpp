// Layers' default styles (geodata/layer_style.hpp) and where the writer puts them: a GeoPackage's
// layer_styles table, `.qml` and `.sld` files beside a Shapefile. Read back with GDAL (its reader
// and its XML parser), never with muster's own code. That QGIS itself loads them as styled is
// tests/qgis's check.

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "engine/errors.hpp"
#include "geodata/layer_style.hpp"
#include "geodata/result_writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::FeatureTable;
using muster::FieldType;
using muster::GeometryType;
using muster::LayerStyle;
using muster::LonLat;
using muster::MultiPolygon;
using muster::Renderer;
using muster::test::TempDir;

struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset open(const std::string& path, bool update = false) {
    GDALAllRegister();
    Dataset d(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY),
                   nullptr, nullptr, nullptr)));
    REQUIRE(d);
    return d;
}

struct XmlCloser {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlCloser>;

Xml parse(const std::string& text) {
    Xml root(CPLParseXMLString(text.c_str()));
    REQUIRE(root);
    return root;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Two bands of a service area, graduated by their upper break, the larger drawn first.
LayerStyle band_style() {
    LayerStyle style;
    style.name = "service area bands";
    style.renderer = Renderer::graduated;
    style.field = "travel_time_to_min";
    style.classes = {
        {"0 – 5 min", {muster::rgb("#1a9850", 160), muster::rgb("#ffffff"), 0.2}, 0, 5},
        {"5 – 10 min", {muster::rgb("#fee08b", 160), muster::rgb("#ffffff"), 0.2}, 5, 10}};
    style.label_field = "facility_name";
    style.order_field = "travel_time_to_min";
    style.order_descending = true;
    return style;
}

FeatureTable bands() {
    FeatureTable t{
        "service_area",
        GeometryType::multi_polygon,
        {{"travel_time_to_min", FieldType::real, "to (min)", "the band's upper break", "to_min"},
         {"facility_name", FieldType::text, "facility", "", "facility"}},
        {}};
    const MultiPolygon square{{{{{{14.5, 35.9}, {14.51, 35.9}, {14.51, 35.91}, {14.5, 35.9}}}}}};
    t.rows.push_back({{10.0, std::string("Mater Dei")}, square});
    t.rows.push_back({{5.0, std::string("Mater Dei")}, square});
    t.title = "Service areas of hospitals";
    t.description = "muster isochrone malta.sqlite --at hospitals --minutes 5,10";
    t.style = band_style();
    return t;
}

/// The rows of a GeoPackage's layer_styles for `layer`: styleName, useAsDefault, styleQML.
std::vector<std::tuple<std::string, int, std::string>> style_rows(const std::string& path,
                                                                  const std::string& layer) {
    const Dataset d = open(path);
    OGRLayer* table = d->GetLayerByName("layer_styles");
    REQUIRE(table);
    std::vector<std::tuple<std::string, int, std::string>> rows;
    table->ResetReading();
    while (OGRFeature* f = table->GetNextFeature()) {
        if (layer == f->GetFieldAsString("f_table_name")) {
            CHECK(std::string(f->GetFieldAsString("f_table_schema")).empty());
            rows.emplace_back(f->GetFieldAsString("styleName"),
                              f->GetFieldAsInteger("useAsDefault"),
                              f->GetFieldAsString("styleQML"));
        }
        OGRFeature::DestroyFeature(f);
    }
    return rows;
}

}  // namespace

TEST_CASE("rgb reads #rrggbb and refuses anything else") {
    const muster::Rgba c = muster::rgb("#ff8000", 128);
    CHECK(int(c.r) == 255);
    CHECK(int(c.g) == 128);
    CHECK(int(c.b) == 0);
    CHECK(int(c.a) == 128);
    CHECK_THROWS_AS(muster::rgb("ff8000"), muster::InputError);
    CHECK_THROWS_AS(muster::rgb("#ff80"), muster::InputError);
    CHECK_THROWS_AS(muster::rgb("#gg8000"), muster::InputError);
}

TEST_CASE("a graduated style as QML: its field, ranges, colours, labels and drawing order") {
    const Xml root = parse(muster::qml_document(band_style(), GeometryType::multi_polygon));
    const CPLXMLNode* qgis = CPLGetXMLNode(root.get(), "=qgis");
    REQUIRE(qgis);
    CHECK(std::string(CPLGetXMLValue(qgis, "labelsEnabled", "")) == "1");
    const CPLXMLNode* renderer = CPLGetXMLNode(qgis, "renderer-v2");
    REQUIRE(renderer);
    CHECK(std::string(CPLGetXMLValue(renderer, "type", "")) == "graduatedSymbol");
    CHECK(std::string(CPLGetXMLValue(renderer, "attr", "")) == "travel_time_to_min");
    CHECK(std::string(CPLGetXMLValue(renderer, "enableorderby", "")) == "1");
    CHECK(std::string(CPLGetXMLValue(renderer, "orderby.orderByClause.asc", "")) == "0");
    const CPLXMLNode* range = CPLGetXMLNode(renderer, "ranges.range");
    REQUIRE(range);
    CHECK(std::string(CPLGetXMLValue(range, "lower", "")) == "0");
    CHECK(std::string(CPLGetXMLValue(range, "upper", "")) == "5");
    CHECK(std::string(CPLGetXMLValue(range, "label", "")) == "0 – 5 min");
    REQUIRE(range->psNext);
    CHECK(std::string(CPLGetXMLValue(range->psNext, "upper", "")) == "10");
    // The second symbol's fill: #fee08b at 160 of 255.
    const CPLXMLNode* symbol = CPLGetXMLNode(renderer, "symbols.symbol");
    REQUIRE(symbol);
    REQUIRE(symbol->psNext);
    CHECK(std::string(CPLGetXMLValue(symbol->psNext, "type", "")) == "fill");
    bool found = false;
    for (const CPLXMLNode* p = CPLGetXMLNode(symbol->psNext, "layer")->psChild; p; p = p->psNext) {
        if (p->eType == CXT_Element && std::string(CPLGetXMLValue(p, "k", "")) == "color") {
            CHECK(std::string(CPLGetXMLValue(p, "v", "")) == "254,224,139,160");
            found = true;
        }
    }
    CHECK(found);
    CHECK(std::string(CPLGetXMLValue(qgis, "labeling.settings.text-style.fieldName", "")) ==
          "facility_name");
}

TEST_CASE("a categorized line style as SLD: one rule per value with its filter and offset") {
    LayerStyle style;
    style.name = "triage";
    style.renderer = Renderer::categorized;
    style.field = "triage_category";
    style.classes = {{"red", {muster::rgb("#d7191c"), {}, 0.8, -0.6}, 0, 0, "red"},
                     {"green", {muster::rgb("#1a9641"), {}, 0.8, 0.6}, 0, 0, "green"}};
    const Xml root = parse(muster::sld_document(style, GeometryType::line_string, "trips"));
    const CPLXMLNode* sld = CPLGetXMLNode(root.get(), "=StyledLayerDescriptor");
    REQUIRE(sld);
    CHECK(std::string(CPLGetXMLValue(sld, "NamedLayer.se:Name", "")) == "trips");
    const CPLXMLNode* rule = CPLGetXMLNode(sld, "NamedLayer.UserStyle.se:FeatureTypeStyle.se:Rule");
    REQUIRE(rule);
    CHECK(std::string(CPLGetXMLValue(rule, "ogc:Filter.ogc:PropertyIsEqualTo.ogc:Literal", "")) ==
          "red");
    CHECK(std::string(CPLGetXMLValue(rule, "ogc:Filter.ogc:PropertyIsEqualTo.ogc:PropertyName",
                                     "")) == "triage_category");
    // 0.6 mm at SLD's 0.28 mm a pixel, to the left: -2.142857… pixels.
    CHECK(std::stod(CPLGetXMLValue(rule, "se:LineSymbolizer.se:PerpendicularOffset", "0")) ==
          Approx(-0.6 / 0.28));
    REQUIRE(rule->psNext);
    CHECK(std::string(CPLGetXMLValue(rule->psNext, "ogc:Filter.ogc:PropertyIsEqualTo.ogc:Literal",
                                     "")) == "green");
}

TEST_CASE("a GeoPackage keeps the style, the title, the description and the fields' notes") {
    TempDir dir;
    const std::string path = dir.file("areas.gpkg");
    muster::write_feature_table(path, bands());
    auto rows = style_rows(path, "service_area");
    REQUIRE(rows.size() == 1);
    CHECK(std::get<0>(rows[0]) == "muster");
    CHECK(std::get<1>(rows[0]) == 1);
    CHECK(std::get<2>(rows[0]).find("graduatedSymbol") != std::string::npos);

    {
        const Dataset d = open(path);
        OGRLayer* contents = d->ExecuteSQL(
            "SELECT identifier, description FROM gpkg_contents WHERE table_name = 'service_area'",
            nullptr, "SQLITE");
        REQUIRE(contents);
        std::unique_ptr<OGRFeature> f(contents->GetNextFeature());
        REQUIRE(f);
        CHECK(std::string(f->GetFieldAsString(0)) == "Service areas of hospitals");
        CHECK(std::string(f->GetFieldAsString(1)).find("--at hospitals") != std::string::npos);
        d->ReleaseResultSet(contents);
        OGRLayer* columns = d->ExecuteSQL(
            "SELECT title, description FROM gpkg_data_columns WHERE table_name = 'service_area' "
            "AND column_name = 'travel_time_to_min'",
            nullptr, "SQLITE");
        REQUIRE(columns);
        std::unique_ptr<OGRFeature> c(columns->GetNextFeature());
        REQUIRE(c);
        CHECK(std::string(c->GetFieldAsString(0)) == "to (min)");
        CHECK(std::string(c->GetFieldAsString(1)) == "the band's upper break");
        d->ReleaseResultSet(columns);
    }

    // An analyst's own style stays when muster writes the layer again; muster's is replaced.
    {
        const Dataset d = open(path, true);
        OGRLayer* table = d->GetLayerByName("layer_styles");
        OGRFeature own(table->GetLayerDefn());
        own.SetField("f_table_schema", "");
        own.SetField("f_table_name", "service_area");
        own.SetField("styleName", "analyst");
        own.SetField("useAsDefault", 0);
        REQUIRE(table->CreateFeature(&own) == OGRERR_NONE);
    }
    muster::write_feature_table(path, bands());
    rows = style_rows(path, "service_area");
    REQUIRE(rows.size() == 2);
    CHECK(std::count_if(rows.begin(), rows.end(),
                        [](const auto& r) { return std::get<0>(r) == "muster"; }) == 1);

    // A second layer of the same title gets a title of its own (gpkg_contents wants them unique).
    CHECK_NOTHROW(muster::write_feature_table(path + ":second", bands()));
    CHECK(style_rows(path, "second").size() == 1);
}

TEST_CASE("a Shapefile takes the short names, with its style beside it in .qml and .sld") {
    TempDir dir;
    const std::string path = dir.file("areas.shp");
    muster::write_feature_table(path, bands());
    const Dataset d = open(path);
    OGRFeatureDefn* definition = d->GetLayer(0)->GetLayerDefn();
    CHECK(definition->GetFieldIndex("to_min") >= 0);
    CHECK(definition->GetFieldIndex("facility") >= 0);
    const std::string qml = read_file(dir.file("areas.qml"));
    const Xml root = parse(qml);
    CHECK(std::string(CPLGetXMLValue(root.get(), "=qgis.renderer-v2.attr", "")) == "to_min");
    CHECK(std::string(CPLGetXMLValue(root.get(), "=qgis.labeling.settings.text-style.fieldName",
                                     "")) == "facility");
    CHECK(read_file(dir.file("areas.sld")).find("<ogc:PropertyName>to_min</ogc:PropertyName>") !=
          std::string::npos);

    // Written again without a style: the old style would draw the new file, so it goes.
    FeatureTable plain = bands();
    plain.style = {};
    muster::write_feature_table(path, plain);
    CHECK_FALSE(std::filesystem::exists(dir.file("areas.qml")));
    CHECK_FALSE(std::filesystem::exists(dir.file("areas.sld")));
}
