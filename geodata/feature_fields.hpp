#pragma once
// The attributes of one source kind, bound to the fields of one layer, with typed access that
// names the layer, the feature and the field in every error.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geodata/field_map.hpp"
#include "geodata/vector_layer.hpp"

namespace muster {

class FeatureFields {
  public:
    /// Binds each attribute of `kind` to the layer's first matching field (in a Shapefile, else to
    /// the 10-byte cut form of a name, which it adds to the layer's notes). Throws InputError if
    /// a `required` attribute has no field, listing the names tried and the layer's fields.
    FeatureFields(const VectorLayer& layer, const FieldMap& map, SourceKind kind,
                  const std::vector<std::string>& required);

    bool has(const std::string& attribute) const { return m_index.count(attribute) > 0; }
    /// The source field bound to an attribute, e.g. "人口" for population.
    std::string field_name(const std::string& attribute) const;

    /// The feature's id: its id field, or its FID when the layer has none.
    std::string id(const SourceFeature& f) const;
    /// Text value; nothing when the field is absent, null or blank.
    std::optional<std::string> text(const SourceFeature& f, const std::string& attribute) const;
    /// Number; nothing when absent or null. Throws InputError for text that is not a number.
    std::optional<double> number(const SourceFeature& f, const std::string& attribute) const;
    /// A non-negative number (quantity, area). Throws InputError if negative or not a number.
    std::optional<double> amount(const SourceFeature& f, const std::string& attribute) const;
    /// A non-negative whole number (population, capacity, beds). Throws InputError otherwise.
    std::optional<std::int64_t> count(const SourceFeature& f, const std::string& attribute) const;

    /// "path:layer: feature ID: field F" for messages.
    std::string where(const SourceFeature& f, const std::string& attribute = {}) const;

  private:
    const VectorLayer& m_layer;
    std::map<std::string, std::size_t> m_index;  // attribute -> field index
};

}  // namespace muster
