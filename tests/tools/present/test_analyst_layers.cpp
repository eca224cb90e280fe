// Layers finished for analysts (tools/present/analyst_layers.hpp, layer_styles.hpp): a service
// area's classes follow its bands, a choropleth draws townships without a population, casualty
// flows sit side by side, and the description says what made the layer. Expected values are
// written down from the design (docs/outputs.md), not read from the code.

#include <catch2/catch.hpp>

#include "tools/present/analyst_layers.hpp"
#include "tools/present/layer_styles.hpp"
#include "tools/present/messages.hpp"

using namespace muster;
using namespace muster::tools;

namespace {

FeatureTable bands(std::vector<double> to_min) {
    FeatureTable t{"service_area", GeometryType::multi_polygon, {{"to_min", FieldType::real}}, {}};
    const MultiPolygon square{{{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}}};
    for (double m : to_min)
        t.rows.push_back({{m}, square});
    return t;
}

}  // namespace

TEST_CASE("a service area gets one class per band, nearest green, largest drawn first") {
    set_output_language(Language::en);
    // Two facilities of 5, 10 and 15 minutes: three classes, not six.
    const FeatureTable t = with_style(bands({15, 10, 5, 15, 10, 5}));
    const LayerStyle& s = t.style;
    CHECK(s.renderer == Renderer::graduated);
    CHECK(s.field == "to_min");
    REQUIRE(s.classes.size() == 3);
    CHECK(s.classes[0].lower == 0);
    CHECK(s.classes[0].upper == 5);
    CHECK(s.classes[1].lower == 5);
    CHECK(s.classes[2].upper == 15);
    CHECK(s.classes[0].label == "0 – 5 min");
    // RdYlGn's ends: #1a9850 for the nearest band, #d73027 for the farthest.
    CHECK(int(s.classes[0].symbol.fill.g) == 0x98);
    CHECK(int(s.classes[2].symbol.fill.r) == 0xd7);
    CHECK(s.order_field == "to_min");
    CHECK(s.order_descending);
}

TEST_CASE("coverage by township: a choropleth of covered_pct, grey without a population") {
    set_output_language(Language::zh);
    FeatureTable t{
        "townships", GeometryType::multi_polygon, {{"covered_pct", FieldType::real}}, {}};
    const LayerStyle s = with_style(t).style;
    CHECK(s.field == "covered_pct");
    REQUIRE(s.classes.size() == 5);
    CHECK(s.classes.back().lower == 95);
    CHECK(s.classes.back().upper == 100);
    REQUIRE(s.other_class);
    CHECK(s.other_class->label == "无人口数据");
    CHECK(s.label_field == "township_name");
    set_output_language(Language::en);
}

TEST_CASE("casualty flows by triage category lie side by side and widen with the patients") {
    FeatureTable t{"casualties", GeometryType::line_string, {{"patients", FieldType::integer}}, {}};
    const LayerStyle s = with_style(t).style;
    CHECK(s.renderer == Renderer::categorized);
    CHECK(s.field == "triage_category");
    REQUIRE(s.classes.size() == 3);
    CHECK(s.classes[0].value == "red");
    CHECK(s.classes[0].symbol.offset < 0);
    CHECK(s.classes[1].symbol.offset == 0);
    CHECK(s.classes[2].symbol.offset > 0);
    CHECK(s.classes[0].symbol.size_expression.find("\"patients\"") != std::string::npos);
}

TEST_CASE("a table without geometry or of an unknown layer keeps no style") {
    FeatureTable none{"townships", GeometryType::none, {}, {}};
    CHECK(with_style(none).style.empty());
    FeatureTable unknown{"something_else", GeometryType::point, {}, {}};
    CHECK(with_style(unknown).style.empty());
}

TEST_CASE("analyst layers carry their title, the run's description and their columns' titles") {
    set_output_language(Language::en);
    FeatureTable t{"townships",
                   GeometryType::multi_polygon,
                   {{"covered_pct", FieldType::real}, {"township_name", FieldType::text}},
                   {}};
    const RunRecord run{"muster coverage malta.sqlite --out cov.gpkg", "hazards: none",
                        "2026-12-05T10:00:00Z"};
    const auto layers = analyst_layers({t}, run);
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].title == "Shelter coverage by township");
    CHECK(layers[0].description ==
          "muster 0.1.0, 2026-12-05T10:00:00Z: muster coverage malta.sqlite --out cov.gpkg. "
          "hazards: none");
    CHECK_FALSE(layers[0].fields[0].title.empty());
    CHECK_FALSE(layers[0].fields[0].description.empty());
    CHECK_FALSE(layers[0].style.empty());
    CHECK(layer_title("unknown_layer") == "unknown_layer");
}
