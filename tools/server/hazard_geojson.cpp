#include "tools/server/hazard_geojson.hpp"

#include <cmath>

#include "engine/geometry.hpp"
#include "engine/hazard_overlay.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

QueryError invalid(const std::string& where, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, where + ": " + message);
}

LonLat position(const json& value, const std::string& where) {
    if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number())
        throw invalid(where, "a position must be [lon, lat]");
    const double lon = value[0].get<double>(), lat = value[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
        lat > 90) {
        throw invalid(where, "[" + value[0].dump() + ", " + value[1].dump() +
                                 "] is not a WGS84 [lon, lat] (lon in [-180, 180], lat in "
                                 "[-90, 90])");
    }
    return {lon, lat};
}

Ring ring(const json& value, const std::string& where) {
    if (!value.is_array() || value.size() < 4)
        throw invalid(where, "a ring must be an array of at least 4 positions");
    Ring out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(position(value[i], where + "[" + std::to_string(i) + "]"));
    if (out.front().lon != out.back().lon || out.front().lat != out.back().lat)
        throw invalid(where, "a ring must end where it starts");
    return out;
}

Polygon polygon(const json& value, const std::string& where) {
    if (!value.is_array() || value.empty())
        throw invalid(where, "a polygon must be an array of rings, the outer one first");
    Polygon out;
    for (std::size_t i = 0; i < value.size(); ++i)
        out.rings.push_back(ring(value[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

MultiPolygon area(const json& geometry) {
    if (!geometry.is_object() || !geometry.contains("type") || !geometry["type"].is_string())
        throw invalid("geometry", "must be a GeoJSON geometry object with a type");
    const std::string type = geometry["type"].get<std::string>();
    if (type != "Polygon" && type != "MultiPolygon")
        throw invalid("geometry", "a hazard zone is a Polygon or MultiPolygon, not " + type);
    if (!geometry.contains("coordinates"))
        throw invalid("geometry.coordinates", "missing");
    const json& coordinates = geometry["coordinates"];
    MultiPolygon out;
    if (type == "Polygon") {
        out.polygons.push_back(polygon(coordinates, "geometry.coordinates"));
    } else {
        if (!coordinates.is_array() || coordinates.empty())
            throw invalid("geometry.coordinates", "a MultiPolygon needs at least one polygon");
        for (std::size_t i = 0; i < coordinates.size(); ++i) {
            out.polygons.push_back(
                polygon(coordinates[i], "geometry.coordinates[" + std::to_string(i) + "]"));
        }
    }
    if (const auto reason = invalid_reason(out))
        throw invalid("geometry", "the polygon is not valid: " + *reason);
    return out;
}

std::string text_property(const json& properties, const char* name) {
    if (!properties.contains(name) || properties[name].is_null())
        return {};
    if (!properties[name].is_string())
        throw invalid(std::string("properties.") + name, "must be a string");
    return properties[name].get<std::string>();
}

/// An id a client gives must fit a path (DELETE /hazards/{id}) and a log line.
void check_id(const std::string& id) {
    if (id.size() > kMaxHazardIdBytes) {
        throw invalid("properties.id", "an id of " + std::to_string(id.size()) +
                                           " bytes; at most " + std::to_string(kMaxHazardIdBytes));
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        if (c < 0x20 || c == 0x7F) {
            throw invalid("properties.id", "'" + quoted_text(id) +
                                               "' holds a control character (byte " +
                                               std::to_string(i + 1) + ")");
        }
    }
}

}  // namespace

HazardZone parse_hazard_feature(const json& feature) {
    if (!feature.is_object() || feature.value("type", json()) != "Feature") {
        throw invalid("body",
                      "a hazard zone is a GeoJSON Feature ({\"type\": \"Feature\", "
                      "\"geometry\": {...}, \"properties\": {\"effect\": ...}})");
    }
    json properties = feature.value("properties", json::object());
    if (properties.is_null())
        properties = json::object();  // GeoJSON allows "properties": null
    if (!properties.is_object())
        throw invalid("properties", "must be an object");
    HazardZone zone;
    zone.road_class = text_property(properties, "roads");
    if (!zone.road_class.empty() && zone.road_class != kFerryClass) {
        throw invalid("properties.roads",
                      "'" + zone.road_class + "' is not a class a zone can be limited to (ferry)");
    }
    const json geometry = feature.value("geometry", json());
    if (!zone.road_class.empty() && geometry.is_null()) {
        zone.area = all_ferries_closed().area;  // no geometry: every ferry, everywhere
    } else {
        zone.area = area(geometry);
    }
    zone.id = text_property(properties, "id");
    check_id(zone.id);
    zone.name = text_property(properties, "name");
    zone.kind = text_property(properties, "kind");
    const std::string effect = text_property(properties, "effect");
    const bool has_factor =
        properties.contains("speed_factor") && !properties["speed_factor"].is_null();
    if (effect == "closed") {
        zone.effect = HazardEffect::closed;
        if (has_factor)
            throw invalid("properties.speed_factor", "a closed zone takes no speed factor");
    } else if (effect == "slow") {
        zone.effect = HazardEffect::slow;
        const json factor = properties.value("speed_factor", json());
        if (!factor.is_number())
            throw invalid("properties.speed_factor", "a slow zone needs a number in [0.01, 1]");
        zone.speed_factor = factor.get<double>();
        if (!(zone.speed_factor > 0 && zone.speed_factor <= 1))
            throw invalid("properties.speed_factor",
                          factor.dump() + " is not in (0, 1] (0.5: half the usual speed)");
        if (zone.speed_factor < kMinSpeedFactor)
            throw invalid("properties.speed_factor",
                          factor.dump() +
                              " is below 0.01, a hundredth of the usual speed: the slowest a "
                              "zone may make its roads (close them instead: effect closed)");
    } else {
        throw invalid("properties.effect",
                      effect.empty() ? "missing (closed or slow)"
                                     : "'" + effect + "' is not an effect (closed or slow)");
    }
    return zone;
}

json hazard_feature_json(const HazardZone& zone) {
    json properties = {{"id", zone.id},
                       {"name", zone.name},
                       {"kind", zone.kind},
                       {"effect", std::string(to_string(zone.effect))}};
    if (zone.effect == HazardEffect::slow)
        properties["speed_factor"] = zone.speed_factor;
    if (!zone.road_class.empty())
        properties["roads"] = zone.road_class;
    return {{"type", "Feature"},
            {"geometry", multi_polygon_json(zone.area)},
            {"properties", properties}};
}

}  // namespace muster::tools
