#include "geodata/vector_layer.hpp"

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "geodata/detail/china_transformation.hpp"
#include "geodata/detail/coordinate_columns.hpp"
#include "geodata/detail/dbf_field_names.hpp"
#include "geodata/detail/gdal_drivers.hpp"
#include "geodata/detail/shapefile_encoding.hpp"
#include "geodata/detail/single_column_csv.hpp"
#include "geodata/detail/text_encoding.hpp"
#include "geodata/detail/utf8_text.hpp"

namespace muster {
namespace {

std::string layer_list(GDALDataset* dataset) {
    std::string names;
    for (int i = 0; i < dataset->GetLayerCount(); ++i) {
        if (i)
            names += ", ";
        names += dataset->GetLayer(i)->GetName();
    }
    return names;
}

// Open options that let the CSV driver find geometry in WKT or lon/lat columns.
const std::string kCsvX = detail::csv_possible_names(true);
const std::string kCsvY = detail::csv_possible_names(false);
const char* const kCsvOpenOptions[] = {
    "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom,WKT",
    kCsvX.c_str(),
    kCsvY.c_str(),
    "KEEP_GEOM_COLUMNS=NO",
    "AUTODETECT_TYPE=NO",
    nullptr,
};
// A CSV file read as a plain table: every column an attribute, as text.
const char* const kCsvTableOpenOptions[] = {"AUTODETECT_TYPE=NO", nullptr};

// Text files GDAL reads as they are: decoded to UTF-8 first where they are not.
bool is_text_file(const std::string& extension) {
    return extension == ".csv" || extension == ".tsv" || extension == ".geojson" ||
           extension == ".json";
}

// A Shapefile's attributes are in its .dbf; GDAL opens a .shp without one as a layer with no
// fields, which would surface later as a confusing "missing required field".
void check_dbf(GDALDataset* dataset, const std::string& layer_name, const std::string& where) {
    const CPLStringList files(dataset->GetFileList());
    for (int i = 0; i < files.size(); ++i) {
        const std::filesystem::path file(files[i]);
        const bool dbf = ascii_lower(file.extension().string()) == ".dbf";
        if (dbf && ascii_lower(file.stem().string()) == ascii_lower(layer_name))
            return;
    }
    throw InputError(where + ": the Shapefile's attribute table " + layer_name +
                     ".dbf is missing (a Shapefile is a .shp with its .shx, .dbf and .prj beside "
                     "it: copy them together)");
}

// Passes GDAL's warnings and debug messages on and keeps its failures quiet: they are quoted in
// muster's own errors.
void CPL_STDCALL warnings_only(CPLErr level, CPLErrorNum number, const char* message) {
    if (level < CE_Failure)
        CPLDefaultErrorHandler(level, number, message);
}

}  // namespace

void VectorLayer::throw_if_unreadable() const {
    // Where a file stops in the middle (a truncated download) or holds bytes its format does not
    // allow, GDAL reports a failure and ends the layer early (OSM) or returns a feature without
    // its geometry (Shapefile): either would import part of the data as if it were all of it.
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw InputError(describe() + ": the file cannot be read: it is truncated or corrupt (" +
                         CPLGetLastErrorMsg() + ")");
    }
}

namespace {

// GDAL's CSV driver reads a quoted field left open to the end of the file without a word, so the
// rows after the quote would vanish into one field: such a file is refused, naming the line where
// the quote opens. A doubled quote inside a quoted field toggles twice and counts as none.
void check_quotes_closed(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    bool open = false;
    std::size_t line_number = 0, opened_at = 0;
    while (std::getline(in, line)) {
        ++line_number;
        for (const char c : line) {
            if (c != '"')
                continue;
            open = !open;
            if (open)
                opened_at = line_number;
        }
    }
    if (open) {
        throw InputError(path + ":" + std::to_string(opened_at) +
                         ": a quoted field is not closed (a \" opens it and none ends it)");
    }
}

}  // namespace

