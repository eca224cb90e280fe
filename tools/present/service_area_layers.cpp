#include "tools/present/service_area_layers.hpp"

#include "engine/geodesic.hpp"
#include "tools/present/field_values.hpp"
#include "tools/present/shown_coordinates.hpp"

namespace muster::tools {
std::vector<FeatureTable> isochrone_layers(const IsochroneAnswer& answer, CoordinateSystem system) {
    FeatureTable areas{"service_area",
                       GeometryType::multi_polygon,
                       {{"facility_id", FieldType::text},
                        {"facility_name", FieldType::text},
                        {"facility_kind", FieldType::text},
                        {"from_min", FieldType::real},
                        {"to_min", FieldType::real},
                        {"population", FieldType::integer},
                        {"area_km2", FieldType::real},
                        {"node_count", FieldType::integer},
                        {"direction", FieldType::text},
                        {"travel_mode", FieldType::text},
                        {"metric", FieldType::text}},
                       {}};
    FeatureTable lines{"service_area_lines",
                       GeometryType::line_string,
                       {{"facility_id", FieldType::text},
                        {"facility_name", FieldType::text},
                        {"band_to_min", FieldType::real},
                        {"edge_id", FieldType::integer},
                        {"from_fraction", FieldType::real},
                        {"to_fraction", FieldType::real},
                        {"start_min", FieldType::real},
                        {"end_min", FieldType::real},
                        {"length_m", FieldType::real}},
                       {}};
    const std::size_t band_count = answer.minutes.size();
    // The largest band of every facility first, then the next: small bands drawn last, on top.
    for (std::size_t b = band_count; b-- > 0;) {
        for (const IsochroneArea& area : answer.areas) {
            if (b >= area.bands.size())
                continue;
            const ServiceAreaBand& band = area.bands[b];
            const double from_min =
                answer.shape == BandShape::rings && b > 0 ? answer.minutes[b - 1] : 0.0;
            FeatureRow row;
            row.values = {
                text_or_null(area.origin.id),
                text_or_null(area.origin.name),
                area.origin.kind.empty() ? FieldValue("point") : FieldValue(area.origin.kind),
                real(from_min, 2),
                real(answer.minutes[b], 2),
                area.population[b] ? FieldValue(*area.population[b]) : FieldValue(),
                real(band.area.empty() ? 0.0 : area_m2(band.area) / 1e6, 3),
                static_cast<std::int64_t>(band.nodes.size()),
                std::string(to_string(answer.direction)),
                answer.profile,
                answer.metric};
            if (!band.area.empty())
                row.geometry = band.area;
            areas.rows.push_back(std::move(row));
        }
    }
    for (const IsochroneArea& area : answer.areas) {
        for (std::size_t b = 0; b < area.bands.size(); ++b) {
            const ServiceAreaBand& band = area.bands[b];
            for (const ReachedSegment& s : band.segments) {
                FeatureRow row;
                row.values = {text_or_null(area.origin.id),
                              text_or_null(area.origin.name),
                              real(answer.minutes[b], 2),
                              static_cast<std::int64_t>(s.edge.value()),
                              real(s.from_fraction, 6),
                              real(s.to_fraction, 6),
                              real(s.start_s / 60, 2),
                              real(s.end_s / 60, 2),
                              real(length_m(band.geometry(s)), 1)};
                const auto line = band.geometry(s);
                row.geometry = std::vector<LonLat>(line.begin(), line.end());
                lines.rows.push_back(std::move(row));
            }
        }
    }
    return {shown(std::move(areas), system), shown(std::move(lines), system)};
}

}  // namespace muster::tools
