#include "geodata/vector_layer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "engine/errors.hpp"

namespace muster {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void register_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string layer_list(GDALDataset* dataset) {
    std::string names;
    for (int i = 0; i < dataset->GetLayerCount(); ++i) {
        if (i) names += ", ";
        names += dataset->GetLayer(i)->GetName();
    }
    return names;
}

// Open options that let the CSV driver find geometry in WKT or lon/lat columns.
const char* const kCsvOpenOptions[] = {
    "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom,WKT",
    "X_POSSIBLE_NAMES=lon,longitude,lng,x,经度",
    "Y_POSSIBLE_NAMES=lat,latitude,y,纬度",
    "KEEP_GEOM_COLUMNS=NO",
    "AUTODETECT_TYPE=NO",
    nullptr,
};

}  // namespace

VectorLayer::VectorLayer(const SourceSpec& spec) : m_spec(spec) {
    register_drivers();
    // GDAL's own messages would repeat ours; they are kept as the last error and quoted in them.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    if (!std::filesystem::exists(spec.path)) {
        throw InputError(spec.path + ": no such file");
    }
    const bool csv = lower(std::filesystem::path(spec.path).extension().string()) == ".csv";
    CPLErrorReset();
    m_dataset = static_cast<GDALDataset*>(GDALOpenEx(spec.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                     nullptr, csv ? kCsvOpenOptions : nullptr, nullptr));
    if (!m_dataset) {
        const std::string reason = CPLGetLastErrorMsg();
        throw InputError(spec.path + ": not a vector source GDAL can read" +
                         (reason.empty() ? "" : " (" + reason + ")"));
    }
    if (spec.layer.empty()) {
        if (m_dataset->GetLayerCount() != 1) {
            throw InputError(spec.path + ": has " + std::to_string(m_dataset->GetLayerCount()) +
                             " layers (" + layer_list(m_dataset) + "); name one as " + spec.path +
                             ":LAYER");
        }
        m_layer = m_dataset->GetLayer(0);
    } else {
        m_layer = m_dataset->GetLayerByName(spec.layer.c_str());
        if (!m_layer) {
            throw InputError(spec.path + ": no layer '" + spec.layer + "' (layers: " +
                             layer_list(m_dataset) + ")");
        }
    }
    m_layer_name = m_layer->GetName();

    if (!spec.where.empty()) {
        CPLErrorReset();
        if (m_layer->SetAttributeFilter(spec.where.c_str()) != OGRERR_NONE) {
            throw InputError(describe() + ": bad attribute filter '" + spec.where + "': " +
                             CPLGetLastErrorMsg());
        }
    }

    OGRFeatureDefn* definition = m_layer->GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        m_field_names.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    }

    const OGRSpatialReference* source_crs = m_layer->GetSpatialRef();
    const std::string driver = m_dataset->GetDriver()->GetDescription();
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

    // The OSM driver streams and cannot count cheaply; the first feature tells if it is empty.
    m_layer->ResetReading();
    std::unique_ptr<OGRFeature> first(m_layer->GetNextFeature());
    m_layer->ResetReading();
    if (!first) {
        throw InputError(describe() + (spec.where.empty() ? ": empty layer (no features)"
                                                          : ": no features match '" + spec.where + "'"));
    }
}

VectorLayer::~VectorLayer() { GDALClose(m_dataset); }

std::optional<std::size_t> VectorLayer::find_field(std::span<const std::string> candidates) const {
    for (const std::string& candidate : candidates) {
        const std::string wanted = lower(candidate);
        for (std::size_t i = 0; i < m_field_names.size(); ++i) {
            if (lower(m_field_names[i]) == wanted) return i;
        }
    }
    return std::nullopt;
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
    for (std::unique_ptr<OGRFeature> f(m_layer->GetNextFeature()); f; f.reset(m_layer->GetNextFeature())) {
        feature.fid = f->GetFID();
        for (std::size_t i = 0; i < m_field_names.size(); ++i) {
            const int index = static_cast<int>(i);
            if (f->IsFieldSetAndNotNull(index)) {
                feature.values[i] = std::string(f->GetFieldAsString(index));
            } else {
                feature.values[i].reset();
            }
        }
        OGRGeometry* geometry = f->GetGeometryRef();
        if (geometry && m_to_wgs84 && geometry->transform(m_to_wgs84.get()) != OGRERR_NONE) {
            throw InputError(describe() + ": feature " + std::to_string(feature.fid) +
                             ": geometry cannot be transformed to WGS84");
        }
        feature.geometry = geometry;
        visit(feature);
    }
}

}  // namespace muster
