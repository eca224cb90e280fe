#include "geodata/result_writer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "geodata/detail/gdal_drivers.hpp"
#include "geodata/detail/layer_styles_table.hpp"

namespace muster {
namespace {

std::string last_gdal_error() {
    const std::string message = CPLGetLastErrorMsg();
    return message.empty() ? "GDAL gives no reason" : message;
}

// An output format: the GDAL driver and whether one file holds several layers.
struct Format {
    GDALDriver* driver = nullptr;
    bool multi_layer = false;
};

struct KnownFormat {
    const char* extension;
    const char* driver;
    bool multi_layer;
};

// The formats analysts use most, chosen explicitly (".json" is also claimed by other drivers).
constexpr KnownFormat kKnownFormats[] = {
    {".gpkg", "GPKG", true},        {".shp", "ESRI Shapefile", false},
    {".geojson", "GeoJSON", false}, {".json", "GeoJSON", false},
    {".csv", "CSV", false},         {".sqlite", "SQLite", true},
    {".fgb", "FlatGeobuf", false},
};

bool creates_vectors(GDALDriver& driver) {
    return driver.GetMetadataItem(GDAL_DCAP_VECTOR) && driver.GetMetadataItem(GDAL_DCAP_CREATE);
}

Format format_for(const std::string& path) {
    const std::string extension = ascii_lower(std::filesystem::path(path).extension().string());
    auto* manager = GetGDALDriverManager();
    for (const KnownFormat& known : kKnownFormats) {
        if (extension != known.extension)
            continue;
        GDALDriver* driver = manager->GetDriverByName(known.driver);
        if (!driver)
            throw InputError(path + ": GDAL has no " + known.driver + " driver in this build");
        return {driver, known.multi_layer};
    }
    if (!extension.empty()) {
        for (int i = 0; i < manager->GetDriverCount(); ++i) {
            GDALDriver* driver = manager->GetDriver(i);
            const char* extensions = driver->GetMetadataItem(GDAL_DMD_EXTENSIONS);
            if (!extensions || !creates_vectors(*driver))
                continue;
            std::istringstream list(ascii_lower(extensions));
            for (std::string candidate; list >> candidate;) {
                if ("." + candidate == extension)
                    return {driver, false};
            }
        }
    }
    throw InputError(
        path + ": unknown output format '" + extension +
        "' (use .gpkg, .shp, .geojson, .csv or another GDAL vector format's extension)");
}

struct DatasetCloser {
    void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

// SQL text literal: 'text' with quotes doubled.
std::string sql_text(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// GeoPackage and SQLite files hold several layers, and their styles in a table.
bool holds_style_table(const GDALDriver& driver) {
    const std::string_view name = driver.GetDescription();
    return name == "GPKG" || name == "SQLite";
}

bool is_shapefile(const GDALDriver& driver) {
    return std::string_view(driver.GetDescription()) == "ESRI Shapefile";
}

// A column's name in `driver`'s files: its short name where dBASE cuts names at 10 characters.
const std::string& stored_name(const FieldDef& field, const GDALDriver& driver) {
    return is_shapefile(driver) && !field.short_name.empty() ? field.short_name : field.name;
}

// `style` with the fields it names as `driver` stores them: as names, and double-quoted in
// expressions.
LayerStyle stored_style(LayerStyle style, const FeatureTable& table, const GDALDriver& driver) {
    for (const FieldDef& field : table.fields) {
        const std::string& stored = stored_name(field, driver);
        if (stored == field.name)
            continue;
        for (std::string* name : {&style.field, &style.label_field, &style.order_field}) {
            if (*name == field.name)
                *name = stored;
        }
        const std::string quoted = "\"" + field.name + "\"";
        auto rename = [&](StyleClass& c) {
            std::string& expression = c.symbol.size_expression;
            for (auto at = expression.find(quoted); at != std::string::npos;
                 at = expression.find(quoted, at + stored.size() + 2))
                expression.replace(at, quoted.size(), "\"" + stored + "\"");
        };
        std::for_each(style.classes.begin(), style.classes.end(), rename);
        if (style.other_class)
            rename(*style.other_class);
    }
    return style;
}

// A GeoPackage's layer title (gpkg_contents.identifier) must be unique in the file: a second
// layer of the same title takes its layer name after it.
std::string unique_identifier(GDALDataset& dataset, const std::string& title,
                              const std::string& layer) {
    const std::string sql = "SELECT 1 FROM gpkg_contents WHERE identifier = " + sql_text(title);
    OGRLayer* found = dataset.ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    bool taken = false;
    if (found) {
        taken = found->GetFeatureCount() > 0;
        dataset.ReleaseResultSet(found);
    }
    return taken ? title + " (" + layer + ")" : title;
}

// Layer creation options that make each format's output what analysts expect.
std::vector<std::string> layer_options(const GDALDriver& driver, GeometryType geometry) {
    const std::string name = driver.GetDescription();
    if (name == "ESRI Shapefile")
        return {"ENCODING=UTF-8"};  // writes the .cpg
    if (name == "CSV") {
        // IF_NEEDED: integers are not quoted (IF_AMBIGUOUS, the default, quotes 64-bit ones).
        // WRITE_BOM: Excel reads a CSV without a UTF-8 byte order mark in the system's code page
        // (GBK on Chinese Windows), which garbles every Chinese name; GDAL's CSV reader skips it.
        if (geometry == GeometryType::none)
            return {"STRING_QUOTING=IF_NEEDED", "WRITE_BOM=YES"};
        return {"GEOMETRY=AS_WKT", "STRING_QUOTING=IF_NEEDED", "WRITE_BOM=YES"};
    }
    if (name == "GeoJSON")
        return {"RFC7946=YES"};  // lon/lat, 7 decimals, no crs member
    return {};
}

OGRwkbGeometryType ogr_type(GeometryType type) {
    switch (type) {
        case GeometryType::point:
            return wkbPoint;
        case GeometryType::line_string:
            return wkbLineString;
        case GeometryType::multi_polygon:
            return wkbMultiPolygon;
        case GeometryType::none:
            break;
    }
    return wkbNone;
}

OGRFieldType ogr_type(FieldType type) {
    switch (type) {
        case FieldType::integer:
            return OFTInteger64;
        case FieldType::real:
            return OFTReal;
        case FieldType::boolean:
            return OFTInteger;
        case FieldType::text:
            break;
    }
    return OFTString;
}

std::unique_ptr<OGRGeometry> ogr_geometry(const FeatureGeometry& geometry) {
    if (const auto* point = std::get_if<LonLat>(&geometry))
        return std::make_unique<OGRPoint>(point->lon, point->lat);
    if (const auto* line = std::get_if<std::vector<LonLat>>(&geometry)) {
        auto out = std::make_unique<OGRLineString>();
        for (LonLat p : *line)
            out->addPoint(p.lon, p.lat);
        if (line->size() == 1)
            out->addPoint(line->front().lon, line->front().lat);
        return line->empty() ? nullptr : std::move(out);
    }
    if (const auto* area = std::get_if<MultiPolygon>(&geometry)) {
        auto out = std::make_unique<OGRMultiPolygon>();
        for (const Polygon& polygon : area->polygons) {
            OGRPolygon ogr_polygon;
            for (const Ring& ring : polygon.rings) {
                OGRLinearRing ogr_ring;
                for (LonLat p : ring)
                    ogr_ring.addPoint(p.lon, p.lat);
                ogr_polygon.addRing(&ogr_ring);
            }
            out->addGeometry(&ogr_polygon);
        }
        return out;
    }
    return nullptr;
}

void set_value(OGRFeature& feature, int field, const FieldValue& value) {
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        feature.SetField(field, static_cast<GIntBig>(*integer));
    } else if (const auto* real = std::get_if<double>(&value)) {
        feature.SetField(field, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        feature.SetField(field, text->c_str());
    } else {
        feature.SetFieldNull(field);
    }
}

// The columns' titles and descriptions as rows of gpkg_data_columns (the GeoPackage schema
// extension), which QGIS shows as the columns' aliases: `name` and `title` both hold the title
// (GDAL 3.7 and later read `name` as a field's alternative name; GDAL 3.6 writes neither, so muster
// writes them itself).
void write_titles(GDALDataset& dataset, const std::string& layer, const FeatureTable& table,
                  const std::string& where) {
    std::vector<std::string> statements{
        "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT "
        "NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
        "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE "
        "(table_name, name))",
        "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, "
        "definition, scope) VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
        "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
        "DELETE FROM gpkg_data_columns WHERE table_name = " + sql_text(layer)};
    for (const FieldDef& field : table.fields) {
        if (!field.title.empty() || !field.description.empty()) {
            const std::string title = field.title.empty() ? field.name : field.title;
            statements.push_back(
                "INSERT INTO gpkg_data_columns (table_name, column_name, name, "
                "title, description) VALUES (" +
                sql_text(layer) + ", " + sql_text(field.name) + ", " + sql_text(title) + ", " +
                sql_text(title) + ", " +
                (field.description.empty() ? std::string("NULL") : sql_text(field.description)) +
                ")");
        }
    }
    if (statements.size() == 3)
        return;  // no titles: nothing to record
    for (const std::string& sql : statements) {
        CPLErrorReset();
        dataset.ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
        if (CPLGetLastErrorType() == CE_Failure) {
            throw InputError(where + ": cannot write the column titles of layer '" + layer +
                             "': " + last_gdal_error());
        }
    }
}

// Writes one table as a new layer `name` of `dataset`; `where` names the file for messages.
void write_layer(GDALDataset& dataset, const GDALDriver& driver, const std::string& name,
                 const FeatureTable& table, const std::string& where) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto options = layer_options(driver, table.geometry_type);
    if (std::string_view(driver.GetDescription()) == "GPKG") {
        if (!table.title.empty())
            options.push_back("IDENTIFIER=" + unique_identifier(dataset, table.title, name));
        if (!table.description.empty())
            options.push_back("DESCRIPTION=" + table.description);
    }
    std::vector<const char*> option_list;
    for (const auto& o : options)
        option_list.push_back(o.c_str());
    option_list.push_back(nullptr);

    CPLErrorReset();
    OGRLayer* layer = dataset.CreateLayer(
        name.c_str(), table.geometry_type == GeometryType::none ? nullptr : &wgs84,
        ogr_type(table.geometry_type), const_cast<char**>(option_list.data()));
    if (!layer)
        throw InputError(where + ": cannot create layer '" + name + "': " + last_gdal_error());

    std::vector<int> index;  // of each column in the layer (formats may add their own fields)
    for (const FieldDef& field : table.fields) {
        OGRFieldDefn definition(stored_name(field, driver).c_str(), ogr_type(field.type));
        if (field.type == FieldType::boolean)
            definition.SetSubType(OFSTBoolean);
        if (layer->CreateField(&definition) != OGRERR_NONE) {
            throw InputError(where + ": cannot create field '" + field.name +
                             "': " + last_gdal_error());
        }
        index.push_back(layer->GetLayerDefn()->GetFieldCount() - 1);
    }

    const bool transaction = layer->StartTransaction() == OGRERR_NONE;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const FeatureRow& row = table.rows[r];
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t c = 0; c < index.size() && c < row.values.size(); ++c)
            set_value(feature, index[c], row.values[c]);
        if (auto geometry = ogr_geometry(row.geometry)) {
            geometry->assignSpatialReference(layer->GetSpatialRef());
            feature.SetGeometryDirectly(geometry.release());
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) {
            if (transaction)
                layer->RollbackTransaction();
            throw InputError(where + ": cannot write feature " + std::to_string(r + 1) +
                             " of layer '" + name + "': " + last_gdal_error());
        }
    }
    if (transaction && layer->CommitTransaction() != OGRERR_NONE) {
        throw InputError(where + ": cannot write layer '" + name + "': " + last_gdal_error());
    }
    if (std::string_view(driver.GetDescription()) == "GPKG")
        write_titles(dataset, name, table, where);
    if (holds_style_table(driver)) {
        detail::write_style_row(dataset, name, layer->GetGeometryColumn(), table.style,
                                table.geometry_type, where);
    }
}

// A fresh file: an existing one (with a Shapefile's sidecar files) is removed first.
Dataset create_file(const Format& format, const std::string& path) {
    if (std::filesystem::exists(path)) {
        if (format.driver->Delete(path.c_str()) != CE_None) {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    }
    CPLErrorReset();
    Dataset dataset(format.driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset)
        throw InputError(path + ": cannot create: " + last_gdal_error());
    return dataset;
}

// A multi-layer file, opened for update if it exists; the layer `name` is removed if present.
Dataset open_for_layer(const Format& format, const std::string& path) {
    if (!std::filesystem::exists(path))
        return create_file(format, path);
    const char* drivers[] = {format.driver->GetDescription(), nullptr};
    CPLErrorReset();
    Dataset dataset(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr)));
    if (!dataset) {
        throw InputError(path + ": exists but cannot be opened as " +
                         format.driver->GetDescription() + " for update: " + last_gdal_error());
    }
    return dataset;
}

