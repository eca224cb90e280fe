#include "tools/present/shown_coordinates.hpp"

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace muster::tools {

LonLat shown(LonLat wgs84, CoordinateSystem system) {
    return from_wgs84(wgs84, system);
}

std::vector<LonLat> shown(std::span<const LonLat> wgs84, CoordinateSystem system) {
    std::vector<LonLat> out;
    out.reserve(wgs84.size());
    for (const LonLat p : wgs84)
        out.push_back(from_wgs84(p, system));
    return out;
}

MultiPolygon shown(const MultiPolygon& wgs84, CoordinateSystem system) {
    MultiPolygon out;
    for (const Polygon& polygon : wgs84.polygons) {
        Polygon converted;
        for (const Ring& ring : polygon.rings)
            converted.rings.push_back(shown(ring, system));
        out.polygons.push_back(std::move(converted));
    }
    return out;
}

void declare_coordinates(nlohmann::json& answer, CoordinateSystem system) {
    if (system != CoordinateSystem::wgs84)
        answer["coordinates"] = std::string(to_string(system));
}

FeatureTable shown(FeatureTable layer, CoordinateSystem system) {
    if (system == CoordinateSystem::wgs84)
        return layer;
    layer.fields.push_back({kCoordinatesColumn, FieldType::text});
    for (FeatureRow& row : layer.rows) {
        std::visit(
            [system](auto& geometry) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(geometry)>, std::monostate>)
                    geometry = shown(geometry, system);
            },
            row.geometry);
        row.values.emplace_back(std::string(to_string(system)));
    }
    return layer;
}

}  // namespace muster::tools
