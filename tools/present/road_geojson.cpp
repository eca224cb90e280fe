#include "tools/present/road_geojson.hpp"

#include <vector>

#include "tools/present/geojson.hpp"

namespace muster::tools {

nlohmann::json road_map_json(const RoadNetwork& network, const RoadMapAnswer& answer) {
    nlohmann::json features = nlohmann::json::array();
    std::vector<LonLat> line;
    for (PieceId p : answer.pieces) {
        line.clear();
        for (Coordinate c : network.piece_points(p))
            line.push_back(c.lon_lat());
        const std::string& road_class = network.piece_class(p);
        features.push_back({{"type", "Feature"},
                            {"geometry", line_json(line)},
                            {"properties",
                             {{"piece", p.value()},
                              {"class", road_class},
                              {"rank", road_class_rank(road_class)}}}});
    }
    return {{"type", "FeatureCollection"},
            {"features", std::move(features)},
            {"truncated", answer.truncated}};
}

}  // namespace muster::tools
