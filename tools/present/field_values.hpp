#pragma once
// Attribute values of output layers as every writer of layers shapes them: reals rounded to
// fixed decimals in the units of docs/outputs.md (minutes, metres, percent), flags as 0 / 1
// (Shapefile and GeoPackage readers agree on integers, not on booleans), nothing written as NULL.

#include <cstdint>
#include <optional>
#include <string>

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

/// A time given in seconds as minutes to 0.01 (docs/outputs.md: times are `_min`).
inline FieldValue minutes(double seconds) {
    return real(seconds / 60, 2);
}

/// A distance in metres to 0.1 m.
inline FieldValue metres(double value) {
    return real(value, 1);
}

/// A share (0..1) as percent to 0.1; NULL without a share.
inline FieldValue percent(std::optional<double> share) {
    return share ? real(*share * 100, 1) : FieldValue();
}

/// NULL when there is no value.
inline FieldValue optional_minutes(std::optional<double> seconds) {
    return seconds ? minutes(*seconds) : FieldValue();
}

/// NULL when there is no value.
inline FieldValue optional_metres(std::optional<double> value) {
    return value ? metres(*value) : FieldValue();
}

/// A text, NULL where it is empty (an entity without a name).
inline FieldValue text_or_null(const std::string& text) {
    return text.empty() ? FieldValue() : FieldValue(text);
}

inline FieldValue flag(bool value) {
    return FieldValue(std::int64_t{value ? 1 : 0});
}

}  // namespace muster::tools