void drop_layer(GDALDataset& dataset, const std::string& name, const std::string& where) {
    for (int i = 0; i < dataset.GetLayerCount(); ++i) {
        if (name == dataset.GetLayer(i)->GetName()) {
            if (dataset.DeleteLayer(i) != OGRERR_NONE) {
                throw InputError(where + ": cannot replace layer '" + name +
                                 "': " + last_gdal_error());
            }
            return;
        }
    }
}

void close(Dataset dataset, const std::string& path) {
    CPLErrorReset();
    dataset.reset();
    if (CPLGetLastErrorType() == CE_Failure)
        throw InputError(path + ": cannot finish writing: " + last_gdal_error());
}

std::string sibling(const std::string& path, const std::string& suffix) {
    std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + "_" + suffix + p.extension().string())).string();
}

}  // namespace

OutputTarget parse_output_target(std::string_view text) {
    OutputTarget target{std::string(text), {}};
    if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
        const std::string before(text.substr(0, colon));
        const std::string after(text.substr(colon + 1));
        if (!std::filesystem::path(before).extension().empty() &&
            after.find('/') == std::string::npos) {
            target = {before, after};
        }
    }
    if (target.path.empty())
        throw InputError("output: empty file name");
    return target;
}

void check_output_target(std::string_view target) {
    detail::register_gdal_drivers();
    format_for(parse_output_target(target).path);
}

