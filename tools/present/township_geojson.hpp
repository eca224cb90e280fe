#pragma once
// The townships as GeoJSON for the console's map (GET /townships): the planner's choropleth
// colours them by GET /coverage's by_township, matched by id.

#include <nlohmann/json.hpp>

#include <vector>

#include "engine/entities.hpp"

namespace muster::tools {

/// A FeatureCollection of the townships in their order, each with properties {"id", "name",
/// "population" (null where the source gives none), "region"} and its area as a MultiPolygon, or
/// a Point at its location where the source gave a point.
nlohmann::json townships_geojson(const std::vector<Township>& townships);

}  // namespace muster::tools
