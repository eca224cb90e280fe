#pragma once
// Naming a vector source on the command line: PATH[:LAYER][?WHERE].
//   roads.shp                       the only layer of a file
//   county.gpkg:shelters            one layer of a multi-layer source
//   malta.osm.pbf:lines?highway IS NOT NULL    with an OGR SQL attribute filter

#include <string>
#include <string_view>

#include "engine/china_coordinates.hpp"

namespace muster {

struct SourceSpec {
    std::string path;
    std::string layer;  ///< empty: the source's only layer
    std::string where;  ///< empty: every feature
    /// The encoding of the source's text (iconv's names: GBK, GB18030, UTF-8, ...) where the user
    /// names it (`--encoding`); empty: what the file says, else UTF-8, else GB18030.
    std::string encoding{};
    /// The system of the source's lon/lat where the user names it (`--coordinates`): GCJ-02 and
    /// BD-09 are shifted to WGS84 on reading; wgs84 (CGCS2000 alike) is read as it is.
    CoordinateSystem coordinates = CoordinateSystem::wgs84;

    /// "path:layer" as the user wrote it, for messages and the import log.
    std::string describe() const;
};

/// Splits PATH[:LAYER][?WHERE]. A colon belongs to the path when the whole text before the '?'
/// names an existing file. Throws InputError for an empty path.
SourceSpec parse_source_spec(std::string_view text);

}  // namespace muster
