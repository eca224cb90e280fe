#pragma once
// A small, format-free table of features: named, typed columns and rows of values with one WGS84
// geometry each. Results are turned into FeatureTables and written by geodata/result_writer.hpp
// (GeoPackage, Shapefile, GeoJSON, CSV, ...).
//
// Invariant: every row has one value per column, of the column's type or null (monostate), and a
// geometry of the table's geometry type or none.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geometry.hpp"
#include "geodata/layer_style.hpp"

namespace muster {

/// The type of a column; booleans are stored as integers 0 / 1 where a format has no boolean.
enum class FieldType { integer, real, text, boolean };

/// A column: lower snake_case whole words, the unit last (`walk_distance_m`, `travel_time_min`;
/// docs/outputs.md has the conventions).
struct FieldDef {
    std::string name;
    FieldType type = FieldType::text;
    /// A readable title in the user's language ("行程时间（分钟）"), empty for none: a
    /// GeoPackage stores it in gpkg_data_columns (GDAL's field alternative name), which QGIS
    /// shows as the column's alias; other formats drop it.
    std::string title = {};
    /// What the column holds, in the user's language, empty for none: a GeoPackage stores it as
    /// the column's description in gpkg_data_columns.
    std::string description = {};
    /// The name in formats whose names are cut at 10 characters (Shapefile's dBASE), empty when
    /// `name` fits. Unique within the table.
    std::string short_name = {};
};

/// A value of a row: null, an integer (also booleans, 0 / 1), a real or a text.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// The one geometry type of a table's rows (none: a table without geometry).
enum class GeometryType { none, point, line_string, multi_polygon };

/// One feature's geometry: none, a point, a line (at least two points) or polygons.
using FeatureGeometry = std::variant<std::monostate, LonLat, std::vector<LonLat>, MultiPolygon>;

/// One feature: its values and its geometry.
struct FeatureRow {
    std::vector<FieldValue> values;  ///< one per column
    FeatureGeometry geometry;
};

/// A layer to write: a name, a geometry type, columns and rows, and how it should look.
struct FeatureTable {
    std::string name;  ///< the layer name, where the format has layers
    GeometryType geometry_type = GeometryType::none;
    std::vector<FieldDef> fields;
    std::vector<FeatureRow> rows;
    /// The layer's title in the user's language and what produced it (the command, its
    /// parameters, the hazards in force, muster's version, the time): a GeoPackage keeps them
    /// as gpkg_contents' identifier and description. Empty for none.
    std::string title = {};
    std::string description = {};
    /// The default style (geodata/layer_style.hpp), empty for none: written into a GeoPackage's
    /// layer_styles, or as `.qml` and `.sld` files beside a file of another format.
    LayerStyle style = {};
};

}  // namespace muster
