#include "tools/present/geojson.hpp"

#include <cmath>

namespace muster::tools {

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

namespace {

// rounded(degrees, 7) without a pow() per number: 10^7 is exact in a double, so the scale is the
// same and so is every result.
constexpr double kDegreeScale = 1e7;

double degree_rounded(double degrees) {
    return std::round(degrees * kDegreeScale) / kDegreeScale;
}

}  // namespace

nlohmann::json position_json(LonLat p) {
    // Built in place: an initializer list would construct each number twice.
    nlohmann::json out(nlohmann::json::value_t::array);
    auto& pair = out.get_ref<nlohmann::json::array_t&>();
    pair.reserve(2);
    pair.emplace_back(degree_rounded(p.lon));
    pair.emplace_back(degree_rounded(p.lat));
    return out;
}

namespace {

nlohmann::json positions(const std::vector<LonLat>& points) {
    nlohmann::json out(nlohmann::json::value_t::array);
    auto& list = out.get_ref<nlohmann::json::array_t&>();
    list.reserve(points.size() == 1 ? 2 : points.size());
    for (LonLat p : points)
        list.push_back(position_json(p));
    if (points.size() == 1)
        list.push_back(position_json(points.front()));  // a LineString needs two
    return out;
}

nlohmann::json property(const FieldDef& field, const FieldValue& value) {
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        return field.type == FieldType::boolean ? nlohmann::json(*integer != 0)
                                                : nlohmann::json(*integer);
    }
    if (const auto* real = std::get_if<double>(&value))
        return *real;
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    return nullptr;
}

}  // namespace

nlohmann::json line_json(const std::vector<LonLat>& line) {
    return {{"type", "LineString"}, {"coordinates", positions(line)}};
}

nlohmann::json multi_line_json(const std::vector<std::vector<LonLat>>& lines) {
    nlohmann::json coordinates = nlohmann::json::array();
    for (const auto& line : lines)
        coordinates.push_back(positions(line));
    return {{"type", "MultiLineString"}, {"coordinates", coordinates}};
}

nlohmann::json multi_polygon_json(const MultiPolygon& area) {
    nlohmann::json coordinates = nlohmann::json::array();
    for (const Polygon& polygon : area.polygons) {
        nlohmann::json rings = nlohmann::json::array();
        for (const Ring& ring : polygon.rings)
            rings.push_back(positions(ring));
        coordinates.push_back(rings);
    }
    return {{"type", "MultiPolygon"}, {"coordinates", coordinates}};
}

nlohmann::json geometry_json(const FeatureGeometry& geometry) {
    if (const auto* point = std::get_if<LonLat>(&geometry))
        return {{"type", "Point"}, {"coordinates", position_json(*point)}};
    if (const auto* line = std::get_if<std::vector<LonLat>>(&geometry))
        return line->empty() ? nullptr : line_json(*line);
    if (const auto* area = std::get_if<MultiPolygon>(&geometry))
        return multi_polygon_json(*area);
    return nullptr;
}

nlohmann::json feature_collection(std::span<const FeatureTable> tables) {
    nlohmann::json features = nlohmann::json::array();
    for (const FeatureTable& table : tables) {
        for (const FeatureRow& row : table.rows) {
            nlohmann::json properties = nlohmann::json::object();
            if (tables.size() > 1)
                properties["layer"] = table.name;
            for (std::size_t c = 0; c < table.fields.size() && c < row.values.size(); ++c) {
                properties[table.fields[c].name] = property(table.fields[c], row.values[c]);
            }
            features.push_back({{"type", "Feature"},
                                {"properties", properties},
                                {"geometry", geometry_json(row.geometry)}});
        }
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace muster::tools
