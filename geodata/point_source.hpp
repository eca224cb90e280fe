#pragma once
// Reading a layer of query points (the sources or targets of a travel-time matrix) from any GDAL
// vector source.

#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"

namespace muster {

/// A point of a layer with its id and name.
struct NamedPoint {
    std::string id;    ///< the `id` field (id, ID, 编号), else the feature's FID
    std::string name;  ///< the `name` field (name, 名称), else empty
    LonLat location;   ///< WGS84
};

/// Every feature of a point layer, PATH[:LAYER][?WHERE], in the source's order. Throws InputError
/// naming the source and feature for a feature without a geometry or with one that is not a
/// point, and for a layer with no feature.
std::vector<NamedPoint> read_point_source(std::string_view spec);

}  // namespace muster
