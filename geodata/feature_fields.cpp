#include "geodata/feature_fields.hpp"

#include <charconv>
#include <cmath>

#include "engine/errors.hpp"

namespace muster {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

}  // namespace

FeatureFields::FeatureFields(const VectorLayer& layer, const FieldMap& map, SourceKind kind,
                             const std::vector<std::string>& required)
    : m_layer(layer) {
    for (const std::string& attribute : map.attributes(kind)) {
        const auto match = layer.match_field(map.candidates(kind, attribute));
        if (!match)
            continue;
        m_index[attribute] = match->index;
        if (match->cut) {
            // A guess the user should see: the .dbf kept only the first bytes of the name.
            layer.add_note("attribute '" + attribute + "': took field '" +
                           layer.field_names()[match->index] + "' (the Shapefile's cut form of " +
                           match->candidate + ")");
        }
    }
    for (const std::string& attribute : required) {
        if (!has(attribute)) {
            throw InputError(
                layer.describe() + ": missing required field '" + attribute +
                "' (looked for: " + joined(map.candidates(kind, attribute)) +
                "; the layer has: " + joined(layer.field_names()) +
                (layer.field_names_undecodable()
                     ? "; these names are not text in the encoding the file was read with: name "
                       "its encoding with --encoding, e.g. GBK)"
                     : "; map another name with --fields)"));
        }
    }
}

std::string FeatureFields::field_name(const std::string& attribute) const {
    auto it = m_index.find(attribute);
    return it == m_index.end() ? attribute : m_layer.field_names()[it->second];
}

std::string FeatureFields::where(const SourceFeature& f, const std::string& attribute) const {
    std::string text = m_layer.describe() + ": feature " + id(f);
    if (!attribute.empty())
        text += ": field '" + field_name(attribute) + "'";
    return text;
}

std::string FeatureFields::id(const SourceFeature& f) const {
    if (auto it = m_index.find("id"); it != m_index.end() && f.values[it->second]) {
        return std::string(trimmed(*f.values[it->second]));
    }
    return std::to_string(f.fid);
}

std::optional<std::string> FeatureFields::text(const SourceFeature& f,
                                               const std::string& attribute) const {
    auto it = m_index.find(attribute);
    if (it == m_index.end() || !f.values[it->second])
        return std::nullopt;
    const std::string_view value = trimmed(*f.values[it->second]);
    if (value.empty())
        return std::nullopt;
    return std::string(value);
}

std::optional<double> FeatureFields::number(const SourceFeature& f,
                                            const std::string& attribute) const {
    const auto value = text(f, attribute);
    if (!value)
        return std::nullopt;
    double parsed = 0;
    const char* begin = value->data();
    const char* end = begin + value->size();
    if (*begin == '+')
        ++begin;
    auto [stop, ec] = std::from_chars(begin, end, parsed);
    if (ec != std::errc() || stop != end || !std::isfinite(parsed)) {
        throw InputError(where(f, attribute) + ": not a number: '" + *value + "'");
    }
    return parsed;
}

std::optional<double> FeatureFields::amount(const SourceFeature& f,
                                            const std::string& attribute) const {
    const auto value = number(f, attribute);
    if (value && *value < 0) {
        throw InputError(where(f, attribute) + ": negative value " + *text(f, attribute));
    }
    return value;
}

std::optional<std::int64_t> FeatureFields::count(const SourceFeature& f,
                                                 const std::string& attribute) const {
    const auto value = amount(f, attribute);
    if (!value)
        return std::nullopt;
    if (*value != std::floor(*value) || *value > 9e15) {
        throw InputError(where(f, attribute) + ": not a whole number: " + *text(f, attribute));
    }
    return static_cast<std::int64_t>(*value);
}

}  // namespace muster
