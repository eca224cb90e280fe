#pragma once
// Reading roads from any line layer.
//
// An OSM layer (GDAL's OSM driver, or any layer with `highway` and `other_tags` fields) is read
// through its tags: highway, maxspeed, oneway, junction, access, foot, bridge, tunnel
// (engine/road_profile.hpp);
// a line without highway is read too when it is a ferry (route=ferry, with duration).
// Other layers are plain: a class (an OSM class, a Chinese class of engine/vocabulary.hpp or an
// office's own word mapped by the --fields file), an optional speed (0 or empty: unknown, the
// class's speed is used, with a warning for 0), an optional oneway field and an optional
// structure field (bridge, tunnel; 桥梁, 隧道, ...).
// Ferries of either kind get the class kFerryClass, so that every later step finds them.

#include <string>
#include <unordered_map>

#include "engine/road_profile.hpp"
#include "geodata/entity_readers.hpp"

namespace muster {

/// Tags of OSM's hstore text: "key"=>"value","key2"=>"value2" (with \" and \\ escapes).
/// Throws InputError on malformed text.
Tags parse_other_tags(std::string_view text);

struct RoadReadResult : ReadResult<RoadWay> {
    std::size_t not_roads = 0;  ///< OSM lines that are not highways (rivers, power lines, ...)
    std::size_t not_routable =
        0;                  ///< highways neither profile may use (construction, private, ...)
    bool osm_tags = false;  ///< read as OSM tags
};

RoadReadResult read_roads(VectorLayer& layer, const FieldMap& map);

}  // namespace muster
