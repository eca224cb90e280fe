#include "tools/app/inputs/relief_inputs.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "engine/errors.hpp"
#include "geodata/ogr_geometry.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"

namespace muster::tools {
namespace {

std::string names_of(const VectorLayer& layer) {
    std::string out;
    for (const std::string& f : layer.field_names())
        out += (out.empty() ? "" : ", ") + f;
    return out.empty() ? "none" : out;
}

// The names a demand or persons table may give its destination field.
const std::vector<std::string> kDestinationFields = {
    "destination", "id", "shelter", "township", "shelter_id", "township_id", "目的地"};

std::size_t required_field(const VectorLayer& layer, const std::vector<std::string>& candidates) {
    if (const auto index = layer.find_field(candidates))
        return *index;
    std::string tried;
    for (const std::string& c : candidates)
        tried += (tried.empty() ? "" : ", ") + c;
    throw InputError(layer.describe() + ": no field for '" + candidates.front() + "' (tried " +
                     tried + "; the layer has " + names_of(layer) + ")");
}

std::string feature_where(const VectorLayer& layer, const SourceFeature& f) {
    return layer.describe() + ": feature " + std::to_string(f.fid);
}

std::optional<double> number_at(const VectorLayer& layer, const SourceFeature& f,
                                std::optional<std::size_t> field) {
    if (!field || !f.values[*field])
        return std::nullopt;
    const std::string& text = *f.values[*field];
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || text.find_first_not_of(" \t", used) != std::string::npos ||
        !std::isfinite(value)) {
        throw InputError(feature_where(layer, f) + ": field " + layer.field_names()[*field] +
                         ": '" + text + "' is not a number");
    }
    return value;
}

/// Hours > 0 from `text` (the whole of it), else nothing.
std::optional<double> positive_hours(std::string_view text) {
    const std::string copy(text);
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(copy, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != copy.size() || !(value > 0) || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

}  // namespace

relief::EtaTargets parse_eta_targets(std::string_view text, std::string_view option) {
    relief::EtaTargets targets;
    const std::string where = std::string(option) + ": ";
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string_view entry = trimmed(text.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (entry.empty())
            throw InputError(where + "an empty entry in '" + std::string(text) +
                             "' (expected HOURS or TIER=HOURS, comma-separated)");
        const std::size_t equals = entry.find('=');
        const std::string_view hours_text =
            equals == std::string_view::npos ? entry : trimmed(entry.substr(equals + 1));
        const std::optional<double> hours = positive_hours(hours_text);
        if (!hours)
            throw InputError(where + "'" + std::string(entry) + "': '" + std::string(hours_text) +
                             "' is not a number of hours > 0");
        if (equals == std::string_view::npos) {
            targets = relief::EtaTargets::uniform(*hours * 3600);
        } else {
            const std::string_view name = trimmed(entry.substr(0, equals));
            const std::optional<DepotTier> tier = parse_depot_tier(name);
            if (!tier)
                throw InputError(where + "'" + std::string(entry) + "': '" + std::string(name) +
                                 "' is not a depot tier (township, county, city, province, "
                                 "central)");
            targets.by_tier_s[relief::tier_index(*tier)] = *hours * 3600;
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return targets;
}

relief::RationTable read_ration_table(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    const std::size_t item = required_field(layer, {"item", "物资", "物资名称"});
    const std::size_t quantity = required_field(layer, {"quantity", "qty", "数量", "定额"});
    const auto unit = layer.find_field(std::vector<std::string>{"unit", "单位"});
    const auto per = layer.find_field(std::vector<std::string>{"per", "basis", "计量方式"});
    const auto source = layer.find_field(std::vector<std::string>{"source", "来源"});
    relief::RationTable table;
    layer.for_each([&](const SourceFeature& f) {
        relief::Ration r;
        r.item = f.values[item].value_or("");
        const auto q = number_at(layer, f, quantity);
        if (!q || *q <= 0) {
            throw InputError(feature_where(layer, f) + ": field " + layer.field_names()[quantity] +
                             ": the quantity per person must be a number > 0");
        }
        r.quantity = *q;
        if (unit && f.values[*unit])
            r.unit = *f.values[*unit];
        const std::string basis = per && f.values[*per] ? *f.values[*per] : "per_person_day";
        if (basis == "per_person_day" || basis == "person_day" || basis == "day") {
            r.basis = relief::RationBasis::per_person_day;
        } else if (basis == "per_person" || basis == "person" || basis == "once") {
            r.basis = relief::RationBasis::per_person;
        } else {
            throw InputError(feature_where(layer, f) + ": field " + layer.field_names()[*per] +
                             ": '" + basis + "' is not per_person_day or per_person");
        }
        if (source && f.values[*source])
            r.source = *f.values[*source];
        table.push_back(std::move(r));
    });
    relief::check_ration_table(table, layer.describe());
    return table;
}

std::vector<DemandRow> read_demand_table(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    const std::size_t destination = required_field(layer, kDestinationFields);
    const std::size_t item = required_field(layer, {"item", "物资", "物资名称"});
    const std::size_t quantity = required_field(layer, {"quantity", "qty", "数量", "需求量"});
    std::vector<DemandRow> rows;
    layer.for_each([&](const SourceFeature& f) {
        DemandRow row;
        row.where = feature_where(layer, f);
        row.destination = f.values[destination].value_or("");
        row.item = f.values[item].value_or("");
        if (row.destination.empty() || row.item.empty()) {
            throw InputError(row.where + ": the destination and the item must not be empty");
        }
        const auto q = number_at(layer, f, quantity);
        if (!q || *q < 0) {
            throw InputError(row.where + ": field " + layer.field_names()[quantity] +
                             ": the quantity must be a number >= 0");
        }
        row.quantity = *q;
        rows.push_back(std::move(row));
    });
    return rows;
}

std::vector<PersonsRow> read_persons_table(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    const std::size_t destination = required_field(layer, kDestinationFields);
    // `people_assigned` is the field of `muster coverage --out`'s shelters layer (`assigned`
    // before it)
    const std::size_t persons =
        required_field(layer, {"persons", "assigned", "people", "人数", "people_assigned"});
    std::vector<PersonsRow> rows;
    layer.for_each([&](const SourceFeature& f) {
        PersonsRow row;
        row.where = feature_where(layer, f);
        row.destination = f.values[destination].value_or("");
        if (row.destination.empty())
            throw InputError(row.where + ": the destination must not be empty");
        const auto n = number_at(layer, f, persons);
        if (!n || *n < 0 || *n != std::floor(*n) || *n > 9e15) {
            throw InputError(row.where + ": field " + layer.field_names()[persons] +
                             ": persons must be a whole number >= 0");
        }
        row.persons = static_cast<std::int64_t>(*n);
        rows.push_back(std::move(row));
    });
    return rows;
}

std::vector<IncidentSite> read_incidents(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    const auto id = layer.find_field(std::vector<std::string>{"id", "编号"});
    const auto name = layer.find_field(std::vector<std::string>{"name", "名称"});
    const std::array<std::optional<std::size_t>, 3> count_fields{
        layer.find_field(std::vector<std::string>{"red", "immediate", "红", "危重"}),
        layer.find_field(std::vector<std::string>{"yellow", "delayed", "黄", "重症"}),
        layer.find_field(std::vector<std::string>{"green", "minor", "绿", "轻症"})};
    if (!count_fields[0] && !count_fields[1] && !count_fields[2]) {
        throw InputError(layer.describe() +
                         ": no casualty counts (fields red, yellow, green; the layer has " +
                         names_of(layer) + ")");
    }
    std::vector<IncidentSite> sites;
    layer.for_each([&](const SourceFeature& f) {
        IncidentSite site;
        site.id = id && f.values[*id] ? *f.values[*id] : std::to_string(f.fid);
        if (name && f.values[*name])
            site.name = *f.values[*name];
        const auto location = f.geometry ? as_point(*f.geometry) : std::nullopt;
        if (!location) {
            throw InputError(feature_where(layer, f) + " (id '" + site.id +
                             "'): an incident must be a point");
        }
        site.location = *location;
        for (int c = 0; c < 3; ++c) {
            const auto v = number_at(layer, f, count_fields[c]);
            if (!v)
                continue;
            if (*v < 0 || *v != std::floor(*v)) {
                throw InputError(feature_where(layer, f) + " (id '" + site.id + "'): field " +
                                 layer.field_names()[*count_fields[c]] +
                                 ": casualties must be a whole number >= 0, got " +
                                 *f.values[*count_fields[c]]);
            }
            site.casualties[c] = static_cast<std::int64_t>(*v);
        }
        sites.push_back(std::move(site));
    });
    return sites;
}

}  // namespace muster::tools