VectorLayer::VectorLayer(const SourceSpec& spec, std::string_view osm_layer, CsvColumns csv_columns)
    : m_spec(spec) {
    detail::register_gdal_drivers();
    // GDAL's own messages would repeat ours; they are kept as the last error and quoted in them.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    if (!std::filesystem::exists(spec.path)) {
        throw InputError(spec.path + ": no such file");
    }
    const std::string extension =
        ascii_lower(std::filesystem::path(spec.path).extension().string());
    const bool csv = extension == ".csv";
    const char* const* open_options = nullptr;
    if (csv) {
        check_quotes_closed(spec.path);
        open_options = csv_columns == CsvColumns::geometry ? kCsvOpenOptions : kCsvTableOpenOptions;
    }
    // A spreadsheet's first row is its header even when every cell below is text too (the
    // drivers' guess looks for a number under it); cells are read as text, as a CSV file's are.
    // GDAL 3.6 takes these as configuration options; the sheet is read within this constructor.
    const CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", false);
    const CPLConfigOptionSetter xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING", false);
    const CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", false);
    const CPLConfigOptionSetter ods_types("OGR_ODS_FIELD_TYPES", "STRING", false);
    if (is_text_file(extension)) {
        detail::Utf8Text text = detail::read_as_utf8(spec.path, spec.encoding);
        const bool decoded = !text.read_as.empty();
        const bool widened = csv && detail::end_single_column_header(text.contents);
        if (decoded || widened)
            m_memory_copy = detail::memory_copy(spec.path, text.contents).value_or("");
        if (decoded && !m_memory_copy.empty())
            m_notes.push_back(text.note);
    }
    const std::string& open_path = m_memory_copy.empty() ? spec.path : m_memory_copy;
    try {
        open_dataset(open_path, open_options);
        choose_layer(osm_layer);
        choose_shapefile_encoding(open_path, osm_layer);
        open_layer(csv_columns, csv);
    } catch (...) {
        // a constructor that throws gets no destructor call
        if (m_dataset)
            GDALClose(m_dataset);
        remove_memory_copy();
        throw;
    }
}

