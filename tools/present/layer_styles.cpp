#include "tools/present/layer_styles.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "geodata/resource_db_styles.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

using Classes = std::vector<StyleClass>;

// ColorBrewer's RdYlGn, 9 classes, from red to green.
constexpr const char* kRedToGreen[] = {"#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf",
                                       "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850"};

bool has_field(const FeatureTable& table, std::string_view name) {
    return std::any_of(table.fields.begin(), table.fields.end(),
                       [&](const FieldDef& f) { return f.name == name; });
}

/// A symbol of the table's geometry in `colour`: a point with a white rim, a line, or an area
/// translucent enough to show the roads under it.
Symbol shaped(GeometryType geometry, const char* colour) {
    switch (geometry) {
        case GeometryType::point:
            return {rgb(colour), rgb("#ffffff"), 2.6};
        case GeometryType::line_string:
            return {rgb(colour), {}, 0.6};
        case GeometryType::multi_polygon:
        case GeometryType::none:
            break;
    }
    return {rgb(colour, 190), rgb("#ffffff", 200), 0.2};
}

LayerStyle single(Symbol symbol, std::string label_field = {}) {
    LayerStyle style;
    style.name = "muster";
    style.classes = {{"", std::move(symbol)}};
    style.label_field = std::move(label_field);
    return style;
}

LayerStyle classified(Renderer renderer, std::string field, Classes classes,
                      std::string label_field = {}) {
    LayerStyle style;
    // Categories "0" and "1" are those of a flag.
    style.field_is_flag = renderer == Renderer::categorized && !classes.empty() &&
                          std::all_of(classes.begin(), classes.end(), [](const StyleClass& c) {
                              return c.value == "0" || c.value == "1";
                          });
    style.name = "muster";
    style.renderer = renderer;
    style.field = std::move(field);
    style.classes = std::move(classes);
    style.label_field = std::move(label_field);
    return style;
}

StyleClass range(double lower, double upper, std::string label, Symbol symbol) {
    return {std::move(label), std::move(symbol), lower, upper};
}

StyleClass value(std::string value, std::string label, Symbol symbol) {
    return {std::move(label), std::move(symbol), 0, 0, std::move(value)};
}

/// Shares in percent (covered, filled), red for the lowest to green for the full.
Classes percent_classes(GeometryType geometry) {
    const double breaks[] = {0, 25, 50, 75, 95, 100};
    const char* colours[] = {kRedToGreen[0], kRedToGreen[2], kRedToGreen[4], kRedToGreen[6],
                             kRedToGreen[8]};
    Classes classes;
    for (std::size_t i = 0; i < 5; ++i) {
        const std::string label =
            i == 4 ? "≥ 95 %" : fixed(breaks[i], 0) + " – " + fixed(breaks[i + 1], 0) + " %";
        classes.push_back(range(breaks[i], breaks[i + 1], label, shaped(geometry, colours[i])));
    }
    return classes;
}

std::string minutes_label(double from, double to) {
    auto text = [](double m) { return m == std::floor(m) ? fixed(m, 0) : fixed(m, 1); };
    return text(from) + " – " + text(to) + " " + tr("min");
}

/// One class per band of a service area: its breaks are the distinct values of `field` in the
/// rows (5, 10, 15 minutes), green for the nearest to red for the farthest.
Classes band_classes(const FeatureTable& table, const std::string& field, GeometryType geometry) {
    const auto column = std::find_if(table.fields.begin(), table.fields.end(),
                                     [&](const FieldDef& f) { return f.name == field; }) -
                        table.fields.begin();
    std::set<double> breaks;
    for (const FeatureRow& row : table.rows) {
        if (const double* v = std::get_if<double>(&row.values[column]))
            breaks.insert(*v);
    }
    Classes classes;
    double from = 0;
    std::size_t i = 0;
    for (const double to : breaks) {
        const std::size_t shade =
            breaks.size() == 1 ? 8 : 8 - (8 * i / (breaks.size() - 1));  // near green, far red
        classes.push_back(
            range(from, to, minutes_label(from, to), shaped(geometry, kRedToGreen[shade])));
        from = to;
        ++i;
    }
    return classes;
}

