#pragma once
// The live state as the HTTP service shows it: a team's state, an event of the log, the version.

#include <nlohmann/json.hpp>

#include "engine/entities.hpp"
#include "geodata/resource_db.hpp"

namespace muster::tools {

/// {"id", "name", "kind", "capacity", "status", "region", "location": [lon, lat]}.
nlohmann::json team_json(const Team& team);

/// {"seq", "time", "user", "kind", "target", "action", "before", "after"}: before and after the
/// entity's JSON as the change stored it, null when it was new or is gone.
nlohmann::json event_json(const Event& event);

}  // namespace muster::tools
