#include "tools/server/json_body.hpp"

namespace muster::tools {

using nlohmann::json;

QueryError invalid_member(const std::string& member, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, member + ": " + message);
}

void require_object(const json& body, const JsonShape& shape) {
    if (!body.is_object()) {
        throw QueryError(ErrorCode::InvalidJson,
                         "the body must be a JSON object: " + std::string(shape.name) + " takes " +
                             std::string(shape.takes));
    }
}

void unknown_member(const std::string& member, const JsonShape& shape) {
    throw invalid_member(member, "not a member of " + std::string(shape.name) + " (it takes " +
                                     std::string(shape.takes) + ")");
}

std::string text_of(const json& value, const std::string& member, std::string_view example) {
    if (!value.is_string()) {
        throw invalid_member(member, example.empty()
                                         ? std::string("must be text")
                                         : "must be text, e.g. " + std::string(example));
    }
    return value.get<std::string>();
}

LonLat lon_lat_of(const json& value, const std::string& member) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
        throw invalid_member(member, "must be [lon, lat] (WGS84)");
    return {value[0].get<double>(), value[1].get<double>()};
}

}  // namespace muster::tools