std::vector<std::string> write_feature_tables(std::string_view target_text,
                                              std::span<const FeatureTable> tables) {
    detail::register_gdal_drivers();
    // GDAL's own messages would repeat ours; they are kept as the last error and quoted in them.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    const OutputTarget target = parse_output_target(target_text);
    const Format format = format_for(target.path);
    std::vector<std::string> written;
    if (tables.empty())
        return written;

    const std::string base = target.layer.empty() ? tables[0].name : target.layer;
    auto layer_name = [&](std::size_t i) { return i == 0 ? base : base + "_" + tables[i].name; };
    if (format.multi_layer) {
        Dataset dataset = open_for_layer(format, target.path);
        for (std::size_t i = 0; i < tables.size(); ++i) {
            drop_layer(*dataset, layer_name(i), target.path);
            write_layer(*dataset, *format.driver, layer_name(i), tables[i], target.path);
            written.push_back(target.path + ":" + layer_name(i));
        }
        close(std::move(dataset), target.path);
        return written;
    }
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const std::string path = i == 0 ? target.path : sibling(target.path, tables[i].name);
        Dataset dataset = create_file(format, path);
        write_layer(*dataset, *format.driver, layer_name(i), tables[i], path);
        close(std::move(dataset), path);
        detail::write_style_files(path, layer_name(i),
                                  stored_style(tables[i].style, tables[i], *format.driver),
                                  tables[i].geometry_type);
        written.push_back(path);
    }
    return written;
}

std::string write_feature_table(std::string_view target, const FeatureTable& table) {
    return write_feature_tables(target, std::span(&table, 1)).front();
}

}  // namespace muster
