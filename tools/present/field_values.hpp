#pragma once
// Attribute values of output layers as every writer of layers shapes them: reals rounded to
// fixed decimals, flags as 0 / 1 (Shapefile and GeoPackage readers agree on integers, not on
// booleans), nothing written as NULL.

#include <cstdint>
#include <optional>

#include "geodata/feature_table.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

inline FieldValue real(double value, int decimals) {
    return FieldValue(rounded(value, decimals));
}

/// NULL when there is no value.
inline FieldValue optional_real(std::optional<double> value, int decimals = 3) {
    return value ? real(*value, decimals) : FieldValue();
}

inline FieldValue flag(bool value) {
    return FieldValue(std::int64_t{value ? 1 : 0});
}

}  // namespace muster::tools
