#include "geodata/point_source.hpp"

#include <ogr_geometry.h>

#include "engine/errors.hpp"
#include "geodata/ogr_geometry.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"

namespace muster {

std::vector<NamedPoint> read_point_source(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    const std::vector<std::string> id_names{"id", "编号"};
    const std::vector<std::string> name_names{"name", "名称"};
    const auto id_field = layer.find_field(id_names);
    const auto name_field = layer.find_field(name_names);

    std::vector<NamedPoint> points;
    layer.for_each([&](const SourceFeature& f) {
        NamedPoint point;
        point.id = id_field && f.values[*id_field] ? *f.values[*id_field] : std::to_string(f.fid);
        if (name_field && f.values[*name_field])
            point.name = *f.values[*name_field];
        const auto location = f.geometry ? as_point(*f.geometry) : std::nullopt;
        if (!location) {
            throw InputError(layer.describe() + ": feature " + std::to_string(f.fid) + " (id '" +
                             point.id + "'): expected a point, found " +
                             (f.geometry && !f.geometry->IsEmpty() ? geometry_type_name(*f.geometry)
                                                                   : "no geometry"));
        }
        point.location = *location;
        points.push_back(std::move(point));
    });
    if (points.empty())
        throw InputError(layer.describe() + ": no points (is the filter right?)");
    return points;
}

}  // namespace muster
