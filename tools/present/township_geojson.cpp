#include "tools/present/township_geojson.hpp"

#include "tools/present/geojson.hpp"

namespace muster::tools {

nlohmann::json townships_geojson(const std::vector<Township>& townships) {
    nlohmann::json features = nlohmann::json::array();
    for (const Township& township : townships) {
        const nlohmann::json geometry =
            township.area ? multi_polygon_json(*township.area)
                          : nlohmann::json{{"type", "Point"},
                                           {"coordinates", position_json(township.location)}};
        features.push_back(
            {{"type", "Feature"},
             {"geometry", geometry},
             {"properties",
              {{"id", township.id},
               {"name", township.name},
               {"population", township.population ? nlohmann::json(*township.population)
                                                  : nlohmann::json(nullptr)},
               {"region", township.region}}}});
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace muster::tools
