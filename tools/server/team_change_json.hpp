#pragma once
// A team's change as a client sends it: PATCH /teams/{id} with a JSON object of the members to
// change, as a dispatcher's screen or an AVL/GPS feed sends them:
//
//   {"status": "dispatched" | "on_scene" | ... (engine/vocabulary.hpp's team status words),
//    "location": [lon, lat], "time": "2026-12-04T10:00:00Z"}
//
// At least one member; `time` (when the position was taken) only with `location`.

#include <nlohmann/json.hpp>

#include "tools/app/live_resources.hpp"

namespace muster::tools {

/// The change the body describes. Throws QueryError (InvalidJson for a body that is not an
/// object, InvalidValue naming the member for anything else: an unknown member, a status that is
/// not text, a location that is not [lon, lat] in range, a time that is not ISO 8601 text, an
/// empty change). The status word itself is LiveResources::update_team's to check.
TeamChange parse_team_change(const nlohmann::json& body);

}  // namespace muster::tools
