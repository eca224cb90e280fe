#pragma once
// Test support: small GeoJSON layers written by hand, one feature a call, for import tests whose
// single fault or word must be visible in the test.

#include <string>

#include "tests/support/temp_dir.hpp"

namespace muster::test::geojson {

/// A GeoJSON layer called `name` with the given features, written to the directory.
inline std::string layer(const TempDir& dir, const std::string& name, const std::string& features) {
    return dir.write(name + ".geojson", R"({"type": "FeatureCollection", "name": ")" + name +
                                            R"(", "features": [)" + features + "]}");
}

/// One point feature at (lon, lat).
inline std::string point(const std::string& properties, double lon, double lat) {
    return R"({"type": "Feature", "properties": {)" + properties +
           R"(}, "geometry": {"type": "Point", "coordinates": [)" + std::to_string(lon) + ", " +
           std::to_string(lat) + "]}}";
}

/// One line feature from (lon, lat) 0.01° east.
inline std::string line(const std::string& properties, double lon, double lat) {
    return R"({"type": "Feature", "properties": {)" + properties +
           R"(}, "geometry": {"type": "LineString", "coordinates": [[)" + std::to_string(lon) +
           ", " + std::to_string(lat) + "], [" + std::to_string(lon + 0.01) + ", " +
           std::to_string(lat) + "]]}}";
}

}  // namespace muster::test::geojson
