#pragma once
// GCJ-02 and BD-09: the coordinate systems of China's online maps. Chinese law requires maps
// published in China to shift WGS84 positions by a non-linear offset of a few hundred metres
// (GCJ-02, used by AMap/Gaode and Tencent); Baidu adds a second shift on top (BD-09). County data
// copied from those maps, or collected with their apps, is in one of these systems. muster stores
// WGS84 (CGCS2000 is taken as equal to it, within a few decimetres) and converts only at its
// borders: when a source or a query point is read, and when an answer is given back.
//
// The forward offset is the published formula of the GCJ-02 reference code (as implemented in,
// e.g., eviltransform); it applies only inside China's bounding box. Its inverse has no closed
// form: it is solved by fixed-point iteration to under 1 mm.

#include <optional>
#include <string_view>

#include "engine/coordinate.hpp"

namespace muster {

enum class CoordinateSystem { wgs84, gcj02, bd09 };

std::string_view to_string(CoordinateSystem system);
/// wgs84 (also cgcs2000, 4326, 4490), gcj02 (gcj-02, amap, gaode, tencent, 高德, 腾讯, 火星),
/// bd09 (bd-09, baidu, 百度), in any letter case; nothing for anything else.
std::optional<CoordinateSystem> parse_coordinate_system(std::string_view text);

/// True outside the box in which GCJ-02 shifts positions (there it equals WGS84).
bool outside_china(LonLat wgs84);

LonLat wgs84_to_gcj02(LonLat wgs84);
LonLat gcj02_to_wgs84(LonLat gcj02);
LonLat gcj02_to_bd09(LonLat gcj02);
LonLat bd09_to_gcj02(LonLat bd09);

/// A position given in `system`, in WGS84.
LonLat to_wgs84(LonLat point, CoordinateSystem system);
/// A WGS84 position in `system`.
LonLat from_wgs84(LonLat wgs84, CoordinateSystem system);

}  // namespace muster
