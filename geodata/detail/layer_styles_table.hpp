#pragma once
// A layer's default style where QGIS looks for it: a row of the `layer_styles` table in a
// GeoPackage or SQLite file (the QGIS convention, not OGC: QGIS loads the row marked
// useAsDefault, else the newest, and reads only its QML), or `.qml` and `.sld` files beside a
// file of another format (QGIS loads `<stem>.qml` with `<stem>.shp` or `<stem>.geojson`).

#include <gdal_priv.h>

#include <string>

#include "geodata/feature_table.hpp"

namespace muster::detail {

/// Records `style` as the default style of the layer `layer` (geometry column
/// `geometry_column`, "" for none) of `dataset`, replacing muster's earlier row for it and
/// creating the table if needed. `where` names the file for messages. Throws InputError when
/// the table cannot be written.
void write_style_row(GDALDataset& dataset, const std::string& layer,
                     const std::string& geometry_column, const LayerStyle& style,
                     GeometryType geometry, const std::string& where);

/// Writes `style` as `<stem>.qml` and `<stem>.sld` beside `path`, or removes such files when
/// `style` is empty (they would style the new file). Throws WriteError when a file cannot be
/// written.
void write_style_files(const std::string& path, const std::string& layer, const LayerStyle& style,
                       GeometryType geometry);

}  // namespace muster::detail
