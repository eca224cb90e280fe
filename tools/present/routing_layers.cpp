#include "tools/present/routing_layers.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/shown_coordinates.hpp"

namespace muster::tools {

FeatureTable nearest_layer(const NearestAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"nearest",
                       GeometryType::line_string,
                       {{"rank", FieldType::integer},
                        {"id", FieldType::text},
                        {"name", FieldType::text},
                        {"kind", FieldType::text},
                        {"duration_s", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"reachable", FieldType::boolean},
                        {"snap_m", FieldType::real}},
                       {}};
    std::int64_t rank = 0;
    for (const NearestItem& item : answer.results) {
        const auto& route = item.route;
        FeatureRow row;
        row.values = {FieldValue(++rank),
                      item.facility.id,
                      item.facility.name,
                      item.facility.kind,
                      optional_real(route ? std::optional(route->duration_s) : std::nullopt),
                      optional_real(route ? std::optional(route->distance_m) : std::nullopt),
                      flag(route.has_value()),
                      rounded(item.snap_distance_m, 3)};
        if (route)
            row.geometry = route->geometry;
        table.rows.push_back(std::move(row));
    }
    return shown(std::move(table), system);
}

FeatureTable route_layer(const RouteAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"route",
                       GeometryType::line_string,
                       {{"from", FieldType::text},
                        {"to", FieldType::text},
                        {"duration_s", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"ferries", FieldType::integer},
                        {"ferry_s", FieldType::real},
                        {"metric", FieldType::text}},
                       {}};
    double ferry_s = 0;
    for (const FerryCrossing& f : answer.ferries)
        ferry_s += f.duration_s;
    FeatureRow row;
    row.values = {answer.from.text,
                  answer.to.text,
                  rounded(answer.route.duration_s, 3),
                  rounded(answer.route.distance_m, 3),
                  static_cast<std::int64_t>(answer.ferries.size()),
                  rounded(ferry_s, 3),
                  answer.metric};
    row.geometry = answer.route.geometry;
    table.rows.push_back(std::move(row));
    return shown(std::move(table), system);
}

FeatureTable matrix_layer(const MatrixAnswer& answer, CoordinateSystem system) {
    FeatureTable table{"matrix",
                       GeometryType::line_string,
                       {{"source", FieldType::text},
                        {"target", FieldType::text},
                        {"duration_s", FieldType::real},
                        {"distance_m", FieldType::real},
                        {"reachable", FieldType::boolean},
                        {"src_lon", FieldType::real},
                        {"src_lat", FieldType::real},
                        {"dst_lon", FieldType::real},
                        {"dst_lat", FieldType::real}},
                       {}};
    const TravelMatrix& m = answer.matrix;
    for (std::size_t s = 0; s < m.sources; ++s) {
        for (std::size_t t = 0; t < m.targets; ++t) {
            const LonLat a = answer.sources[s].location, b = answer.targets[t].location;
            // The geometry is converted with the whole table below; the columns here.
            const LonLat a_shown = shown(a, system), b_shown = shown(b, system);
            FeatureRow row;
            row.values = {answer.sources[s].id,
                          answer.targets[t].id,
                          optional_real(m.duration(s, t)),
                          optional_real(m.distance(s, t)),
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
