#include "tools/present/routing_json.hpp"

#include <utility>

#include "engine/errors.hpp"
#include "tools/present/geojson.hpp"
#include "tools/present/shown_coordinates.hpp"

namespace muster::tools {
namespace {

// Metres and seconds come from integer millimetres and milliseconds: three decimals are exact.
nlohmann::json figure(std::optional<double> value) {
    return value ? nlohmann::json(rounded(*value, 3)) : nlohmann::json(nullptr);
}

// A line as a LineString in `system`; in WGS84, the default, the line itself, not a copy.
nlohmann::json shown_line_json(const std::vector<LonLat>& wgs84, CoordinateSystem system) {
    return system == CoordinateSystem::wgs84 ? line_json(wgs84) : line_json(shown(wgs84, system));
}

nlohmann::json end_json(const QueryPoint& point, const Snap& snap, CoordinateSystem system) {
    // Members set one by one: an initializer list first builds each as a [key, value] array.
    nlohmann::json out(nlohmann::json::value_t::object);
    out["query"] = point.text;
    out["location"] = position_json(shown(point.location, system));
    out["snapped"] = position_json(shown(snap.point, system));
    out["snap_distance_m"] = rounded(snap.distance_m, 3);
    // The point was snapped past a nearer road on a small isolated part of the network.
    if (snap.passed_small_m)
        out["passed_small_component_m"] = rounded(*snap.passed_small_m, 3);
    if (!point.kind.empty()) {
        out["kind"] = point.kind;
        out["id"] = point.id;
        out["name"] = point.name;
    }
    return out;
}

nlohmann::json point_list(const std::vector<NamedPoint>& points, const std::vector<double>& snap_m,
                          CoordinateSystem system) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < points.size(); ++i) {
        out.push_back({{"id", points[i].id},
                       {"name", points[i].name},
                       {"location", position_json(shown(points[i].location, system))},
                       {"snap_distance_m", rounded(snap_m[i], 3)}});
    }
    return out;
}

// A route's ferry crossings: empty when it keeps to the roads.
nlohmann::json ferries_json(const std::vector<FerryCrossing>& ferries, CoordinateSystem system) {
    nlohmann::json out = nlohmann::json::array();
    for (const FerryCrossing& f : ferries) {
        out.push_back({{"duration_s", figure(f.duration_s)},
                       {"distance_m", figure(f.distance_m)},
                       {"geometry", shown_line_json(f.geometry, system)}});
    }
    return out;
}

}  // namespace

nlohmann::json nearest_json(const NearestAnswer& answer, CoordinateSystem system) {
    nlohmann::json results = nlohmann::json::array();
    for (const NearestItem& item : answer.results) {
        const auto& route = item.route;
        results.push_back(
            {{"id", item.facility.id},
             {"name", item.facility.name},
             {"kind", item.facility.kind},
             {"duration_s", figure(route ? std::optional(route->duration_s) : std::nullopt)},
             {"distance_m", figure(route ? std::optional(route->distance_m) : std::nullopt)},
             {"geometry",
              route ? shown_line_json(route->geometry, system) : nlohmann::json(nullptr)},
             {"reachable", route.has_value()},
             {"ferries", ferries_json(item.ferries, system)},
             {"snap_distance_m", rounded(item.snap_distance_m, 3)}});
    }
    nlohmann::json unavailable = nlohmann::json::array();
    for (const UnavailableFacility& u : answer.unavailable) {
        unavailable.push_back({{"id", u.facility.id},
                               {"name", u.facility.name},
                               {"kind", u.facility.kind},
                               {"reason", u.reason}});
    }
    nlohmann::json out = {{"incident", position_json(shown(answer.incident.location, system))},
                          {"snap_distance_m", rounded(answer.incident_snap.distance_m, 3)},
                          {"set", std::string(to_string(answer.set))},
                          {"direction", std::string(to_string(answer.direction))},
                          {"metric", answer.metric},
                          {"results", std::move(results)},
                          {"unavailable", std::move(unavailable)}};
    if (!answer.incident_note.empty())
        out["note"] = answer.incident_note;
    if (answer.incident_snap.passed_small_m)
        out["passed_small_component_m"] = rounded(*answer.incident_snap.passed_small_m, 3);
    declare_coordinates(out, system);
    return out;
}

nlohmann::json route_json(const RouteAnswer& answer, CoordinateSystem system) {
    nlohmann::json out(nlohmann::json::value_t::object);
    out["duration_s"] = figure(answer.route.duration_s);
    out["distance_m"] = figure(answer.route.distance_m);
    out["geometry"] = shown_line_json(answer.route.geometry, system);
    out["metric"] = answer.metric;
    out["ferries"] = ferries_json(answer.ferries, system);
    out["from"] = end_json(answer.from, answer.from_snap, system);
    out["to"] = end_json(answer.to, answer.to_snap, system);
    declare_coordinates(out, system);
    return out;
}

