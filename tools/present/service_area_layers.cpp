#include "tools/present/service_area_layers.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/shown_coordinates.hpp"

namespace muster::tools {

std::vector<FeatureTable> isochrone_layers(const IsochroneAnswer& answer, CoordinateSystem system) {
    FeatureTable areas{"isochrone",
                       GeometryType::multi_polygon,
                       {{"minutes", FieldType::real},
                        {"limit_s", FieldType::real},
                        {"nodes", FieldType::integer},
                        {"area_m2", FieldType::real},
                        {"direction", FieldType::text},
                        {"metric", FieldType::text}},
                       {}};
    FeatureTable roads{"roads",
                       GeometryType::line_string,
                       {{"minutes", FieldType::real},
                        {"edge", FieldType::integer},
                        {"from_frac", FieldType::real},
                        {"to_frac", FieldType::real}},
                       {}};
    for (std::size_t i = 0; i < answer.bands.size(); ++i) {
        const ServiceAreaBand& band = answer.bands[i];
        FeatureRow area;
        area.values = {answer.minutes[i],
                       band.limit_s,
                       static_cast<std::int64_t>(band.nodes.size()),
                       band.area.empty() ? 0.0 : rounded(area_m2(band.area), 0),
                       std::string(to_string(answer.direction)),
                       answer.metric};
        if (!band.area.empty())
            area.geometry = band.area;
        areas.rows.push_back(std::move(area));
        for (const ReachedSegment& s : band.segments) {
            FeatureRow road;
            road.values = {answer.minutes[i], static_cast<std::int64_t>(s.edge.value()),
                           rounded(s.from_fraction, 6), rounded(s.to_fraction, 6)};
            road.geometry = s.geometry;
            roads.rows.push_back(std::move(road));
        }
    }
    return {shown(std::move(areas), system), shown(std::move(roads), system)};
}

}  // namespace muster::tools
