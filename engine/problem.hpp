#pragma once
// A problem with one feature of bulk input that muster could skip or repair: reported in the
// problems list (and the database's problem table, a GIS layer), never dropped silently.

#include <optional>
#include <string>

#include "engine/coordinate.hpp"

namespace muster {

struct Problem {
    std::string kind;        ///< source kind: roads, townships, shelters, ...
    std::string source;      ///< path:layer
    std::string feature_id;  ///< the feature's source id (or its FID)
    std::string field;       ///< the attribute concerned, if one
    std::string message;     ///< what is wrong and what muster did about it
    std::optional<LonLat> location;
    friend bool operator==(const Problem&, const Problem&) = default;
};

}  // namespace muster
