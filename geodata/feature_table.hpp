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

namespace muster {

/// The type of a column; booleans are stored as integers 0 / 1 where a format has no boolean.
enum class FieldType { integer, real, text, boolean };

/// A column. Keep names to 10 characters where a Shapefile may be written (dBASE cuts longer ones).
struct FieldDef {
    std::string name;
    FieldType type = FieldType::text;
    /// A readable title in the user's language ("行程时间（小时）"), empty for none: a
    /// GeoPackage stores it in gpkg_data_columns (GDAL's field alternative name), which QGIS
    /// shows as the column's alias; other formats drop it.
    std::string title = {};
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

/// A layer to write: a name, a geometry type, columns and rows.
struct FeatureTable {
    std::string name;  ///< the layer name, where the format has layers
    GeometryType geometry_type = GeometryType::none;
    std::vector<FieldDef> fields;
    std::vector<FeatureRow> rows;
};

}  // namespace muster