/// Lines as wide as their share of the layer's largest `field` (by area, so that twice the
/// quantity looks twice as heavy); `group` compares within the rows of one value of it.
std::string width_by(std::string_view field, std::string_view group = {}) {
    const std::string largest = group.empty() ? "maximum(\"" + std::string(field) + "\")"
                                              : "maximum(\"" + std::string(field) +
                                                    "\", group_by:=\"" + std::string(group) + "\")";
    return "0.25 + 2.2 * sqrt(\"" + std::string(field) + "\" / " + largest + ")";
}

Symbol with_width(Symbol symbol, std::string expression) {
    symbol.size_expression = std::move(expression);
    return symbol;
}

LayerStyle service_area_style(const FeatureTable& t) {
    LayerStyle style = classified(Renderer::graduated, "to_min",
                                  band_classes(t, "to_min", GeometryType::multi_polygon));
    for (StyleClass& c : style.classes)
        c.symbol.fill.a = 150;
    style.order_field = "to_min";
    style.order_descending = true;  // the largest first, the nearest on top
    return style;
}

LayerStyle demand_points_style(const FeatureTable& t) {
    if (!has_field(t, "covered"))
        return single({rgb("#737373"), rgb("#ffffff"), 1.4});
    return classified(Renderer::categorized, "covered",
                      {value("1", tr("covered"), {rgb("#1a9850"), rgb("#ffffff"), 1.4}),
                       value("0", tr("uncovered"), {rgb("#c51b7d"), rgb("#ffffff"), 1.8})});
}

LayerStyle shelters_style(const FeatureTable&) {
    const Symbol closed{rgb("#969696"), rgb("#ffffff"), 2.6};
    LayerStyle style =
        classified(Renderer::graduated, "utilisation_pct",
                   {range(0, 50, "0 – 50 %", shaped(GeometryType::point, "#1a9850")),
                    range(50, 80, "50 – 80 %", shaped(GeometryType::point, "#a6d96a")),
                    range(80, 95, "80 – 95 %", shaped(GeometryType::point, "#fdae61")),
                    range(95, 100, "95 – 100 %", shaped(GeometryType::point, "#d73027"))},
                   "shelter_name");
    style.other_class = StyleClass{tr("closed"), closed};
    return style;
}

LayerStyle townships_style(const FeatureTable&) {
    LayerStyle style = classified(Renderer::graduated, "covered_pct",
                                  percent_classes(GeometryType::multi_polygon), "township_name");
    style.other_class =
        StyleClass{tr("no population"), shaped(GeometryType::multi_polygon, "#bdbdbd")};
    return style;
}

LayerStyle supply_style(const FeatureTable&) {
    LayerStyle style =
        classified(Renderer::graduated, "fill_rate_pct", percent_classes(GeometryType::point));
    style.other_class = StyleClass{tr("unreachable"), shaped(GeometryType::point, "#969696")};
    style.order_field = "fill_rate_pct";
    style.order_descending = true;  // the least filled item of a place on top
    return style;
}

LayerStyle shipments_style(const FeatureTable&) {
    const std::string width = width_by("quantity", "item");
    return classified(
        Renderer::categorized, "cross_region",
        {value("0", tr("local stock"), with_width({rgb("#f28e2b", 220), {}, 0.6}, width)),
         value("1", tr("cross-region aid"), with_width({rgb("#7b3294", 220), {}, 0.6}, width))});
}

/// Casualty flows side by side: red left of the road, green right, yellow on it.
LayerStyle casualties_style(const FeatureTable&) {
    const std::string width = width_by("patients");
    return classified(
        Renderer::categorized, "triage_category",
        {value("red", tr("red"), with_width({rgb("#d7191c"), {}, 0.6, -0.9}, width)),
         value("yellow", tr("yellow"), with_width({rgb("#fdae61"), {}, 0.6, 0}, width)),
         value("green", tr("green"), with_width({rgb("#1a9641"), {}, 0.6, 0.9}, width))});
}

