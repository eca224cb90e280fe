#include "geodata/detail/layer_styles_table.hpp"

#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>

#include "engine/errors.hpp"
#include "engine/utc_time.hpp"

namespace muster::detail {
namespace {

constexpr const char* kTable = "layer_styles";
constexpr const char* kStyleName = "muster";

std::string gdal_reason() {
    const std::string message = CPLGetLastErrorMsg();
    return message.empty() ? "GDAL gives no reason" : message;
}

// The table as QGIS creates it (qgsogrprovidermetadata.cpp): text columns, useAsDefault a
// boolean, update_time a date-time.
OGRLayer* styles_table(GDALDataset& dataset, const std::string& where) {
    if (OGRLayer* table = dataset.GetLayerByName(kTable))
        return table;
    CPLErrorReset();
    OGRLayer* table = dataset.CreateLayer(kTable, nullptr, wkbNone, nullptr);
    if (!table)
        throw InputError(where + ": cannot create table layer_styles: " + gdal_reason());
    const std::pair<const char*, OGRFieldType> columns[] = {{"f_table_catalog", OFTString},
                                                            {"f_table_schema", OFTString},
                                                            {"f_table_name", OFTString},
                                                            {"f_geometry_column", OFTString},
                                                            {"styleName", OFTString},
                                                            {"styleQML", OFTString},
                                                            {"styleSLD", OFTString},
                                                            {"useAsDefault", OFTInteger},
                                                            {"description", OFTString},
                                                            {"owner", OFTString},
                                                            {"ui", OFTString},
                                                            {"update_time", OFTDateTime}};
    for (auto [name, type] : columns) {
        OGRFieldDefn field(name, type);
        if (type == OFTInteger)
            field.SetSubType(OFSTBoolean);
        if (table->CreateField(&field) != OGRERR_NONE)
            throw InputError(where + ": cannot create table layer_styles: " + gdal_reason());
    }
    return table;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw WriteError(path.string() + ": cannot write the layer's style");
}

}  // namespace

void write_style_row(GDALDataset& dataset, const std::string& layer,
                     const std::string& geometry_column, const LayerStyle& style,
                     GeometryType geometry, const std::string& where) {
    if (style.empty())
        return;
    OGRLayer* table = styles_table(dataset, where);
    // Only muster's own row for this layer is replaced: a style an analyst saved stays.
    std::string quoted_layer;
    for (char c : layer)
        quoted_layer += c == '\'' ? std::string("''") : std::string(1, c);
    table->SetAttributeFilter(
        ("f_table_name = '" + quoted_layer + "' AND styleName = '" + kStyleName + "'").c_str());
    std::vector<GIntBig> stale;
    table->ResetReading();
    while (OGRFeature* row = table->GetNextFeature()) {
        stale.push_back(row->GetFID());
        OGRFeature::DestroyFeature(row);
    }
    table->SetAttributeFilter(nullptr);
    for (GIntBig fid : stale) {
        if (table->DeleteFeature(fid) != OGRERR_NONE) {
            throw InputError(where + ": cannot replace the style of layer '" + layer +
                             "': " + gdal_reason());
        }
    }

    OGRFeature row(table->GetLayerDefn());
    row.SetField("f_table_catalog", "");
    row.SetField("f_table_schema", "");
    row.SetField("f_table_name", layer.c_str());
    row.SetField("f_geometry_column", geometry_column.c_str());
    row.SetField("styleName", kStyleName);
    row.SetField("styleQML", qml_document(style, geometry).c_str());
    row.SetField("styleSLD", sld_document(style, geometry, layer).c_str());
    row.SetField("useAsDefault", 1);
    row.SetField("description", style.name.c_str());
    row.SetField("owner", "");
    row.SetField("ui", "");
    row.SetField("update_time", utc_now().c_str());
    CPLErrorReset();
    if (table->CreateFeature(&row) != OGRERR_NONE) {
        throw InputError(where + ": cannot write the style of layer '" + layer +
                         "': " + gdal_reason());
    }
}

void write_style_files(const std::string& path, const std::string& layer, const LayerStyle& style,
                       GeometryType geometry) {
    std::filesystem::path qml(path), sld(path);
    qml.replace_extension(".qml");
    sld.replace_extension(".sld");
    if (style.empty() || geometry == GeometryType::none) {
        std::error_code ignored;
        std::filesystem::remove(qml, ignored);
        std::filesystem::remove(sld, ignored);
        return;
    }
    write_text(qml, qml_document(style, geometry));
    write_text(sld, sld_document(style, geometry, layer));
}

}  // namespace muster::detail
