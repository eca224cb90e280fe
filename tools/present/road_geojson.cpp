#include "tools/present/road_geojson.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <map>
#include <span>

namespace muster::tools {
namespace {

/// Degrees rounded to 7 decimals (about 1 cm), in their shortest form.
void append_degrees(std::string& out, double degrees) {
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, std::round(degrees * 1e7) / 1e7);
    out.append(text, written.ptr);
}

void append_position(std::string& out, Coordinate c) {
    const LonLat p = c.lon_lat();
    out += '[';
    append_degrees(out, p.lon);
    out += ',';
    append_degrees(out, p.lat);
    out += ']';
}

}  // namespace

std::string road_map_geojson(const RoadNetwork& network, const RoadMapAnswer& answer,
                             const RoadMapGeometry& geometry, double tolerance_m) {
    std::string out = R"({"type":"FeatureCollection","features":[)";
    // Each class written as a JSON string (escaped) once.
    std::map<std::string_view, std::string> class_json;
    std::vector<Coordinate> scratch;
    for (std::size_t i = 0; i < answer.pieces.size(); ++i) {
        const PieceId p = answer.pieces[i];
        out += i == 0 ? "" : ",";
        out += R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[)";
        const std::span points = geometry.points(p, tolerance_m, scratch);
        for (std::size_t k = 0; k < points.size(); ++k) {
            out += k == 0 ? "" : ",";
            append_position(out, points[k]);
        }
        if (points.size() == 1) {  // a LineString needs two positions
            out += ',';
            append_position(out, points.front());
        }
        const std::string& road_class = network.piece_class(p);
        auto [named, added] = class_json.try_emplace(road_class);
        if (added)
            named->second = nlohmann::json(road_class).dump();
        out += R"(]},"properties":{"piece":)" + std::to_string(p.value()) + R"(,"class":)" +
               named->second + R"(,"rank":)" + std::to_string(road_class_rank(road_class)) + "}}";
    }
    out += R"(],"truncated":)";
    out += answer.truncated ? "true}" : "false}";
    return out;
}

}  // namespace muster::tools
