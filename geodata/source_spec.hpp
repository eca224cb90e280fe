#pragma once
// Naming a vector source on the command line: PATH[:LAYER][?WHERE].
//   roads.shp                       the only layer of a file
//   county.gpkg:shelters            one layer of a multi-layer source
//   malta.osm.pbf:lines?highway IS NOT NULL    with an OGR SQL attribute filter

#include <string>
#include <string_view>

namespace muster {

struct SourceSpec {
    std::string path;
    std::string layer;  ///< empty: the source's only layer
    std::string where;  ///< empty: every feature

    /// "path:layer" as the user wrote it, for messages and the import log.
    std::string describe() const;
};

/// Splits PATH[:LAYER][?WHERE]. A colon belongs to the path when the whole text before the '?'
/// names an existing file. Throws InputError for an empty path.
SourceSpec parse_source_spec(std::string_view text);

}  // namespace muster