void VectorLayer::open_dataset(const std::string& path, const char* const* open_options) {
    CPLErrorReset();
    m_dataset = static_cast<GDALDataset*>(GDALOpenEx(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
    if (!m_dataset) {
        const std::string reason = CPLGetLastErrorMsg();
        throw InputError(m_spec.path + ": not a vector source GDAL can read" +
                         (reason.empty() ? "" : " (" + reason + ")"));
    }
}

void VectorLayer::choose_shapefile_encoding(const std::string& open_path,
                                            std::string_view osm_layer) {
    const std::string driver = m_dataset->GetDriver()->GetDescription();
    if (driver != "ESRI Shapefile") {
        if (!m_spec.encoding.empty() && m_memory_copy.empty()) {
            m_notes.push_back("--encoding " + m_spec.encoding + " not applied: a " + driver +
                              " source names its own encoding");
        }
        return;
    }
    const std::string forced = m_spec.encoding.empty() ? "" : detail::iconv_name(m_spec.encoding);
    if (!forced.empty() && !detail::known_encoding(forced)) {
        throw InputError(m_spec.path + ": unknown encoding '" + m_spec.encoding +
                         "' (--encoding: e.g. UTF-8, GBK, GB18030, BIG5)");
    }
    const detail::ShapefileEncoding encoding = detail::shapefile_encoding(*m_layer, forced);
    if (encoding.reopen_with.empty())
        return;
    GDALClose(m_dataset);
    m_dataset = nullptr;
    const std::string option = "ENCODING=" + encoding.reopen_with;
    const char* const options[] = {option.c_str(), nullptr};
    open_dataset(open_path, options);
    choose_layer(osm_layer);
    m_notes.push_back(encoding.note);
}

void VectorLayer::remove_memory_copy() {
    if (!m_memory_copy.empty())
        VSIUnlink(m_memory_copy.c_str());
}

void VectorLayer::choose_layer(std::string_view osm_layer) {
    const SourceSpec& spec = m_spec;
    const std::string driver = m_dataset->GetDriver()->GetDescription();
    m_osm_layer_chosen = spec.layer.empty() && driver == "OSM" && !osm_layer.empty();
    if (m_osm_layer_chosen) {
        m_layer = m_dataset->GetLayerByName(std::string(osm_layer).c_str());
        if (!m_layer) {
            throw InputError(spec.path + ": no layer '" + std::string(osm_layer) +
                             "' (layers: " + layer_list(m_dataset) + ")");
        }
    } else if (spec.layer.empty()) {
        if (m_dataset->GetLayerCount() != 1) {
            throw InputError(spec.path + ": has " + std::to_string(m_dataset->GetLayerCount()) +
                             " layers (" + layer_list(m_dataset) + "); name one as " + spec.path +
                             ":LAYER");
        }
        m_layer = m_dataset->GetLayer(0);
    } else {
        m_layer = m_dataset->GetLayerByName(spec.layer.c_str());
        if (!m_layer) {
            throw InputError(spec.path + ": no layer '" + spec.layer +
                             "' (layers: " + layer_list(m_dataset) + ")");
        }
    }
    m_layer_name = detail::valid_utf8(m_layer->GetName());
}

void VectorLayer::open_layer(CsvColumns csv_columns, bool csv) {
    const SourceSpec& spec = m_spec;
    const std::string driver = m_dataset->GetDriver()->GetDescription();
    m_dbf = driver == "ESRI Shapefile";
    if (m_dbf)
        check_dbf(m_dataset, m_layer_name, describe());

    if (!spec.where.empty()) {
        CPLErrorReset();
        if (m_layer->SetAttributeFilter(spec.where.c_str()) != OGRERR_NONE) {
            throw InputError(describe() + ": bad attribute filter '" + spec.where +
                             "': " + CPLGetLastErrorMsg());
        }
    }

    // Names as valid UTF-8: a .dbf cuts them at 10 bytes, which can split a character.
    OGRFeatureDefn* definition = m_layer->GetLayerDefn();
    std::vector<std::string> names;
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        const char* raw = definition->GetFieldDefn(i)->GetNameRef();
        if (!CPLIsUTF8(std::string(detail::without_incomplete_utf8_end(raw)).c_str(), -1))
            m_undecodable_names = true;
        names.push_back(detail::valid_utf8(raw));
    }
    // A table without geometry gives points through its lon/lat columns, which are then not
    // attributes (as the CSV driver reads them).
    if (m_layer->GetGeomType() == wkbNone && !csv && csv_columns == CsvColumns::geometry) {
        if (const auto columns = detail::find_coordinate_columns(names)) {
            m_coordinate_columns = {static_cast<int>(columns->first),
                                    static_cast<int>(columns->second)};
            m_notes.push_back("points from the columns '" + names[columns->first] + "' and '" +
                              names[columns->second] + "' (lon/lat degrees)");
        }
    }
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
        if (m_coordinate_columns &&
            (i == m_coordinate_columns->first || i == m_coordinate_columns->second))
            continue;
        m_field_names.push_back(names[static_cast<std::size_t>(i)]);
        m_source_fields.push_back(i);
    }

    const OGRSpatialReference* source_crs = m_layer->GetSpatialRef();
    const bool has_geometry = m_layer->GetGeomType() != wkbNone || csv;
    if (!source_crs && has_geometry) {
        // CSV coordinates are lon/lat by muster's convention; GeoJSON is WGS84 by RFC 7946.
        if (driver != "CSV" && driver != "GeoJSON" && driver != "GeoJSONSeq") {
            throw InputError(describe() +
                             ": unknown CRS (the source declares no coordinate reference system; "
                             "for a Shapefile, add its .prj file)");
        }
    }
    if (source_crs) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!source_crs->IsSame(&wgs84)) {
            OGRSpatialReference source(*source_crs);
            source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            CPLErrorReset();
            m_to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
            if (!m_to_wgs84) {
                throw InputError(describe() + ": unknown CRS (cannot transform it to WGS84: " +
                                 CPLGetLastErrorMsg() + ")");
            }
        }
    }
    if (spec.coordinates != CoordinateSystem::wgs84) {
        m_from_china = std::make_unique<detail::ChinaToWgs84>(spec.coordinates);
        m_notes.push_back(std::string("coordinates converted from ") +
                          (spec.coordinates == CoordinateSystem::gcj02 ? "GCJ-02" : "BD-09") +
                          " to WGS84 (--coordinates)");
    }

    // The OSM driver streams and cannot count cheaply; the first feature tells if it is empty.
    m_layer->ResetReading();
    CPLErrorReset();
    std::unique_ptr<OGRFeature> first(m_layer->GetNextFeature());
    throw_if_unreadable();
    m_layer->ResetReading();
    if (!first) {
        throw InputError(describe() + (spec.where.empty()
                                           ? ": empty layer (no features)"
                                           : ": no features match '" + spec.where + "'"));
    }
}

VectorLayer::~VectorLayer() {
    GDALClose(m_dataset);
    remove_memory_copy();
}

std::optional<std::size_t> VectorLayer::find_field(std::span<const std::string> candidates) const {
    for (const std::string& candidate : candidates) {
        const std::string wanted = ascii_lower(candidate);
        for (std::size_t i = 0; i < m_field_names.size(); ++i) {
            if (ascii_lower(m_field_names[i]) == wanted)
                return i;
        }
    }
    return std::nullopt;
}

std::optional<VectorLayer::FieldMatch> VectorLayer::match_field(
    std::span<const std::string> candidates) const {
    if (auto index = find_field(candidates))
        return FieldMatch{*index, {}, false};
    if (!m_dbf)
        return std::nullopt;
    for (const std::string& candidate : candidates) {
        for (const std::string& cut : detail::dbf_cut_forms(candidate)) {
            const std::string wanted = ascii_lower(cut);
            for (std::size_t i = 0; i < m_field_names.size(); ++i) {
                if (ascii_lower(m_field_names[i]) == wanted)
                    return FieldMatch{i, candidate, true};
            }
        }
    }
    return std::nullopt;
}

