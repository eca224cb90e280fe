#pragma once
// Reading a request's JSON body member by member (the PATCH and POST bodies of teams, facilities
// and incidents), with one wording for each kind of refusal:
//
//   not an object:   InvalidJson  "the body must be a JSON object: a team change takes status,
//                                  location, time"
//   unknown member:  InvalidValue "colour: not a member of a team change (it takes status,
//                                  location, time)"
//   anything else:   InvalidValue "MEMBER: what is wrong with it"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "engine/coordinate.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {

/// What an object of a body is called and the members it takes, as the refusals name them.
struct JsonShape {
    std::string_view name;   ///< e.g. "a shelter change"
    std::string_view takes;  ///< e.g. "status, occupancy"
};

/// QueryError InvalidValue "MEMBER: MESSAGE"; `member` is the path to it, e.g. "stock.items[0]".
QueryError invalid_member(const std::string& member, const std::string& message);

/// Throws QueryError InvalidJson unless `body` is an object.
void require_object(const nlohmann::json& body, const JsonShape& shape);

/// Throws QueryError InvalidValue for `member`, which `shape` does not take.
[[noreturn]] void unknown_member(const std::string& member, const JsonShape& shape);

/// The text of `value`; throws QueryError InvalidValue "MEMBER: must be text" (", e.g. EXAMPLE"
/// if one is given) for anything else.
std::string text_of(const nlohmann::json& value, const std::string& member,
                    std::string_view example = {});

/// [lon, lat], two numbers; throws QueryError InvalidValue "MEMBER: must be [lon, lat] (WGS84)"
/// for anything else. Their range is the caller's to check.
LonLat lon_lat_of(const nlohmann::json& value, const std::string& member);

}  // namespace muster::tools
