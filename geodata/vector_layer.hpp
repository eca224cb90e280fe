#pragma once
// One layer of a GDAL vector source, read feature by feature in WGS84.
//
// Opening checks what can be checked before any feature is read: the file exists, GDAL can read
// it, the layer exists (or the source has exactly one), a Shapefile has its .dbf, the attribute
// filter parses, the layer has a known CRS (CSV and GeoJSON without one are WGS84 by definition)
// and is not empty. Reading checks that every text is UTF-8 and that the file reads to its end.
//
// Text that is not UTF-8 is decoded where the file says or the user names its encoding
// (SourceSpec::encoding), and as GB18030 where it names none and is valid GB18030 (a Shapefile's
// .dbf, a CSV or GeoJSON file). A table without geometry (an Excel or LibreOffice sheet) with
// lon/lat columns gives points. Points given in GCJ-02 or BD-09 (SourceSpec::coordinates) are
// shifted to WGS84. Each of these is said in notes(), for the import log.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geodata/progress.hpp"
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
    /// True when a field name is not text in the encoding the source was read with (its bad
    /// bytes shown as U+FFFD): the encoding is wrong, not the name.
    bool field_names_undecodable() const { return m_undecodable_names; }
    /// True when the layer read is the `osm_layer` chosen for a spec that named none.
    bool osm_layer_chosen() const { return m_osm_layer_chosen; }
    /// How the layer was read where that is not what the file says of itself (an encoding
    /// guessed or given, coordinates shifted, a field taken by its cut name), for the import log.
    const std::vector<std::string>& notes() const { return m_notes; }
    /// Adds a note (binding fields to attributes adds how it found one).
    void add_note(std::string note) const { m_notes.push_back(std::move(note)); }

    /// Index of the first of `candidates` that the layer has (case-insensitive), or nothing.
    std::optional<std::size_t> find_field(std::span<const std::string> candidates) const;

    /// A field found for a list of candidate names.
    struct FieldMatch {
        std::size_t index = 0;
        std::string candidate;  ///< the candidate it matched
        bool cut = false;       ///< matched the 10-byte cut form a .dbf keeps of the candidate
    };
    /// find_field, else (in a Shapefile) the first field that is the cut form of a candidate
    /// longer than a .dbf's 10 bytes (geodata/detail/dbf_field_names.hpp).
    std::optional<FieldMatch> match_field(std::span<const std::string> candidates) const;

    /// Calls visit for each feature (after the attribute filter), in the source's order.
    /// Throws InputError naming the feature for a geometry that cannot be transformed to WGS84 or
    /// a text that is not UTF-8, and naming the file if GDAL cannot read a feature (truncated or
    /// corrupt).
    void for_each(const std::function<void(const SourceFeature&)>& visit);
    /// for_each() tells `progress` (if not null) of its features read, as the step "read
    /// PATH:LAYER".
    void report_to(Progress* progress) { m_progress = progress; }

  private:
    /// Opens m_dataset from `path` with GDAL's open options; throws InputError naming the source.
    void open_dataset(const std::string& path, const char* const* open_options);
    /// Sets m_layer to the layer the spec names (or `osm_layer`, or the only one). Throws.
    void choose_layer(std::string_view osm_layer);
    /// Reopens a Shapefile in the encoding its text needs (detail/shapefile_encoding.hpp).
    void choose_shapefile_encoding(const std::string& open_path, std::string_view osm_layer);
    /// The rest of the constructor once the layer is chosen: checks its .dbf, filter and CRS,
    /// and that it has a feature. Throws InputError.
    void open_layer(CsvColumns csv_columns, bool csv);
    /// The point of a table's coordinate columns, in m_table_point, or null when blank.
    OGRGeometry* table_point(const OGRFeature& feature, std::int64_t fid);
    /// Throws InputError if GDAL's last error says a feature could not be read.
    void throw_if_unreadable() const;
    /// Removes the in-memory copy of a single-column CSV file, if the layer reads one.
    void remove_memory_copy();

    SourceSpec m_spec;
    std::string m_layer_name;
    std::vector<std::string> m_field_names;
    bool m_undecodable_names = false;
    ///< valid UTF-8
    std::vector<int> m_source_fields;  ///< per field name, its index in the GDAL layer
    GDALDataset* m_dataset = nullptr;
    OGRLayer* m_layer = nullptr;
    std::unique_ptr<OGRCoordinateTransformation> m_to_wgs84;    // null when already WGS84
    std::unique_ptr<OGRCoordinateTransformation> m_from_china;  // GCJ-02/BD-09 to WGS84, or null
    bool m_osm_layer_chosen = false;
    bool m_dbf = false;  ///< a Shapefile: field names may be cut at 10 bytes
    /// A table's lon/lat columns (indexes in the GDAL layer), when it gives points through them.
    std::optional<std::pair<int, int>> m_coordinate_columns;
    std::unique_ptr<OGRGeometry> m_table_point;
    mutable std::vector<std::string> m_notes;
    Progress* m_progress = nullptr;
    /// The /vsimem/ copy read instead of a text file decoded to UTF-8 or a single-column CSV file
    /// (geodata/detail/utf8_text.hpp, single_column_csv.hpp), else empty.
    std::string m_memory_copy;
};

}  // namespace muster
