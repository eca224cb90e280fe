#pragma once
// One layer of a GDAL vector source, read feature by feature in WGS84.
//
// Opening checks what can be checked before any feature is read: the file exists, GDAL can read
// it, the layer exists (or the source has exactly one), the attribute filter parses, the layer
// has a known CRS (CSV and GeoJSON without one are WGS84 by definition) and is not empty.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
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
    /// Opens the layer named by spec. Throws InputError naming the source and what is wrong.
    explicit VectorLayer(const SourceSpec& spec);
    ~VectorLayer();
    VectorLayer(const VectorLayer&) = delete;
    VectorLayer& operator=(const VectorLayer&) = delete;

    const SourceSpec& spec() const { return m_spec; }
    const std::string& layer_name() const { return m_layer_name; }
    std::string describe() const { return m_spec.path + ":" + m_layer_name; }
    const std::vector<std::string>& field_names() const { return m_field_names; }

    /// Index of the first of `candidates` that the layer has (case-insensitive), or nothing.
    std::optional<std::size_t> find_field(std::span<const std::string> candidates) const;

    /// Calls visit for each feature (after the attribute filter), in the source's order.
    /// A geometry that cannot be transformed to WGS84 throws InputError naming the feature.
    void for_each(const std::function<void(const SourceFeature&)>& visit);

private:
    SourceSpec m_spec;
    std::string m_layer_name;
    std::vector<std::string> m_field_names;
    GDALDataset* m_dataset = nullptr;
    OGRLayer* m_layer = nullptr;
    std::unique_ptr<OGRCoordinateTransformation> m_to_wgs84;  // null when already WGS84
};

}  // namespace muster
