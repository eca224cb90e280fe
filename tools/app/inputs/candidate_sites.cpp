#include "tools/app/inputs/candidate_sites.hpp"

#include <charconv>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "engine/errors.hpp"
#include "engine/geometry.hpp"
#include "geodata/ogr_geometry.hpp"
#include "geodata/vector_layer.hpp"

namespace muster::tools {
namespace {

std::string field_list(const VectorLayer& layer) {
    std::string text;
    for (const std::string& name : layer.field_names())
        text += (text.empty() ? "" : ", ") + name;
    return text.empty() ? "none" : text;
}

/// The field `option` names (it must exist), else the first default the layer has.
std::optional<std::size_t> bind(const VectorLayer& layer, const std::string& named,
                                const std::vector<std::string>& defaults, const char* option) {
    if (!named.empty()) {
        const std::vector<std::string> one{named};
        const auto index = layer.find_field(one);
        if (!index) {
            throw InputError(layer.describe() + ": no field '" + named + "' (" + option +
                             "); the layer's fields: " + field_list(layer));
        }
        return index;
    }
    return layer.find_field(defaults);
}

std::optional<double> parse_number(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

}  // namespace

std::vector<CandidateSite> read_candidate_sites(const SourceSpec& spec,
                                                const CandidateFieldNames& names) {
    VectorLayer layer(spec);
    const auto id_field = bind(layer, names.id, {"id", "编号"}, "--id-field");
    if (!id_field) {
        throw InputError(layer.describe() +
                         ": no id field (looked for id, 编号; name one with --id-field); the "
                         "layer's fields: " +
                         field_list(layer));
    }
    const auto name_field = bind(layer, names.name, {"name", "名称"}, "--name-field");
    const auto capacity_field =
        names.read_capacity ? bind(layer, names.capacity, {"capacity", "容量"}, "--capacity-field")
                            : std::nullopt;
    const auto cost_field =
        bind(layer, names.fixed_cost, {"fixed_cost", "建设费用"}, "--fixed-cost-field");
    const auto& fields = layer.field_names();

    std::vector<CandidateSite> sites;
    std::unordered_map<std::string, std::int64_t> seen;  // id -> FID
    layer.for_each([&](const SourceFeature& f) {
        const std::string feature = layer.describe() + ": feature " + std::to_string(f.fid);
        CandidateSite site;
        const auto& id = f.values[*id_field];
        if (!id || id->find_first_not_of(' ') == std::string::npos)
            throw InputError(feature + ": field " + fields[*id_field] + ": empty id");
        site.id = *id;
        const std::string where = feature + " (id '" + site.id + "')";
        if (const auto [it, inserted] = seen.emplace(site.id, f.fid); !inserted) {
            throw InputError(where + ": field " + fields[*id_field] +
                             ": duplicate id (also feature " + std::to_string(it->second) + ")");
        }
        if (name_field && f.values[*name_field])
            site.name = *f.values[*name_field];
        if (capacity_field) {
            const std::string& field = fields[*capacity_field];
            const auto& text = f.values[*capacity_field];
            if (!text) {
                throw InputError(where + ": field " + field +
                                 ": no capacity (give one, or --candidate-capacity N for all)");
            }
            const auto value = parse_number(*text);
            if (!value || *value <= 0) {
                throw InputError(where + ": field " + field +
                                 ": capacity must be a number > 0 (people), not '" + *text + "'");
            }
            site.capacity = *value;
        }
        if (cost_field && f.values[*cost_field]) {
            const std::string& text = *f.values[*cost_field];
            const auto value = parse_number(text);
            if (!value || *value < 0) {
                throw InputError(where + ": field " + fields[*cost_field] +
                                 ": fixed cost must be a number >= 0, not '" + text + "'");
            }
            site.fixed_cost = *value;
        }
        if (!f.geometry)
            throw InputError(where + ": empty geometry (none, or no coordinates)");
        if (const auto point = as_point(*f.geometry)) {
            site.location = *point;
        } else if (auto area = as_multipolygon(*f.geometry)) {
            if (area->polygons.empty() || area->polygons.front().rings.empty() ||
                area->polygons.front().rings.front().empty())
                throw InputError(where + ": empty geometry");
            if (invalid_reason(*area)) {
                auto repaired = make_valid(*area);
                if (!repaired || repaired->polygons.empty())
                    throw InputError(where + ": invalid polygon that cannot be repaired");
                area = std::move(repaired);
            }
            site.location = point_on_surface(*area);
            site.from_area = true;
        } else {
            const std::string type = geometry_type_name(*f.geometry);
            // An empty point is a point type that as_point refuses.
            if (type.find("Point") != std::string::npos && type.find("Multi") == std::string::npos)
                throw InputError(where + ": empty geometry");
            throw InputError(where + ": expected a point or a polygon, found " + type);
        }
        sites.push_back(std::move(site));
    });
    return sites;
}

}  // namespace muster::tools
