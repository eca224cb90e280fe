#pragma once
// Writing results as GIS layers through GDAL: the one place muster writes GIS files.
//
// The output is named PATH[:LAYER]; the format comes from PATH's extension:
//   .gpkg GeoPackage   .shp Shapefile (UTF-8, with a .cpg)   .geojson / .json GeoJSON (RFC 7946)
//   .csv CSV with the geometry as WKT, UTF-8 with a byte order mark (so that Excel on a Chinese
//        Windows does not read it as GBK)   .sqlite SpatiaLite/SQLite   .fgb FlatGeobuf
// and any other GDAL vector driver that can create files with that extension. Coordinates are
// WGS84 lon/lat (EPSG:4326, x = longitude).
//
// A GeoPackage (or SQLite) file may already exist: the layer of the same name is replaced and
// the file's other layers are kept, so several results can go into one file. Files of every
// other format are replaced.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geodata/feature_table.hpp"

namespace muster {

/// An output named on the command line: PATH[:LAYER].
struct OutputTarget {
    std::string path;
    std::string layer;  ///< empty: the table's own name
};

/// Splits PATH[:LAYER]: the text after the last ':' is a layer name when the text before it ends
/// in a file extension (`out.gpkg:routes`). Throws InputError for an empty path.
OutputTarget parse_output_target(std::string_view text);

/// Checks, before any work is done, that `target` names a format GDAL can write. Throws
/// InputError naming the file for an empty path or an unknown extension.
void check_output_target(std::string_view target);

/// Writes `tables` as layers of the output `target` and returns what was written ("path" or
/// "path:layer", one per table). tables[0] takes the target's layer name (or its own); each
/// further table is a companion named `<that name>_<its own name>`: another layer of the same
/// file where the format holds several layers (GeoPackage, SQLite), else a sibling file
/// `<stem>_<its own name><ext>` beside PATH. A line of fewer than two points is written with its
/// one point repeated (formats need two).
/// Throws InputError naming the file for an unknown extension, a file or layer that cannot be
/// created, or a feature the format refuses.
std::vector<std::string> write_feature_tables(std::string_view target,
                                              std::span<const FeatureTable> tables);

/// write_feature_tables with one table.
std::string write_feature_table(std::string_view target, const FeatureTable& table);

}  // namespace muster
