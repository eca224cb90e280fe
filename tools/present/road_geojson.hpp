#pragma once
// The roads of a map view (tools/app/road_map_query.hpp) as GeoJSON for the console's map.

#include <string>

#include "engine/road_network.hpp"
#include "tools/app/road_map_geometry.hpp"
#include "tools/app/road_map_query.hpp"

namespace muster::tools {

/// A FeatureCollection of the answer's pieces in its order, each a LineString in the piece's own
/// direction as `geometry` draws it within tolerance_m metres (its own points for 0) (degrees to 7
/// decimals, as every answer gives them) with properties {"piece": id, "class": road class, "rank":
/// road_class_rank}, and "truncated": whether pieces were left out. The network stores no road
/// names, so none are given. Written straight to text: a whole county's main roads are thousands of
/// lines, and a JSON tree of them cost more than the rest.
std::string road_map_geojson(const RoadNetwork& network, const RoadMapAnswer& answer,
                             const RoadMapGeometry& geometry, double tolerance_m);

}  // namespace muster::tools
