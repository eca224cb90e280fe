#pragma once
// One layer of a GDAL vector source, read feature by feature in WGS84.
//
// Opening checks what can be checked before any feature is read: the file exists, GDAL can read
// it, the layer exists (or the source has exactly one), a Shapefile has its .dbf, the attribute
// filter parses, the layer has a known CRS (CSV and GeoJSON without one are WGS84 by definition)
// and is not empty. Reading checks that every text is UTF-8 and that the file reads to its end.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geodata/source_spec.hpp"

class GDALDataset;
class OGRLayer;
class OGRGeometry;
class OGRFeature;
class OGRCoordinateTransformation;

namespace muster {

/// One feature: its attributes as text (null where unset) and its geometry in WGS84.
struct SourceFeature {
    std::int64_t fid = 0;
    std::vector<std::optional<std::string>> values;  ///< per field of the layer
    const OGRGeometry* geometry = nullptr;           ///< WGS84 lon/lat, or null
};

class VectorLayer {
  public:
    /// How the columns of a CSV file are read.
    enum class CsvColumns {
        /// WKT or lon/lat columns become the geometry and are not attributes (a point layer).
        geometry,
        /// Every column is an attribute, in the file's order (a plain table, no geometry).
        attributes_only,
    };

    /// Opens the layer named by spec. OpenStreetMap data (.osm.pbf, .osm) has several layers;
    /// when spec names none and `osm_layer` is given, that one is read. Throws InputError naming
    /// the source and what is wrong.
    explicit VectorLayer(const SourceSpec& spec, std::string_view osm_layer = {},
                         CsvColumns csv_columns = CsvColumns::geometry);
    ~VectorLayer();
    VectorLayer(const VectorLayer&) = delete;
    VectorLayer& operator=(const VectorLayer&) = delete;

    const SourceSpec& spec() const { return m_spec; }
    const std::string& layer_name() const { return m_layer_name; }
    std::string describe() const { return m_spec.path + ":" + m_layer_name; }
    const std::vector<std::string>& field_names() const { return m_field_names; }
    /// True when the layer read is the `osm_layer` chosen for a spec that named none.
    bool osm_layer_chosen() const { return m_osm_layer_chosen; }

    /// Index of the first of `candidates` that the layer has (case-insensitive), or nothing.
    std::optional<std::size_t> find_field(std::span<const std::string> candidates) const;

    /// Calls visit for each feature (after the attribute filter), in the source's order.
    /// Throws InputError naming the feature for a geometry that cannot be transformed to WGS84 or
    /// a text that is not UTF-8, and naming the file if GDAL cannot read a feature (truncated or
    /// corrupt).
    void for_each(const std::function<void(const SourceFeature&)>& visit);

  private:
    /// The rest of the constructor once the dataset is open: chooses the layer, checks its .dbf,
    /// filter and CRS, and that it has a feature. Throws InputError.
    void open_layer(std::string_view osm_layer, bool csv);
    /// Throws InputError if GDAL's last error says a feature could not be read.
    void throw_if_unreadable() const;
    /// Removes the in-memory copy of a single-column CSV file, if the layer reads one.
    void remove_memory_copy();

    SourceSpec m_spec;
    std::string m_layer_name;
    std::vector<std::string> m_field_names;
    GDALDataset* m_dataset = nullptr;
    OGRLayer* m_layer = nullptr;
    std::unique_ptr<OGRCoordinateTransformation> m_to_wgs84;  // null when already WGS84
    bool m_osm_layer_chosen = false;
    /// The /vsimem/ copy read instead of a single-column CSV file (geodata/detail/
    /// single_column_csv.hpp), else empty.
    std::string m_memory_copy;
};

}  // namespace muster