nlohmann::json matrix_json(const MatrixAnswer& answer, CoordinateSystem system) {
    nlohmann::json durations = nlohmann::json::array();
    nlohmann::json distances = nlohmann::json::array();
    const TravelMatrix& m = answer.matrix;
    for (std::size_t s = 0; s < m.sources; ++s) {
        nlohmann::json duration_row = nlohmann::json::array();
        nlohmann::json distance_row = nlohmann::json::array();
        for (std::size_t t = 0; t < m.targets; ++t) {
            duration_row.push_back(figure(m.duration(s, t)));
            distance_row.push_back(figure(m.distance(s, t)));
        }
        durations.push_back(std::move(duration_row));
        distances.push_back(std::move(distance_row));
    }
    nlohmann::json out = {{"sources", point_list(answer.sources, answer.source_snap_m, system)},
                          {"targets", point_list(answer.targets, answer.target_snap_m, system)},
                          {"durations_s", std::move(durations)},
                          {"distances_m", std::move(distances)},
                          {"metric", answer.metric}};
    declare_coordinates(out, system);
    return out;
}

namespace {

// One facility's bands: the keys a single-point answer has always had, and the band's limits,
// people and roads' times.
nlohmann::json isochrone_bands_json(const IsochroneAnswer& answer, const IsochroneArea& area,
                                    CoordinateSystem system, const std::stop_token& stop) {
    nlohmann::json bands = nlohmann::json::array();
    for (std::size_t i = 0; i < area.bands.size(); ++i) {
        throw_if_stopped(stop, "the service area's answer");
        const ServiceAreaBand& band = area.bands[i];
        std::vector<std::vector<LonLat>> roads;
        nlohmann::json road_minutes = nlohmann::json::array();
        for (const ReachedSegment& s : band.segments) {
            roads.push_back(shown(band.geometry(s), system));
            road_minutes.push_back({rounded(s.start_s / 60, 2), rounded(s.end_s / 60, 2)});
        }
        const double area_m = band.area.empty() ? 0.0 : area_m2(band.area);
        nlohmann::json population = nullptr;
        if (area.population[i])
            population = *area.population[i];
        bands.push_back(
            {{"minutes", answer.minutes[i]},
             {"from_min", answer.shape == BandShape::rings && i > 0 ? answer.minutes[i - 1] : 0.0},
             {"to_min", answer.minutes[i]},
             {"limit_s", band.limit_s},
             {"nodes", band.nodes.size()},
             {"segments", band.segments.size()},
             {"population", std::move(population)},
             {"area_m2", rounded(area_m, 0)},
             {"area_km2", rounded(area_m / 1e6, 3)},
             {"area", multi_polygon_json(shown(band.area, system))},
             {"roads", multi_line_json(roads)},
             {"road_minutes", std::move(road_minutes)}});
    }
    return bands;
}

nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

nlohmann::json isochrone_json(const IsochroneAnswer& answer, CoordinateSystem system,
                              const std::stop_token& stop) {
    nlohmann::json areas = nlohmann::json::array();
    for (const IsochroneArea& area : answer.areas) {
        nlohmann::json one = {
            {"facility_id", text_or_null(area.origin.id)},
            {"facility_name", text_or_null(area.origin.name)},
            {"facility_kind", area.origin.kind.empty() ? std::string("point") : area.origin.kind},
            {"origin", position_json(shown(area.origin.location, system))},
            {"snapped", position_json(shown(area.snap.point, system))},
            {"snap_distance_m", rounded(area.snap.distance_m, 3)},
            {"bands", isochrone_bands_json(answer, area, system, stop)}};
        if (area.snap.passed_small_m)
            one["passed_small_component_m"] = rounded(*area.snap.passed_small_m, 3);
        areas.push_back(std::move(one));
    }
    nlohmann::json out = {{"direction", std::string(to_string(answer.direction))},
                          {"band_shape", std::string(to_string(answer.shape))},
                          {"travel_mode", answer.profile},
                          {"metric", answer.metric}};
    // One place: its keys at the top as well, as the answer for one point has always had them.
    throw_if_stopped(stop, "the service area's answer");
    if (answer.areas.size() == 1) {
        for (const char* key :
             {"origin", "snapped", "snap_distance_m", "bands", "passed_small_component_m",
              "facility_id", "facility_name", "facility_kind"}) {
            if (areas[0].contains(key))
                out[key] = areas[0][key];
        }
    }
    out["areas"] = std::move(areas);
    declare_coordinates(out, system);
    return out;
}

}  // namespace muster::tools
