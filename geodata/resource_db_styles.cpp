#include "geodata/resource_db_styles.hpp"

#include <string>
#include <vector>

#include "engine/vocabulary.hpp"
#include "geodata/feature_table.hpp"
#include "geodata/layer_style.hpp"

namespace muster {

LayerStyle road_class_style(const std::string& field) {
    struct Look {
        const char* osm_class;
        const char* colour;
        double width_mm;
    };
    constexpr Look looks[] = {{"motorway", "#e15759", 1.2},     {"trunk", "#f28e2b", 1.1},
                              {"primary", "#f6b54a", 1.0},      {"secondary", "#edc948", 0.8},
                              {"tertiary", "#bab0ac", 0.6},     {"unclassified", "#9c9c9c", 0.35},
                              {"residential", "#9c9c9c", 0.35}, {"living_street", "#9c9c9c", 0.3},
                              {"service", "#c7c7c7", 0.25},     {"track", "#b5a17a", 0.25},
                              {"ferry", "#4e79a7", 0.5},        {"footway", "#d4a6c8", 0.2},
                              {"pedestrian", "#d4a6c8", 0.3},   {"path", "#d4a6c8", 0.2},
                              {"steps", "#d4a6c8", 0.2},        {"cycleway", "#76b7b2", 0.2}};
    LayerStyle style;
    style.name = "muster";
    style.renderer = Renderer::categorized;
    style.field = field;
    auto add = [&](std::string value, const Look& look) {
        style.classes.push_back({value, {rgb(look.colour), {}, look.width_mm}, 0, 0, value});
    };
    for (const Look& look : looks) {
        add(look.osm_class, look);
        // OSM's link roads as their road.
        if (std::string_view(look.osm_class) == "motorway" ||
            std::string_view(look.osm_class) == "trunk" ||
            std::string_view(look.osm_class) == "primary" ||
            std::string_view(look.osm_class) == "secondary" ||
            std::string_view(look.osm_class) == "tertiary")
            add(std::string(look.osm_class) + "_link", look);
    }
    for (const ChineseRoadClass& chinese : chinese_road_classes()) {
        for (const Look& look : looks) {
            if (chinese.osm_class == look.osm_class)
                add(std::string(chinese.word), look);
        }
    }
    return style;
}

}  // namespace muster

namespace muster::detail {
namespace {

struct StyledColumn {
    const char* table;
    const char* column;
    GeometryType geometry;
    LayerStyle style;
};

Symbol marker(const char* colour, double size_mm = 2.4) {
    return {rgb(colour), rgb("#ffffff"), size_mm};
}

StyleClass category(const char* value, const char* colour, double size_mm = 2.4) {
    return {value, marker(colour, size_mm), 0, 0, value};
}

LayerStyle single(Symbol symbol, const char* label_field = "name") {
    LayerStyle style;
    style.name = "muster";
    style.classes = {{"", std::move(symbol)}};
    style.label_field = label_field;
    return style;
}

LayerStyle categorized(const char* field, std::vector<StyleClass> classes,
                       const char* label_field = "name") {
    LayerStyle style;
    style.name = "muster";
    style.renderer = Renderer::categorized;
    style.field = field;
    style.classes = std::move(classes);
    style.label_field = label_field;
    return style;
}

std::vector<StyledColumn> resource_styles() {
    Symbol township = {rgb("#f4efe1", 90), rgb("#7f6f55"), 0.4};
    Symbol hazard_closed = {rgb("#d62728", 110), rgb("#d62728"), 0.5};
    Symbol hazard_slow = {rgb("#ff9f1c", 90), rgb("#ff9f1c"), 0.5};
    return {
        {"township", "geom", GeometryType::multi_polygon, single(township)},
        {"township", "location", GeometryType::point, single(marker("#7f6f55", 1.2), "")},
        {"shelter", "location", GeometryType::point,
         categorized("class", {category("emergency", "#74add1"), category("fixed", "#4575b4"),
                               category("central", "#313695", 3.2)})},
        {"shelter", "geom", GeometryType::multi_polygon,
         single({rgb("#4575b4", 70), rgb("#4575b4"), 0.3}, "")},
        {"depot", "geom", GeometryType::point,
         categorized("tier", {category("township", "#c2a5cf"), category("county", "#9970ab"),
                              category("city", "#762a83", 2.8), category("province", "#40004b", 3),
                              category("central", "#1b0026", 3.2)})},
        {"team", "geom", GeometryType::point,
         categorized("status", {category("available", "#1a9641"), category("busy", "#fdae61"),
                                category("out_of_service", "#969696")})},
        {"hospital", "geom", GeometryType::point, single(marker("#d7191c", 3.0))},
        {"hazard", "geom", GeometryType::multi_polygon,
         categorized("effect", {{"closed", hazard_closed, 0, 0, "closed"},
                                {"slow", hazard_slow, 0, 0, "slow"}})},
        {"road", "geom", GeometryType::line_string, road_class_style("class")},
        {"problem", "geom", GeometryType::point, single(marker("#e7298a", 2.0), "kind")},
    };
}

}  // namespace

void write_resource_styles(Connection& db) {
    // The table as QGIS's providers create it. QGIS finds a layer's style by table and geometry
    // column, and by catalog and schema: none in a SQLite file; the database and the schema the
    // tables are in on PostgreSQL.
    const bool spatialite = db.dialect() == SqlDialect::spatialite;
    db.exec(std::string("CREATE TABLE IF NOT EXISTS layer_styles (id ") +
            (spatialite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "SERIAL PRIMARY KEY") +
            ", f_table_catalog varchar(256), f_table_schema varchar(256), f_table_name "
            "varchar(256), f_geometry_column varchar(256), styleName text, styleQML text, "
            "styleSLD text, useAsDefault boolean, description text, owner varchar(30), ui text, "
            "update_time timestamp DEFAULT CURRENT_TIMESTAMP)");
    db.exec("DELETE FROM layer_styles WHERE styleName = 'muster'");
    Statement insert(db, std::string("INSERT INTO layer_styles (f_table_catalog, f_table_schema, "
                                     "f_table_name, f_geometry_column, styleName, styleQML, "
                                     "styleSLD, useAsDefault, description, owner, ui) VALUES (") +
                             (spatialite ? "'', NULL" : "current_database(), current_schema()") +
                             ", ?, ?, 'muster', ?, ?, TRUE, 'muster''s default style', '', '')");
    for (const StyledColumn& c : resource_styles()) {
        insert.bind(1, std::string(c.table))
            .bind(2, std::string(c.column))
            .bind(3, qml_document(c.style, c.geometry))
            .bind(4, sld_document(c.style, c.geometry, c.table))
            .run();
    }
}

}  // namespace muster::detail
