#pragma once
// The roads of a map view (tools/app/road_map_query.hpp) as GeoJSON for the console's map.

#include <nlohmann/json.hpp>

#include "engine/road_network.hpp"
#include "tools/app/road_map_query.hpp"

namespace muster::tools {

/// A FeatureCollection of the answer's pieces in its order, each a LineString in the piece's own
/// direction with properties {"piece": id, "class": road class, "rank": road_class_rank}, and
/// "truncated": whether pieces were left out. The network stores no road names, so none are given.
nlohmann::json road_map_json(const RoadNetwork& network, const RoadMapAnswer& answer);

}  // namespace muster::tools