LayerStyle unplaced_style(const FeatureTable&) {
    return classified(Renderer::categorized, "triage_category",
                      {value("red", tr("red"), {rgb("#d7191c"), rgb("#000000"), 3.4}),
                       value("yellow", tr("yellow"), {rgb("#fdae61"), rgb("#000000"), 3.4}),
                       value("green", tr("green"), {rgb("#1a9641"), rgb("#000000"), 3.4})});
}

LayerStyle matrix_style(const FeatureTable&) {
    const double breaks[] = {0, 5, 10, 15, 30, 1e9};
    const char* colours[] = {"#1a9850", "#a6d96a", "#fee08b", "#fdae61", "#d73027"};
    Classes classes;
    for (std::size_t i = 0; i < 5; ++i) {
        const std::string label =
            i == 4 ? "> 30 " + tr("min") : minutes_label(breaks[i], breaks[i + 1]);
        classes.push_back(range(breaks[i], breaks[i + 1], label, {rgb(colours[i]), {}, 0.3}));
    }
    LayerStyle style = classified(Renderer::graduated, "travel_time_min", std::move(classes));
    style.other_class = StyleClass{tr("unreachable"), {rgb("#969696"), {}, 0.2}};
    return style;
}

LayerStyle nearest_style(const FeatureTable&) {
    LayerStyle style = classified(
        Renderer::categorized, "proximity_rank",
        {value("1", "1", {rgb("#08519c"), {}, 1.4}), value("2", "2", {rgb("#3182bd"), {}, 1.0}),
         value("3", "3", {rgb("#6baed6"), {}, 0.8})},
        "facility_name");
    style.other_class = StyleClass{"> 3", {rgb("#bdd7e7"), {}, 0.6}};
    return style;
}

/// Response times from green (well within a 12-minute target) to red (far beyond it).
LayerStyle response_cells_style(const FeatureTable&) {
    const double breaks[] = {0, 6, 9, 12, 15, 20, 1e9};
    const char* colours[] = {kRedToGreen[8], kRedToGreen[6], kRedToGreen[4],
                             kRedToGreen[2], kRedToGreen[1], kRedToGreen[0]};
    Classes classes;
    for (std::size_t i = 0; i < 6; ++i) {
        const std::string label =
            i == 5 ? "> 20 " + tr("min") : minutes_label(breaks[i], breaks[i + 1]);
        classes.push_back(range(breaks[i], breaks[i + 1], label,
                                shaped(GeometryType::multi_polygon, colours[i])));
    }
    LayerStyle style = classified(Renderer::graduated, "response_time_min", std::move(classes));
    style.other_class =
        StyleClass{tr("unreachable"), shaped(GeometryType::multi_polygon, "#636363")};
    return style;
}

using Styler = std::function<LayerStyle(const FeatureTable&)>;

