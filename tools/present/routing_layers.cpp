#include "tools/present/routing_layers.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/shown_coordinates.hpp"

namespace muster::tools {

FeatureTable nearest_layer(const NearestAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"nearest_facilities",
                       GeometryType::line_string,
                       {{"proximity_rank", FieldType::integer},
                        {"facility_id", FieldType::text},
                        {"facility_name", FieldType::text},
                        {"facility_kind", FieldType::text},
                        {"travel_time_min", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"reachable", FieldType::boolean},
                        {"snap_distance_m", FieldType::real}},
                       {}};
    std::int64_t rank = 0;
    for (const NearestItem& item : answer.results) {
        const auto& route = item.route;
        FeatureRow row;
        row.values = {FieldValue(++rank),
                      item.facility.id,
                      text_or_null(item.facility.name),
                      item.facility.kind,
                      optional_minutes(route ? std::optional(route->duration_s) : std::nullopt),
                      optional_metres(route ? std::optional(route->distance_m) : std::nullopt),
                      flag(route.has_value()),
                      metres(item.snap_distance_m)};
        if (route)
            row.geometry = route->geometry;
        table.rows.push_back(std::move(row));
    }
    return shown(std::move(table), system);
}

FeatureTable route_layer(const RouteAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"fastest_route",
                       GeometryType::line_string,
                       {{"origin", FieldType::text},
                        {"origin_name", FieldType::text},
                        {"destination", FieldType::text},
                        {"destination_name", FieldType::text},
                        {"travel_time_min", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"ferry_crossings", FieldType::integer},
                        {"ferry_time_min", FieldType::real},
                        {"metric", FieldType::text}},
                       {}};
    double ferry_s = 0;
    for (const FerryCrossing& f : answer.ferries)
        ferry_s += f.duration_s;
    FeatureRow row;
    row.values = {answer.from.text,
                  text_or_null(answer.from.name),
                  answer.to.text,
                  text_or_null(answer.to.name),
                  minutes(answer.route.duration_s),
                  metres(answer.route.distance_m),
                  static_cast<std::int64_t>(answer.ferries.size()),
                  minutes(ferry_s),
                  answer.metric};
    row.geometry = answer.route.geometry;
    table.rows.push_back(std::move(row));
    return shown(std::move(table), system);
}

FeatureTable matrix_layer(const MatrixAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"travel_matrix",
                       GeometryType::line_string,
                       {{"origin_id", FieldType::text},
                        {"origin_name", FieldType::text},
                        {"destination_id", FieldType::text},
                        {"destination_name", FieldType::text},
                        {"travel_time_min", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"reachable", FieldType::boolean},
                        {"origin_lon", FieldType::real},
                        {"origin_lat", FieldType::real},
                        {"destination_lon", FieldType::real},
                        {"destination_lat", FieldType::real}},
                       {}};
    const TravelMatrix& m = answer.matrix;
    for (std::size_t s = 0; s < m.sources; ++s) {
        for (std::size_t t = 0; t < m.targets; ++t) {
            const NamedPoint &origin = answer.sources[s], &destination = answer.targets[t];
            const LonLat a = origin.location, b = destination.location;
            // The geometry is converted with the whole table below; the columns here.
            const LonLat a_shown = shown(a, system), b_shown = shown(b, system);
            FeatureRow row;
            row.values = {origin.id,
                          text_or_null(origin.name),
                          destination.id,
                          text_or_null(destination.name),
                          optional_minutes(m.duration(s, t)),
                          optional_metres(m.distance(s, t)),
                          flag(m.duration(s, t).has_value()),
                          rounded(a_shown.lon, 7),
                          rounded(a_shown.lat, 7),
                          rounded(b_shown.lon, 7),
                          rounded(b_shown.lat, 7)};
            row.geometry = std::vector<LonLat>{a, b};
            table.rows.push_back(std::move(row));
        }
    }
    return shown(std::move(table), system);
}

}  // namespace muster::tools