OGRGeometry* VectorLayer::table_point(const OGRFeature& feature, std::int64_t fid) {
    const auto [x_index, y_index] = *m_coordinate_columns;
    const OGRFeatureDefn* definition = m_layer->GetLayerDefn();
    std::optional<double> xy[2];
    for (int axis = 0; axis < 2; ++axis) {
        const int index = axis == 0 ? x_index : y_index;
        if (!feature.IsFieldSetAndNotNull(index))
            continue;
        const OGRFieldDefn* field = definition->GetFieldDefn(index);
        const OGRFieldType type = field->GetType();
        if (type == OFTReal || type == OFTInteger || type == OFTInteger64) {
            xy[axis] = feature.GetFieldAsDouble(index);
        } else {
            xy[axis] = detail::parse_coordinate(feature.GetFieldAsString(index),
                                                describe() + ": feature " + std::to_string(fid) +
                                                    ": field '" + field->GetNameRef() + "'");
        }
    }
    if (!xy[0] || !xy[1])
        return nullptr;
    if (std::abs(*xy[0]) > 180 || std::abs(*xy[1]) > 90) {
        throw InputError(describe() + ": feature " + std::to_string(fid) + ": (" +
                         std::to_string(*xy[0]) + ", " + std::to_string(*xy[1]) +
                         ") is not a lon/lat in degrees (a table's points are WGS84 lon/lat)");
    }
    m_table_point = std::make_unique<OGRPoint>(*xy[0], *xy[1]);
    return m_table_point.get();
}

void VectorLayer::for_each(const std::function<void(const SourceFeature&)>& visit) {
    // The OSM driver assembles every layer while it reads; ask it for this one only.
    if (std::string(m_dataset->GetDriver()->GetDescription()) == "OSM") {
        const std::string sql = "SET interest_layers = " + m_layer_name;
        m_dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    }
    m_layer->ResetReading();
    SourceFeature feature;
    feature.values.resize(m_field_names.size());
    // GDAL's failures are quoted in our errors; its warnings still go to stderr.
    CPLErrorHandlerPusher failures_quiet(warnings_only);
    // The count is cheap where the format stores it (GeoPackage, Shapefile), else not asked.
    const GIntBig count = m_progress ? m_layer->GetFeatureCount(FALSE) : 0;
    const ProgressStep step(m_progress, "read " + describe(), "features",
                            count > 0 ? static_cast<std::uint64_t>(count) : 0);
    std::uint64_t read = 0;
    for (;;) {
        CPLErrorReset();
        std::unique_ptr<OGRFeature> f(m_layer->GetNextFeature());
        throw_if_unreadable();
        if (!f)
            break;
        if (++read % 4096 == 0)
            step.advance(read);
        feature.fid = f->GetFID();
        for (std::size_t i = 0; i < m_field_names.size(); ++i) {
            const int index = m_source_fields[i];
            if (f->IsFieldSetAndNotNull(index)) {
                const char* text = f->GetFieldAsString(index);
                if (!CPLIsUTF8(text, -1)) {
                    // Stored text must be UTF-8: JSON and GeoPackage output require it.
                    throw InputError(
                        describe() + ": feature with FID " + std::to_string(feature.fid) +
                        ": field '" + m_field_names[i] +
                        "': text is not valid UTF-8, nor GB18030 (the encoding is not the one "
                        "read: "
                        "save the file as UTF-8, or name its encoding with --encoding [KIND=]NAME, "
                        "e.g. GBK; for a Shapefile, a .cpg file beside it can name it)");
                }
                feature.values[i] = std::string(text);
            } else {
                feature.values[i].reset();
            }
        }
        OGRGeometry* geometry = f->GetGeometryRef();
        if (geometry && m_to_wgs84 && geometry->transform(m_to_wgs84.get()) != OGRERR_NONE) {
            throw InputError(describe() + ": feature " + std::to_string(feature.fid) +
                             ": geometry cannot be transformed to WGS84");
        }
        if (m_coordinate_columns)
            geometry = table_point(*f, feature.fid);
        if (geometry && m_from_china && geometry->transform(m_from_china.get()) != OGRERR_NONE) {
            throw InputError(describe() + ": feature " + std::to_string(feature.fid) +
                             ": geometry cannot be shifted from " +
                             std::string(to_string(m_spec.coordinates)) + " to WGS84");
        }
        feature.geometry = geometry;
        visit(feature);
    }
    step.finish(read);
}

}  // namespace muster