const std::map<std::string, Styler>& stylers() {
    static const std::map<std::string, Styler> by_name = {
        {"service_area", service_area_style},
        {"service_area_lines",
         [](const FeatureTable& t) {
             return classified(Renderer::graduated, "band_to_min",
                               band_classes(t, "band_to_min", GeometryType::line_string));
         }},
        {"demand_points", demand_points_style},
        {"shelter_assignment",
         [](const FeatureTable&) {
             return single(with_width({rgb("#4393c3", 200), {}, 0.4}, width_by("people_assigned")));
         }},
        {"site_assignment",
         [](const FeatureTable&) {
             return single(with_width({rgb("#4393c3", 200), {}, 0.4}, width_by("people_assigned")));
         }},
        {"shelters", shelters_style},
        {"uncovered_cells",
         [](const FeatureTable&) {
             return single({rgb("#c51b7d", 150), rgb("#c51b7d", 0), 0});
         }},
        {"townships", townships_style},
        {"response_cells", response_cells_style},
        {"response_townships",
         [](const FeatureTable&) {
             LayerStyle style =
                 classified(Renderer::graduated, "response_covered_pct",
                            percent_classes(GeometryType::multi_polygon), "township_name");
             style.other_class =
                 StyleClass{tr("no population"), shaped(GeometryType::multi_polygon, "#bdbdbd")};
             return style;
         }},
        {"response_units",
         [](const FeatureTable&) {
             return single({rgb("#cb181d"), rgb("#ffffff"), 3.0}, "team_name");
         }},
        {"scenario_townships",
         [](const FeatureTable&) {
             // Diverging: what the scenario loses red, what it gains blue.
             LayerStyle style = classified(
                 Renderer::graduated, "response_covered_change",
                 {range(-1e12, -1000, "≤ −1,000", shaped(GeometryType::multi_polygon, "#b2182b")),
                  range(-1000, -0.5, "−1,000 – −1", shaped(GeometryType::multi_polygon, "#ef8a62")),
                  range(-0.5, 0.5, tr("no change"), shaped(GeometryType::multi_polygon, "#f7f7f7")),
                  range(0.5, 1e12, "> 0", shaped(GeometryType::multi_polygon, "#67a9cf"))},
                 "township_name");
             style.other_class =
                 StyleClass{tr("no population"), shaped(GeometryType::multi_polygon, "#bdbdbd")};
             return style;
         }},
        {"road_criticality",
         [](const FeatureTable&) {
             const double breaks[] = {0, 1, 100, 1000, 1e12};
             const char* colours[] = {"#fdcc8a", "#fc8d59", "#e34a33", "#b30000"};
             const double widths[] = {0.6, 1.0, 1.6, 2.4};
             const char* labels[] = {"0", "1 – 100", "100 – 1,000", "≥ 1,000"};
             Classes classes;
             for (std::size_t i = 0; i < 4; ++i)
                 classes.push_back(
                     range(breaks[i], breaks[i + 1], labels[i], {rgb(colours[i]), {}, widths[i]}));
             return classified(Renderer::graduated, "people_losing_coverage", std::move(classes),
                               "road_name");
         }},
        {"station_sites",
         [](const FeatureTable&) {
             LayerStyle style =
                 classified(Renderer::graduated, "units_planned",
                            {range(0, 0.5, tr("no unit"), {rgb("#bdbdbd"), rgb("#ffffff"), 2.0}),
                             range(0.5, 1.5, "1", {rgb("#fb6a4a"), rgb("#ffffff"), 3.0}),
                             range(1.5, 1e9, "≥ 2", {rgb("#a50f15"), rgb("#ffffff"), 4.0})},
                            "site_name");
             return style;
         }},
        {"chosen_sites",
         [](const FeatureTable&) {
             return classified(
                 Renderer::categorized, "existing",
                 {value("1", tr("existing shelter"), {rgb("#2166ac"), rgb("#ffffff"), 3.0}),
                  value("0", tr("new site"), {rgb("#e66101"), rgb("#ffffff"), 3.4})},
                 "site_name");
         }},
        {"shipments", shipments_style},
        {"shelter_supply", supply_style},
        {"township_supply", supply_style},
        {"casualties", casualties_style},
        {"unplaced_casualties", unplaced_style},
        {"ambulance_trips",
         [](const FeatureTable&) {
             return single({rgb("#525252", 200), {}, 0.4});
         }},
        {"surge_beds",
         [](const FeatureTable&) {
             return single({rgb("#67001f"), rgb("#ffffff"), 3.6}, "hospital_name");
         }},
        {"nearest_facilities", nearest_style},
        {"fastest_route",
         [](const FeatureTable&) {
             return single({rgb("#2b83ba"), {}, 1.2});
         }},
        {"travel_matrix", matrix_style},
        {"network_drive", [](const FeatureTable&) { return road_class_style("road_class"); }},
        {"network_walk", [](const FeatureTable&) { return road_class_style("road_class"); }},
    };
    return by_name;
}

}  // namespace

FeatureTable with_style(FeatureTable table) {
    const auto found = stylers().find(table.name);
    if (found != stylers().end() && table.geometry_type != GeometryType::none)
        table.style = found->second(table);
    return table;
}

}  // namespace muster::tools
